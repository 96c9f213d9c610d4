package io.brigade.catalog.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many phones and screens are connected ({@code brigade.websocket.sessions}, STOMP sessions past CONNECTED) and
 * how many live updates were pushed to them ({@code brigade.websocket.messages.pushed}). Neither is tagged by
 * destination: destinations hold order and ticket ids.
 */
@Configuration
class LiveUpdateMeters implements WebSocketMessageBrokerConfigurer {

    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final Counter pushed;

    LiveUpdateMeters(MeterRegistry registry) {
        Gauge.builder("brigade.websocket.sessions", sessions, Set::size)
                .description("STOMP sessions connected to the live views").register(registry);
        pushed = Counter.builder("brigade.websocket.messages.pushed")
                .description("Live updates sent to subscribed clients").register(registry);
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.interceptors(new ChannelInterceptor() {
            @Override
            public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean sent, Exception ex) {
                if (sent && SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.MESSAGE) {
                    pushed.increment();
                }
            }
        });
    }

    @EventListener
    void connected(SessionConnectedEvent event) {
        String session = StompHeaderAccessor.wrap(event.getMessage()).getSessionId();
        if (session != null) {
            sessions.add(session);
        }
    }

    @EventListener
    void disconnected(SessionDisconnectEvent event) {
        sessions.remove(event.getSessionId());
    }
}

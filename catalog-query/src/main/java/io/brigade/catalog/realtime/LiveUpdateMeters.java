package io.brigade.catalog.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.brigade.platform.tracing.TraceContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageHeaderAccessor;
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
 * destination: destinations hold order and ticket ids. A push sent while an event is handled carries that event's
 * trace in a {@code traceparent} header, so a screen's update can be followed back to the request that caused it.
 */
@Configuration
class LiveUpdateMeters implements WebSocketMessageBrokerConfigurer {

    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final Counter pushed;
    private final ObjectProvider<TraceContext> trace;

    LiveUpdateMeters(MeterRegistry registry, ObjectProvider<TraceContext> trace) {
        this.trace = trace;
        Gauge.builder("brigade.websocket.sessions", sessions, Set::size)
                .description("STOMP sessions connected to the live views").register(registry);
        pushed = Counter.builder("brigade.websocket.messages.pushed")
                .description("Live updates sent to subscribed clients").register(registry);
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.interceptors(new ChannelInterceptor() {
            @Override
            public Message<?> preSend(Message<?> message, MessageChannel channel) {
                SimpMessageHeaderAccessor headers =
                        MessageHeaderAccessor.getAccessor(message, SimpMessageHeaderAccessor.class);
                TraceContext context = trace.getIfAvailable();
                if (context != null && headers != null && headers.isMutable()
                        && headers.getMessageType() == SimpMessageType.MESSAGE) {
                    context.current().forEach(headers::setNativeHeader);
                }
                return message;
            }

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

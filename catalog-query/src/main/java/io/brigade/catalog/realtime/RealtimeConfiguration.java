package io.brigade.catalog.realtime;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

import java.time.Duration;

/**
 * STOMP over a plain websocket at {@code /ws}. The token is checked on CONNECT, not on the upgrade (browsers cannot
 * put it there). Each session has a bounded send buffer and send time: a slow or vanished client is disconnected.
 */
@Configuration
@EnableWebSocketMessageBroker
class RealtimeConfiguration implements WebSocketMessageBrokerConfigurer {

    private final StompAccess access;
    private final Duration sendTimeLimit;
    private final int sendBufferSizeLimit;

    RealtimeConfiguration(StompAccess access,
                          @Value("${brigade.realtime.send-time-limit:PT10S}") Duration sendTimeLimit,
                          @Value("${brigade.realtime.send-buffer-size-limit:524288}") int sendBufferSizeLimit) {
        this.access = access;
        this.sendTimeLimit = sendTimeLimit;
        this.sendBufferSizeLimit = sendBufferSizeLimit;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/ws").setAllowedOriginPatterns("*");
    }

    /** Messages to one session leave in the order they were sent: the current state first, then the changes. */
    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.setPreservePublishOrder(true);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(access);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.setSendTimeLimit((int) sendTimeLimit.toMillis())
                .setSendBufferSizeLimit(sendBufferSizeLimit)
                .setMessageSizeLimit(64 * 1024)
                .setTimeToFirstMessage(30_000);
    }
}

package io.brigade.catalog.realtime;

import jakarta.websocket.Session;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

import java.time.Duration;

/**
 * STOMP over a plain websocket at {@code /ws}. The token is checked on CONNECT, not on the upgrade (browsers cannot
 * put it there). A slow or vanished client is disconnected and holds no one else up: each session has a bounded send
 * buffer and send time, a write to a client that reads nothing gives up after that same time (instead of the
 * server's 20 s), and there are enough sending threads that a few stuck clients cannot take them all.
 */
@Configuration
@EnableWebSocketMessageBroker
class RealtimeConfiguration implements WebSocketMessageBrokerConfigurer {

    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final StompAccess access;
    private final SocketsOfEndedSessions sockets;
    private final Duration sendTimeLimit;
    private final int sendBufferSizeLimit;
    private final int sendThreads;

    RealtimeConfiguration(StompAccess access, SocketsOfEndedSessions sockets,
                          @Value("${brigade.realtime.send-time-limit:PT10S}") Duration sendTimeLimit,
                          @Value("${brigade.realtime.send-buffer-size-limit:524288}") int sendBufferSizeLimit,
                          @Value("${brigade.realtime.send-threads:32}") int sendThreads) {
        this.access = access;
        this.sockets = sockets;
        this.sendTimeLimit = sendTimeLimit;
        this.sendBufferSizeLimit = sendBufferSizeLimit;
        this.sendThreads = sendThreads;
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
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.taskExecutor().corePoolSize(sendThreads).maxPoolSize(sendThreads);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.setSendTimeLimit((int) sendTimeLimit.toMillis())
                .setSendBufferSizeLimit(sendBufferSizeLimit)
                .setMessageSizeLimit(64 * 1024)
                .setTimeToFirstMessage(30_000)
                .addDecoratorFactory(handler -> new WebSocketHandlerDecorator(handler) {
                    @Override
                    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                        limitBlockingSends(session);
                        sockets.opened(session);
                        super.afterConnectionEstablished(session);
                    }

                    @Override
                    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                        sockets.closed(session.getId());
                        super.afterConnectionClosed(session, status);
                    }
                });
    }

    /** Tomcat's own limit on one blocking write, which would otherwise hold a sending thread for 20 s. */
    private void limitBlockingSends(WebSocketSession session) {
        if (session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof Session websocket) {
            websocket.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, sendTimeLimit.toMillis());
        }
    }
}

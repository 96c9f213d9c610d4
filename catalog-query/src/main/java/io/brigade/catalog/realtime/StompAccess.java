package io.brigade.catalog.realtime;

import io.brigade.platform.security.Caller;
import io.brigade.platform.security.CallerAuthentication;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * Who may use the websocket: a CONNECT frame must carry a valid access token ({@code Authorization: Bearer ...}),
 * checked exactly as HTTP requests are; a SUBSCRIBE must name a live view the caller's role may watch; and clients
 * send nothing (a SEND would reach every watcher of its destination). A refusal becomes a STOMP ERROR frame and the
 * socket is closed. Allowed subscriptions start their live feed.
 */
@Component
class StompAccess implements ChannelInterceptor {

    private final JwtDecoder tokens;
    private final LiveSubscriptions subscriptions;
    private final SocketsOfEndedSessions sockets;

    StompAccess(JwtDecoder tokens, LiveSubscriptions subscriptions, SocketsOfEndedSessions sockets) {
        this.tokens = tokens;
        this.subscriptions = subscriptions;
        this.sockets = sockets;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (stomp == null || stomp.getCommand() == null) {
            return message;
        }
        switch (stomp.getCommand()) {
            case CONNECT, STOMP -> stomp.setUser(authenticate(stomp));
            case SUBSCRIBE -> subscribe(stomp);
            case SEND -> throw new MessageDeliveryException("Live views are only watched; nothing is sent to "
                    + stomp.getDestination());
            case UNSUBSCRIBE -> subscriptions.close(stomp.getSessionId(), stomp.getSubscriptionId());
            case DISCONNECT -> subscriptions.closeAll(stomp.getSessionId());
            default -> {
            }
        }
        return message;
    }

    private CallerAuthentication authenticate(StompHeaderAccessor stomp) {
        String header = stomp.getFirstNativeHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new MessageDeliveryException("A valid access token is required: Authorization: Bearer <token>");
        }
        Jwt token;
        try {
            token = tokens.decode(header.substring(7).trim());
        } catch (JwtException e) {
            throw new MessageDeliveryException("A valid access token is required");
        }
        sockets.connected(stomp.getSessionId(), token);
        return new CallerAuthentication(token);
    }

    private void subscribe(StompHeaderAccessor stomp) {
        if (!(stomp.getUser() instanceof CallerAuthentication authentication)) {
            throw new MessageDeliveryException("Connect with an access token first");
        }
        Caller caller = authentication.getPrincipal();
        LiveDestination destination = LiveDestination.of(stomp.getDestination())
                .orElseThrow(() -> new MessageDeliveryException("No live view at " + stomp.getDestination()));
        if (!destination.allows(caller.role())) {
            throw new MessageDeliveryException("Your role may not watch " + destination.destination());
        }
        subscriptions.open(stomp.getSessionId(), stomp.getSubscriptionId(), destination);
    }
}

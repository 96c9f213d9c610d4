package io.brigade.catalog.realtime;

import io.brigade.platform.security.EndedSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes the websockets of a user whose sessions the auth service has ended (deactivated, a new role, a new password),
 * as their HTTP requests are refused: a phone handed back stops showing the floor and the bills at once. A socket
 * connected with a token issued after the change stays open.
 */
@Component
class SocketsOfEndedSessions {

    private static final Logger log = LoggerFactory.getLogger(SocketsOfEndedSessions.class);
    private static final CloseStatus SESSION_ENDED = CloseStatus.POLICY_VIOLATION.withReason("Session ended");

    private record Connected(WebSocketSession socket, String userId, Instant tokenIssuedAt) {
    }

    private final Map<String, WebSocketSession> open = new ConcurrentHashMap<>();
    private final Map<String, Connected> connected = new ConcurrentHashMap<>();

    SocketsOfEndedSessions(EndedSessions endedSessions) {
        endedSessions.whenEnded(this::ended);
    }

    void opened(WebSocketSession socket) {
        open.put(socket.getId(), socket);
    }

    /** The STOMP session id is the websocket's id. */
    void connected(String sessionId, Jwt token) {
        WebSocketSession socket = open.get(sessionId);
        if (socket != null && token.getIssuedAt() != null) {
            connected.put(sessionId, new Connected(socket, token.getSubject(), token.getIssuedAt()));
        }
    }

    void closed(String sessionId) {
        open.remove(sessionId);
        connected.remove(sessionId);
    }

    private void ended(String userId, Instant second) {
        connected.values().stream()
                .filter(c -> c.userId().equals(userId) && !c.tokenIssuedAt().isAfter(second))
                .forEach(c -> close(c.socket()));
    }

    private static void close(WebSocketSession socket) {
        try {
            socket.close(SESSION_ENDED);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing websocket {} of an ended session: {}", socket.getId(), e.toString());
        }
    }
}

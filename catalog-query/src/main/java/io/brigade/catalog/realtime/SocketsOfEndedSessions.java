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

    /** An open websocket, and once its CONNECT was accepted, whose token it carries and when that was issued. */
    private record Socket(WebSocketSession session, String userId, Instant tokenIssuedAt) {

        boolean endedWith(String endedUser, Instant second) {
            return endedUser.equals(userId) && tokenIssuedAt != null && !tokenIssuedAt.isAfter(second);
        }
    }

    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();

    SocketsOfEndedSessions(EndedSessions endedSessions) {
        endedSessions.whenEnded(this::ended);
    }

    void opened(WebSocketSession session) {
        sockets.put(session.getId(), new Socket(session, null, null));
    }

    /** The STOMP session id is the websocket's id. */
    void connected(String sessionId, Jwt token) {
        sockets.computeIfPresent(sessionId, (id, socket) ->
                new Socket(socket.session(), token.getSubject(), token.getIssuedAt()));
    }

    void closed(String sessionId) {
        sockets.remove(sessionId);
    }

    private void ended(String userId, Instant second) {
        sockets.values().stream().filter(socket -> socket.endedWith(userId, second))
                .forEach(socket -> close(socket.session()));
    }

    private static void close(WebSocketSession socket) {
        try {
            socket.close(SESSION_ENDED);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing websocket {} of an ended session: {}", socket.getId(), e.toString());
        }
    }
}

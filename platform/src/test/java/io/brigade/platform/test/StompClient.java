package io.brigade.platform.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** A STOMP client as the app is one: connects with its access token, subscribes, and keeps every message it gets. */
public final class StompClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StompSession session;
    private final List<String> errors;

    private StompClient(StompSession session, List<String> errors) {
        this.session = session;
        this.errors = errors;
    }

    /** A message received on one subscription, with when it arrived. */
    /** {@code traceparent}: the trace the push belongs to, when the service sent one. */
    public record Received(String destination, JsonNode body, long receivedNanos, String traceparent) {

        public String type() {
            return body.path("type").asText();
        }

        public JsonNode data() {
            return body.path("data");
        }
    }

    public static WebSocketStompClient client() {
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setMessageConverter(new ByteArrayMessageConverter() {
            @Override
            protected boolean supportsMimeType(org.springframework.messaging.MessageHeaders headers) {
                return true; // bodies are JSON; the test reads the bytes itself
            }
        });
        return client;
    }

    public static StompClient connect(String url, String accessToken) throws Exception {
        return connect(url, accessToken, Duration.ofSeconds(30));
    }

    public static StompClient connect(String url, String accessToken, Duration within) throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        StompHeaders connect = new StompHeaders();
        if (accessToken != null) {
            connect.add("Authorization", "Bearer " + accessToken);
        }
        StompSession session = client().connectAsync(URI.create(url), new WebSocketHttpHeaders(), connect,
                        new Errors(errors))
                .get(within.toMillis(), TimeUnit.MILLISECONDS);
        return new StompClient(session, errors);
    }

    /** Tries to connect, and answers the ERROR frame's message, or the failure, of a refused CONNECT. */
    public static String refusedConnect(String url, String accessToken) {
        List<String> errors = new CopyOnWriteArrayList<>();
        StompHeaders connect = new StompHeaders();
        if (accessToken != null) {
            connect.add("Authorization", "Bearer " + accessToken);
        }
        CompletableFuture<StompSession> connecting = client().connectAsync(URI.create(url),
                new WebSocketHttpHeaders(), connect, new Errors(errors));
        try {
            connecting.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            return errors.isEmpty() ? String.valueOf(e.getCause()) : errors.get(0);
        }
        throw new AssertionError("The CONNECT was accepted");
    }

    public List<Received> subscribe(String destination) {
        List<Received> received = new CopyOnWriteArrayList<>();
        session.subscribe(destination, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                try {
                    received.add(new Received(destination, JSON.readTree((byte[]) payload), System.nanoTime(),
                            headers.getFirst("traceparent")));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        return received;
    }

    public void send(String destination, String json) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        session.send(headers, json.getBytes(StandardCharsets.UTF_8));
    }

    public List<String> errors() {
        return errors;
    }

    public boolean isConnected() {
        return session.isConnected();
    }

    public static Received awaitMessage(List<Received> received, Predicate<Received> expected, Duration within) {
        return await().atMost(within).pollInterval(Duration.ofMillis(10))
                .until(() -> received.stream().filter(expected).findFirst().orElse(null), r -> r != null);
    }

    @Override
    public void close() {
        if (session.isConnected()) {
            session.disconnect();
        }
    }

    private static final class Errors extends StompSessionHandlerAdapter {

        private final List<String> errors;

        private Errors(List<String> errors) {
            this.errors = errors;
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            errors.add(headers.getFirst("message"));
        }

        @Override
        public void handleException(StompSession session, StompCommand command, StompHeaders headers, byte[] payload,
                                    Throwable exception) {
            errors.add(exception.toString());
        }

        @Override
        public void handleTransportError(StompSession session, Throwable exception) {
            errors.add(exception.toString());
        }
    }
}

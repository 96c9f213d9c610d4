package io.brigade.platform.test.hostile;

import io.brigade.platform.test.StompFrames;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Hostile websockets on {@code /ws}: garbage instead of STOMP, a frame before CONNECT, a bad token, an oversized
 * frame before or after a good CONNECT. Each must be refused: a STOMP ERROR frame, or the socket closed by the server.
 */
public final class HostileSockets {

    /** What one hostile socket sent, and how it was refused ({@code refused} false when the server kept it open). */
    public record Outcome(String sent, boolean refused, boolean reached, String how) {

        @Override
        public String toString() {
            return sent + ": " + how;
        }
    }

    private record Frames(String name, boolean connectFirst, String frame) {
    }

    private static final List<Frames> FRAMES = List.of(
            new Frames("garbage frame", false, "\u0001\u0002 not stomp at all \uFFFF\n\n\u0000"),
            new Frames("SUBSCRIBE before CONNECT", false, "SUBSCRIBE\nid:1\ndestination:/topic/floor\n\n\u0000"),
            new Frames("CONNECT with a bad token", false,
                    "CONNECT\naccept-version:1.2\nhost:localhost\nAuthorization:Bearer not.a.token\n\n\u0000"),
            new Frames("oversized CONNECT", false, "CONNECT\naccept-version:1.2\nhost:localhost\nx-padding:"
                    + "x".repeat(200 * 1024) + "\n\n\u0000"),
            new Frames("oversized SEND after CONNECT", true, "SEND\ndestination:/app/orders\n\n"
                    + "x".repeat(300 * 1024) + "\u0000"),
            new Frames("garbage after CONNECT", true, "NOT-A-COMMAND\n\u0000\u0000\n\n\u0000"));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HostileSockets() {
    }

    /** Opens one websocket at {@code wsUrl}, sends one of the hostile frames, and waits for the refusal. */
    public static Outcome sendOne(String wsUrl, String accessToken) {
        Frames chosen = FRAMES.get(ThreadLocalRandom.current().nextInt(FRAMES.size()));
        CompletableFuture<String> refusal = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    if (text.toString().startsWith("ERROR")) {
                        refusal.complete("STOMP ERROR");
                    }
                    text.setLength(0);
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                refusal.complete("closed " + statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                refusal.complete("closed: " + error.getClass().getSimpleName());
            }
        };
        WebSocket socket;
        try {
            socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create(wsUrl), listener).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return new Outcome(chosen.name(), false, false, "no socket: " + e.getClass().getSimpleName());
        }
        try {
            if (chosen.connectFirst()) {
                socket.sendText(StompFrames.connect(accessToken), true).get(5, TimeUnit.SECONDS);
                Thread.sleep(300);
            }
            socket.sendText(chosen.frame(), true).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the server may close the socket while the frame is still being sent: the close says why
        }
        try {
            return new Outcome(chosen.name(), true, true, refusal.get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            return new Outcome(chosen.name(), false, true, "left open without an ERROR");
        } finally {
            socket.abort();
        }
    }
}

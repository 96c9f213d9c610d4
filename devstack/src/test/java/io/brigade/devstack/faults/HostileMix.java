package io.brigade.devstack.faults;

import io.brigade.platform.test.hostile.Endpoint;
import io.brigade.platform.test.hostile.HostileRequest;
import io.brigade.platform.test.hostile.HostileRequests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Hostile clients mixed into the dinner service: a few requests a second drawn from the hostile-input set (each a
 * request the API accepts with one thing broken), and now and then a websocket sending garbage, a frame before
 * CONNECT, a bad token or an oversized frame on {@code /ws}. Each answer is kept with the fault it came under.
 */
final class HostileMix {

    /** One hostile request and what came back: a status, or {@code -1} with the exception. */
    record Sent(String request, int status, String exception, String phase, String down) {

        boolean refused() {
            return status >= 400 && status < 500;
        }
    }

    private static final Duration NEW_TOKENS_EVERY = Duration.ofMinutes(5);

    private final String gateway;
    private final Supplier<List<Endpoint>> endpoints;
    private final Supplier<String> kitchenToken;
    private final Supplier<String> phase;
    private final Supplier<String> down;
    private final double perSecond;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Sent> sent = new ArrayList<>();
    private volatile boolean running = true;
    private Thread thread;

    HostileMix(String gateway, Supplier<List<Endpoint>> endpoints, Supplier<String> kitchenToken,
               Supplier<String> phase, Supplier<String> down, double perSecond) {
        this.gateway = gateway;
        this.endpoints = endpoints;
        this.kitchenToken = kitchenToken;
        this.phase = phase;
        this.down = down;
        this.perSecond = perSecond;
    }

    void start() {
        thread = new Thread(this::run, "hostile-clients");
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.MINUTES.toMillis(1));
    }

    List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    private void run() {
        Iterator<HostileRequest> requests = HostileRequests.against(endpoints.get()).sampleStream().iterator();
        long tokensAt = System.nanoTime();
        long pauseMillis = Math.round(1000 / perSecond);
        int count = 0;
        while (running) {
            if (System.nanoTime() - tokensAt > NEW_TOKENS_EVERY.toNanos()) {
                try {
                    requests = HostileRequests.against(endpoints.get()).sampleStream().iterator();
                    tokensAt = System.nanoTime();
                } catch (RuntimeException e) {
                    // signing in failed (the gateway or auth is down): the old tokens serve until next time
                }
            }
            String underPhase = phase.get();
            String partDown = down.get();
            Sent answer = ++count % 10 == 0 ? webSocket(underPhase, partDown)
                    : http(requests.next(), underPhase, partDown);
            synchronized (sent) {
                sent.add(answer);
            }
            sleep(pauseMillis);
        }
    }

    private Sent http(HostileRequest request, String underPhase, String partDown) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway + request.path()))
                    .timeout(Duration.ofSeconds(20))
                    .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
            if (request.token() != null) {
                builder.header("Authorization", "Bearer " + request.token());
            }
            if (request.contentType() != null) {
                builder.header("Content-Type", request.contentType());
            }
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Sent(request.toString(), response.statusCode(), null, underPhase, partDown);
        } catch (Exception e) {
            return new Sent(request.toString(), -1, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    underPhase, partDown);
        }
    }

    /**
     * A websocket that breaks STOMP: refused when the server answers with an ERROR frame or closes the socket
     * (counted as 400); kept open and silent it counts as accepted (200), which the checks refuse.
     */
    private Sent webSocket(String underPhase, String partDown) {
        String connect = "CONNECT\naccept-version:1.2\nhost:localhost\nAuthorization:Bearer " + kitchenToken.get()
                + "\n\n\u0000";
        String[][] cases = {
                {"garbage frame", null, "\u0001\u0002 not stomp at all \uFFFF\n\n\u0000"},
                {"SUBSCRIBE before CONNECT", null, "SUBSCRIBE\nid:1\ndestination:/topic/floor\n\n\u0000"},
                {"CONNECT with a bad token", null, "CONNECT\naccept-version:1.2\nhost:localhost\n"
                        + "Authorization:Bearer not.a.token\n\n\u0000"},
                {"oversized CONNECT header", null, "CONNECT\naccept-version:1.2\nhost:localhost\nx-padding:"
                        + "x".repeat(200 * 1024) + "\n\n\u0000"},
                {"oversized SEND after CONNECT", connect, "SEND\ndestination:/app/orders\n\n"
                        + "x".repeat(300 * 1024) + "\u0000"},
                {"garbage after CONNECT", connect, "NOT-A-COMMAND\n\u0000\u0000\n\n\u0000"}};
        String[] chosen = cases[ThreadLocalRandom.current().nextInt(cases.length)];
        String name = "ws /ws " + chosen[0];
        CompletableFuture<String> refused = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    if (text.toString().startsWith("ERROR")) {
                        refused.complete("ERROR frame");
                    }
                    text.setLength(0);
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                refused.complete("closed " + statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                refused.complete("closed: " + error.getClass().getSimpleName());
            }
        };
        WebSocket socket = null;
        try {
            socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create(gateway.replaceFirst("^http", "ws") + "/ws"), listener)
                    .get(10, TimeUnit.SECONDS);
            if (chosen[1] != null) {
                socket.sendText(chosen[1], true).get(5, TimeUnit.SECONDS);
                sleep(300);
            }
            socket.sendText(chosen[2], true).get(10, TimeUnit.SECONDS);
            String how = refused.get(10, TimeUnit.SECONDS);
            return new Sent(name + " (" + how + ")", 400, null, underPhase, partDown);
        } catch (java.util.concurrent.TimeoutException e) {
            return refused.isDone() ? new Sent(name + " (" + refused.join() + ")", 400, null, underPhase, partDown)
                    : new Sent(name + " (left open, no ERROR)", 200, null, underPhase, partDown);
        } catch (Exception e) {
            try {
                // a send that fails because the server already closed the socket: the close tells why
                return new Sent(name + " (" + refused.get(3, TimeUnit.SECONDS) + ")", 400, null, underPhase,
                        partDown);
            } catch (Exception none) {
                // no ERROR and no close seen: the failure itself is the answer
            }
            return new Sent(name, -1, e.getClass().getSimpleName() + ": " + e.getMessage(), underPhase, partDown);
        } finally {
            if (socket != null) {
                socket.abort();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.brigade.devstack.faults;

import io.brigade.platform.test.hostile.Endpoint;
import io.brigade.platform.test.hostile.HostileRequest;
import io.brigade.platform.test.hostile.HostileRequests;
import io.brigade.platform.test.hostile.HostileSockets;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Hostile clients mixed into the dinner service: a few requests a second drawn from the hostile-input set (each a
 * request the API accepts with one thing broken), and now and then a hostile websocket on {@code /ws}
 * ({@link HostileSockets}). Each answer is kept with the fault it came under.
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
                } catch (RuntimeException | AssertionError e) {
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

    /** A websocket that breaks STOMP: refused with an ERROR frame or closed (counted as 400), kept open as 200. */
    private Sent webSocket(String underPhase, String partDown) {
        HostileSockets.Outcome outcome = HostileSockets.sendOne(gateway.replaceFirst("^http", "ws") + "/ws",
                kitchenToken.get());
        return new Sent("ws /ws " + outcome, outcome.refused() ? 400 : outcome.reached() ? 200 : -1,
                outcome.reached() ? null : outcome.how(), underPhase, partDown);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

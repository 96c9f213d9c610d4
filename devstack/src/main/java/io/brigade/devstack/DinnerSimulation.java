package io.brigade.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brigade.platform.demo.DemoData;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays a dinner service through the gateway: each waiter seats guests at a free table, takes starters and mains,
 * sends them, adds desserts later, and asks for the bill; a cook works the kitchen board, oldest ticket first. When
 * every table is taken, the manager clears the table that has waited longest since its bill was asked for.
 */
final class DinnerSimulation implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DemoData demo;
    private final String gateway;
    private final Duration pace;
    private final int waiters;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService pool;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<String> billed = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong orders = new AtomicLong();

    private final Map<String, String> accessTokens = new ConcurrentHashMap<>();

    DinnerSimulation(DemoData demo, String gateway, Duration pace, int waiters) {
        this.demo = demo;
        this.gateway = gateway;
        this.pace = pace;
        this.waiters = waiters;
        this.pool = Executors.newFixedThreadPool(waiters + 1, r -> new Thread(r, "simulated-staff"));
    }

    void start() {
        System.out.printf("Simulating a dinner service: %d waiters, one action every %d ms each%n", waiters,
                pace.toMillis());
        for (int i = 1; i <= waiters; i++) {
            String waiter = "sim-waiter-" + i;
            pool.submit(() -> serveTables(waiter));
        }
        pool.submit(this::cook);
    }

    private void serveTables(String waiter) {
        while (running.get()) {
            try {
                serveOneTable(waiter);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | IOException e) {
                System.err.println(waiter + ": " + e.getMessage());
                pause(pace.multipliedBy(2));
            }
        }
    }

    private void serveOneTable(String waiter) throws IOException, InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<DemoData.Table> tables = new ArrayList<>(demo.tables());
        Collections.shuffle(tables);
        String orderId = null;
        for (DemoData.Table table : tables) {
            var opened = post("STAFF", "/api/v1/orders",
                    Map.of("tableId", table.id().toString(), "guests", 1 + random.nextInt(table.seats())));
            if (opened.statusCode() == 201) {
                orderId = JSON.readTree(opened.body()).path("orderId").asText();
                break;
            }
        }
        if (orderId == null) {
            clearLongestBilledTable();
            pause(pace);
            return;
        }
        orders.incrementAndGet();
        addLines(waiter, orderId, random.nextInt(1, 4), "Starters", "Drinks", 1);
        addLines(waiter, orderId, random.nextInt(1, 4), "Mains", "Sides", 2);
        post("STAFF", "/api/v1/orders/" + orderId + "/send", Map.of());
        pause(pace.multipliedBy(4));
        addLines(waiter, orderId, random.nextInt(0, 3), "Desserts", "Drinks", 3);
        post("STAFF", "/api/v1/orders/" + orderId + "/send", Map.of());
        pause(pace.multipliedBy(4));
        if (post("STAFF", "/api/v1/orders/" + orderId + "/bill", Map.of()).statusCode() == 202) {
            billed.add(orderId);
        }
    }

    /** One step on the oldest ticket: start a queued item, else finish a cooking one, else bump the ticket. */
    private void cook() {
        while (running.get()) {
            try {
                JsonNode board = JSON.readTree(get("KITCHEN", "/api/v1/kitchen/board").body());
                if (board.isArray() && !board.isEmpty()) {
                    JsonNode ticket = board.get(0);
                    String path = "/api/v1/kitchen/tickets/" + ticket.path("ticketId").asText();
                    JsonNode queued = itemIn(ticket, "QUEUED");
                    JsonNode cooking = itemIn(ticket, "COOKING");
                    if (queued != null) {
                        post("KITCHEN", path + "/items/" + queued.path("lineId").asText() + "/start", Map.of());
                    } else if (cooking != null) {
                        post("KITCHEN", path + "/items/" + cooking.path("lineId").asText() + "/ready", Map.of());
                    } else {
                        post("KITCHEN", path + "/bump", Map.of());
                    }
                }
                pause(pace);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | IOException e) {
                System.err.println("cook: " + e.getMessage());
                pause(pace.multipliedBy(2));
            }
        }
    }

    private static JsonNode itemIn(JsonNode ticket, String status) {
        for (JsonNode item : ticket.path("items")) {
            if (item.path("status").asText().equals(status)) {
                return item;
            }
        }
        return null;
    }

    private void addLines(String waiter, String orderId, int count, String category, String other, int course)
            throws IOException, InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<DemoData.Item> items = demo.categories().stream()
                .filter(c -> c.name().equals(category) || c.name().equals(other))
                .flatMap(c -> c.items().stream()).toList();
        for (int i = 0; i < count; i++) {
            DemoData.Item item = items.get(random.nextInt(items.size()));
            post("STAFF", "/api/v1/orders/" + orderId + "/lines", Map.of("menuItemId", item.id().toString(),
                    "quantity", 1 + random.nextInt(2), "seat", 1 + random.nextInt(4), "course", course));
            pause(pace);
        }
    }

    private void clearLongestBilledTable() throws IOException, InterruptedException {
        if (!billed.isEmpty()) {
            String orderId = billed.remove(0);
            post("MANAGER", "/api/v1/orders/" + orderId + "/cancel",
                    Map.of("reason", "Table cleared by the simulation"));
        }
    }

    /** Posts as the demo user of {@code role}, signed in through the gateway; signs in again when the token ran out. */
    private HttpResponse<String> post(String role, String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(path, body, accessToken(role, false));
        if (response.statusCode() == 401) {
            response = send(path, body, accessToken(role, true));
        }
        return response;
    }

    private HttpResponse<String> get(String role, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(path, null, accessToken(role, false));
        if (response.statusCode() == 401) {
            response = send(path, null, accessToken(role, true));
        }
        return response;
    }

    private HttpResponse<String> send(String path, Object body, String accessToken)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + accessToken);
        if (body == null) {
            request.GET();
        } else {
            request.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String accessToken(String role, boolean renew) throws IOException, InterruptedException {
        if (!renew && accessTokens.containsKey(role)) {
            return accessTokens.get(role);
        }
        DemoData.User user = demo.users().stream().filter(u -> u.role().equals(role)).findFirst().orElseThrow();
        HttpRequest login = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("username", user.username(), "password", user.password()))))
                .build();
        HttpResponse<String> response = http.send(login, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("The simulation could not sign in as " + user.username() + ": " + response.body());
        }
        String token = JSON.readTree(response.body()).path("accessToken").asText();
        accessTokens.put(role, token);
        return token;
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        System.out.printf("The simulation opened %d orders%n", orders.get());
    }

}

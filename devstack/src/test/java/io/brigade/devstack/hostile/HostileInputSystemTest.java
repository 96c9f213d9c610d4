package io.brigade.devstack.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.devstack.RunningDevstack;
import io.brigade.platform.demo.DemoData;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.hostile.Endpoint;
import io.brigade.platform.test.hostile.Endpoints;
import io.brigade.platform.test.hostile.HostileRequest;
import io.brigade.platform.test.hostile.HostileRequests;
import io.brigade.platform.test.hostile.HostileTargets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile clients against every endpoint of the public API, through the gateway of a running devstack: each request
 * is one the API accepts with exactly one thing broken. Every answer is a 4xx problem+json without a trace of the
 * server's insides, no event store gains a row, and afterwards the kitchen still gets a normal order's ticket at once.
 */
class HostileInputSystemTest {

    private static final DemoData DEMO = RunningDevstack.DEMO;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern INSIDES = Pattern.compile(
            "(java|javax|jakarta|org\\.springframework|com\\.fasterxml|io\\.brigade|org\\.axonframework)\\.[a-z]"
                    + "|Exception|\\tat |<html", Pattern.CASE_INSENSITIVE);
    private static final List<String[]> STORES = List.of(
            new String[]{"order_db", "domain_event_entry"}, new String[]{"kitchen_db", "domain_event_entry"},
            new String[]{"billing_db", "domain_event_entry"}, new String[]{"catalog_db", "domain_event_entry"},
            new String[]{"auth_db", "users"});

    private static RunningDevstack restaurant;
    private static HostileTargets service;
    private static List<Endpoint> endpoints;
    private static Map<String, Long> rowsBefore;

    @BeforeContainer
    static void startARestaurantInTheMiddleOfService() throws IOException {
        List<String> limits = List.of("per-user-per-second", "per-user-burst", "per-address-per-second",
                "per-address-burst");
        limits.forEach(limit -> System.setProperty("brigade.gateway.rate-limit." + limit, "100000"));
        try {
            restaurant = RunningDevstack.start();
        } finally {
            limits.forEach(limit -> System.clearProperty("brigade.gateway.rate-limit." + limit));
        }
        service = HostileTargets.open(restaurant.gateway(), new HostileTargets.Staff(restaurant.signIn("admin"),
                        restaurant.signIn("waiter"), restaurant.signIn("manager"), restaurant.signIn("cook"),
                        restaurant.signIn("auditor")), DEMO.table(6).id(), DEMO.table(7).id(), DEMO.table(8).id(),
                DEMO.users().stream().filter(u -> u.username().equals("waiter")).findFirst().orElseThrow().id(),
                DEMO.item("Brigade burger").id(), DEMO.categories().get(0).id());
        endpoints = Endpoints.of(service);
    }

    @AfterContainer
    static void stop() throws IOException {
        if (restaurant != null) {
            restaurant.close();
        }
    }

    @BeforeProperty
    void countWhatIsStored() {
        rowsBefore = settledRows();
    }

    @Property(tries = 1500, seed = "20261130", shrinking = ShrinkingMode.OFF)
    void everyHostileRequestIsRefusedAsAProblem(@ForAll("hostileRequests") HostileRequest request) throws Exception {
        HttpResponse<String> answer = send(request);
        Map<String, Long> rows = rows();
        assertThat(rows).as("%s answered %s", request, answer.statusCode()).isEqualTo(rowsBefore);

        assertThat(answer.statusCode()).as("%s answered %s", request, answer.body()).isBetween(400, 499)
                .isNotEqualTo(429);
        assertThat(answer.headers().firstValue("Content-Type").orElse(""))
                .as("%s answered %s", request, answer.body()).startsWith("application/problem+json");
        assertThat(INSIDES.matcher(answer.body()).find()).as("%s answered %s", request, answer.body()).isFalse();
    }

    @AfterProperty
    void nothingWasStored_aNulInANoteIsRefused_andTheKitchenStillCooks() {
        assertThat(settledRows()).as(() -> "newest events: order " + restaurant.newestEvents("order_db", 3)
                + ", kitchen " + restaurant.newestEvents("kitchen_db", 3)).isEqualTo(rowsBefore);

        ApiClient waiter = restaurant.gateway().withBearer(restaurant.signIn("waiter"));
        var refused = waiter.postRaw("/api/v1/orders/" + service.orderId() + "/lines", "{\"menuItemId\":\""
                + DEMO.item("Brigade burger").id() + "\",\"quantity\":1,\"notes\":\"no\\u0000salt\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().at("/errors/0/field").asText()).isEqualTo("notes");

        aNormalOrderReachesTheKitchenWithinASecond();
    }

    @Provide
    Arbitrary<HostileRequest> hostileRequests() {
        return HostileRequests.against(endpoints);
    }

    private static void aNormalOrderReachesTheKitchenWithinASecond() {
        ApiClient waiter = restaurant.gateway().withBearer(restaurant.signIn("waiter"));
        ApiClient cook = restaurant.gateway().withBearer(restaurant.signIn("cook"));
        String orderId = DEMO.tables().stream()
                .map(t -> waiter.post("/api/v1/orders", Map.of("tableId", t.id().toString(), "guests", 1)))
                .filter(opened -> opened.status() == 201).map(opened -> opened.text("orderId"))
                .findFirst().orElseThrow();
        assertThat(waiter.post("/api/v1/orders/" + orderId + "/lines", Map.of(
                "menuItemId", DEMO.item("Brigade burger").id().toString(), "quantity", 1)).status()).isEqualTo(201);

        long sent = System.nanoTime();
        assertThat(waiter.post("/api/v1/orders/" + orderId + "/send", Map.of()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> hasTicket(cook.get("/api/v1/kitchen/board?station=grill").body(), orderId));
        System.out.printf("A normal order's ticket was on the grill's board %d ms after the send%n",
                (System.nanoTime() - sent) / 1_000_000);
    }

    private static boolean hasTicket(JsonNode board, String orderId) {
        for (JsonNode ticket : board) {
            if (ticket.path("orderId").asText().equals(orderId)) {
                return true;
            }
        }
        return false;
    }

    /** Row counts once the services have finished reacting to what came before (no count changes for 2 s). */
    private static Map<String, Long> settledRows() {
        Map<String, Long> previous = rows();
        long stableSince = System.nanoTime();
        while (System.nanoTime() - stableSince < Duration.ofSeconds(2).toNanos()) {
            sleep(250);
            Map<String, Long> now = rows();
            if (!now.equals(previous)) {
                previous = now;
                stableSince = System.nanoTime();
            }
        }
        return previous;
    }

    private static Map<String, Long> rows() {
        Map<String, Long> rows = new LinkedHashMap<>();
        STORES.forEach(store -> rows.put(store[0] + "." + store[1], restaurant.rows(store[0], store[1])));
        return rows;
    }

    private static HttpResponse<String> send(HostileRequest request) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder()
                .uri(URI.create(restaurant.gatewayUrl() + request.path()))
                .timeout(Duration.ofSeconds(20))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        if (request.token() != null) {
            builder.header("Authorization", "Bearer " + request.token());
        }
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.brigade.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.platform.test.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two phones on one order over bad Wi-Fi: both change it at the same moment, and each sends every request once more,
 * with the same ids, after a random delay, as a phone does that never saw the answer. A concurrent change is answered
 * 409 (read again and retry), which the phone retries; the order ends with exactly the effects asked for, once each.
 */
class TwoDevicesOneOrderSystemTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final AtomicInteger CONCURRENT_CHANGES = new AtomicInteger();

    private static RunningDevstack restaurant;

    @BeforeAll
    static void startTheRestaurant() throws IOException {
        restaurant = RunningDevstack.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (restaurant != null) {
            restaurant.close();
        }
    }

    @Test
    void twoPhonesAdd50LinesEach_everyRequestSentTwice_theOrderHoldsExactly100() throws Exception {
        ApiClient waiter = restaurant.gateway().withBearer(restaurant.signIn("waiter"));
        ApiClient manager = restaurant.gateway().withBearer(restaurant.signIn("manager"));
        String orderId = open(waiter, 7);
        CONCURRENT_CHANGES.set(0);
        String burger = RunningDevstack.DEMO.item("Brigade burger").id().toString();
        ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();

        List<String> lineIds = new ArrayList<>();
        ExecutorService phones = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> added = new ArrayList<>();
            for (ApiClient phone : List.of(waiter, manager)) {
                added.add(phones.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        String lineId = UUID.randomUUID().toString();
                        Map<String, Object> body = Map.of("lineId", lineId, "menuItemId", burger, "quantity", 1,
                                "seat", 1 + i % 4);
                        answers.add(twice(() -> phone.post("/api/v1/orders/" + orderId + "/lines", body)));
                        mine.add(lineId);
                    }
                    return mine;
                }));
            }
            for (Future<List<String>> phone : added) {
                lineIds.addAll(phone.get());
            }
        } finally {
            phones.shutdownNow();
        }

        System.out.printf("Two phones, 100 lines: %d answers were a concurrent change, retried%n",
                CONCURRENT_CHANGES.get());
        assertThat(answers).hasSize(100).containsOnly(201);
        assertThat(restaurant.events("order_db", orderId, "OrderLineAdded")).isEqualTo(100);
        await().atMost(PATIENCE).until(() -> waiter.get("/api/v1/orders/" + orderId).body().path("lines").size(),
                size -> size == 100);
        Set<String> inTheView = new HashSet<>();
        waiter.get("/api/v1/orders/" + orderId).body().path("lines")
                .forEach(line -> inTheView.add(line.path("lineId").asText()));
        assertThat(inTheView).containsExactlyInAnyOrderElementsOf(lineIds);
    }

    @Test
    void twoTabsSendAndVoidTheSameLines_everyRequestSentTwice_eachLineIsSentOnceAndVoidedOnce() throws Exception {
        ApiClient waiter = restaurant.gateway().withBearer(restaurant.signIn("waiter"));
        ApiClient manager = restaurant.gateway().withBearer(restaurant.signIn("manager"));
        ApiClient otherTab = restaurant.gateway().withBearer(restaurant.signIn("manager"));
        String orderId = open(waiter, 8);
        String fries = RunningDevstack.DEMO.item("Fries").id().toString();
        List<String> lineIds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            var added = untilNotTurnedAway(() -> waiter.post("/api/v1/orders/" + orderId + "/lines",
                    Map.of("menuItemId", fries, "quantity", 1)));
            assertThat(added.status()).as(added.raw()).isEqualTo(201);
            lineIds.add(added.text("lineId"));
        }

        ConcurrentLinkedQueue<Integer> sentLines = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> voids = new ConcurrentLinkedQueue<>();
        ExecutorService tabs = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> sending = new ArrayList<>();
            for (ApiClient tab : List.of(manager, otherTab)) {
                sending.add(tabs.submit(() -> twiceEach(() -> tab.post("/api/v1/orders/" + orderId + "/send",
                        Map.of()), answer -> sentLines.add(answer.body().path("sentLines").asInt()))));
            }
            for (Future<?> tab : sending) {
                tab.get();
            }

            // tab one voids lines 0-9, tab two lines 6-15: 6 to 9 by both; 16 to 19 stay
            Future<?> one = tabs.submit(() -> lineIds.subList(0, 10).forEach(line -> voids.add(twice(() ->
                    manager.post("/api/v1/orders/" + orderId + "/lines/" + line + "/void",
                            Map.of("reason", "guest changed their mind"))))));
            Future<?> two = tabs.submit(() -> lineIds.subList(6, 16).forEach(line -> voids.add(twice(() ->
                    otherTab.post("/api/v1/orders/" + orderId + "/lines/" + line + "/void",
                            Map.of("reason", "kitchen ran out"))))));
            one.get();
            two.get();
        } finally {
            tabs.shutdownNow();
        }
        assertThat(sentLines.stream().mapToInt(Integer::intValue).sum()).as("lines sent, all answers together")
                .isEqualTo(20);
        assertThat(restaurant.events("order_db", orderId, "OrderLinesSent")).isEqualTo(1);
        assertThat(voids).hasSize(20).containsOnly(204);
        assertThat(restaurant.events("order_db", orderId, "OrderLineVoided")).isEqualTo(16);

        ApiClient cook = restaurant.gateway().withBearer(restaurant.signIn("cook"));
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<JsonNode> items = new ArrayList<>();
            cook.get("/api/v1/kitchen/board?station=fryer").body().forEach(ticket -> {
                if (ticket.path("orderId").asText().equals(orderId)) {
                    ticket.path("items").forEach(items::add);
                }
            });
            assertThat(items).as("one ticket item per sent line").hasSize(20);
            assertThat(items.stream().filter(item -> item.path("status").asText().equals("VOIDED")))
                    .as("struck").hasSize(16);
        });
    }

    private static String open(ApiClient waiter, int table) {
        var opened = untilNotTurnedAway(() -> waiter.post("/api/v1/orders",
                Map.of("tableId", RunningDevstack.DEMO.table(table).id().toString(), "guests", 4)));
        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        return opened.text("orderId");
    }

    /** Sends a request until it is not turned away for now, then once more after a random delay. */
    private static int twice(Supplier<ApiClient.Response> request) {
        Map<String, Integer> last = new HashMap<>();
        twiceEach(request, answer -> last.put("status", answer.status()));
        return last.get("status");
    }

    private static void twiceEach(Supplier<ApiClient.Response> request,
                                  java.util.function.Consumer<ApiClient.Response> onAnswer) {
        for (int copy = 0; copy < 2; copy++) {
            ApiClient.Response answer = untilNotTurnedAway(request);
            if (copy == 0) {
                assertThat(answer.status()).as(answer.raw()).isBetween(200, 299);
                sleep(ThreadLocalRandom.current().nextInt(0, 40));
            }
            onAnswer.accept(answer);
        }
    }

    /**
     * Sends a request again, after a short pause, while it is turned away for now: all the test's phones share one
     * address, whose requests the gateway limits (429), and two phones changing one order meet (409, concurrent change).
     */
    private static ApiClient.Response untilNotTurnedAway(Supplier<ApiClient.Response> request) {
        for (int attempt = 0; attempt < 20; attempt++) {
            ApiClient.Response answer = request.get();
            boolean concurrent = answer.status() == 409
                    && answer.body().path("type").asText().endsWith("concurrent-change");
            if (concurrent) {
                CONCURRENT_CHANGES.incrementAndGet();
            }
            if (answer.status() == 429 || concurrent) {
                sleep(50 + ThreadLocalRandom.current().nextInt(100));
                continue;
            }
            return answer;
        }
        throw new AssertionError("Still refused after 20 attempts");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

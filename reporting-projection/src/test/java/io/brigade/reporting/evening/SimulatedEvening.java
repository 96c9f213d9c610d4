package io.brigade.reporting.evening;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.kitchen.TicketId;
import io.brigade.contracts.order.OrderId;
import io.brigade.platform.demo.DemoData;
import io.brigade.platform.test.ApiClient;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two evenings of service played through the real order, kitchen and billing services, as waiters, cooks and a
 * manager would: orders with modifiers, lines taken back and voided, tickets bumped and recalled, discounts and comps,
 * split bills, tips, refunds (some paid again, some not), a voided bill, cancelled orders and a transfer. Ten tables are served per round; a round is a quarter of an hour or so of the restaurant's time.
 */
final class SimulatedEvening {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DemoData DEMO = EveningRestaurant.DEMO;
    private static final String[] WAITERS = {"camille", "jules", "noor"};
    private static final int TABLES_PER_ROUND = 10;
    private static final Duration POLL = Duration.ofMillis(200);

    private final EveningRestaurant restaurant;
    private final SimulatedClock clock;
    private final Random random = new Random(20261128);
    private final PatientClient manager;
    private final PatientClient billingManager;
    private final PatientClient cook;
    private final PatientClient catalog;
    final AtomicInteger orders = new AtomicInteger();
    final Map<String, AtomicInteger> happened = new LinkedHashMap<>();

    SimulatedEvening(EveningRestaurant restaurant, SimulatedClock clock) {
        this.restaurant = restaurant;
        this.clock = clock;
        this.manager = new PatientClient(restaurant.orders.api().as("marco", "MANAGER"));
        this.billingManager = new PatientClient(restaurant.billing.api().as("marco", "MANAGER"));
        this.cook = new PatientClient(restaurant.kitchen.api().as("carlos", "KITCHEN"));
        this.catalog = new PatientClient(restaurant.catalog.api().as("marco", "MANAGER"));
    }

    static Instant evening(LocalDate day) {
        return day.atTime(LocalTime.of(18, 0)).atZone(PARIS).toInstant();
    }

    /** Plays {@code rounds} rounds starting at 18:00 of {@code day}, each about 17 minutes after the last. */
    void play(LocalDate day, int rounds) throws Exception {
        clock.advanceTo(evening(day));
        ExecutorService tables = Executors.newFixedThreadPool(TABLES_PER_ROUND);
        try {
            for (int round = 0; round < rounds; round++) {
                List<Future<?>> served = new ArrayList<>();
                List<Plan> plans = new ArrayList<>();
                for (int table = 1; table <= TABLES_PER_ROUND; table++) {
                    plans.add(plan(table, round, table == 1 && round % 4 == 2));
                }
                for (Plan plan : plans) {
                    served.add(tables.submit(() -> {
                        serve(plan);
                        return null;
                    }));
                }
                long started = System.nanoTime();
                for (Future<?> table : served) {
                    table.get();
                }
                System.out.printf("round %d of %s: %d ms%n", round + 1, day, (System.nanoTime() - started) / 1_000_000);
                clock.advance(Duration.ofMinutes(17));
            }
        } finally {
            tables.shutdownNow();
        }
    }

    private record Plan(int table, String waiter, int guests, List<Line> lines, boolean takeBack, String cancel,
                        boolean voidLine, boolean transfer, boolean recall, String discount, boolean split,
                        boolean voidBill, String refund, long seed) {
    }

    private record Line(UUID lineId, DemoData.Item item, int quantity, List<UUID> modifiers) {
    }

    private synchronized Plan plan(int table, int round, boolean transfer) {
        int lineCount = 2 + random.nextInt(4);
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < lineCount; i++) {
            DemoData.Item item = DEMO.items().get(random.nextInt(DEMO.items().size()));
            List<UUID> modifiers = item.modifiers().isEmpty() || random.nextInt(3) > 0 ? List.of()
                    : List.of(item.modifiers().get(random.nextInt(item.modifiers().size())).id());
            lines.add(new Line(UUID.randomUUID(), item, 1 + random.nextInt(3), modifiers));
        }
        int dice = random.nextInt(100);
        String cancel = round % 5 == 1 && table == 3 ? "before-send" : round % 7 == 4 && table == 5 ? "after-send"
                : null;
        String discount = dice < 12 ? "percent" : dice < 17 ? "amount" : dice < 20 ? "comp" : null;
        String refund = random.nextInt(100) < 6 ? (random.nextBoolean() ? "paid-again" : "left-open") : null;
        return new Plan(table, WAITERS[random.nextInt(WAITERS.length)], 1 + random.nextInt(6), lines,
                random.nextInt(100) < 10, cancel, random.nextInt(100) < 10, transfer, random.nextInt(100) < 8,
                discount, random.nextInt(100) < 12, random.nextInt(100) < 3, refund, random.nextLong());
    }

    private void serve(Plan plan) {
        PatientClient waiter = new PatientClient(restaurant.orders.api().as(plan.waiter(), "STAFF"));
        OrderId orderId = OrderId.random();
        String order = "/api/v1/orders/" + orderId;
        UUID tableId = DEMO.table(plan.table()).id();
        Map<String, Object> open = Map.of("orderId", orderId.toString(), "tableId", tableId.toString(),
                "guests", plan.guests());
        // the table frees once the last round's order is closed, moments after its bill was paid
        try {
            await().atMost(EveningRestaurant.PATIENCE).pollInterval(POLL)
                    .until(() -> waiter.post("/api/v1/orders", open).status() == 201);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            JsonNode floor = catalog.get("/api/v1/floor").body();
            throw new AssertionError("Table " + plan.table() + " stayed taken: " + floor, e);
        }
        orders.incrementAndGet();
        for (Line line : plan.lines()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("lineId", line.lineId().toString());
            body.put("menuItemId", line.item().id().toString());
            body.put("quantity", line.quantity());
            body.put("modifierIds", line.modifiers().stream().map(UUID::toString).toList());
            expect(waiter.post(order + "/lines", body), 201);
        }
        if (plan.takeBack()) {
            UUID extra = UUID.randomUUID();
            expect(waiter.post(order + "/lines", Map.of("lineId", extra.toString(),
                    "menuItemId", DEMO.item("Fries").id().toString(), "quantity", 1)), 201);
            expect(waiter.delete(order + "/lines/" + extra), 204);
            count("line taken back");
        }
        if ("before-send".equals(plan.cancel())) {
            expect(waiter.post(order + "/cancel", Map.of("reason", "guests left")), 204);
            count("cancelled before sending");
            return;
        }
        expect(waiter.post(order + "/send", Map.of()), 200);
        if ("after-send".equals(plan.cancel())) {
            expect(manager.post(order + "/cancel", Map.of("reason", "kitchen closed the dish")), 204);
            count("cancelled after sending");
            return;
        }
        List<UUID> voided = new ArrayList<>();
        if (plan.voidLine()) {
            Line line = plan.lines().get(0);
            expect(manager.post(order + "/lines/" + line.lineId() + "/void", Map.of("reason", "wrong dish")), 204);
            voided.add(line.lineId());
            count("line voided");
        }
        cookEverything(orderId, plan, voided);
        if (plan.transfer()) {
            expect(waiter.post(order + "/transfer", Map.of("tableId", DEMO.table(11).id().toString())), 204);
            count("transfer");
        }
        expect(waiter.post(order + "/bill", null), 202);
        BillId billId = BillId.forRequest(orderId, 1);
        try {
            awaitBill(billId, bill -> true);
        } catch (AssertionError e) {
            throw new AssertionError("Order " + orderId + " (" + plan + ") shows " + catalog.get(order).raw(), e);
        }
        if (plan.voidBill()) {
            awaitBill(billId, bill -> true);
            expect(billingManager.post("/api/v1/billing/bills/" + billId + "/void", Map.of("reason", "wrong table")), 204);
            awaitBill(billId, bill -> bill.path("status").asText().equals("VOIDED"));
            // the guests leave without paying: the order is cancelled, and its voided bill counts nothing
            expect(manager.post(order + "/cancel", Map.of("reason", "guests left unhappy")), 204);
            count("bill voided, order cancelled");
            return;
        }
        settle(billId, plan, new PatientClient(restaurant.billing.api().as(plan.waiter(), "STAFF")));
    }

    private void cookEverything(OrderId orderId, Plan plan, List<UUID> voided) {
        Map<String, List<Line>> byStation = new LinkedHashMap<>();
        plan.lines().forEach(line -> byStation.computeIfAbsent(TicketId.normalStation(line.item().station()),
                s -> new ArrayList<>()).add(line));
        for (Map.Entry<String, List<Line>> station : byStation.entrySet()) {
            List<Line> cooking = station.getValue().stream().filter(l -> !voided.contains(l.lineId())).toList();
            if (cooking.isEmpty()) {
                continue;
            }
            String ticket = "/api/v1/kitchen/tickets/" + TicketId.forSend(orderId, 1, station.getKey());
            for (Line line : cooking) {
                String item = ticket + "/items/" + line.lineId();
                await().atMost(EveningRestaurant.PATIENCE).pollInterval(POLL)
                        .until(() -> cook.post(item + "/start", null).status() == 204);
                expect(cook.post(item + "/ready", null), 204);
            }
            // a voided line leaves the ticket once the kitchen has struck it
            await().atMost(EveningRestaurant.PATIENCE).pollInterval(POLL)
                    .until(() -> cook.post(ticket + "/bump", null).status() == 204);
            if (plan.recall()) {
                expect(cook.post(ticket + "/recall", null), 204);
                expect(cook.post(ticket + "/bump", null), 204);
                count("ticket recalled");
            }
        }
    }

    private void settle(BillId billId, Plan plan, PatientClient waiter) {
        PatientClient manager = billingManager;
        String bill = "/api/v1/billing/bills/" + billId;
        JsonNode issued = awaitBill(billId, b -> b.path("status").asText().equals("OPEN"));
        long version = issued.path("version").asLong();
        if (plan.discount() != null) {
            Map<String, Object> discount = switch (plan.discount()) {
                case "percent" -> Map.of("kind", "PERCENT", "value", 10, "reason", "regulars");
                case "amount" -> Map.of("kind", "AMOUNT", "value", 300, "reason", "slow service");
                default -> Map.of("kind", "PERCENT", "value", 100, "reason", "birthday");
            };
            expect(manager.post(bill + "/discounts", discount), 204);
            count(plan.discount().equals("comp") ? "comp" : "discount");
            if (plan.discount().equals("comp")) {
                // nothing is left to pay: the comp pays the bill
                awaitBill(billId, b -> b.path("status").asText().equals("PAID"));
                return;
            }
            long discounted = version;
            JsonNode after = awaitBill(billId, b -> b.path("version").asLong() > discounted);
            version = after.path("version").asLong();
        }
        Random dice = new Random(plan.seed());
        List<String> payments = new ArrayList<>();
        if (plan.split()) {
            var split = waiter.post(bill + "/split", Map.of("mode", "EQUAL", "parts", 2));
            expect(split, 200);
            for (JsonNode check : split.body().path("checks")) {
                String paymentId = UUID.randomUUID().toString();
                expect(waiter.post(bill + "/payments", Map.of("paymentId", paymentId,
                        "checkId", check.path("checkId").asText(), "method", "CARD",
                        "amountCents", check.path("totalCents").asLong(), "tipCents", 100 * dice.nextInt(4))), 201);
                payments.add(paymentId);
            }
            count("split");
        } else {
            long owed = awaitBill(billId, b -> true).path("balanceCents").asLong();
            String paymentId = UUID.randomUUID().toString();
            boolean cash = dice.nextBoolean();
            expect(waiter.post(bill + "/payments", Map.of("paymentId", paymentId, "method", cash ? "CASH" : "CARD",
                    "amountCents", cash ? owed + 500 : owed, "tipCents", cash ? 0 : 50 * dice.nextInt(16))), 201);
            payments.add(paymentId);
        }
        awaitBill(billId, b -> b.path("status").asText().equals("PAID"));
        if (plan.refund() != null) {
            expect(manager.post(bill + "/payments/" + payments.get(0) + "/refund", Map.of("reason",
                    "charged twice")), 204);
            count("refund");
            if (plan.refund().equals("paid-again")) {
                long owed = awaitBill(billId, b -> b.path("status").asText().equals("OPEN"))
                        .path("balanceCents").asLong();
                Map<String, Object> again = new LinkedHashMap<>(Map.of("paymentId", UUID.randomUUID().toString(),
                        "method", "CASH", "amountCents", owed));
                if (plan.split()) {
                    JsonNode reopened = awaitBill(billId, b -> b.path("status").asText().equals("OPEN"));
                    for (JsonNode check : reopened.path("checks")) {
                        if (check.path("paidCents").asLong() < check.path("totalCents").asLong()) {
                            again.put("checkId", check.path("checkId").asText());
                        }
                    }
                }
                expect(waiter.post(bill + "/payments", again), 201);
                count("paid again after a refund");
            }
        }
    }

    private JsonNode awaitBill(BillId billId, java.util.function.Predicate<JsonNode> expected) {
        try {
            return await().atMost(EveningRestaurant.PATIENCE).pollInterval(POLL)
                    .until(() -> {
                        var response = catalog.get("/api/v1/bills/" + billId);
                        return response.status() == 200 ? response.body() : null;
                    }, bill -> bill != null && expected.test(bill));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            var bill = catalog.get("/api/v1/bills/" + billId);
            throw new AssertionError("Bill " + billId + " never showed as expected; it shows " + bill.raw(), e);
        }
    }

    private synchronized void count(String what) {
        happened.computeIfAbsent(what, w -> new AtomicInteger()).incrementAndGet();
    }

    private static void expect(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
    }
}

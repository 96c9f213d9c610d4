package io.brigade.devstack.faults;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady dinner service through the gateway: each waiter opens a table, adds a starter, a main and a drink with the
 * ids a phone chooses itself, sends them, serves once the kitchen has them ready, asks for the bill and pays it by card
 * with a tip; each station's cook starts, finishes and bumps what the board shows. A request that fails leaves that
 * table where it stands (the checks read what happened) and the waiter takes the next table.
 */
final class DinnerService {

    private static final Duration PACE = Duration.ofMillis(250);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** The menu as served, split the way a party orders. */
    record Menu(List<JsonNode> starters, List<JsonNode> mains, List<JsonNode> drinks) {
    }

    private final List<FloorClient> waiters;
    private final Map<String, FloorClient> cooks;
    private final BlockingDeque<String> tables;
    private final Menu menu;
    private final Set<String> ordersLeftAlone;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger tablesPaid = new AtomicInteger();
    private volatile boolean open = true;

    DinnerService(List<FloorClient> waiters, Map<String, FloorClient> cooks, BlockingDeque<String> tables, Menu menu,
                  Set<String> ordersLeftAlone) {
        this.waiters = waiters;
        this.cooks = cooks;
        this.tables = tables;
        this.menu = menu;
        this.ordersLeftAlone = ordersLeftAlone;
    }

    void start() {
        waiters.forEach(waiter -> threads.add(new Thread(() -> serve(waiter), waiter.name())));
        cooks.forEach((station, cook) -> threads.add(new Thread(() -> cook(station, cook), cook.name())));
        threads.forEach(Thread::start);
    }

    /** Takes no more tables; the tables in hand are finished or left, and the kitchen stops with them. */
    void close() throws InterruptedException {
        open = false;
        for (Thread thread : threads) {
            thread.join(Duration.ofMinutes(3).toMillis());
        }
    }

    int tablesPaid() {
        return tablesPaid.get();
    }

    private void serve(FloorClient waiter) {
        while (open) {
            String table = tables.pollFirst();
            if (table == null) {
                pause(Duration.ofSeconds(1));
                continue;
            }
            if (serveTable(waiter, table)) {
                tablesPaid.incrementAndGet();
            } else {
                // as a waiter whose phone shows an error does: look up, then take the next table
                pause(Duration.ofSeconds(1));
            }
            // a table goes back at the end of the queue: one left with an open order is tried again only much later
            tables.addLast(table);
        }
    }

    private boolean serveTable(FloorClient waiter, String table) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String orderId = UUID.randomUUID().toString();
        String orders = "/api/v1/orders/" + orderId;
        if (!waiter.command("open order", Map.of("orderId", orderId), "POST", "/api/v1/orders",
                Map.of("orderId", orderId, "tableId", table, "guests", 2)).is(201)) {
            return false;
        }
        for (JsonNode item : List.of(pick(menu.starters()), pick(menu.mains()), pick(menu.drinks()))) {
            pause(PACE);
            String lineId = UUID.randomUUID().toString();
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("lineId", lineId);
            line.put("menuItemId", item.path("id").asText());
            line.put("quantity", 1 + random.nextInt(2));
            line.put("seat", 1 + random.nextInt(2));
            if (item.path("modifiers").size() > 0 && random.nextBoolean()) {
                line.put("modifierIds", List.of(item.path("modifiers").get(random.nextInt(item.path("modifiers")
                        .size())).path("id").asText()));
            }
            if (!waiter.command("add line", Map.of("orderId", orderId, "lineId", lineId), "POST",
                    orders + "/lines", line).is(201)) {
                return false;
            }
        }
        pause(PACE);
        if (!waiter.command("send", Map.of("orderId", orderId), "POST", orders + "/send", Map.of()).is(200)) {
            return false;
        }
        if (!waitFor(waiter, orders, view -> view.path("status").asText().equals("READY"))) {
            return false;
        }
        if (!waiter.command("serve", Map.of("orderId", orderId), "POST", orders + "/serve", Map.of()).is(204)) {
            return false;
        }
        pause(PACE);
        if (!waiter.command("ask for the bill", Map.of("orderId", orderId), "POST", orders + "/bill", null)
                .is(202)) {
            return false;
        }
        JsonNode[] bill = new JsonNode[1];
        if (!waitFor(waiter, "/api/v1/bills?orderId=" + orderId, bills -> {
            bill[0] = bills.path(0);
            return bill[0].path("status").asText().equals("OPEN");
        })) {
            return false;
        }
        String billId = bill[0].path("billId").asText();
        String paymentId = UUID.randomUUID().toString();
        return waiter.command("pay", Map.of("orderId", orderId, "billId", billId, "paymentId", paymentId), "POST",
                "/api/v1/billing/bills/" + billId + "/payments", Map.of("paymentId", paymentId, "method", "CARD",
                        "amountCents", bill[0].path("balanceCents").asLong(),
                        "tipCents", 50 * random.nextInt(0, 7))).is(201);
    }

    /** Reads a view as a phone waiting on a screen does, until it shows what the waiter waits for. */
    private boolean waitFor(FloorClient waiter, String path, java.util.function.Predicate<JsonNode> shows) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (open && System.nanoTime() < deadline) {
            pause(Duration.ofMillis(500));
            FloorClient.Answer answer = waiter.read(path);
            if (answer.is(200) && shows.test(answer.body())) {
                return true;
            }
        }
        return false;
    }

    private void cook(String station, FloorClient cook) {
        Set<String> done = new HashSet<>();
        while (open) {
            FloorClient.Answer board = cook.read("/api/v1/kitchen/board?station=" + station);
            if (!board.is(200)) {
                pause(Duration.ofSeconds(1));
                continue;
            }
            boolean worked = false;
            for (JsonNode ticket : board.body()) {
                String orderId = ticket.path("orderId").asText();
                if (ordersLeftAlone.contains(orderId)) {
                    continue;
                }
                String ticketId = ticket.path("ticketId").asText();
                String tickets = "/api/v1/kitchen/tickets/" + ticketId;
                boolean allReady = true;
                for (JsonNode item : ticket.path("items")) {
                    String lineId = item.path("lineId").asText();
                    String status = item.path("status").asText();
                    if (status.equals("READY") || status.equals("VOIDED")) {
                        continue;
                    }
                    allReady = false;
                    String step = status.equals("QUEUED") ? "start item" : "ready item";
                    String path = tickets + "/items/" + lineId + (status.equals("QUEUED") ? "/start" : "/ready");
                    if (!done.contains(path)) {
                        worked = true;
                        if (cook.command(step, Map.of("orderId", orderId, "ticketId", ticketId, "lineId", lineId),
                                "POST", path, null).is(204)) {
                            done.add(path);
                        } else {
                            pause(Duration.ofSeconds(1));
                        }
                    }
                }
                if (allReady && !done.contains(tickets + "/bump")) {
                    worked = true;
                    if (cook.command("bump", Map.of("orderId", orderId, "ticketId", ticketId), "POST",
                            tickets + "/bump", null).is(204)) {
                        done.add(tickets + "/bump");
                    }
                }
            }
            pause(worked ? PACE : Duration.ofMillis(500));
        }
    }

    private static JsonNode pick(List<JsonNode> items) {
        return items.get(ThreadLocalRandom.current().nextInt(items.size()));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

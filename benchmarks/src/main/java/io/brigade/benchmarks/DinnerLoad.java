package io.brigade.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.contracts.kitchen.TicketId;
import io.brigade.contracts.order.OrderId;
import io.brigade.platform.demo.DemoData;

import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;

import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A dinner service as background load through the gateway, at a fixed rate of commands whatever their answers take
 * (an open model): waiters open a table, add lines and send them, cooks bump each ticket, then the bill is asked for
 * and paid, and the table is opened again for the next guests as soon as it is free. Each command is one tick of the
 * rate; reading the bill to pay it is not counted. The time from the payment's answer to the first accepted opening of
 * the same table is how long a paid table stays occupied, as the next guests see it.
 */
final class DinnerLoad implements AutoCloseable {

    private static final DemoData DEMO = DemoData.load();
    private static final int LINES_PER_SEND = 2;
    private static final int SENDS_PER_ORDER = 2;
    private static final Clock CLOCK = Clock.getDefault();
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Staff staff;
    private final List<Table> tables = new ArrayList<>();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService calls = Executors.newFixedThreadPool(24);
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong missedTicks = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final ConcurrentLinkedQueue<Double> freeAfterMillis = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> failureSamples = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<double[]> freeingHops = new ConcurrentLinkedQueue<>();
    private final HopSpans spans;
    private volatile long startedAt;

    /** Where the time between a payment and the table's freeing goes, each row from the point before. */
    static final List<String> FREEING_HOPS = List.of(
            "payment answered -> billing publisher picks BillPaid up",
            "-> order-command's paid-bills group starts handling BillPaid (Kafka, consumer, processor)",
            "-> paid-bills has closed the order (CloseOrder committed, table freed)",
            "-> next guests' order accepted (the next attempt)");

    DinnerLoad(String gatewayUrl, List<UUID> tableIds, HopSpans spans) {
        this.spans = spans;
        staff = new Staff(gatewayUrl, "load-");
        tableIds.forEach(id -> tables.add(new Table(id)));
    }

    void start(double commandsPerSecond) {
        startedAt = System.nanoTime();
        long period = Math.round(1_000_000_000 / commandsPerSecond);
        ticks.scheduleAtFixedRate(this::tick, 0, period, TimeUnit.NANOSECONDS);
    }

    /** Commands answered per second since the start. */
    long commands() {
        return commands.get();
    }

    double commandsPerSecond() {
        return commands.get() / ((System.nanoTime() - startedAt) / 1e9);
    }

    long missedTicks() {
        return missedTicks.get();
    }

    long failures() {
        return failures.get();
    }

    List<String> failureSamples() {
        return List.copyOf(failureSamples);
    }

    /** Each freed table's {@link #FREEING_HOPS} in milliseconds, and clears them. */
    List<double[]> drainFreeingHops() {
        List<double[]> drained = new ArrayList<>();
        for (double[] hops; (hops = freeingHops.poll()) != null; ) {
            drained.add(hops);
        }
        return drained;
    }

    /** Milliseconds from each payment's answer until the table could be opened again, and clears them. */
    double[] drainTableFreeMillis() {
        List<Double> drained = new ArrayList<>();
        for (Double millis; (millis = freeAfterMillis.poll()) != null; ) {
            drained.add(millis);
        }
        return drained.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private void tick() {
        long now = System.nanoTime();
        for (int tried = 0; tried < tables.size(); tried++) {
            Table table = tables.get(Math.floorMod(next.getAndIncrement(), tables.size()));
            if (table.readyAt <= now && table.busy.compareAndSet(false, true)) {
                calls.execute(() -> {
                    try {
                        table.step();
                    } catch (RuntimeException e) {
                        fail(e.toString());
                        table.readyAt = System.nanoTime() + RETRY_NANOS;
                    } finally {
                        table.busy.set(false);
                    }
                });
                return;
            }
        }
        missedTicks.incrementAndGet();
    }

    private void fail(String what) {
        failures.incrementAndGet();
        if (failureSamples.size() < 10) {
            failureSamples.add(what);
        }
    }

    private enum Step { OPEN, ADD, SEND, BUMP, BILL, PAY }

    private final class Table {

        private final UUID id;
        private final java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();
        private volatile long readyAt;
        private Step step = Step.OPEN;
        private String orderId;
        private int added;
        private int sends;
        private final Set<String> unsentStations = new LinkedHashSet<>();
        private final Deque<String> toBump = new ArrayDeque<>();
        private long paidAt;
        private long paidAtEpoch;
        private String paymentTrace;

        private Table(UUID id) {
            this.id = id;
        }

        private void step() {
            switch (step) {
                case OPEN -> open();
                case ADD -> add();
                case SEND -> send();
                case BUMP -> bump();
                case BILL -> bill();
                case PAY -> pay();
            }
        }

        private void open() {
            var opened = staff.waiter().post("/api/v1/orders", Map.of("tableId", id.toString(), "guests", 2));
            commands.incrementAndGet();
            if (opened.status() == 409 && paidAt != 0) {
                readyAt = System.nanoTime() + RETRY_NANOS;
                return;
            }
            if (opened.status() != 201) {
                fail("open " + opened.status() + " " + opened.raw());
                readyAt = System.nanoTime() + RETRY_NANOS;
                return;
            }
            if (paidAt != 0) {
                freeAfterMillis.add((System.nanoTime() - paidAt) / 1e6);
                noteFreeing(CLOCK.now());
                paidAt = 0;
            }
            orderId = opened.text("orderId");
            added = 0;
            sends = 0;
            step = Step.ADD;
        }

        private void noteFreeing(long openedAt) {
            Optional<SpanData> published = spans.find(paymentTrace, "billing-command",
                    span -> span.getName().equals(KafkaEventPublisher.DEFAULT_PROCESSING_GROUP + " BillPaid"));
            Optional<SpanData> closing = spans.find(paymentTrace, "order-command",
                    span -> span.getName().equals("paid-bills BillPaid"));
            spans.forget(paymentTrace);
            if (published.isPresent() && closing.isPresent()) {
                long[] points = {paidAtEpoch, published.get().getStartEpochNanos(),
                        closing.get().getStartEpochNanos(), closing.get().getEndEpochNanos(), openedAt};
                double[] hops = new double[points.length - 1];
                for (int i = 0; i < hops.length; i++) {
                    hops[i] = (points[i + 1] - points[i]) / 1e6;
                }
                freeingHops.add(hops);
            }
        }

        private void add() {
            DemoData.Item item = DEMO.items().get(ThreadLocalRandom.current().nextInt(DEMO.items().size()));
            var line = staff.waiter().post("/api/v1/orders/" + orderId + "/lines",
                    Map.of("menuItemId", item.id().toString(), "quantity", 1));
            commands.incrementAndGet();
            if (line.status() != 201) {
                fail("add " + line.status() + " " + line.raw());
                return;
            }
            unsentStations.add(item.station());
            if (++added % LINES_PER_SEND == 0) {
                step = Step.SEND;
            }
        }

        private void send() {
            var sent = staff.waiter().post("/api/v1/orders/" + orderId + "/send", Map.of());
            commands.incrementAndGet();
            if (sent.status() != 200) {
                fail("send " + sent.status() + " " + sent.raw());
                return;
            }
            sends++;
            unsentStations.forEach(station ->
                    toBump.add(TicketId.forSend(OrderId.of(orderId), sends, station).toString()));
            unsentStations.clear();
            step = Step.BUMP;
        }

        private void bump() {
            String ticket = toBump.peek();
            var bumped = staff.cook().post("/api/v1/kitchen/tickets/" + ticket + "/bump", null);
            commands.incrementAndGet();
            if (bumped.status() == 404) {
                readyAt = System.nanoTime() + RETRY_NANOS;
                return;
            }
            if (bumped.status() != 204) {
                fail("bump " + bumped.status() + " " + bumped.raw());
            }
            toBump.poll();
            if (toBump.isEmpty()) {
                step = sends < SENDS_PER_ORDER ? Step.ADD : Step.BILL;
            }
        }

        private void bill() {
            var billed = staff.waiter().post("/api/v1/orders/" + orderId + "/bill", null);
            commands.incrementAndGet();
            if (billed.status() != 202) {
                fail("bill " + billed.status() + " " + billed.raw());
                return;
            }
            step = Step.PAY;
        }

        private void pay() {
            var bills = staff.waiter().get("/api/v1/bills?orderId=" + orderId);
            JsonNode open = null;
            if (bills.status() == 200) {
                for (JsonNode bill : bills.body()) {
                    if (bill.path("status").asText().equals("OPEN") && bill.path("balanceCents").asLong() > 0) {
                        open = bill;
                    }
                }
            }
            if (open == null) {
                readyAt = System.nanoTime() + RETRY_NANOS;
                return;
            }
            paymentTrace = HexFormat.of().formatHex(randomBytes(16));
            spans.watch(paymentTrace);
            var paid = staff.waiter().withHeader("traceparent", "00-" + paymentTrace + "-"
                            + HexFormat.of().formatHex(randomBytes(8)) + "-01")
                    .post("/api/v1/billing/bills/" + open.path("billId").asText() + "/payments",
                            Map.of("method", "CASH", "amountCents", open.path("balanceCents").asLong()));
            paidAtEpoch = CLOCK.now();
            commands.incrementAndGet();
            if (paid.status() != 201) {
                fail("pay " + paid.status() + " " + paid.raw());
                readyAt = System.nanoTime() + RETRY_NANOS;
                return;
            }
            paidAt = System.nanoTime();
            step = Step.OPEN;
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1;
        return bytes;
    }

    /** Stops, and cancels the orders still open, so the next load finds its tables free. */
    @Override
    public void close() throws InterruptedException {
        ticks.shutdownNow();
        calls.shutdown();
        calls.awaitTermination(30, TimeUnit.SECONDS);
        for (Table table : tables) {
            if (table.step != Step.OPEN) {
                try {
                    staff.manager().post("/api/v1/orders/" + table.orderId + "/cancel",
                            Map.of("reason", "benchmark over"));
                } catch (java.io.UncheckedIOException e) {
                    fail("cancel " + e);
                }
            }
        }
    }
}

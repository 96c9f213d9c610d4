package io.brigade.benchmarks;

import io.brigade.platform.test.ApiClient;
import io.brigade.reporting.ReportingApplication;
import io.brigade.reporting.audit.AuditEventTable;
import io.brigade.reporting.audit.FeedFilter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The audit trail's feed over a restaurant's months of history: the reporting service's trail table filled with a
 * million events (orders, tickets, bills, menu changes and user changes, by a staff of thirty), then each filter an
 * auditor uses asked for through HTTP, its first page and a deep one.
 */
final class AuditFeedBenchmark implements AutoCloseable {

    /** A filter as the feed's query parameters; {@code page} 0 is the newest page. */
    record Query(String name, String from, String to, String userId, String type, String aggregateId, int page) {

        String path() {
            StringBuilder path = new StringBuilder("/api/v1/audit/events?size=50&page=" + page);
            append(path, "from", from);
            append(path, "to", to);
            append(path, "userId", userId);
            append(path, "type", type);
            append(path, "aggregateId", aggregateId);
            return path.toString();
        }

        FeedFilter filter() {
            return FeedFilter.of(from, to, userId, type, aggregateId);
        }

        private static void append(StringBuilder path, String name, String value) {
            if (value != null) {
                path.append('&').append(name).append('=').append(value);
            }
        }
    }

    private static final String[][] ORDER_EVENTS = {
            {"io.brigade.contracts.order.OrderOpened", "STAFF"},
            {"io.brigade.contracts.order.OrderLineAdded", "STAFF"},
            {"io.brigade.contracts.order.OrderLineAdded", "STAFF"},
            {"io.brigade.contracts.order.OrderLineAdded", "STAFF"},
            {"io.brigade.contracts.order.OrderLinesSent", "STAFF"},
            {"io.brigade.contracts.order.OrderLinesReady", "KITCHEN"},
            {"io.brigade.contracts.order.OrderServed", "STAFF"},
            {"io.brigade.contracts.order.BillRequested", "STAFF"},
            {"io.brigade.contracts.order.OrderClosed", "STAFF"}};
    private static final String[][] TICKET_EVENTS = {
            {"io.brigade.contracts.kitchen.TicketCreated", "STAFF"},
            {"io.brigade.contracts.kitchen.ItemStarted", "KITCHEN"},
            {"io.brigade.contracts.kitchen.ItemReady", "KITCHEN"},
            {"io.brigade.contracts.kitchen.TicketBumped", "KITCHEN"}};
    private static final String[][] BILL_EVENTS = {
            {"io.brigade.contracts.billing.BillIssued", "STAFF"},
            {"io.brigade.contracts.billing.PaymentRecorded", "STAFF"},
            {"io.brigade.contracts.billing.BillPaid", "STAFF"}};
    private static final DateTimeFormatter COPY_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSxxx")
            .withZone(ZoneOffset.UTC);

    private final BenchmarkStage stage = new BenchmarkStage();
    private final ConfigurableApplicationContext service;
    private final ApiClient auditor;
    private final SplittableRandom random = new SplittableRandom(13);
    private final List<UUID> waiters = new ArrayList<>();
    private final List<UUID> cooks = new ArrayList<>();
    private final List<UUID> managers = new ArrayList<>();
    private final Map<String, Long> globalIndexes = new LinkedHashMap<>();
    final Instant first = Instant.parse("2026-06-01T10:00:00Z");
    Instant last;
    String someOrder;
    long written;

    AuditFeedBenchmark(long events) throws Exception {
        service = stage.start(ReportingApplication.class);
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        auditor = ApiClient.at("http://localhost:" + port).as("auditor", "AUDITOR");
        for (int i = 0; i < 20; i++) {
            waiters.add(UUID.randomUUID());
        }
        for (int i = 0; i < 6; i++) {
            cooks.add(UUID.randomUUID());
        }
        for (int i = 0; i < 4; i++) {
            managers.add(UUID.randomUUID());
        }
        long start = System.nanoTime();
        fill(service.getBean(DataSource.class), events);
        System.out.printf("copied %,d audit events in %.1f s%n", written, (System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        service.getBean(JdbcTemplate.class).execute("vacuum analyze audit.audit_event");
        System.out.printf("vacuum analyze in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** The filters an auditor uses, each as a first page and some as a page 5,000 events deep. */
    List<Query> queries() {
        Instant middle = first.plus(Duration.between(first, last).dividedBy(2));
        String from = middle.toString();
        String dayEnd = middle.plus(Duration.ofDays(1)).toString();
        String hourEnd = middle.plus(Duration.ofHours(1)).toString();
        String waiter = waiters.get(3).toString();
        return List.of(
                new Query("everything, newest first", null, null, null, null, null, 0),
                new Query("everything, page 100", null, null, null, null, null, 100),
                new Query("by user", null, null, waiter, null, null, 0),
                new Query("by user, page 100", null, null, waiter, null, null, 100),
                new Query("by type (OrderLineAdded)", null, null, null, "OrderLineAdded", null, 0),
                new Query("by type, page 100", null, null, null, "OrderLineAdded", null, 100),
                new Query("by rare type (UserRoleChanged)", null, null, null, "UserRoleChanged", null, 0),
                new Query("by aggregate (an order)", null, null, null, null, someOrder, 0),
                new Query("by time range (a day)", from, dayEnd, null, null, null, 0),
                new Query("by time range (a day), page 100", from, dayEnd, null, null, null, 100),
                new Query("by time range (an hour)", from, hourEnd, null, null, null, 0),
                new Query("by user and a day", from, dayEnd, waiter, null, null, 0),
                new Query("by type and a day", from, dayEnd, null, "PaymentRecorded", null, 0),
                new Query("by user and type", null, null, waiter, "OrderOpened", null, 0));
    }

    /**
     * Milliseconds the service's own page and count take for the query, without HTTP: what the database costs, apart
     * from the machine's other work on the request.
     */
    double[] timeInService(Query query, int warmUp, int runs) {
        AuditEventTable table = service.getBean(AuditEventTable.class);
        FeedFilter filter = query.filter();
        double[] millis = new double[runs];
        for (int i = -warmUp; i < runs; i++) {
            long start = System.nanoTime();
            table.page(filter, query.page(), 50);
            table.count(filter, 10_001);
            if (i >= 0) {
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        return millis;
    }

    /** Milliseconds of each of {@code runs} requests of the query, after {@code warmUp} not counted. */
    double[] time(Query query, int warmUp, int runs) {
        for (int i = 0; i < warmUp; i++) {
            check(query, auditor.get(query.path()));
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            ApiClient.Response response = auditor.get(query.path());
            millis[i] = (System.nanoTime() - start) / 1e6;
            check(query, response);
        }
        return millis;
    }

    int items(Query query) {
        return auditor.get(query.path()).body().path("items").size();
    }

    private static void check(Query query, ApiClient.Response response) {
        if (response.status() != 200 || response.body().path("items").isEmpty()) {
            throw new IllegalStateException(query + " answered " + response.status() + ": "
                    + response.raw().substring(0, Math.min(300, response.raw().length())));
        }
    }

    /**
     * A restaurant's evenings one after another: orders with their lines, tickets and bills, a menu change now and
     * then, a staff change rarely; each event on its service's chain, written with COPY in chunks.
     */
    private void fill(DataSource dataSource, long events) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy audit.audit_event (event_id, service, aggregate_type, aggregate_id, sequence, global_index, "
                            + "type, type_name, occurred_at, user_id, payload, metadata, hash, previous_hash) from stdin");
            StringBuilder rows = new StringBuilder(1 << 20);
            Instant at = first;
            HexFormat hex = HexFormat.of();
            byte[] hash = new byte[32];
            while (written < events) {
                at = at.plusMillis(20_000 + random.nextInt(40_000));
                UUID waiter = waiters.get(random.nextInt(waiters.size()));
                UUID cook = cooks.get(random.nextInt(cooks.size()));
                String order = UUID.randomUUID().toString();
                if (someOrder == null && written > events / 2) {
                    someOrder = order;
                }
                String previous = "0".repeat(64);
                for (int s = 0; s < ORDER_EVENTS.length; s++) {
                    random.nextBytes(hash);
                    String next = hex.formatHex(hash);
                    row(rows, "order-command", "Order", order, s, ORDER_EVENTS[s][0],
                            at.plusSeconds(s * 120L), ORDER_EVENTS[s][1].equals("KITCHEN") ? cook : waiter,
                            ORDER_EVENTS[s][1], order, next, previous);
                    previous = next;
                }
                String ticket = UUID.randomUUID().toString();
                previous = "0".repeat(64);
                for (int s = 0; s < TICKET_EVENTS.length; s++) {
                    random.nextBytes(hash);
                    String next = hex.formatHex(hash);
                    row(rows, "kitchen-command", "KitchenTicket", ticket, s, TICKET_EVENTS[s][0],
                            at.plusSeconds(480 + s * 240L), TICKET_EVENTS[s][1].equals("KITCHEN") ? cook : waiter,
                            TICKET_EVENTS[s][1], order, next, previous);
                    previous = next;
                }
                String bill = UUID.randomUUID().toString();
                previous = "0".repeat(64);
                for (int s = 0; s < BILL_EVENTS.length; s++) {
                    random.nextBytes(hash);
                    String next = hex.formatHex(hash);
                    row(rows, "billing-command", "Bill", bill, s, BILL_EVENTS[s][0], at.plusSeconds(2400 + s * 60L),
                            waiter, "STAFF", order, next, previous);
                    previous = next;
                }
                if (random.nextInt(50) == 0) {
                    random.nextBytes(hash);
                    row(rows, "catalog-query", "MenuItem", UUID.randomUUID().toString(), 0,
                            "io.brigade.contracts.catalog.MenuItemPriceChanged", at,
                            managers.get(random.nextInt(managers.size())), "MANAGER", order, hex.formatHex(hash),
                            "0".repeat(64));
                }
                if (random.nextInt(2000) == 0) {
                    random.nextBytes(hash);
                    row(rows, "auth-service", "User", UUID.randomUUID().toString(), 1,
                            "io.brigade.contracts.auth.UserRoleChanged", at, managers.get(0), "ADMIN", order,
                            hex.formatHex(hash), "0".repeat(64));
                }
                if (rows.length() > (1 << 20)) {
                    byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    rows.setLength(0);
                }
            }
            byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
            last = at;
        }
    }

    private void row(StringBuilder rows, String service, String aggregateType, String aggregateId, long sequence,
                     String type, Instant at, UUID user, String role, String order, String hash, String previous) {
        long index = globalIndexes.merge(service, 1L, Long::sum);
        String simple = type.substring(type.lastIndexOf('.') + 1);
        rows.append(UUID.randomUUID()).append('\t').append(service).append('\t').append(aggregateType).append('\t')
                .append(aggregateId).append('\t').append(sequence).append('\t').append(index).append('\t')
                .append(type).append('\t').append(simple).append('\t').append(COPY_TIME.format(at)).append('\t')
                .append(user).append('\t')
                .append("{\"orderId\":\"").append(order).append("\",\"lineId\":\"").append(UUID.randomUUID())
                .append("\",\"quantity\":").append(1 + random.nextInt(3)).append(",\"unitPrice\":{\"cents\":")
                .append(500 + random.nextInt(3000)).append("}}").append('\t')
                .append("{\"userId\":\"").append(user).append("\",\"username\":\"user-")
                .append(user.toString(), 0, 8).append("\",\"role\":\"").append(role)
                .append("\",\"correlationId\":\"").append(UUID.randomUUID()).append("\"}").append('\t')
                .append(hash).append('\t').append(previous).append('\n');
        written++;
    }

    @Override
    public void close() {
        service.close();
    }
}

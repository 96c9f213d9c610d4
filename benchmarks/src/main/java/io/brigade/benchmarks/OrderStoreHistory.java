package io.brigade.benchmarks;

import io.brigade.audit.CanonicalJson;
import io.brigade.audit.EventHash;
import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.BillAttached;
import io.brigade.contracts.order.BillRequested;
import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderClosed;
import io.brigade.contracts.order.OrderId;
import io.brigade.contracts.order.OrderLineAdded;
import io.brigade.contracts.order.OrderLinesCooking;
import io.brigade.contracts.order.OrderLinesReady;
import io.brigade.contracts.order.OrderLinesSent;
import io.brigade.contracts.order.OrderLinesServed;
import io.brigade.contracts.order.OrderOpened;
import io.brigade.contracts.order.OrderReady;
import io.brigade.contracts.order.OrderServed;
import io.brigade.contracts.order.SentLine;
import io.brigade.platform.audit.HashChainingEventStorageEngine;
import io.brigade.platform.test.TestInfrastructure;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Closed orders written straight into an order service's event store with COPY, as the service would have stored
 * them: the service's own serializer for payloads and metadata, the caller and correlation in the metadata, and each
 * order's events hash-chained exactly as the store chains them (docs/audit-hashing.md), so the audit trail and a
 * checkpoint accept them. An order is opened, gets 2 to 5 lines, is sent, cooked, served, billed and closed: 11 to
 * 14 events. Their timestamps run through the past {@code span}, ending a minute ago. The history counts as already
 * published: the service's Kafka publisher is set to continue after it (nothing is written to Kafka).
 */
final class OrderStoreHistory {

    private static final String[] WAITERS = {"camille", "jules", "noor", "ines", "tom"};
    private static final String[] STATIONS = {"grill", "fryer", "cold", "bar", "pastry"};
    private static final int EVENTS_PER_COPY = 200_000;
    private static final HexFormat HEX = HexFormat.of();

    private final String jdbcUrl;
    private final Serializer serializer;
    private final Random random = new Random(17);
    private final List<MenuItemId> dishes = new ArrayList<>();
    private final Map<String, UUID> waiterIds = new LinkedHashMap<>();

    OrderStoreHistory(String jdbcUrl, Serializer serializer) {
        this.jdbcUrl = jdbcUrl;
        this.serializer = serializer;
        for (int i = 0; i < 40; i++) {
            dishes.add(MenuItemId.random());
        }
        for (String waiter : WAITERS) {
            waiterIds.put(waiter, UUID.nameUUIDFromBytes(waiter.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Appends whole orders until at least {@code events} more are stored; answers how many were written. */
    long append(long events, Duration span) throws SQLException {
        try (Connection db = connect()) {
            long next = single(db, "select coalesce(max(global_index), 0) from domain_event_entry") + 1;
            long first = next;
            Instant start = Instant.now().minus(span);
            double step = (double) span.minusMinutes(1).toMillis() / events;
            List<Row> rows = new ArrayList<>();
            StringBuilder copy = new StringBuilder(8 << 20);
            long written = 0;
            while (written < events) {
                Instant at = start.plusMillis((long) (written * step));
                rows.clear();
                order(at, rows);
                for (Row row : rows) {
                    line(copy, next++, row);
                }
                written += rows.size();
                if (copy.length() > (6 << 20) || written >= events) {
                    copyIn(db, copy);
                    copy.setLength(0);
                }
            }
            try (Statement statement = db.createStatement()) {
                statement.execute("select setval('domain_event_entry_seq', " + (next - 1) + ")");
                statement.execute("analyze domain_event_entry");
            }
            publishedUpTo(db, next - 1);
            System.out.printf("history: %,d events at global index %,d to %,d%n", written, first, next - 1);
            return written;
        }
    }

    private Connection connect() throws SQLException {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        return DriverManager.getConnection(jdbcUrl, infrastructure.postgresUser(), infrastructure.postgresPassword());
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void copyIn(Connection db, StringBuilder text) throws SQLException {
        CopyIn copy = db.unwrap(PGConnection.class).getCopyAPI().copyIn("copy domain_event_entry (global_index, "
                + "event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, "
                + "payload_revision, payload, meta_data) from stdin");
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        copy.endCopy();
    }

    /** The history counts as published: Brigade's publisher continues after its last event. */
    private void publishedUpTo(Connection db, long globalIndex) throws SQLException {
        SerializedObject<byte[]> token = serializer.serialize(GapAwareTrackingToken.newInstance(globalIndex, Set.of()),
                byte[].class);
        try (PreparedStatement update = db.prepareStatement("update token_entry set token = ?, token_type = ?, "
                + "owner = null where processor_name = ?")) {
            update.setBytes(1, token.getData());
            update.setString(2, token.getType().getName());
            update.setString(3, KafkaEventPublisher.DEFAULT_PROCESSING_GROUP);
            if (update.executeUpdate() == 0) {
                throw new IllegalStateException("The order service has not started its Kafka publisher on this store");
            }
        }
    }

    private record Row(String eventId, String aggregateId, long sequence, String timestamp, String payloadType,
                       String revision, byte[] payload, byte[] metaData) {
    }

    private void order(Instant at, List<Row> rows) {
        OrderId order = OrderId.random();
        String waiter = WAITERS[random.nextInt(WAITERS.length)];
        int table = 1 + random.nextInt(40);
        TableId tableId = new TableId(new UUID(0, table));
        Chain chain = new Chain(order.toString(), waiter, at, rows);
        chain.add(new OrderOpened(order, tableId, table, 1 + random.nextInt(6)));
        List<BilledLine> billed = new ArrayList<>();
        List<SentLine> sent = new ArrayList<>();
        int lines = 2 + random.nextInt(4);
        for (int i = 0; i < lines; i++) {
            MenuItemId dish = dishes.get(random.nextInt(dishes.size()));
            LineId line = LineId.random();
            String station = STATIONS[random.nextInt(STATIONS.length)];
            int quantity = 1 + random.nextInt(2);
            long unit = 450 + 50L * random.nextInt(40);
            chain.add(new OrderLineAdded(order, line, dish, "Dish " + dish.value().toString().substring(0, 4),
                    station, quantity, List.of(), Money.ofCents(unit), 1 + i % 4, 1, null, List.of()));
            billed.add(new BilledLine(line, dish, "Dish", quantity, Money.ofCents(unit),
                    Money.ofCents(unit * quantity), 1 + i % 4));
            sent.add(new SentLine(line, dish, "Dish", station, quantity, List.of(), 1 + i % 4, 1, null, List.of()));
        }
        List<LineId> lineIds = sent.stream().map(SentLine::lineId).toList();
        chain.add(new OrderLinesSent(order, 1, tableId, table, null, sent));
        chain.add(new OrderLinesCooking(order, lineIds));
        chain.add(new OrderLinesReady(order, lineIds));
        chain.add(new OrderReady(order));
        chain.add(new OrderLinesServed(order, lineIds));
        chain.add(new OrderServed(order));
        long subtotal = billed.stream().mapToLong(l -> l.total().cents()).sum();
        chain.add(new BillRequested(order, 1, tableId, table, billed, Money.ofCents(subtotal)));
        BillId bill = BillId.forRequest(order, 1);
        chain.add(new BillAttached(order, bill));
        chain.add(new OrderClosed(order, tableId, bill));
    }

    /** One order's events, each chained to the one before it. */
    private final class Chain {

        private final String aggregateId;
        private final String waiter;
        private final List<Row> rows;
        private Instant now;
        private long sequence;
        private String previous = EventHash.GENESIS;

        Chain(String aggregateId, String waiter, Instant at, List<Row> rows) {
            this.aggregateId = aggregateId;
            this.waiter = waiter;
            this.now = at;
            this.rows = rows;
        }

        void add(Object payload) {
            String eventId = UUID.randomUUID().toString();
            String commandId = UUID.randomUUID().toString();
            String timestamp = EventHash.timestamp(now);
            SerializedObject<byte[]> serialized = serializer.serialize(payload, byte[].class);
            String userId = waiterIds.get(waiter).toString();
            String hash = EventHash.hash(new EventHash.Content(previous, eventId, "Order", aggregateId, sequence,
                    serialized.getType().getName(), timestamp, CanonicalJson.parse(serialized.getData()), userId,
                    waiter, "STAFF"));
            Map<String, Object> metaData = new LinkedHashMap<>();
            metaData.put("userId", userId);
            metaData.put("username", waiter);
            metaData.put("role", "STAFF");
            metaData.put("correlationId", commandId);
            metaData.put("causationId", commandId);
            metaData.put(HashChainingEventStorageEngine.PREVIOUS_HASH, previous);
            metaData.put(HashChainingEventStorageEngine.HASH, hash);
            rows.add(new Row(eventId, aggregateId, sequence, timestamp, serialized.getType().getName(),
                    serialized.getType().getRevision(), serialized.getData(),
                    serializer.serialize(MetaData.from(metaData), byte[].class).getData()));
            previous = hash;
            sequence++;
            now = now.plusMillis(1);
        }
    }

    private static void line(StringBuilder out, long globalIndex, Row row) {
        out.append(globalIndex).append('\t').append(row.eventId()).append('\t').append(row.aggregateId())
                .append('\t').append(row.sequence()).append("\tOrder\t").append(row.timestamp()).append('\t')
                .append(row.payloadType()).append('\t').append(row.revision() == null ? "\\N" : row.revision())
                .append("\t\\\\x").append(HEX.formatHex(row.payload())).append("\t\\\\x")
                .append(HEX.formatHex(row.metaData())).append('\n');
    }
}

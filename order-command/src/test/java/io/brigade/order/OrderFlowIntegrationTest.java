package io.brigade.order;

import io.brigade.platform.test.TopicReader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OrderFlowIntegrationTest extends OrderServiceTestBase {

    @Test
    void aWaiterOpensAnOrderAddsLinesAndSendsThem_andEveryEventReachesKafkaKeyedByOrderWithItsMetadata() {
        String orderId = openOrder(3, 2);
        String steak = addLine(orderId, "Ribeye steak 300g", 1);
        addLine(orderId, "House lemonade", 2);

        var sent = waiter.post("/api/v1/orders/" + orderId + "/send", Map.of());

        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body().path("sentLines").asInt()).isEqualTo(2);
        List<TopicReader.Record> records = TopicReader.readUntil(orderTopic(),
                rs -> rs.stream().filter(r -> r.key().equals(orderId)).count() == 4, Duration.ofSeconds(30));
        List<TopicReader.Record> ofOrder = records.stream().filter(r -> r.key().equals(orderId)).toList();
        assertThat(ofOrder).extracting(TopicReader.Record::type).containsExactly(
                "io.brigade.contracts.order.OrderOpened",
                "io.brigade.contracts.order.OrderLineAdded",
                "io.brigade.contracts.order.OrderLineAdded",
                "io.brigade.contracts.order.OrderLinesSent");
        assertThat(ofOrder).allSatisfy(r -> {
            assertThat(r.metaData("username")).isEqualTo("waiter");
            assertThat(r.metaData("role")).isEqualTo("STAFF");
            assertThat(r.metaData("correlationId")).isNotBlank();
            assertThat(r.metaData("causationId")).isNotBlank();
        });
        String sentJson = ofOrder.get(3).json();
        assertThat(sentJson).contains("\"station\":\"grill\"", "\"station\":\"bar\"", steak, "\"tableNumber\":3");
        assertThat(ofOrder.get(1).json()).contains("\"unitPrice\":3200");
    }

    @Test
    void aRetriedCreateWithTheSameIdAndBodySucceedsWithoutANewEvent_andWithAnotherBodyIsAConflict() {
        String orderId = java.util.UUID.randomUUID().toString();
        String lineId = java.util.UUID.randomUUID().toString();
        Map<String, Object> open = Map.of("orderId", orderId, "tableId", DEMO.table(9).id().toString(), "guests", 4);
        Map<String, Object> line = Map.of("lineId", lineId, "menuItemId", DEMO.item("Espresso").id().toString(),
                "quantity", 2);

        assertThat(waiter.post("/api/v1/orders", open).status()).isEqualTo(201);
        assertThat(waiter.post("/api/v1/orders/" + orderId + "/lines", line).status()).isEqualTo(201);
        long events = eventCount();

        var openAgain = waiter.post("/api/v1/orders", open);
        var lineAgain = waiter.post("/api/v1/orders/" + orderId + "/lines", line);
        assertThat(openAgain.status()).isEqualTo(201);
        assertThat(openAgain.text("orderId")).isEqualTo(orderId);
        assertThat(lineAgain.status()).isEqualTo(201);
        assertThat(lineAgain.text("lineId")).isEqualTo(lineId);
        assertThat(eventCount()).isEqualTo(events);

        var otherGuests = waiter.post("/api/v1/orders", Map.of("orderId", orderId,
                "tableId", DEMO.table(9).id().toString(), "guests", 5));
        var otherQuantity = waiter.post("/api/v1/orders/" + orderId + "/lines", Map.of("lineId", lineId,
                "menuItemId", DEMO.item("Espresso").id().toString(), "quantity", 3));
        assertThat(otherGuests.status()).isEqualTo(409);
        assertThat(otherQuantity.status()).isEqualTo(409);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void waitersOpeningTheSameTableAtOnce_exactlyOneGetsIt() throws Exception {
        String table = DEMO.table(11).id().toString();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> waiter.post("/api/v1/orders",
                        Map.of("tableId", table, "guests", 2)).status()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from table_occupancy where table_id = ?::uuid",
                Integer.class, table)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where payload_type like '%OrderOpened'"
                + " and convert_from(payload, 'UTF8') like ?", Integer.class, "%" + table + "%")).isEqualTo(1);
    }

    @Test
    void theCallersCorrelationIdTravelsOnTheEvents() {
        String orderId = openOrder(5, 4);
        var response = waiter.post("/api/v1/orders/" + orderId + "/lines", Map.of(
                "menuItemId", DEMO.item("Fries").id().toString(), "quantity", 1));
        assertThat(response.status()).isEqualTo(201);

        var records = TopicReader.readUntil(orderTopic(),
                rs -> rs.stream().filter(r -> r.key().equals(orderId)).count() == 2, Duration.ofSeconds(30));
        var added = records.stream().filter(r -> r.key().equals(orderId)).toList().get(1);
        var opened = records.stream().filter(r -> r.key().equals(orderId)).toList().get(0);
        assertThat(added.metaData("correlationId")).isNotEqualTo(opened.metaData("correlationId"));
    }

    @Test
    void theEventStoreKeepsPayloadsAsByteaWithoutLargeObjectsAndTheGlobalIndexHasNoGaps() {
        long before = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        String orderId = openOrder(7, 2);
        for (int i = 0; i < 10; i++) {
            addLine(orderId, "Espresso", 1);
        }

        assertThat(jdbc.queryForObject("select count(*) from pg_largeobject_metadata", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select data_type from information_schema.columns "
                + "where table_name = 'domain_event_entry' and column_name = 'payload'", String.class))
                .isEqualTo("bytea");
        // one value of the sequence per event, none left unused by allocation (a rolled-back command may still
        // leave one, which is why this looks only at the events of this test's own successful commands)
        List<Long> indexes = jdbc.queryForList("select global_index from domain_event_entry where global_index > ? "
                + "order by global_index", Long.class, before);
        assertThat(indexes).hasSize(11);
        assertThat(indexes.get(10) - indexes.get(0)).isEqualTo(10);
        assertThat(jdbc.queryForObject("select convert_from(payload, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ? and sequence_number = 0", String.class, orderId))
                .contains("\"guests\":2");
    }
}

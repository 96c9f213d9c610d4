package io.brigade.reporting.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.audit.Checkpoint;
import io.brigade.audit.EventHash;
import io.brigade.audit.VerifyExport;
import io.brigade.contracts.Topics;
import io.brigade.contracts.auth.UserId;
import io.brigade.contracts.auth.UserRegistered;
import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.billing.BillPaid;
import io.brigade.contracts.billing.BillVoided;
import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.order.OrderCancelled;
import io.brigade.contracts.order.OrderId;
import io.brigade.contracts.order.OrderOpened;
import io.brigade.platform.kafka.BrigadeKafkaProperties;
import io.brigade.platform.kafka.KafkaEventWriter;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.ApiRoles;
import io.brigade.platform.test.ServiceIntegrationTest;
import io.brigade.platform.test.TestInfrastructure;
import io.brigade.reporting.ReportingApplication;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reporting service's audit trail, fed by services played on the real topics exactly as they publish (chained
 * events with their global index, signed checkpoints): the feed across services, its filters and pages, who may read
 * it, what bad input gets, and an export across services that the offline verifier accepts, and refuses once tampered.
 */
@ServiceIntegrationTest
@SpringBootTest(classes = ReportingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditTrailAcrossServicesTest {

    private static final List<ApiRoles.Endpoint> AUDIT = List.of(
            new ApiRoles.Endpoint("GET", "/api/v1/audit/events", Set.of("AUDITOR")),
            new ApiRoles.Endpoint("GET", "/api/v1/audit/checkpoints", Set.of("AUDITOR")),
            new ApiRoles.Endpoint("GET", "/api/v1/audit/export?aggregateId=" + UUID.randomUUID(), Set.of("AUDITOR")));
    /** Each test's events happen in an hour of their own, so a time range selects only them. */
    private static final AtomicLong HOURS = new AtomicLong();
    private static final Instant EPOCH = Instant.parse("2026-06-01T00:00:00Z");

    private static PlayedService orders;
    private static PlayedService bills;

    @LocalServerPort
    int port;
    @Autowired
    BrigadeKafkaProperties kafka;
    @Autowired
    JdbcTemplate jdbc;

    ApiClient anonymous;
    ApiClient auditor;
    final PlayedService.Who waiter = new PlayedService.Who(UUID.randomUUID(), "camille", "STAFF");
    final PlayedService.Who manager = new PlayedService.Who(UUID.randomUUID(), "ines", "MANAGER");

    @BeforeEach
    void clients() {
        anonymous = ApiClient.at("http://localhost:" + port);
        auditor = anonymous.as("auditor", "AUDITOR");
        if (orders == null) {
            String checkpoints = kafka.topic(Topics.AUDIT_CHECKPOINTS);
            orders = new PlayedService("order-command", kafka.topic(Topics.ORDER_EVENTS), checkpoints);
            bills = new PlayedService("billing-command", kafka.topic(Topics.BILLING_EVENTS), checkpoints);
        }
    }

    @AfterAll
    static void close() {
        orders.close();
        bills.close();
    }

    @Test
    @DisplayName("Only auditors and admins read the feed, the checkpoints and exports; without a token nobody does")
    void roleMatrix() {
        ApiRoles.assertEveryRoleReads(anonymous, AUDIT);
    }

    @Test
    @DisplayName("Bad instants, ids, types and pages are 400 problems naming the field")
    void badInput() {
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("/api/v1/audit/events?from=yesterday", "from");
        bad.put("/api/v1/audit/events?to=2026-13-45T00:00:00Z", "to");
        bad.put("/api/v1/audit/events?from=2026-11-29T00:00:00Z&to=2026-11-28T00:00:00Z", "from");
        bad.put("/api/v1/audit/events?userId=not-a-uuid", "userId");
        bad.put("/api/v1/audit/events?userId=00000000-0000-0000-0000-000000000000", "userId");
        bad.put("/api/v1/audit/events?type=Order%20Opened", "type");
        bad.put("/api/v1/audit/events?aggregateId=" + "a".repeat(256), "aggregateId");
        bad.put("/api/v1/audit/events?size=0", "size");
        bad.put("/api/v1/audit/events?size=201", "size");
        bad.put("/api/v1/audit/events?size=1.5", "size");
        bad.put("/api/v1/audit/events?page=-1", "page");
        bad.put("/api/v1/audit/events?page=abc", "page");
        bad.put("/api/v1/audit/events?page=200&size=50", "page");
        bad.put("/api/v1/audit/events?page=99999999999", "page");
        bad.put("/api/v1/audit/checkpoints?service=cash-register", "service");
        bad.put("/api/v1/audit/export?from=now", "from");
        bad.put("/api/v1/audit/export?aggregateId=x&from=2026-11-28T00:00:00Z", "aggregateId");
        bad.forEach((path, field) -> {
            ApiClient.Response response = auditor.get(path);
            assertThat(response.status()).as(path + ": " + response.raw()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body().path("errors").get(0).path("field").asText()).as(path).isEqualTo(field);
        });
    }

    @Test
    @DisplayName("Every service's events, auth's too, show newest first with who did it and the hash, and each filter "
            + "selects its own")
    void feedAcrossServices() {
        Instant start = hour();
        OrderId order = OrderId.random();
        BillId bill = new BillId(UUID.randomUUID());
        TableId table = new TableId(UUID.randomUUID());
        orders.append("Order", order.toString(), new OrderOpened(order, table, 4, 2), waiter, start.plusSeconds(60));
        bills.append("Bill", bill.toString(), new BillPaid(bill, order), manager, start.plusSeconds(120));
        orders.append("Order", order.toString(), new OrderCancelled(order, table, "left"), manager,
                start.plusSeconds(180));
        UserId newcomer = new UserId(UUID.randomUUID());
        try (KafkaEventWriter auth = new KafkaEventWriter(TestInfrastructure.get().kafkaBootstrapServers())) {
            auth.write(kafka.topic(Topics.AUTH_EVENTS), "User", newcomer.value().toString(), 0,
                    new UserRegistered(newcomer, "noor", "Noor A.", "STAFF", true),
                    Map.of("userId", manager.userId().toString(), "username", "ines", "role", "MANAGER"));
        }
        String range = "from=" + start + "&to=" + start.plus(1, ChronoUnit.HOURS);
        JsonNode page = await().atMost(Duration.ofSeconds(30)).until(
                () -> auditor.get("/api/v1/audit/events?" + range).body(), p -> p.path("total").asInt() == 3);

        List<JsonNode> items = list(page.path("items"));
        assertThat(items).extracting(e -> e.path("type").asText()).containsExactly(
                OrderCancelled.class.getName(), BillPaid.class.getName(), OrderOpened.class.getName());
        JsonNode cancelled = items.get(0);
        assertThat(cancelled.path("service").asText()).isEqualTo("order-command");
        assertThat(cancelled.path("aggregateType").asText()).isEqualTo("Order");
        assertThat(cancelled.path("aggregateId").asText()).isEqualTo(order.toString());
        assertThat(cancelled.path("sequence").asLong()).isEqualTo(1);
        assertThat(cancelled.path("globalIndex").isIntegralNumber()).isTrue();
        assertThat(cancelled.path("eventId").asText()).hasSize(36);
        assertThat(cancelled.path("timestamp").asText()).isEqualTo(EventHash.timestamp(start.plusSeconds(180)));
        assertThat(cancelled.path("payload").path("reason").asText()).isEqualTo("left");
        assertThat(cancelled.path("metadata").path("username").asText()).isEqualTo("ines");
        assertThat(cancelled.path("metadata").path("role").asText()).isEqualTo("MANAGER");
        assertThat(cancelled.path("metadata").path("userId").asText()).isEqualTo(manager.userId().toString());
        assertThat(cancelled.path("metadata").has("hash")).isFalse();
        assertThat(cancelled.path("hash").asText()).matches("[0-9a-f]{64}");
        assertThat(cancelled.path("previousHash").asText()).isEqualTo(items.get(2).path("hash").asText());
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(50);
        assertThat(page.path("hasMore").asBoolean()).isFalse();

        JsonNode registered = await().atMost(Duration.ofSeconds(30)).until(() -> auditor.get(
                "/api/v1/audit/events?aggregateId=" + newcomer.value()).body(), p -> p.path("total").asInt() == 1);
        assertThat(registered.path("items").get(0).path("service").asText()).isEqualTo("auth-service");
        assertThat(registered.path("items").get(0).path("payload").path("username").asText()).isEqualTo("noor");

        assertThat(types("/api/v1/audit/events?" + range + "&userId=" + waiter.userId()))
                .containsExactly(OrderOpened.class.getName());
        assertThat(types("/api/v1/audit/events?userId=" + manager.userId() + "&" + range))
                .containsExactly(OrderCancelled.class.getName(), BillPaid.class.getName());
        assertThat(types("/api/v1/audit/events?" + range + "&type=BillPaid")).containsExactly(BillPaid.class.getName());
        assertThat(types("/api/v1/audit/events?" + range + "&type=" + OrderOpened.class.getName()))
                .containsExactly(OrderOpened.class.getName());
        assertThat(types("/api/v1/audit/events?" + range + "&type=io.brigade.contracts.billing.OrderOpened")).isEmpty();
        assertThat(types("/api/v1/audit/events?aggregateId=" + order)).containsExactly(
                OrderCancelled.class.getName(), OrderOpened.class.getName());
        assertThat(types("/api/v1/audit/events?from=" + start.plusSeconds(100) + "&to=" + start.plusSeconds(180)))
                .containsExactly(BillPaid.class.getName());

        JsonNode first = auditor.get("/api/v1/audit/events?" + range + "&size=2").body();
        JsonNode second = auditor.get("/api/v1/audit/events?" + range + "&size=2&page=1").body();
        assertThat(first.path("total").asInt()).isEqualTo(3);
        assertThat(first.path("hasMore").asBoolean()).isTrue();
        assertThat(list(first.path("items"))).extracting(e -> e.path("eventId").asText())
                .containsExactly(items.get(0).path("eventId").asText(), items.get(1).path("eventId").asText());
        assertThat(list(second.path("items"))).extracting(e -> e.path("eventId").asText())
                .containsExactly(items.get(2).path("eventId").asText());
        assertThat(second.path("hasMore").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("An event delivered again, as the publisher may after a crash, is stored once")
    void redeliveryIsStoredOnce() {
        Instant start = hour();
        OrderId order = OrderId.random();
        TableId table = new TableId(UUID.randomUUID());
        ProducerRecord<String, byte[]> opened = orders.append("Order", order.toString(),
                new OrderOpened(order, table, 2, 2), waiter, start.plusSeconds(1));
        orders.send(opened);
        orders.send(new ProducerRecord<>(opened.topic(), null, opened.key(), opened.value(), opened.headers()));
        // the same aggregate goes to the same partition: once its next event is stored, the copies were read
        orders.append("Order", order.toString(), new OrderCancelled(order, table, "no-show"), waiter,
                start.plusSeconds(2));
        JsonNode page = await().atMost(Duration.ofSeconds(30)).until(() -> auditor.get(
                "/api/v1/audit/events?aggregateId=" + order).body(), p -> p.path("items").size() >= 2);
        assertThat(page.path("total").asInt()).isEqualTo(2);
        assertThat(types("/api/v1/audit/events?aggregateId=" + order)).containsExactly(
                OrderCancelled.class.getName(), OrderOpened.class.getName());
    }

    @Test
    @DisplayName("A record the database cannot hold (an aggregate id too long to index) is passed over; the events "
            + "around it are kept")
    void aRecordTheDatabaseRefusesDoesNotHoldTheTrailUp() {
        OrderId order = OrderId.random();
        TableId table = new TableId(UUID.randomUUID());
        ProducerRecord<String, byte[]> opened = orders.append("Order", order.toString(),
                new OrderOpened(order, table, 6, 2), waiter, hour());
        StringBuilder tooLong = new StringBuilder();
        while (tooLong.length() < 20_000) {
            tooLong.append(UUID.randomUUID());
        }
        RecordHeaders headers = new RecordHeaders();
        opened.headers().forEach(header -> {
            if (!header.key().equals("axon-message-id") && !header.key().equals("axon-message-aggregate-id")) {
                headers.add(header);
            }
        });
        headers.add("axon-message-id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("axon-message-aggregate-id", tooLong.toString().getBytes(StandardCharsets.UTF_8));
        // the same key, so the same partition and most likely the same poll as the events around it
        orders.send(new ProducerRecord<>(opened.topic(), null, opened.key(), opened.value(), headers));
        orders.append("Order", order.toString(), new OrderCancelled(order, table, "closed early"), waiter,
                hour());
        await().atMost(Duration.ofSeconds(30)).until(() -> auditor.get("/api/v1/audit/events?aggregateId=" + order)
                .body().path("total").asInt() == 2);
        assertThat(jdbc.queryForObject("select count(*) from audit.audit_event where length(aggregate_id) > 255",
                Integer.class)).isZero();
    }

    @Test
    @DisplayName("Every checkpoint read is kept once, served per service or all together")
    void checkpointsAreKept() {
        OrderId order = OrderId.random();
        orders.append("Order", order.toString(), new OrderOpened(order, new TableId(UUID.randomUUID()), 1, 1), waiter,
                hour());
        Checkpoint ofOrders = orders.checkpoint();
        orders.send(new ProducerRecord<>(kafka.topic(Topics.AUDIT_CHECKPOINTS), "order-command",
                ofOrders.toJson().toString().getBytes(StandardCharsets.UTF_8)));
        BillId bill = new BillId(UUID.randomUUID());
        bills.append("Bill", bill.toString(), new BillVoided(bill, order, "order cancelled"), manager, hour());
        Checkpoint ofBills = bills.checkpoint();

        List<JsonNode> mine = await().atMost(Duration.ofSeconds(30)).until(
                () -> list(auditor.get("/api/v1/audit/checkpoints?service=order-command").body()),
                all -> all.stream().anyMatch(c -> c.path("signature").asText().equals(ofOrders.signature())));
        assertThat(mine).allMatch(c -> c.path("service").asText().equals("order-command"));
        assertThat(mine).filteredOn(c -> c.path("signature").asText().equals(ofOrders.signature())).hasSize(1)
                .first().satisfies(c -> assertThat(Checkpoint.fromJson(c)).isEqualTo(ofOrders));
        List<JsonNode> all = await().atMost(Duration.ofSeconds(30)).until(
                () -> list(auditor.get("/api/v1/audit/checkpoints").body()),
                every -> every.stream().anyMatch(c -> c.path("signature").asText().equals(ofBills.signature())));
        assertThat(all).extracting(c -> c.path("service").asText()).contains("order-command", "billing-command");
    }

    @Test
    @DisplayName("An export across services verifies offline with each service's key; a changed byte or a deleted "
            + "event is reported")
    void exportVerifiesOffline(@TempDir Path dir) throws Exception {
        Instant start = hour();
        OrderId order = OrderId.random();
        TableId table = new TableId(UUID.randomUUID());
        BillId bill = new BillId(UUID.randomUUID());
        orders.append("Order", order.toString(), new OrderOpened(order, table, 9, 6), waiter, start.plusSeconds(10));
        bills.append("Bill", bill.toString(), new BillPaid(bill, order), waiter, start.plusSeconds(20));
        orders.append("Order", order.toString(), new OrderCancelled(order, table, "fire drill"), manager,
                start.plusSeconds(30));
        Checkpoint ofOrders = orders.checkpoint();
        Checkpoint ofBills = bills.checkpoint();
        Path orderKey = Files.writeString(dir.resolve("order-command.pub.pem"), orders.publicKeyPem());
        Path billKey = Files.writeString(dir.resolve("billing-command.pub.pem"), bills.publicKeyPem());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<JsonNode> all = list(auditor.get("/api/v1/audit/checkpoints").body());
            return all.stream().anyMatch(c -> c.path("signature").asText().equals(ofOrders.signature()))
                    && all.stream().anyMatch(c -> c.path("signature").asText().equals(ofBills.signature()));
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> auditor.get("/api/v1/audit/events?from=" + start
                + "&to=" + start.plusSeconds(3600)).body().path("total").asInt() == 3);

        // a checkpoint covers events of earlier tests too, which the trail may still be storing
        Path export = dir.resolve("range.jsonl");
        String range = "/api/v1/audit/export?from=" + start + "&to=" + start.plusSeconds(3600);
        await().atMost(Duration.ofSeconds(30)).until(() -> verify(download(range, export), orderKey, billKey).code() == 0);
        List<String> lines = Files.readAllLines(export);
        assertThat(lines.stream().filter(l -> l.contains("\"record\":\"export\"")).count()).isEqualTo(2);
        assertThat(lines.stream().filter(l -> l.contains("\"record\":\"event\"")).count()).isEqualTo(3);
        assertThat(lines.stream().filter(l -> l.contains("\"record\":\"checkpoint\""))).isNotEmpty();
        Verdict valid = verify(export, orderKey, billKey);
        assertThat(valid.code()).as(valid.printed()).isZero();
        assertThat(valid.printed()).contains("Audit export of billing-command").contains("Audit export of order-command")
                .contains("ALL 2 SECTIONS: VALID");
        assertThat(verify(export, orderKey).printed()).as("without billing's key")
                .contains("which is not a trusted key").contains("INVALID");

        Path changed = dir.resolve("changed.jsonl");
        Files.write(changed, lines.stream().map(l -> l.replace("\"reason\":\"fire drill\"", "\"reason\":\"fire drilL\""))
                .toList());
        Verdict tampered = verify(changed, orderKey, billKey);
        assertThat(tampered.code()).isEqualTo(1);
        assertThat(tampered.printed()).contains("FIRST FAILURE: aggregate " + order + ": event 1 does not match its hash")
                .contains("INVALID");

        Path deleted = dir.resolve("deleted.jsonl");
        Files.write(deleted, lines.stream().filter(l -> !l.contains("\"reason\":\"fire drill\"")).toList());
        Verdict missing = verify(deleted, orderKey, billKey);
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.printed()).contains("were deleted").contains("INVALID");

        Path one = download("/api/v1/audit/export?aggregateId=" + order, dir.resolve("order.jsonl"));
        List<String> oneLines = Files.readAllLines(one);
        assertThat(oneLines.stream().filter(l -> l.contains("\"record\":\"export\"")).count()).isEqualTo(1);
        assertThat(oneLines.stream().filter(l -> l.contains("\"record\":\"event\"")).count()).isEqualTo(2);
        Verdict ofOne = verify(one, orderKey);
        assertThat(ofOne.code()).as(ofOne.printed()).isZero();
        assertThat(ofOne.printed()).contains("aggregate " + order).contains("VALID");
    }

    @Test
    @DisplayName("A report replay reads the same topics again but leaves the trail as it was")
    void aReportReplayLeavesTheTrailAlone() {
        OrderId order = OrderId.random();
        orders.append("Order", order.toString(), new OrderOpened(order, new TableId(UUID.randomUUID()), 5, 2), waiter,
                hour());
        await().atMost(Duration.ofSeconds(30)).until(() -> auditor.get("/api/v1/audit/events?aggregateId=" + order)
                .body().path("total").asInt() == 1);
        String trail = "select count(*) || '/' || max(id) || '/' || md5(string_agg(event_id || hash, ',' order by id)) "
                + "from audit.audit_event";
        // what other tests published may still be arriving: the trail is compared once it stands still
        String[] seen = {jdbc.queryForObject(trail, String.class)};
        long[] stillSince = {System.nanoTime()};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            String now = jdbc.queryForObject(trail, String.class);
            if (!now.equals(seen[0])) {
                seen[0] = now;
                stillSince[0] = System.nanoTime();
            }
            return System.nanoTime() - stillSince[0] > Duration.ofSeconds(2).toNanos();
        });
        String before = seen[0];

        ApiClient manager = anonymous.as("manager", "MANAGER");
        assertThat(manager.post("/api/v1/reports/replay", null).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> manager.get("/api/v1/reports/replay").body()
                .path("state").asText(), state -> state.equals("DONE") || state.equals("FAILED"));
        assertThat(manager.get("/api/v1/reports/replay").body().path("state").asText()).isEqualTo("DONE");
        assertThat(jdbc.queryForObject(trail, String.class)).isEqualTo(before);
    }

    private record Verdict(int code, String printed) {
    }

    private static Verdict verify(Path export, Path... keys) {
        List<String> args = new ArrayList<>(List.of(export.toString()));
        for (Path key : keys) {
            args.add("--keys");
            args.add(key.toString());
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = VerifyExport.run(args.toArray(String[]::new), new PrintStream(printed, true, StandardCharsets.UTF_8));
        return new Verdict(code, printed.toString(StandardCharsets.UTF_8));
    }

    private Path download(String path, Path file) throws Exception {
        HttpResponse<Path> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + io.brigade.platform.test.TestTokens.accessToken("auditor",
                        "AUDITOR")).build(), HttpResponse.BodyHandlers.ofFile(file));
        assertThat(response.statusCode()).as(Files.readString(file)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        return file;
    }

    private List<String> types(String path) {
        ApiClient.Response response = auditor.get(path);
        assertThat(response.status()).as(path + ": " + response.raw()).isEqualTo(200);
        return list(response.body().path("items")).stream().map(e -> e.path("type").asText()).toList();
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private static Instant hour() {
        return EPOCH.plus(HOURS.getAndIncrement(), ChronoUnit.HOURS);
    }
}

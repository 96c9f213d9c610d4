package io.brigade.billing;

import io.brigade.billing.policy.BillRequestPolicy;
import io.brigade.contracts.Topics;
import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.catalog.ChangeRestaurantSettings;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.catalog.RestaurantSettingsChanged;
import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.BillRequested;
import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderCancelled;
import io.brigade.contracts.order.OrderId;
import io.brigade.platform.kafka.BrigadeKafkaProperties;
import io.brigade.platform.kafka.KafkaEventWriter;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.DemoCatalog;
import io.brigade.platform.test.ServiceIntegrationTest;
import io.brigade.platform.test.TestInfrastructure;
import io.brigade.platform.test.TopicReader;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The billing service on its own, fed the order service's events exactly as the order service publishes them. */
@ServiceIntegrationTest
class BillingIntegrationTest {

    private static final KafkaEventWriter ORDER_SERVICE =
            new KafkaEventWriter(TestInfrastructure.get().kafkaBootstrapServers());
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    BrigadeKafkaProperties kafka;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokens;
    @Autowired
    TransactionManager transactions;

    private ApiClient waiter;
    private ApiClient manager;

    @BeforeEach
    void clients() {
        ApiClient api = ApiClient.at("http://localhost:" + port);
        waiter = api.as("waiter", "STAFF");
        manager = api.as("manager", "MANAGER");
    }

    /** The demo restaurant's settings (10 % tax, no service charge), as the catalog publishes them, come first. */
    @BeforeEach
    void catalogSettings() {
        if (jdbc.queryForObject("select count(*) from restaurant_rates", Integer.class) == 0) {
            DemoCatalog.publishTo(kafka.topic(Topics.CATALOG_EVENTS));
            await().atMost(PATIENCE).until(() ->
                    jdbc.queryForObject("select count(*) from restaurant_rates", Integer.class) == 1);
        }
    }

    @AfterAll
    static void closeWriter() {
        ORDER_SERVICE.close();
    }

    @Test
    void givenABillRequest_thenABillIsIssuedWithTheTaxIncludedAndPublishedUnderItsId() {
        BillId bill = issuedBill(line(2400, 1), line(1300, 2));
        String issued = payload(bill, "BillIssued");
        assertThat(issued).contains("\"total\":3700", "\"tax\":336", "\"taxRatePercent\":10");

        List<TopicReader.Record> published = TopicReader.readUntil(kafka.topic(Topics.BILLING_EVENTS),
                records -> records.stream().anyMatch(r -> bill.toString().equals(r.key())), PATIENCE);
        assertThat(published.stream().filter(r -> bill.toString().equals(r.key())))
                .extracting(TopicReader.Record::type).containsExactly("io.brigade.contracts.billing.BillIssued");
    }

    @Test
    void aBillsAuditTrailIsChainedFromIssueToDiscount_andTheStoreVerifies() {
        BillId bill = issuedBill(line(2400, 1), line(1300, 2));
        assertThat(manager.post("/api/v1/billing/bills/" + bill + "/discounts",
                Map.of("kind", "PERCENT", "value", 10, "reason", "regulars")).status()).isEqualTo(204);

        ApiClient auditor = ApiClient.at("http://localhost:" + port).as("auditor", "AUDITOR");
        var events = auditor.get("/api/v1/audit/bills/" + bill + "/events").body();
        assertThat(events).hasSize(2);
        assertThat(events.get(1).path("type").asText()).endsWith(".DiscountGranted");
        assertThat(events.get(1).path("metadata").path("role").asText()).isEqualTo("MANAGER");
        assertThat(events.get(1).path("previousHash").asText()).isEqualTo(events.get(0).path("hash").asText());
        var verdict = auditor.get("/api/v1/audit/bills/" + bill + "/verify").body();
        assertThat(verdict.path("valid").asBoolean()).as(verdict.toString()).isTrue();
        assertThat(manager.get("/api/v1/audit/bills/" + bill + "/events").status()).isEqualTo(403);

        assertThat(auditor.post("/api/v1/audit/bills/checkpoints", null).status()).isEqualTo(201);
        var store = auditor.get("/api/v1/audit/bills/verify").body();
        assertThat(store.path("valid").asBoolean()).as(store.toString()).isTrue();
    }

    @Test
    void givenTheSameBillRequestRedelivered_thenNoSecondBillAndNoExtraEvent() {
        OrderId order = OrderId.random();
        BillRequested request = requested(order, 1, line(2400, 1));
        publish(order, request);
        awaitEvents(BillId.forRequest(order, 1), "BillIssued");
        long events = eventCount();

        publish(order, request);
        OrderId marker = OrderId.random();
        publish(marker, requested(marker, 1, line(100, null)));
        awaitEvents(BillId.forRequest(marker, 1), "BillIssued");

        assertThat(eventCount()).isEqualTo(events + 1);
        assertThat(billsOf(order)).isEqualTo(1);
    }

    @Test
    void givenTheBillingConsumerReplaysTheOrderTopicFromOffsetZero_thenNoSecondBillAndNoExtraEvent() {
        OrderId order = OrderId.random();
        publish(order, requested(order, 1, line(2400, 1)));
        publish(order, requested(order, 2, line(2400, 1), line(500, 1)));
        awaitEvents(BillId.forRequest(order, 1), "BillIssued", "BillVoided");
        awaitEvents(BillId.forRequest(order, 2), "BillIssued");
        long events = eventCount();

        TrackingEventProcessor consumer = processing
                .eventProcessor(BillRequestPolicy.GROUP, TrackingEventProcessor.class).orElseThrow();
        consumer.shutDown();
        transactions.executeInTransaction(() -> tokens.storeToken(null, BillRequestPolicy.GROUP, 0));
        consumer.start();
        OrderId marker = OrderId.random();
        publish(marker, requested(marker, 1, line(100, null)));
        awaitEvents(BillId.forRequest(marker, 1), "BillIssued");

        assertThat(eventCount()).isEqualTo(events + 1);
        assertThat(billsOf(order)).isEqualTo(2);
    }

    @Test
    void givenABillRequestedAgainAfterMoreLines_thenTheNewBillSupersedesTheOpenOne() {
        OrderId order = OrderId.random();
        publish(order, requested(order, 1, line(2400, 1)));
        awaitEvents(BillId.forRequest(order, 1), "BillIssued");
        publish(order, requested(order, 2, line(2400, 1), line(650, 2)));

        awaitEvents(BillId.forRequest(order, 2), "BillIssued");
        awaitEvents(BillId.forRequest(order, 1), "BillIssued", "BillVoided");
        assertThat(payload(BillId.forRequest(order, 1), "BillVoided")).contains("Superseded by bill request 2");
        assertThat(payload(BillId.forRequest(order, 2), "BillIssued")).contains("\"total\":3050");
    }

    @Test
    void aPaymentMethodWithASpaceOrOtherCaseIsRefused_andNothingIsPaid() {
        BillId bill = issuedBill(line(1000, 1));

        for (String method : List.of(" CASH", "CASH ", "\tCARD", "card", "Cash")) {
            var refused = waiter.post(bills(bill) + "/payments", Map.of("method", method, "amountCents", 100));
            assertThat(refused.status()).as(method + ": " + refused.raw()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(eventTypes(bill)).containsExactly("BillIssued");
    }

    @Test
    void givenOrderCancelled_thenItsOpenBillIsVoided_butAPaidBillIsNever() {
        OrderId open = OrderId.random();
        OrderId paid = OrderId.random();
        publish(open, requested(open, 1, line(2400, 1)));
        publish(paid, requested(paid, 1, line(1000, 1)));
        awaitEvents(BillId.forRequest(paid, 1), "BillIssued");
        awaitEvents(BillId.forRequest(open, 1), "BillIssued");
        assertThat(waiter.post(bills(BillId.forRequest(paid, 1)) + "/payments",
                Map.of("method", "CARD", "amountCents", 1000)).status()).isEqualTo(201);

        publish(open, new OrderCancelled(open, TableId.random(), "guests left"));
        publish(paid, new OrderCancelled(paid, TableId.random(), "mistake"));

        awaitEvents(BillId.forRequest(open, 1), "BillIssued", "BillVoided");
        OrderId marker = OrderId.random();
        publish(marker, requested(marker, 1, line(100, null)));
        awaitEvents(BillId.forRequest(marker, 1), "BillIssued");
        assertThat(eventTypes(BillId.forRequest(paid, 1))).containsExactly("BillIssued", "PaymentRecorded", "BillPaid");
    }

    @Test
    void aWaiterSplitsAndTakesPayments_aManagerDiscountsRefundsAndVoids_andRetriedPaymentsAreTakenOnce() {
        BillId bill = issuedBill(line(1000, 1));

        var split = waiter.post(bills(bill) + "/split", Map.of("mode", "EQUAL", "parts", 3));
        assertThat(split.status()).as(split.raw()).isEqualTo(200);
        assertThat(split.body().path("checks")).extracting(c -> c.path("totalCents").asLong())
                .containsExactly(334L, 333L, 333L);
        String firstCheck = split.body().path("checks").get(0).path("checkId").asText();

        String paymentId = UUID.randomUUID().toString();
        Map<String, Object> payment = Map.of("paymentId", paymentId, "checkId", firstCheck, "method", "CARD",
                "amountCents", 300, "tipCents", 50);
        var paid = waiter.post(bills(bill) + "/payments", payment);
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        assertThat(paid.body().path("paymentId").asText()).isEqualTo(paymentId);
        assertThat(paid.body().path("balanceCents").asLong()).isEqualTo(34);
        long events = eventCount();
        var retried = waiter.post(bills(bill) + "/payments", payment);
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.body().path("balanceCents").asLong()).isEqualTo(34);
        assertThat(eventCount()).isEqualTo(events);
        var reused = waiter.post(bills(bill) + "/payments", Map.of("paymentId", paymentId, "checkId", firstCheck,
                "method", "CARD", "amountCents", 301));
        assertThat(reused.status()).isEqualTo(409);

        var overpaid = waiter.post(bills(bill) + "/payments", Map.of("checkId", firstCheck, "method", "CARD",
                "amountCents", 35));
        assertThat(overpaid.status()).isEqualTo(422);
        assertThat(overpaid.contentType()).startsWith("application/problem+json");
        var cash = waiter.post(bills(bill) + "/payments", Map.of("checkId", firstCheck, "method", "CASH",
                "amountCents", 50));
        assertThat(cash.status()).isEqualTo(201);
        assertThat(payload(bill, "PaymentRecorded", 1)).contains("\"change\":16");

        var resplit = waiter.post(bills(bill) + "/split", Map.of("mode", "EQUAL", "parts", 2));
        assertThat(resplit.status()).isEqualTo(409);
        assertThat(manager.post(bills(bill) + "/payments/" + paymentId + "/refund", Map.of("reason", "double charge"))
                .status()).isEqualTo(204);
        assertThat(manager.post(bills(bill) + "/void", Map.of("reason", "guests left")).status()).isEqualTo(409);
        assertThat(eventTypes(bill)).containsExactly("BillIssued", "BillSplit", "PaymentRecorded", "PaymentRecorded",
                "PaymentRefunded");
    }

    @Test
    void badInputToEveryBillingEndpoint_isAnsweredWithAProblemAndChangesNothing() {
        BillId bill = issuedBill(line(1000, 1), line(500, 2));
        String path = bills(bill);
        String unknown = bills(BillId.random());
        long events = eventCount();

        Map<String, Integer> answers = new java.util.LinkedHashMap<>();
        answers.put("discount without reason", manager.post(path + "/discounts",
                Map.of("kind", "PERCENT", "value", 10)).status());
        answers.put("discount of 101%", manager.post(path + "/discounts",
                Map.of("kind", "PERCENT", "value", 101, "reason", "x")).status());
        answers.put("discount of a fraction of a cent", manager.post(path + "/discounts",
                Map.of("kind", "AMOUNT", "value", 10.5, "reason", "x")).status());
        answers.put("discount of an unknown kind", manager.post(path + "/discounts",
                Map.of("kind", "FREE", "value", 10, "reason", "x")).status());
        answers.put("discount of a negative value", manager.post(path + "/discounts",
                Map.of("kind", "AMOUNT", "value", -5, "reason", "x")).status());
        answers.put("discount by a waiter", waiter.post(path + "/discounts",
                Map.of("kind", "PERCENT", "value", 10, "reason", "x")).status());
        answers.put("discount of an unknown bill", manager.post(unknown + "/discounts",
                Map.of("kind", "PERCENT", "value", 10, "reason", "x")).status());
        answers.put("split in no parts", waiter.post(path + "/split", Map.of("mode", "EQUAL", "parts", 0)).status());
        answers.put("split without parts", waiter.post(path + "/split", Map.of("mode", "EQUAL")).status());
        answers.put("split without mode", waiter.post(path + "/split", Map.of("parts", 2)).status());
        answers.put("split by lines leaving one out", waiter.post(path + "/split", Map.of("mode", "BY_LINES",
                "groups", List.of(List.of(UUID.randomUUID().toString())))).status());
        answers.put("split by lines with a bad id", waiter.post(path + "/split", Map.of("mode", "BY_LINES",
                "groups", List.of(List.of("not-a-line")))).status());
        answers.put("split of an unknown bill", waiter.post(unknown + "/split", Map.of("mode", "BY_SEAT")).status());
        answers.put("split by the kitchen", ApiClient.at("http://localhost:" + port).as("cook", "KITCHEN")
                .post(path + "/split", Map.of("mode", "BY_SEAT")).status());
        answers.put("payment of nothing", waiter.post(path + "/payments",
                Map.of("method", "CARD", "amountCents", 0)).status());
        answers.put("payment of a fraction of a cent", waiter.post(path + "/payments",
                Map.of("method", "CARD", "amountCents", 10.5)).status());
        answers.put("payment with a negative tip", waiter.post(path + "/payments",
                Map.of("method", "CARD", "amountCents", 100, "tipCents", -1)).status());
        answers.put("payment without method", waiter.post(path + "/payments", Map.of("amountCents", 100)).status());
        answers.put("payment by cheque", waiter.post(path + "/payments",
                Map.of("method", "CHEQUE", "amountCents", 100)).status());
        answers.put("payment on an unknown check", waiter.post(path + "/payments",
                Map.of("method", "CARD", "amountCents", 100, "checkId", UUID.randomUUID().toString())).status());
        answers.put("card payment over the balance", waiter.post(path + "/payments",
                Map.of("method", "CARD", "amountCents", 1501)).status());
        answers.put("payment with a bad id", waiter.post(path + "/payments",
                Map.of("paymentId", "nope", "method", "CARD", "amountCents", 100)).status());
        answers.put("payment on an unknown bill", waiter.post(unknown + "/payments",
                Map.of("method", "CARD", "amountCents", 100)).status());
        answers.put("payment as malformed JSON", waiter.postRaw(path + "/payments", "{\"method\":").status());
        answers.put("refund of an unknown payment", manager.post(path + "/payments/" + UUID.randomUUID() + "/refund",
                Map.of("reason", "x")).status());
        answers.put("refund without reason", manager.post(path + "/payments/" + UUID.randomUUID() + "/refund",
                Map.of()).status());
        answers.put("refund by a waiter", waiter.post(path + "/payments/" + UUID.randomUUID() + "/refund",
                Map.of("reason", "x")).status());
        answers.put("void without reason", manager.post(path + "/void", Map.of("reason", " ")).status());
        answers.put("void without body", manager.post(path + "/void", null).status());
        answers.put("void by a waiter", waiter.post(path + "/void", Map.of("reason", "x")).status());
        answers.put("void of a bad id", manager.post("/api/v1/billing/bills/not-a-bill/void",
                Map.of("reason", "x")).status());
        answers.put("void without a token", ApiClient.at("http://localhost:" + port)
                .post(path + "/void", Map.of("reason", "x")).status());

        assertThat(answers).containsExactly(
                Map.entry("discount without reason", 400), Map.entry("discount of 101%", 400),
                Map.entry("discount of a fraction of a cent", 400), Map.entry("discount of an unknown kind", 400),
                Map.entry("discount of a negative value", 400), Map.entry("discount by a waiter", 403),
                Map.entry("discount of an unknown bill", 404), Map.entry("split in no parts", 400),
                Map.entry("split without parts", 400), Map.entry("split without mode", 400),
                Map.entry("split by lines leaving one out", 400), Map.entry("split by lines with a bad id", 400),
                Map.entry("split of an unknown bill", 404), Map.entry("split by the kitchen", 403),
                Map.entry("payment of nothing", 400), Map.entry("payment of a fraction of a cent", 400),
                Map.entry("payment with a negative tip", 400), Map.entry("payment without method", 400),
                Map.entry("payment by cheque", 400), Map.entry("payment on an unknown check", 404),
                Map.entry("card payment over the balance", 422), Map.entry("payment with a bad id", 400),
                Map.entry("payment on an unknown bill", 404), Map.entry("payment as malformed JSON", 400),
                Map.entry("refund of an unknown payment", 404), Map.entry("refund without reason", 400),
                Map.entry("refund by a waiter", 403), Map.entry("void without reason", 400),
                Map.entry("void without body", 400), Map.entry("void by a waiter", 403),
                Map.entry("void of a bad id", 400), Map.entry("void without a token", 401));
        assertThat(eventCount()).isEqualTo(events);
        var problem = manager.post(path + "/discounts", Map.of("kind", "PERCENT", "value", 101, "reason", "x"));
        assertThat(problem.contentType()).startsWith("application/problem+json");
        assertThat(problem.body().path("errors").get(0).path("field").asText()).isEqualTo("value");
    }

    @Test
    void givenNewSettingsFromTheCatalog_thenTheNextBillHasTheNewRates_andAnOlderChangeRedeliveredChangesNothing() {
        OrderId before = OrderId.random();
        publish(before, requested(before, 1, line(2200, 1)));
        awaitEvents(BillId.forRequest(before, 1), "BillIssued");

        catalogSettings(1, new RestaurantSettingsChanged("EUR", new BigDecimal("20"), new BigDecimal("5")));
        catalogSettings(0, new RestaurantSettingsChanged("EUR", new BigDecimal("10"), BigDecimal.ZERO));
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "select tax_rate_percent = 20 and version = 1 from restaurant_rates", Boolean.class));

        OrderId after = OrderId.random();
        publish(after, requested(after, 1, line(2200, 1)));
        awaitEvents(BillId.forRequest(after, 1), "BillIssued");
        assertThat(payload(BillId.forRequest(after, 1), "BillIssued"))
                .contains("\"taxRatePercent\":20", "\"serviceChargePercent\":5");
        assertThat(payload(BillId.forRequest(before, 1), "BillIssued"))
                .contains("\"taxRatePercent\":10", "\"serviceChargePercent\":0");
        catalogSettings(2, new RestaurantSettingsChanged("EUR", new BigDecimal("10"), BigDecimal.ZERO));
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "select tax_rate_percent = 10 from restaurant_rates", Boolean.class));
    }

    @Test
    void billingServesNoSettingsOfItsOwn() {
        assertThat(waiter.get("/api/v1/settings").status()).isEqualTo(404);
    }

    private void catalogSettings(long sequence, RestaurantSettingsChanged settings) {
        ORDER_SERVICE.write(kafka.topic(Topics.CATALOG_EVENTS), "RestaurantSettings",
                ChangeRestaurantSettings.RESTAURANT, sequence, settings, Map.of("username", "manager"));
    }

    /** A new order's first bill, issued for {@code lines}. */
    private BillId issuedBill(BilledLine... lines) {
        OrderId order = OrderId.random();
        publish(order, requested(order, 1, lines));
        BillId bill = BillId.forRequest(order, 1);
        awaitEvents(bill, "BillIssued");
        return bill;
    }

    private static BilledLine line(long priceCents, Integer seat) {
        return new BilledLine(LineId.random(), MenuItemId.random(), "Dish", 1, Money.ofCents(priceCents),
                Money.ofCents(priceCents), seat);
    }

    private static BillRequested requested(OrderId order, int number, BilledLine... lines) {
        Money subtotal = List.of(lines).stream().map(BilledLine::total).reduce(Money.ZERO, Money::plus);
        return new BillRequested(order, number, TableId.random(), 4, List.of(lines), subtotal);
    }

    private void publish(OrderId order, Object event) {
        ORDER_SERVICE.write(kafka.topic(Topics.ORDER_EVENTS), "Order", order.toString(), 1, event,
                new HashMap<>(Map.of("username", "waiter", "role", "STAFF")));
    }

    private static String bills(BillId bill) {
        return "/api/v1/billing/bills/" + bill;
    }

    private void awaitEvents(BillId bill, String... types) {
        await().atMost(PATIENCE).until(() -> eventTypes(bill).containsAll(List.of(types)));
    }

    private List<String> eventTypes(BillId bill) {
        return jdbc.queryForList("select payload_type from domain_event_entry where aggregate_identifier = ? "
                        + "order by sequence_number", String.class, bill.toString()).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private String payload(BillId bill, String type) {
        return payload(bill, type, 0);
    }

    private String payload(BillId bill, String type, int index) {
        return jdbc.queryForList("select convert_from(payload, 'UTF8') from domain_event_entry "
                        + "where aggregate_identifier = ? and payload_type = ? order by sequence_number", String.class,
                bill.toString(), "io.brigade.contracts.billing." + type).get(index);
    }

    private long billsOf(OrderId order) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where payload_type = ? "
                        + "and convert_from(payload, 'UTF8') like ?", Long.class,
                "io.brigade.contracts.billing.BillIssued", "%" + order + "%");
    }

    private long eventCount() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }
}

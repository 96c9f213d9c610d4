package io.brigade.catalog.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.catalog.CatalogTestBase;
import io.brigade.contracts.Topics;
import io.brigade.contracts.billing.BillAmounts;
import io.brigade.contracts.billing.BillCheck;
import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.billing.BillIssued;
import io.brigade.contracts.billing.BillPaid;
import io.brigade.contracts.billing.BillRates;
import io.brigade.contracts.billing.BillReopened;
import io.brigade.contracts.billing.BillSplit;
import io.brigade.contracts.billing.BillVoided;
import io.brigade.contracts.billing.CheckId;
import io.brigade.contracts.billing.DiscountGranted;
import io.brigade.contracts.billing.DiscountKind;
import io.brigade.contracts.billing.PaymentId;
import io.brigade.contracts.billing.PaymentMethod;
import io.brigade.contracts.billing.PaymentRecorded;
import io.brigade.contracts.billing.PaymentRefunded;
import io.brigade.contracts.billing.SplitMode;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderId;
import io.brigade.platform.kafka.KafkaEventWriter;
import io.brigade.platform.test.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bill view follows a bill as the billing service publishes it: issued, discounted, split in two, paid with a tip,
 * refunded and reopened. Every event delivered a second time changes nothing.
 */
class BillViewFlowTest extends CatalogTestBase {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final BillRates RATES = new BillRates("EUR", BigDecimal.TEN, BigDecimal.ZERO);

    private final OrderId orderId = OrderId.of(UUID.randomUUID().toString());
    private final BillId billId = BillId.forRequest(orderId, 1);
    private final LineId burger = LineId.of(UUID.randomUUID().toString());
    private final LineId lemonade = LineId.of(UUID.randomUUID().toString());
    private final List<Object> published = new ArrayList<>();
    private KafkaEventWriter billing;

    @BeforeEach
    void theBillingService() {
        billing = new KafkaEventWriter(TestInfrastructure.get().kafkaBootstrapServers());
    }

    @AfterEach
    void closeTheBillingService() {
        billing.close();
    }

    @Test
    void aBillDiscountedSplitAndPaidShowsItsFigures_andRedeliveringEveryEventChangesNothing() {
        publish(new BillIssued(billId, orderId, 1, 4, List.of(
                new BilledLine(burger, MenuItemId.of(UUID.randomUUID()), "Brigade burger", 1, cents(1500),
                        cents(1500), 1),
                new BilledLine(lemonade, MenuItemId.of(UUID.randomUUID()), "House lemonade", 2, cents(450),
                        cents(900), 2)),
                RATES, amounts(2400, 0, 218, 2400)));
        JsonNode issued = awaitBill(bill -> bill.path("version").asLong() == 0);
        assertThat(issued.path("status").asText()).isEqualTo("OPEN");
        assertThat(issued.path("tableNumber").asInt()).isEqualTo(4);
        assertThat(issued.path("orderId").asText()).isEqualTo(orderId.toString());
        assertThat(issued.path("lines").get(1).path("name").asText()).isEqualTo("House lemonade");
        assertThat(issued.path("lines").get(1).path("quantity").asInt()).isEqualTo(2);
        assertThat(issued.path("lines").get(1).path("totalCents").asLong()).isEqualTo(900);
        assertThat(issued.path("balanceCents").asLong()).isEqualTo(2400);

        CheckId first = CheckId.forSplit(billId, 1, 0);
        CheckId second = CheckId.forSplit(billId, 1, 1);
        PaymentId card = PaymentId.random();
        PaymentId cash = PaymentId.random();
        publish(new DiscountGranted(billId, orderId, DiscountKind.PERCENT, BigDecimal.TEN, "birthday", cents(240),
                amounts(2400, 240, 196, 2160), cents(2160)));
        publish(new BillSplit(billId, orderId, 1, SplitMode.EQUAL, List.of(
                new BillCheck(first, cents(1080), List.of()), new BillCheck(second, cents(1080), List.of()))));
        publish(new PaymentRecorded(billId, orderId, card, first, PaymentMethod.CARD, cents(1080), cents(200),
                cents(0), cents(0), cents(1080)));
        publish(new PaymentRecorded(billId, orderId, cash, second, PaymentMethod.CASH, cents(1080), cents(0),
                cents(20), cents(0), cents(0)));
        publish(new BillPaid(billId, orderId));

        JsonNode paid = awaitBill(bill -> bill.path("version").asLong() == 5);
        assertThat(paid.path("status").asText()).isEqualTo("PAID");
        assertThat(figures(paid)).containsExactly(2400L, 240L, 0L, 196L, 2160L, 2160L, 200L, 0L);
        assertThat(paid.path("checks")).hasSize(2);
        assertThat(paid.path("checks").get(0).path("checkId").asText()).isEqualTo(first.toString());
        assertThat(paid.path("checks").get(0).path("totalCents").asLong()).isEqualTo(1080);
        assertThat(paid.path("checks").get(0).path("paidCents").asLong()).isEqualTo(1080);
        JsonNode cardPayment = paid.path("payments").get(0);
        assertThat(cardPayment.path("paymentId").asText()).isEqualTo(card.toString());
        assertThat(cardPayment.path("checkId").asText()).isEqualTo(first.toString());
        assertThat(cardPayment.path("method").asText()).isEqualTo("CARD");
        assertThat(cardPayment.path("amountCents").asLong()).isEqualTo(1080);
        assertThat(cardPayment.path("tipCents").asLong()).isEqualTo(200);
        assertThat(cardPayment.path("refunded").asBoolean()).isFalse();

        String paidTables = tables();
        redeliverEverything();
        assertThat(tables()).isEqualTo(paidTables);
        assertThat(waiter.get("/api/v1/bills/" + billId).body()).isEqualTo(paid);

        publish(new PaymentRefunded(billId, orderId, cash, second, cents(1080), cents(0), "wrong table",
                cents(1080)));
        publish(new BillReopened(billId, orderId, cents(1080)));
        JsonNode reopened = awaitBill(bill -> bill.path("version").asLong() == 7);
        assertThat(reopened.path("status").asText()).isEqualTo("OPEN");
        assertThat(figures(reopened)).containsExactly(2400L, 240L, 0L, 196L, 2160L, 1080L, 200L, 1080L);
        assertThat(reopened.path("checks").get(1).path("paidCents").asLong()).isZero();
        assertThat(reopened.path("payments").get(1).path("refunded").asBoolean()).isTrue();

        String reopenedTables = tables();
        redeliverEverything();
        assertThat(tables()).isEqualTo(reopenedTables);
        assertThat(waiter.get("/api/v1/bills/" + billId).body()).isEqualTo(reopened);
        JsonNode ofOrder = manager.get("/api/v1/bills?orderId=" + orderId).body();
        assertThat(ofOrder).hasSize(1);
        assertThat(ofOrder.get(0)).isEqualTo(reopened);
    }

    @Test
    void aVoidedBillIsVoided_andAnOrderWithoutBillsHasNone() {
        publish(new BillIssued(billId, orderId, 1, 9, List.of(
                new BilledLine(burger, MenuItemId.of(UUID.randomUUID()), "Brigade burger", 1, cents(1500),
                        cents(1500), null)), RATES, amounts(1500, 0, 136, 1500)));
        publish(new BillVoided(billId, orderId, "Superseded by bill request 2"));
        JsonNode voided = awaitBill(bill -> bill.path("status").asText().equals("VOIDED"));
        assertThat(voided.path("version").asLong()).isEqualTo(1);
        assertThat(voided.path("balanceCents").asLong()).isEqualTo(1500);
        assertThat(waiter.get("/api/v1/bills?orderId=" + UUID.randomUUID()).body()).isEmpty();
    }

    /** The billing service's topic as it would be after a consumer rewound it: every event of the bill again. */
    private void redeliverEverything() {
        for (int sequence = 0; sequence < published.size(); sequence++) {
            write(sequence, published.get(sequence));
        }
        // a marker bill published after the redelivery: once it shows, every redelivered event was handled
        BillId marker = BillId.random();
        OrderId markerOrder = OrderId.of(UUID.randomUUID().toString());
        billing.write(kafka.topic(Topics.BILLING_EVENTS), "Bill", marker.toString(), 0, new BillIssued(marker,
                markerOrder, 1, 1, List.of(new BilledLine(LineId.of(UUID.randomUUID().toString()),
                MenuItemId.of(UUID.randomUUID()), "Espresso", 1, cents(100), cents(100), null)), RATES,
                amounts(100, 0, 9, 100)), Map.of());
        await().atMost(PATIENCE).until(() -> waiter.get("/api/v1/bills/" + marker).status() == 200);
    }

    private void publish(Object event) {
        write(published.size(), event);
        published.add(event);
    }

    private void write(long sequence, Object event) {
        billing.write(kafka.topic(Topics.BILLING_EVENTS), "Bill", billId.toString(), sequence, event, Map.of());
    }

    private String tables() {
        return String.join("\n",
                jdbc.queryForList("select * from bill_view where bill_id = ?", billId.value()).toString(),
                jdbc.queryForList("select * from bill_view_line where bill_id = ? order by line_id", billId.value())
                        .toString(),
                jdbc.queryForList("select * from bill_view_check where bill_id = ? order by check_id", billId.value())
                        .toString(),
                jdbc.queryForList("select * from bill_view_payment where bill_id = ? order by payment_id",
                        billId.value()).toString());
    }

    private JsonNode awaitBill(Predicate<JsonNode> expected) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> waiter.get("/api/v1/bills/" + billId).body(),
                        // a 404 problem before the bill arrives has no version, which would read as version 0
                        bill -> bill.has("version") && expected.test(bill));
    }

    /** subtotal, discount, service charge, tax, total, paid, tips, balance. */
    private static List<Long> figures(JsonNode bill) {
        return List.of("subtotalCents", "discountCents", "serviceChargeCents", "taxCents", "totalCents", "paidCents",
                "tipsCents", "balanceCents").stream().map(field -> bill.path(field).asLong()).toList();
    }

    private static BillAmounts amounts(long subtotal, long discount, long tax, long total) {
        return new BillAmounts(cents(subtotal), cents(discount), cents(total - subtotal + discount), cents(tax),
                cents(total));
    }

    private static Money cents(long cents) {
        return Money.ofCents(cents);
    }
}

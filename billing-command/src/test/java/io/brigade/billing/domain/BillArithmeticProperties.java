package io.brigade.billing.domain;

import io.brigade.contracts.billing.BillAmounts;
import io.brigade.contracts.billing.BillCheck;
import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.billing.BillIssued;
import io.brigade.contracts.billing.BillPaid;
import io.brigade.contracts.billing.BillRates;
import io.brigade.contracts.billing.BillSplit;
import io.brigade.contracts.billing.DiscountGranted;
import io.brigade.contracts.billing.DiscountKind;
import io.brigade.contracts.billing.GrantDiscount;
import io.brigade.contracts.billing.IssueBill;
import io.brigade.contracts.billing.PaymentId;
import io.brigade.contracts.billing.PaymentMethod;
import io.brigade.contracts.billing.PaymentRecorded;
import io.brigade.contracts.billing.RecordPayment;
import io.brigade.contracts.billing.SplitBill;
import io.brigade.contracts.billing.SplitMode;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the lines, tax rate, service charge, discounts and split, a bill's figures add up, its checks cover its
 * total exactly, and paying every check pays the bill: no cent is lost or made. Each case runs the real aggregate.
 */
class BillArithmeticProperties {

    private static final OrderId ORDER = OrderId.random();
    private static final BillId BILL = BillId.forRequest(ORDER, 1);

    @Property(tries = 300)
    void theChecksCoverTheTotalAndPayingEveryCheckPaysTheBillToTheCent(
            @ForAll("lines") List<BilledLine> lines, @ForAll("rates") BillRates rates,
            @ForAll("discounts") List<GrantDiscount> discounts, @ForAll("splitModes") SplitMode mode,
            @ForAll @IntRange(min = 1, max = 50) int parts, @ForAll Random random) {
        List<Object> history = new ArrayList<>(run(List.of(), new IssueBill(BILL, ORDER, 1, 4, lines, rates)));
        discounts.forEach(discount -> history.addAll(run(history, discount)));
        BillAmounts amounts = last(history, DiscountGranted.class) != null
                ? last(history, DiscountGranted.class).amounts() : last(history, BillIssued.class).amounts();

        Money subtotal = lines.stream().map(BilledLine::total).reduce(Money.ZERO, Money::plus);
        assertThat(amounts.subtotal()).isEqualTo(subtotal);
        assertThat(amounts.discount().cents()).isBetween(0L, subtotal.cents());
        assertThat(amounts.total()).isEqualTo(subtotal.minus(amounts.discount()).plus(amounts.serviceCharge()));
        assertThat(amounts.tax().cents()).isBetween(0L, amounts.total().cents());
        if (amounts.total().equals(Money.ZERO)) {
            assertThat(last(history, BillPaid.class)).isNotNull();
            return;
        }

        history.addAll(run(history, new SplitBill(BILL, mode, parts, groupsOf(lines, random))));
        List<BillCheck> checks = last(history, BillSplit.class).checks();
        assertThat(checks.stream().map(BillCheck::total).reduce(Money.ZERO, Money::plus)).isEqualTo(amounts.total());
        assertThat(checks).allSatisfy(check -> assertThat(check.total().isNegative()).isFalse());
        if (mode == SplitMode.EQUAL) {
            List<Long> totals = checks.stream().map(check -> check.total().cents()).toList();
            assertThat(totals.get(0) - totals.get(totals.size() - 1)).isBetween(0L, 1L);
            assertThat(totals).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        }

        for (BillCheck check : checks) {
            if (check.total().cents() > 0) {
                history.addAll(run(history, new RecordPayment(BILL, PaymentId.random(), check.checkId(),
                        PaymentMethod.CARD, check.total(), Money.ofCents(random.nextInt(500)))));
            }
        }
        Money paid = history.stream().filter(PaymentRecorded.class::isInstance).map(PaymentRecorded.class::cast)
                .map(PaymentRecorded::amount).reduce(Money.ZERO, Money::plus);
        assertThat(paid).isEqualTo(amounts.total());
        assertThat(last(history, PaymentRecorded.class).balance()).isEqualTo(Money.ZERO);
        assertThat(history.get(history.size() - 1)).isEqualTo(new BillPaid(BILL, ORDER));
    }

    @Property
    void anEqualSplitSharesAlikeAndGivesTheCentsLeftOverToTheFirstChecks(
            @ForAll @LongRange(min = 0, max = 1_000_000) long total, @ForAll @IntRange(min = 1, max = 50) int parts) {
        List<Money> shares = Split.share(Money.ofCents(total), java.util.Collections.nCopies(parts, 1L));
        assertThat(shares.stream().mapToLong(Money::cents).sum()).isEqualTo(total);
        IntStream.range(0, parts).forEach(i ->
                assertThat(shares.get(i).cents()).isEqualTo(total / parts + (i < total % parts ? 1 : 0)));
    }

    @Provide
    Arbitrary<List<BilledLine>> lines() {
        Arbitrary<BilledLine> line = Combinators.combine(
                Arbitraries.integers().between(1, 10),
                Arbitraries.longs().between(0, 20_000),
                Arbitraries.integers().between(1, 6).injectNull(0.2)
        ).as((quantity, price, seat) -> new BilledLine(LineId.random(), MenuItemId.random(), "Dish", quantity,
                Money.ofCents(price), Money.ofCents(price * quantity), seat));
        return line.list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<BillRates> rates() {
        return Combinators.combine(
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("30")).ofScale(2),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("20")).ofScale(2)
        ).as((tax, service) -> new BillRates("EUR", tax, service));
    }

    @Provide
    Arbitrary<List<GrantDiscount>> discounts() {
        Arbitrary<GrantDiscount> percent = Arbitraries.bigDecimals()
                .between(new BigDecimal("0.01"), new BigDecimal("100")).ofScale(2)
                .map(value -> new GrantDiscount(BILL, DiscountKind.PERCENT, value, "regulars"));
        Arbitrary<GrantDiscount> amount = Arbitraries.longs().between(1, 30_000)
                .map(value -> new GrantDiscount(BILL, DiscountKind.AMOUNT, BigDecimal.valueOf(value), "late"));
        return Arbitraries.oneOf(percent, amount).list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<SplitMode> splitModes() {
        return Arbitraries.of(SplitMode.class);
    }

    /** Every line in one of up to four groups, none empty. */
    private static List<List<LineId>> groupsOf(List<BilledLine> lines, Random random) {
        int count = 1 + random.nextInt(Math.min(4, lines.size()));
        List<List<LineId>> groups = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> groups.add(new ArrayList<>()));
        for (int i = 0; i < lines.size(); i++) {
            groups.get(i < count ? i : random.nextInt(count)).add(lines.get(i).lineId());
        }
        return groups;
    }

    /** The events the aggregate applies for {@code command} after {@code history}; none if it refused. */
    private static List<Object> run(List<Object> history, Object command) {
        List<Object> applied = new ArrayList<>();
        new AggregateTestFixture<>(Bill.class).given(history).when(command)
                .expectEventsMatching(new CustomTypeSafeMatcher<List<EventMessage<?>>>("the applied events") {
                    @Override
                    protected boolean matchesSafely(List<EventMessage<?>> events) {
                        events.forEach(event -> applied.add(event.getPayload()));
                        return true;
                    }
                });
        return applied;
    }

    private static <T> T last(List<Object> history, Class<T> type) {
        return history.stream().filter(type::isInstance).map(type::cast).reduce((first, second) -> second)
                .orElse(null);
    }
}

package io.brigade.billing.domain;

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
import io.brigade.contracts.billing.GrantDiscount;
import io.brigade.contracts.billing.IssueBill;
import io.brigade.contracts.billing.PaymentId;
import io.brigade.contracts.billing.PaymentMethod;
import io.brigade.contracts.billing.PaymentReceipt;
import io.brigade.contracts.billing.PaymentRecorded;
import io.brigade.contracts.billing.PaymentRefunded;
import io.brigade.contracts.billing.RecordPayment;
import io.brigade.contracts.billing.RefundPayment;
import io.brigade.contracts.billing.SplitBill;
import io.brigade.contracts.billing.SplitMode;
import io.brigade.contracts.billing.SupersedeBill;
import io.brigade.contracts.billing.VoidBill;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderId;
import io.brigade.platform.problem.ConflictException;
import io.brigade.platform.problem.InvalidInputException;
import io.brigade.platform.problem.NotFoundException;
import io.brigade.platform.problem.RefusedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

/**
 * The bill of a table of three: a steak (seat 1, 24.00), two burgers (seat 2, 2 × 13.00) and a bottle of water to
 * share (4.00): 54.00, of which 10% tax included (4.91), no service charge unless a test says so.
 */
class BillTest {

    private static final OrderId ORDER = OrderId.random();
    private static final BillId BILL = BillId.forRequest(ORDER, 1);
    private static final LineId STEAK = LineId.random();
    private static final LineId BURGERS = LineId.random();
    private static final LineId WATER = LineId.random();
    private static final List<BilledLine> LINES = List.of(
            line(STEAK, "Ribeye steak", 1, 2400, 1),
            line(BURGERS, "Brigade burger", 2, 1300, 2),
            line(WATER, "Still water 75cl", 1, 400, null));
    private static final BillRates TEN_PERCENT_TAX = rates("10", "0");
    private static final BillIssued ISSUED = new BillIssued(BILL, ORDER, 1, 4, LINES, TEN_PERCENT_TAX,
            amounts(5400, 0, 0, 491, 5400));
    private static final PaymentId PAYMENT = PaymentId.random();

    private AggregateTestFixture<Bill> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Bill.class);
    }

    @Nested
    @DisplayName("Issuing")
    class Issuing {

        @Test
        void givenNoBill_whenIssued_thenTheBillHasTheLinesAsOrderedAndTheTaxIncludedInTheTotal() {
            fixture.givenNoPriorActivity()
                    .when(new IssueBill(BILL, ORDER, 1, 4, LINES, TEN_PERCENT_TAX))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(ISSUED);
        }

        @Test
        void givenTheBill_whenTheSameRequestIssuesItAgain_thenNothingHappens() {
            fixture.given(ISSUED)
                    .when(new IssueBill(BILL, ORDER, 1, 4, LINES, TEN_PERCENT_TAX))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenNoBill_whenIssuedWithoutLines_thenInvalid() {
            fixture.givenNoPriorActivity()
                    .when(new IssueBill(BILL, ORDER, 1, 4, List.of(), TEN_PERCENT_TAX))
                    .expectException(InvalidInputException.class)
                    .expectNoEvents();
        }

        @Test
        void givenAServiceCharge_whenIssued_thenItIsAddedAndTaxedLikeTheFood() {
            BillRates withService = rates("10", "12.5");
            fixture.givenNoPriorActivity()
                    .when(new IssueBill(BILL, ORDER, 1, 4, LINES, withService))
                    // 12.5% of 54.00 = 6.75; 60.75 × 10/110 = 5.5227 -> 5.52
                    .expectEvents(new BillIssued(BILL, ORDER, 1, 4, LINES, withService,
                            amounts(5400, 0, 675, 552, 6075)));
        }

        @Test
        void givenSevenPercentTax_whenA99CentItemIsBilled_thenTheTaxIncludedIs6Cents() {
            List<BilledLine> espresso = List.of(line(STEAK, "Espresso", 1, 99, null));
            fixture.givenNoPriorActivity()
                    .when(new IssueBill(BILL, ORDER, 1, 4, espresso, rates("7", "0")))
                    // 0.99 × 7/107 = 0.06476 -> 0.06
                    .expectEvents(new BillIssued(BILL, ORDER, 1, 4, espresso, rates("7", "0"),
                            amounts(99, 0, 0, 6, 99)));
        }

        @Test
        void givenAServiceChargeThatEndsInHalfACent_whenIssued_thenItRoundsToTheEvenCent() {
            List<BilledLine> ten05 = List.of(line(STEAK, "Soup", 1, 1005, null));
            List<BilledLine> ten15 = List.of(line(STEAK, "Soup", 1, 1015, null));
            BillRates noTax = rates("0", "10");
            fixture.givenNoPriorActivity()
                    .when(new IssueBill(BILL, ORDER, 1, 4, ten05, noTax))
                    // 10% of 10.05 = 1.005 -> 1.00 (even); of 10.15 = 1.015 -> 1.02 (even)
                    .expectEvents(new BillIssued(BILL, ORDER, 1, 4, ten05, noTax,
                            amounts(1005, 0, 100, 0, 1105)));
            new AggregateTestFixture<>(Bill.class).givenNoPriorActivity()
                    .when(new IssueBill(BILL, ORDER, 1, 4, ten15, noTax))
                    .expectEvents(new BillIssued(BILL, ORDER, 1, 4, ten15, noTax,
                            amounts(1015, 0, 102, 0, 1117)));
        }

        @Test
        void givenOnlyFreeLines_whenIssued_thenTheBillIsPaidAtOnce() {
            List<BilledLine> free = List.of(line(STEAK, "Tap water", 1, 0, null));
            fixture.givenNoPriorActivity()
                    .when(new IssueBill(BILL, ORDER, 1, 4, free, TEN_PERCENT_TAX))
                    .expectEvents(new BillIssued(BILL, ORDER, 1, 4, free, TEN_PERCENT_TAX,
                            amounts(0, 0, 0, 0, 0)), new BillPaid(BILL, ORDER));
        }
    }

    @Nested
    @DisplayName("Discounts and comps")
    class Discounts {

        @Test
        void givenOpenBill_whenTenPercentOff_thenTheTotalAndTheTaxInItFall() {
            fixture.given(ISSUED)
                    .when(percentOff("10"))
                    // 54.00 - 5.40 = 48.60, of which 10/110 is tax: 4.418 -> 4.42
                    .expectEvents(new DiscountGranted(BILL, ORDER, DiscountKind.PERCENT, new BigDecimal("10"),
                            "regulars", cents(540), amounts(5400, 540, 0, 442, 4860), cents(4860)));
        }

        @Test
        void givenADiscount_whenAnotherPercentage_thenItIsTakenOfWhatIsLeft() {
            fixture.given(ISSUED, discounted(540, 4860))
                    .when(percentOff("50"))
                    .expectEvents(new DiscountGranted(BILL, ORDER, DiscountKind.PERCENT, new BigDecimal("50"),
                            "regulars", cents(2430), amounts(5400, 2970, 0, 221, 2430), cents(2430)));
        }

        @Test
        void givenOpenBill_whenAnAmountLargerThanTheBillIsComped_thenTheBillGoesToZeroNotBelow_andIsPaid() {
            fixture.given(ISSUED)
                    .when(new GrantDiscount(BILL, DiscountKind.AMOUNT, new BigDecimal("6000"), "birthday"))
                    .expectEvents(new DiscountGranted(BILL, ORDER, DiscountKind.AMOUNT, new BigDecimal("6000"),
                            "birthday", cents(5400), amounts(5400, 5400, 0, 0, 0), cents(0)),
                            new BillPaid(BILL, ORDER));
        }

        @Test
        void givenAServiceCharge_whenDiscounted_thenTheServiceChargeIsOnTheDiscountedSubtotal() {
            BillRates withService = rates("10", "10");
            fixture.given(new BillIssued(BILL, ORDER, 1, 4, LINES, withService,
                            amounts(5400, 0, 540, 540, 5940)))
                    .when(new GrantDiscount(BILL, DiscountKind.AMOUNT, new BigDecimal("400"), "cold food"))
                    .expectEvents(new DiscountGranted(BILL, ORDER, DiscountKind.AMOUNT, new BigDecimal("400"),
                            "cold food", cents(400), amounts(5400, 400, 500, 500, 5500), cents(5500)));
        }

        @Test
        void givenASplitBill_whenDiscounted_thenTheChecksAreSplitAgainForTheNewTotal() {
            fixture.given(ISSUED, splitInto(1, SplitMode.EQUAL, 1800, 1800, 1800))
                    .when(percentOff("10"))
                    .expectEvents(new DiscountGranted(BILL, ORDER, DiscountKind.PERCENT, new BigDecimal("10"),
                                    "regulars", cents(540), amounts(5400, 540, 0, 442, 4860), cents(4860)),
                            splitInto(2, SplitMode.EQUAL, 1620, 1620, 1620));
        }

        @Test
        void givenAPaymentOnACheck_whenDiscounted_thenConflict() {
            fixture.given(ISSUED, splitInto(1, SplitMode.EQUAL, 1800, 1800, 1800),
                            paid(PAYMENT, check(1, 1), 1800, 0, 1800, 0, 3600))
                    .when(percentOff("10"))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void givenMostOfTheBillPaid_whenADiscountWouldLeaveLessThanWasPaid_thenRefused() {
            fixture.given(ISSUED, paid(PAYMENT, null, 5000, 0, 0, null, 400))
                    .when(percentOff("10"))
                    .expectException(RefusedException.class)
                    .expectNoEvents();
        }

        @Test
        void givenPartOfTheBillPaid_whenDiscounted_thenTheBalanceFalls() {
            fixture.given(ISSUED, paid(PAYMENT, null, 2000, 0, 0, null, 3400))
                    .when(percentOff("10"))
                    .expectEvents(new DiscountGranted(BILL, ORDER, DiscountKind.PERCENT, new BigDecimal("10"),
                            "regulars", cents(540), amounts(5400, 540, 0, 442, 4860), cents(2860)));
        }

        @Test
        void givenAFullyCompedBill_whenDiscountedAgain_thenConflictBecauseItIsPaid() {
            fixture.given(ISSUED, new DiscountGranted(BILL, ORDER, DiscountKind.PERCENT, new BigDecimal("100"),
                            "comp", cents(5400), amounts(5400, 5400, 0, 0, 0), cents(0)), new BillPaid(BILL, ORDER))
                    .when(percentOff("10"))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void givenOpenBill_whenTheDiscountComesToLessThanACent_thenRefused() {
            fixture.given(ISSUED)
                    .when(percentOff("0.001"))
                    .expectException(RefusedException.class)
                    .expectNoEvents();
        }

        @Test
        void givenOpenBill_whenMoreThan100Percent_orNothing_orFractionsOfACent_orNoReason_thenInvalid() {
            fixture.given(ISSUED).when(percentOff("100.01")).expectException(InvalidInputException.class)
                    .expectNoEvents();
            fixture.given(ISSUED).when(new GrantDiscount(BILL, DiscountKind.AMOUNT, BigDecimal.ZERO, "x"))
                    .expectException(InvalidInputException.class).expectNoEvents();
            fixture.given(ISSUED).when(new GrantDiscount(BILL, DiscountKind.AMOUNT, new BigDecimal("10.5"), "x"))
                    .expectException(InvalidInputException.class).expectNoEvents();
            fixture.given(ISSUED).when(new GrantDiscount(BILL, DiscountKind.PERCENT, BigDecimal.TEN, " "))
                    .expectException(InvalidInputException.class).expectNoEvents();
            fixture.given(ISSUED).when(new GrantDiscount(BILL, null, BigDecimal.TEN, "x"))
                    .expectException(InvalidInputException.class).expectNoEvents();
        }

        @Test
        void givenVoidedBill_whenDiscounted_thenConflict() {
            fixture.given(ISSUED, new BillVoided(BILL, ORDER, "wrong table"))
                    .when(percentOff("10"))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("Splits")
    class Splits {

        private final List<BilledLine> tenEuros = List.of(line(STEAK, "Menu of the day", 1, 1000, null));
        private final BillIssued tenEuroBill = new BillIssued(BILL, ORDER, 1, 4, tenEuros,
                TEN_PERCENT_TAX, amounts(1000, 0, 0, 91, 1000));

        @Test
        void givenTenEuros_whenSplitInThree_thenTheLeftOverCentGoesToTheFirstCheck() {
            List<BillCheck> checks = List.of(check(1, 1, 334), check(1, 2, 333), check(1, 3, 333));
            fixture.given(tenEuroBill)
                    .when(new SplitBill(BILL, SplitMode.EQUAL, 3, null))
                    .expectEvents(new BillSplit(BILL, ORDER, 1, SplitMode.EQUAL, checks))
                    .expectResultMessagePayload(checks);
        }

        @Test
        void givenTenEurosAndACent_whenSplitInThree_thenTheFirstTwoChecksGetACentMore() {
            fixture.given(new BillIssued(BILL, ORDER, 1, 4, tenEuros, TEN_PERCENT_TAX,
                            amounts(1001, 0, 0, 91, 1001)))
                    .when(new SplitBill(BILL, SplitMode.EQUAL, 3, null))
                    .expectEvents(new BillSplit(BILL, ORDER, 1, SplitMode.EQUAL,
                            List.of(check(1, 1, 334), check(1, 2, 334), check(1, 3, 333))));
        }

        @Test
        void givenLinesForTwoSeatsAndOneShared_whenSplitBySeat_thenOneCheckPerSeatAndTheSharedLinesLast() {
            fixture.given(ISSUED)
                    .when(new SplitBill(BILL, SplitMode.BY_SEAT, null, null))
                    .expectEvents(new BillSplit(BILL, ORDER, 1, SplitMode.BY_SEAT, List.of(
                            new BillCheck(check(1, 1), cents(2400), List.of(STEAK)),
                            new BillCheck(check(1, 2), cents(2600), List.of(BURGERS)),
                            new BillCheck(check(1, 3), cents(400), List.of(WATER)))));
        }

        @Test
        void givenADiscount_whenSplitByLines_thenEachCheckCarriesItsShareOfTheDiscount() {
            fixture.given(ISSUED, new DiscountGranted(BILL, ORDER, DiscountKind.AMOUNT, new BigDecimal("100"),
                            "late", cents(100), amounts(5400, 100, 0, 482, 5300), cents(5300)))
                    .when(new SplitBill(BILL, SplitMode.BY_LINES, null, List.of(List.of(STEAK, WATER), List.of(BURGERS))))
                    // 53.00 × 28/54 = 27.481 -> 27.48 (+1 left-over cent), 53.00 × 26/54 = 25.518 -> 25.51
                    .expectEvents(new BillSplit(BILL, ORDER, 1, SplitMode.BY_LINES, List.of(
                            new BillCheck(check(1, 1), cents(2749), List.of(STEAK, WATER)),
                            new BillCheck(check(1, 2), cents(2551), List.of(BURGERS)))));
        }

        @Test
        void givenLines_whenGroupsLeaveALineOut_orNameAnotherLine_orALineTwice_thenInvalid() {
            fixture.given(ISSUED)
                    .when(new SplitBill(BILL, SplitMode.BY_LINES, null, List.of(List.of(STEAK), List.of(BURGERS))))
                    .expectException(InvalidInputException.class).expectNoEvents();
            fixture.given(ISSUED)
                    .when(new SplitBill(BILL, SplitMode.BY_LINES, null,
                            List.of(List.of(STEAK, WATER), List.of(BURGERS, LineId.random()))))
                    .expectException(InvalidInputException.class).expectNoEvents();
            fixture.given(ISSUED)
                    .when(new SplitBill(BILL, SplitMode.BY_LINES, null,
                            List.of(List.of(STEAK, WATER), List.of(BURGERS, STEAK))))
                    .expectException(InvalidInputException.class).expectNoEvents();
            fixture.given(ISSUED)
                    .when(new SplitBill(BILL, SplitMode.BY_LINES, null, null))
                    .expectException(InvalidInputException.class).expectNoEvents();
        }

        @Test
        void givenOpenBill_whenSplitInNoParts_orTooMany_orWithoutAMode_thenInvalid() {
            fixture.given(ISSUED).when(new SplitBill(BILL, SplitMode.EQUAL, 0, null))
                    .expectException(InvalidInputException.class).expectNoEvents();
            fixture.given(ISSUED).when(new SplitBill(BILL, SplitMode.EQUAL, 51, null))
                    .expectException(InvalidInputException.class).expectNoEvents();
            fixture.given(ISSUED).when(new SplitBill(BILL, SplitMode.EQUAL, null, null))
                    .expectException(InvalidInputException.class).expectNoEvents();
            fixture.given(ISSUED).when(new SplitBill(BILL, null, 2, null))
                    .expectException(InvalidInputException.class).expectNoEvents();
        }

        @Test
        void givenASplitWithoutPayments_whenSplitAgain_thenNewChecksReplaceTheOldOnes() {
            fixture.given(ISSUED, splitInto(1, SplitMode.EQUAL, 1800, 1800, 1800))
                    .when(new SplitBill(BILL, SplitMode.EQUAL, 2, null))
                    .expectEvents(splitInto(2, SplitMode.EQUAL, 2700, 2700));
        }

        @Test
        void givenAPaymentOnACheck_whenSplitAgain_thenConflict() {
            fixture.given(ISSUED, splitInto(1, SplitMode.EQUAL, 1800, 1800, 1800),
                            paid(PAYMENT, check(1, 1), 1800, 0, 1800, 0, 3600))
                    .when(new SplitBill(BILL, SplitMode.EQUAL, 2, null))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void givenThePaymentWasRefunded_whenSplitAgain_thenSplit() {
            fixture.given(ISSUED, splitInto(1, SplitMode.EQUAL, 1800, 1800, 1800),
                            paid(PAYMENT, check(1, 1), 1800, 0, 1800, 0, 3600),
                            new PaymentRefunded(BILL, ORDER, PAYMENT, check(1, 1), cents(1800), cents(0), "card error",
                                    cents(5400)))
                    .when(new SplitBill(BILL, SplitMode.EQUAL, 2, null))
                    .expectEvents(splitInto(2, SplitMode.EQUAL, 2700, 2700));
        }

        @Test
        void givenPaidBill_whenSplit_thenConflict() {
            fixture.given(ISSUED, paid(PAYMENT, null, 5400, 0, 0, null, 0), new BillPaid(BILL, ORDER))
                    .when(new SplitBill(BILL, SplitMode.EQUAL, 2, null))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("Payments")
    class Payments {

        @Test
        void givenOpenBill_whenPartPaidByCardWithATip_thenTheBalanceIsWhatIsLeft() {
            fixture.given(ISSUED)
                    .when(pay(PAYMENT, null, PaymentMethod.CARD, 2000, 300))
                    .expectEvents(paid(PAYMENT, null, 2000, 300, 0, null, 3400))
                    .expectResultMessagePayload(new PaymentReceipt(PAYMENT, cents(3400)));
        }

        @Test
        void givenPartPaid_whenTheRestIsPaid_thenTheBillIsPaid() {
            PaymentId second = PaymentId.random();
            fixture.given(ISSUED, paid(PAYMENT, null, 2000, 300, 0, null, 3400))
                    .when(pay(second, null, PaymentMethod.OTHER, 3400, 0))
                    .expectEvents(new PaymentRecorded(BILL, ORDER, second, null, PaymentMethod.OTHER, cents(3400),
                            cents(0), cents(0), null, cents(0)), new BillPaid(BILL, ORDER));
        }

        @Test
        void givenOpenBill_whenACardPaysMoreThanIsOwed_thenRefused() {
            fixture.given(ISSUED)
                    .when(pay(PAYMENT, null, PaymentMethod.CARD, 5401, 0))
                    .expectException(RefusedException.class)
                    .expectNoEvents();
        }

        @Test
        void givenOpenBill_whenCashTenderedExceedsWhatIsOwed_thenTheChangeIsRecordedAndTheBillPaid() {
            fixture.given(ISSUED)
                    .when(pay(PAYMENT, null, PaymentMethod.CASH, 6000, 200))
                    .expectEvents(new PaymentRecorded(BILL, ORDER, PAYMENT, null, PaymentMethod.CASH, cents(5400),
                            cents(200), cents(600), null, cents(0)), new BillPaid(BILL, ORDER))
                    .expectResultMessagePayload(new PaymentReceipt(PAYMENT, cents(0)));
        }

        @Test
        void givenThreeChecks_whenEachIsPaidWithATip_thenTheLastPaymentPaysTheBill() {
            PaymentId second = PaymentId.random();
            PaymentId third = PaymentId.random();
            fixture.given(ISSUED, splitInto(1, SplitMode.EQUAL, 1800, 1800, 1800),
                            paid(PAYMENT, check(1, 1), 1800, 200, 0, 0, 3600),
                            paid(second, check(1, 2), 1800, 0, 0, 0, 1800))
                    .when(pay(third, check(1, 3), PaymentMethod.CARD, 1800, 500))
                    .expectEvents(paid(third, check(1, 3), 1800, 500, 0, 0, 0), new BillPaid(BILL, ORDER));
        }

        @Test
        void givenACheck_whenPartPaid_thenTheReceiptShowsWhatIsLeftOnTheCheck() {
            fixture.given(ISSUED, splitInto(1, SplitMode.EQUAL, 1800, 1800, 1800))
                    .when(pay(PAYMENT, check(1, 2), PaymentMethod.CARD, 1000, 0))
                    .expectEvents(paid(PAYMENT, check(1, 2), 1000, 0, 0, 800, 4400))
                    .expectResultMessagePayload(new PaymentReceipt(PAYMENT, cents(800)));
        }

        @Test
        void givenACheck_whenACardPaysMoreThanTheCheck_thenRefusedEvenThoughTheBillOwesMore() {
            fixture.given(ISSUED, splitInto(1, SplitMode.EQUAL, 1800, 1800, 1800))
                    .when(pay(PAYMENT, check(1, 1), PaymentMethod.CARD, 1801, 0))
                    .expectException(RefusedException.class)
                    .expectNoEvents();
        }

        @Test
        void givenAPaidCheck_whenPaidAgain_thenConflict() {
            fixture.given(ISSUED, splitInto(1, SplitMode.EQUAL, 1800, 1800, 1800),
                            paid(PAYMENT, check(1, 1), 1800, 0, 0, 0, 3600))
                    .when(pay(PaymentId.random(), check(1, 1), PaymentMethod.CASH, 100, 0))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void givenASplitBill_whenPaidWithoutNamingACheck_thenInvalid_andAnUnknownCheckIsNotFound() {
            fixture.given(ISSUED, splitInto(1, SplitMode.EQUAL, 1800, 1800, 1800))
                    .when(pay(PAYMENT, null, PaymentMethod.CARD, 100, 0))
                    .expectException(InvalidInputException.class).expectNoEvents();
            fixture.given(ISSUED, splitInto(1, SplitMode.EQUAL, 1800, 1800, 1800))
                    .when(pay(PAYMENT, check(7, 1), PaymentMethod.CARD, 100, 0))
                    .expectException(NotFoundException.class).expectNoEvents();
        }

        @Test
        void givenAnUnsplitBill_whenACheckIsNamed_thenNotFound() {
            fixture.given(ISSUED)
                    .when(pay(PAYMENT, check(1, 1), PaymentMethod.CARD, 100, 0))
                    .expectException(NotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void givenAPayment_whenRetriedWithTheSameIdAndDetails_thenNothingHappensAndTheSameBalanceIsAnswered() {
            fixture.given(ISSUED, paid(PAYMENT, null, 2000, 300, 0, null, 3400))
                    .when(pay(PAYMENT, null, PaymentMethod.CARD, 2000, 300))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new PaymentReceipt(PAYMENT, cents(3400)));
        }

        @Test
        void givenACashPaymentWithChange_whenRetried_thenNothingHappens() {
            fixture.given(ISSUED, new PaymentRecorded(BILL, ORDER, PAYMENT, null, PaymentMethod.CASH, cents(5400),
                            cents(0), cents(600), null, cents(0)), new BillPaid(BILL, ORDER))
                    .when(pay(PAYMENT, null, PaymentMethod.CASH, 6000, 0))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenAPayment_whenItsIdIsReusedWithOtherDetails_thenConflict() {
            fixture.given(ISSUED, paid(PAYMENT, null, 2000, 300, 0, null, 3400))
                    .when(pay(PAYMENT, null, PaymentMethod.CARD, 2500, 300))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void givenOpenBill_whenNothingIsPaid_orTheTipIsNegative_orNoMethodIsGiven_thenInvalid() {
            fixture.given(ISSUED).when(pay(PAYMENT, null, PaymentMethod.CARD, 0, 0))
                    .expectException(InvalidInputException.class).expectNoEvents();
            fixture.given(ISSUED).when(pay(PAYMENT, null, PaymentMethod.CARD, 100, -1))
                    .expectException(InvalidInputException.class).expectNoEvents();
            fixture.given(ISSUED).when(pay(PAYMENT, null, null, 100, 0))
                    .expectException(InvalidInputException.class).expectNoEvents();
        }

        @Test
        void givenPaidOrVoidedBill_whenPaid_thenConflict() {
            fixture.given(ISSUED, paid(PAYMENT, null, 5400, 0, 0, null, 0), new BillPaid(BILL, ORDER))
                    .when(pay(PaymentId.random(), null, PaymentMethod.CASH, 100, 0))
                    .expectException(ConflictException.class).expectNoEvents();
            fixture.given(ISSUED, new BillVoided(BILL, ORDER, "wrong table"))
                    .when(pay(PaymentId.random(), null, PaymentMethod.CASH, 100, 0))
                    .expectException(ConflictException.class).expectNoEvents();
        }
    }

    @Nested
    @DisplayName("Refunds")
    class Refunds {

        @Test
        void givenAPaymentOnAnOpenBill_whenRefunded_thenItsAmountIsOwedAgain() {
            fixture.given(ISSUED, paid(PAYMENT, null, 2000, 300, 0, null, 3400))
                    .when(new RefundPayment(BILL, PAYMENT, "charged twice"))
                    .expectEvents(new PaymentRefunded(BILL, ORDER, PAYMENT, null, cents(2000), cents(300),
                            "charged twice", cents(5400)));
        }

        @Test
        void givenAPaidBill_whenAPaymentIsRefunded_thenTheBillIsOpenAgain() {
            fixture.given(ISSUED, paid(PAYMENT, null, 5400, 0, 0, null, 0), new BillPaid(BILL, ORDER))
                    .when(new RefundPayment(BILL, PAYMENT, "wrong card"))
                    .expectEvents(new PaymentRefunded(BILL, ORDER, PAYMENT, null, cents(5400), cents(0), "wrong card",
                            cents(5400)), new BillReopened(BILL, ORDER, cents(5400)));
        }

        @Test
        void givenARefundedBillReopened_whenPaidAgain_thenPaidAgain() {
            PaymentId again = PaymentId.random();
            fixture.given(ISSUED, paid(PAYMENT, null, 5400, 0, 0, null, 0), new BillPaid(BILL, ORDER),
                            new PaymentRefunded(BILL, ORDER, PAYMENT, null, cents(5400), cents(0), "wrong card",
                                    cents(5400)), new BillReopened(BILL, ORDER, cents(5400)))
                    .when(pay(again, null, PaymentMethod.CARD, 5400, 0))
                    .expectEvents(paid(again, null, 5400, 0, 0, null, 0), new BillPaid(BILL, ORDER));
        }

        @Test
        void givenARefundedPayment_whenRefundedAgain_thenNothingHappens() {
            fixture.given(ISSUED, paid(PAYMENT, null, 2000, 0, 0, null, 3400),
                            new PaymentRefunded(BILL, ORDER, PAYMENT, null, cents(2000), cents(0), "x", cents(5400)))
                    .when(new RefundPayment(BILL, PAYMENT, "x"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenOpenBill_whenAnUnknownPaymentIsRefunded_thenNotFound_andWithoutAReasonInvalid() {
            fixture.given(ISSUED).when(new RefundPayment(BILL, PaymentId.random(), "x"))
                    .expectException(NotFoundException.class).expectNoEvents();
            fixture.given(ISSUED, paid(PAYMENT, null, 2000, 0, 0, null, 3400))
                    .when(new RefundPayment(BILL, PAYMENT, ""))
                    .expectException(InvalidInputException.class).expectNoEvents();
        }
    }

    @Nested
    @DisplayName("Voids")
    class Voids {

        @Test
        void givenOpenBill_whenVoided_thenVoided() {
            fixture.given(ISSUED)
                    .when(new VoidBill(BILL, "wrong table"))
                    .expectEvents(new BillVoided(BILL, ORDER, "wrong table"));
        }

        @Test
        void givenVoidedBill_whenVoidedAgain_thenNothingHappens() {
            fixture.given(ISSUED, new BillVoided(BILL, ORDER, "wrong table"))
                    .when(new VoidBill(BILL, "order cancelled"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenPaidBill_whenVoided_thenConflict_becauseAPaidBillIsOnlyRefunded() {
            fixture.given(ISSUED, paid(PAYMENT, null, 5400, 0, 0, null, 0), new BillPaid(BILL, ORDER))
                    .when(new VoidBill(BILL, "x"))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void givenAPartPaidBill_whenVoided_thenConflict_untilThePaymentIsRefunded() {
            fixture.given(ISSUED, paid(PAYMENT, null, 2000, 0, 0, null, 3400))
                    .when(new VoidBill(BILL, "x"))
                    .expectException(ConflictException.class).expectNoEvents();
            fixture.given(ISSUED, paid(PAYMENT, null, 2000, 0, 0, null, 3400),
                            new PaymentRefunded(BILL, ORDER, PAYMENT, null, cents(2000), cents(0), "x", cents(5400)))
                    .when(new VoidBill(BILL, "guests left"))
                    .expectEvents(new BillVoided(BILL, ORDER, "guests left"));
        }

        @Test
        void givenOpenBill_whenVoidedWithoutAReason_thenInvalid() {
            fixture.given(ISSUED)
                    .when(new VoidBill(BILL, null))
                    .expectException(InvalidInputException.class)
                    .expectNoEvents();
        }

        @Test
        void givenOpenBill_whenALaterRequestSupersedesIt_thenVoided() {
            fixture.given(ISSUED)
                    .when(new SupersedeBill(BILL, 2))
                    .expectEvents(new BillVoided(BILL, ORDER, "Superseded by bill request 2"));
        }

        @Test
        void givenAPartPaidOrPaidOrVoidedBill_whenSuperseded_thenNothingHappens() {
            fixture.given(ISSUED, paid(PAYMENT, null, 2000, 0, 0, null, 3400))
                    .when(new SupersedeBill(BILL, 2)).expectNoEvents();
            fixture.given(ISSUED, paid(PAYMENT, null, 5400, 0, 0, null, 0), new BillPaid(BILL, ORDER))
                    .when(new SupersedeBill(BILL, 2)).expectNoEvents();
            fixture.given(ISSUED, new BillVoided(BILL, ORDER, "x"))
                    .when(new SupersedeBill(BILL, 2)).expectNoEvents();
        }
    }

    private static GrantDiscount percentOff(String percent) {
        return new GrantDiscount(BILL, DiscountKind.PERCENT, new BigDecimal(percent), "regulars");
    }

    private static DiscountGranted discounted(long amount, long total) {
        return new DiscountGranted(BILL, ORDER, DiscountKind.PERCENT, new BigDecimal("10"), "regulars", cents(amount),
                amounts(5400, amount, 0, new Tax(Percent.of(10)).includedIn(cents(total)).cents(), total),
                cents(total));
    }

    private static BillSplit splitInto(int splitNumber, SplitMode mode, long... totals) {
        List<BillCheck> checks = new java.util.ArrayList<>();
        for (int i = 0; i < totals.length; i++) {
            checks.add(check(splitNumber, i + 1, totals[i]));
        }
        return new BillSplit(BILL, ORDER, splitNumber, mode, checks);
    }

    private static RecordPayment pay(PaymentId id, CheckId check, PaymentMethod method, long amount, long tip) {
        return new RecordPayment(BILL, id, check, method, cents(amount), cents(tip));
    }

    private static PaymentRecorded paid(PaymentId id, CheckId check, long amount, long tip, long change,
                                        Long checkBalance, long balance) {
        return new PaymentRecorded(BILL, ORDER, id, check, PaymentMethod.CARD, cents(amount), cents(tip),
                cents(change), checkBalance == null ? null : cents(checkBalance), cents(balance));
    }

    private static PaymentRecorded paid(PaymentId id, CheckId check, long amount, long tip, long change,
                                        long checkBalance, long balance) {
        return paid(id, check, amount, tip, change, Long.valueOf(checkBalance), balance);
    }

    private static CheckId check(int splitNumber, int position) {
        return CheckId.forSplit(BILL, splitNumber, position);
    }

    private static BillCheck check(int splitNumber, int position, long total) {
        return new BillCheck(check(splitNumber, position), cents(total), List.of());
    }

    private static BilledLine line(LineId id, String name, int quantity, long unitPrice, Integer seat) {
        return new BilledLine(id, MenuItemId.random(), name, quantity, cents(unitPrice), cents(unitPrice * quantity),
                seat);
    }

    private static BillRates rates(String tax, String serviceCharge) {
        return new BillRates("EUR", new BigDecimal(tax), new BigDecimal(serviceCharge));
    }

    private static BillAmounts amounts(long subtotal, long discount, long serviceCharge, long tax, long total) {
        return new BillAmounts(cents(subtotal), cents(discount), cents(serviceCharge), cents(tax), cents(total));
    }

    private static Money cents(long cents) {
        return Money.ofCents(cents);
    }
}

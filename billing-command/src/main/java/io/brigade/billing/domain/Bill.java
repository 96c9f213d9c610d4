package io.brigade.billing.domain;

import io.brigade.contracts.billing.BillAmounts;
import io.brigade.contracts.billing.BillCheck;
import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.billing.BillIssued;
import io.brigade.contracts.billing.BillPaid;
import io.brigade.contracts.billing.BillReopened;
import io.brigade.contracts.billing.BillSplit;
import io.brigade.contracts.billing.BillVoided;
import io.brigade.contracts.billing.CheckId;
import io.brigade.contracts.billing.DiscountGranted;
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
import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.OrderId;
import io.brigade.platform.problem.ConflictException;
import io.brigade.platform.problem.InvalidInputException;
import io.brigade.platform.problem.NotFoundException;
import io.brigade.platform.problem.RefusedException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * What the guests of one order owe, and what they paid. Issued by billing from a bill request, with the lines as
 * ordered and the restaurant's tax and service charge as they were at that moment.
 * <p>
 * Prices are tax-inclusive (as menus in Europe show them). The discount comes off the subtotal, the service charge is
 * a percentage of the discounted subtotal, the total is the discounted subtotal plus the service charge, and the tax is
 * the part of the total that is tax: {@code total × rate / (100 + rate)}. Each of those figures is computed from
 * bill-level amounts in exact decimal arithmetic and rounded once, half-even, to whole cents (see {@link Charges}).
 * <p>
 * A manager grants discounts and comps, never below zero. The bill may be split into checks (in equal parts, by seat
 * or by lines) that cover the total to the cent; once a payment was taken it cannot be split again. Payments (cash,
 * card or other, with a tip) go towards the bill or one of its checks; only cash may exceed what is owed, the rest
 * being change. Fully paid, the bill is paid; a refund reopens it. Only a bill nobody paid on can be voided.
 */
@Aggregate(cache = "aggregateCache")
public class Bill {

    @AggregateIdentifier
    private BillId billId;
    private OrderId orderId;
    private BillStatus status;
    private List<BilledLine> lines;
    private Charges charges;
    private BillAmounts amounts;
    private Split split;
    private int splits;
    private final Map<CheckId, Money> checks = new LinkedHashMap<>();
    private final Map<PaymentId, Payment> payments = new LinkedHashMap<>();

    protected Bill() {
    }

    /** Billing sees every bill request at least once; a bill that exists already is left as it is. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(IssueBill command) {
        if (billId != null) {
            return;
        }
        if (command.lines() == null || command.lines().isEmpty()) {
            throw new InvalidInputException("lines", "a bill needs at least one line");
        }
        if (command.rates() == null) {
            throw new InvalidInputException("rates", "a bill needs the tax and service charge rates");
        }
        Money subtotal = command.lines().stream().map(BilledLine::total).reduce(Money.ZERO, Money::plus);
        BillAmounts issued = Charges.of(command.rates()).amounts(subtotal, Money.ZERO);
        apply(new BillIssued(command.billId(), command.orderId(), command.requestNumber(),
                command.tableNumber(), List.copyOf(command.lines()), command.rates(), issued));
        paidInFullIfNothingIsOwed();
    }

    @CommandHandler
    public void handle(GrantDiscount command) {
        Discount discount = Discount.of(command);
        requireOpen("discount");
        if (split != null && hasStandingPayments()) {
            throw new ConflictException("Payments were taken on the checks of this bill; refund them before discounting");
        }
        Money remaining = amounts.subtotal().minus(amounts.discount());
        Money taken = discount.takenFrom(remaining);
        if (taken.equals(Money.ZERO)) {
            throw new RefusedException(remaining.equals(Money.ZERO) ? "Nothing is left to discount on this bill"
                    : "The discount comes to less than a cent");
        }
        BillAmounts after = charges.amounts(amounts.subtotal(), amounts.discount().plus(taken));
        Money balance = after.total().minus(paid());
        if (balance.isNegative()) {
            throw new RefusedException("The bill would come to less than was already paid on it");
        }
        apply(new DiscountGranted(billId, orderId, discount.kind(), discount.value(), discount.reason(), taken, after,
                balance));
        if (split != null) {
            apply(new BillSplit(billId, orderId, splits + 1, split.mode(),
                    split.checks(billId, splits + 1, lines, after.total())));
        }
        paidInFullIfNothingIsOwed();
    }

    @CommandHandler
    public List<BillCheck> handle(SplitBill command) {
        Split wanted = Split.of(command, lines);
        requireOpen("split");
        if (hasStandingPayments()) {
            throw new ConflictException("A payment was taken on this bill; it can no longer be split again");
        }
        List<BillCheck> newChecks = wanted.checks(billId, splits + 1, lines, amounts.total());
        apply(new BillSplit(billId, orderId, splits + 1, wanted.mode(), newChecks));
        return newChecks;
    }

    @CommandHandler
    public PaymentReceipt handle(RecordPayment command) {
        Payment earlier = command.paymentId() == null ? null : payments.get(command.paymentId());
        if (earlier != null) {
            if (!earlier.isTakenBy(command)) {
                throw new ConflictException("Payment " + command.paymentId() + " was taken with other details");
            }
            return new PaymentReceipt(command.paymentId(), owedOn(earlier.checkId()));
        }
        requireValid(command);
        requireOpen("take a payment on");
        if (split != null && command.checkId() == null) {
            throw new InvalidInputException("checkId", "the bill is split: say which check is paid");
        }
        if (command.checkId() != null && !checks.containsKey(command.checkId())) {
            throw new NotFoundException("No check " + command.checkId() + " on this bill");
        }
        Money owed = owedOn(command.checkId());
        if (owed.equals(Money.ZERO)) {
            throw new ConflictException("Nothing is left to pay on this " + (command.checkId() == null ? "bill" : "check"));
        }
        Money amount = command.amount();
        Money change = Money.ZERO;
        if (amount.compareTo(owed) > 0) {
            if (command.method() != PaymentMethod.CASH) {
                throw new RefusedException("That overpays: " + owed.cents() + " cents are owed, and only cash can be "
                        + "given back as change");
            }
            change = amount.minus(owed);
            amount = owed;
        }
        Money tip = command.tip() == null ? Money.ZERO : command.tip();
        Money checkBalance = command.checkId() == null ? null : owed.minus(amount);
        Money balance = balance().minus(amount);
        apply(new PaymentRecorded(billId, orderId, command.paymentId(), command.checkId(), command.method(), amount,
                tip, change, checkBalance, balance));
        paidInFullIfNothingIsOwed();
        return new PaymentReceipt(command.paymentId(), checkBalance == null ? balance : checkBalance);
    }

    @CommandHandler
    public void handle(RefundPayment command) {
        requireReason(command.reason());
        Payment payment = payments.get(command.paymentId());
        if (payment == null) {
            throw new NotFoundException("No payment " + command.paymentId() + " on this bill");
        }
        if (payment.refunded()) {
            return;
        }
        Money balance = balance().plus(payment.amount());
        apply(new PaymentRefunded(billId, orderId, command.paymentId(), payment.checkId(), payment.amount(),
                payment.tip(), command.reason().trim(), balance));
        if (status == BillStatus.PAID) {
            apply(new BillReopened(billId, orderId, balance));
        }
    }

    @CommandHandler
    public void handle(VoidBill command) {
        requireReason(command.reason());
        if (status == BillStatus.VOIDED) {
            return;
        }
        if (status == BillStatus.PAID) {
            throw new ConflictException("A paid bill is never voided; refund its payments instead");
        }
        if (hasStandingPayments()) {
            throw new ConflictException("Payments were taken on this bill; refund them before voiding it");
        }
        apply(new BillVoided(billId, orderId, command.reason().trim()));
    }

    /** A later request replaces an open bill; one that guests already paid on stays for a manager to settle. */
    @CommandHandler
    public void handle(SupersedeBill command) {
        if (status == BillStatus.OPEN && !hasStandingPayments()) {
            apply(new BillVoided(billId, orderId, "Superseded by bill request " + command.byRequestNumber()));
        }
    }

    @EventSourcingHandler
    void on(BillIssued event) {
        billId = event.billId();
        orderId = event.orderId();
        status = BillStatus.OPEN;
        lines = event.lines();
        charges = Charges.of(event.rates());
        amounts = event.amounts();
    }

    @EventSourcingHandler
    void on(DiscountGranted event) {
        amounts = event.amounts();
    }

    @EventSourcingHandler
    void on(BillSplit event) {
        splits = event.splitNumber();
        split = new Split(event.mode(), event.mode() == SplitMode.EQUAL ? event.checks().size() : 0,
                event.mode() == SplitMode.EQUAL ? List.of() : event.checks().stream().map(BillCheck::lineIds).toList());
        checks.clear();
        event.checks().forEach(check -> checks.put(check.checkId(), check.total()));
    }

    @EventSourcingHandler
    void on(PaymentRecorded event) {
        payments.put(event.paymentId(), Payment.of(event));
    }

    @EventSourcingHandler
    void on(PaymentRefunded event) {
        payments.computeIfPresent(event.paymentId(), (id, payment) -> payment.asRefunded());
    }

    @EventSourcingHandler
    void on(BillPaid event) {
        status = BillStatus.PAID;
    }

    @EventSourcingHandler
    void on(BillReopened event) {
        status = BillStatus.OPEN;
    }

    @EventSourcingHandler
    void on(BillVoided event) {
        status = BillStatus.VOIDED;
    }

    private void paidInFullIfNothingIsOwed() {
        if (status == BillStatus.OPEN && balance().equals(Money.ZERO)) {
            apply(new BillPaid(billId, orderId));
        }
    }

    private Money paid() {
        return payments.values().stream().filter(Payment::stands).map(Payment::amount).reduce(Money.ZERO, Money::plus);
    }

    private Money balance() {
        return amounts.total().minus(paid());
    }

    /** What is left to pay on one check, or on the whole bill when {@code checkId} is null. */
    private Money owedOn(CheckId checkId) {
        if (checkId == null) {
            return balance();
        }
        Money paidOnCheck = payments.values().stream().filter(Payment::stands).filter(p -> p.isFor(checkId))
                .map(Payment::amount).reduce(Money.ZERO, Money::plus);
        return checks.getOrDefault(checkId, Money.ZERO).minus(paidOnCheck);
    }

    private boolean hasStandingPayments() {
        return payments.values().stream().anyMatch(Payment::stands);
    }

    private void requireOpen(String action) {
        if (status == BillStatus.VOIDED) {
            throw new ConflictException("The bill was voided; nobody can " + action + " it");
        }
        if (status == BillStatus.PAID) {
            throw new ConflictException("The bill is paid; nobody can " + action + " it");
        }
    }

    private static void requireValid(RecordPayment command) {
        if (command.paymentId() == null) {
            throw new InvalidInputException("paymentId", "a payment needs an id");
        }
        if (command.method() == null) {
            throw new InvalidInputException("method", "give CASH, CARD or OTHER");
        }
        if (command.amount() == null || command.amount().cents() <= 0) {
            throw new InvalidInputException("amountCents", "must be more than zero");
        }
        if (command.tip() != null && command.tip().isNegative()) {
            throw new InvalidInputException("tipCents", "must not be negative");
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "say why");
        }
    }
}

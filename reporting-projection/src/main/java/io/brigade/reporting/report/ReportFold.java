package io.brigade.reporting.report;

import io.brigade.contracts.billing.BillAmounts;
import io.brigade.contracts.billing.BillIssued;
import io.brigade.contracts.billing.BillPaid;
import io.brigade.contracts.billing.BillReopened;
import io.brigade.contracts.billing.BillVoided;
import io.brigade.contracts.billing.DiscountGranted;
import io.brigade.contracts.billing.DiscountKind;
import io.brigade.contracts.billing.PaymentRecorded;
import io.brigade.contracts.billing.PaymentRefunded;
import io.brigade.contracts.catalog.RestaurantSettingsChanged;
import io.brigade.contracts.common.Money;
import io.brigade.contracts.kitchen.TicketBumped;
import io.brigade.contracts.kitchen.TicketCreated;
import io.brigade.contracts.kitchen.TicketId;
import io.brigade.contracts.kitchen.TicketRecalled;
import io.brigade.contracts.kitchen.TicketVoided;
import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.KitchenDelayed;
import io.brigade.contracts.order.OrderCancelled;
import io.brigade.contracts.order.OrderLineAdded;
import io.brigade.contracts.order.OrderLineRemoved;
import io.brigade.contracts.order.OrderLineVoided;
import io.brigade.contracts.order.OrderOpened;
import io.brigade.reporting.feed.ReportEvent;
import io.brigade.reporting.report.ReportRows.Adjustment;
import io.brigade.reporting.report.ReportRows.BillLine;
import io.brigade.reporting.report.ReportRows.BillRow;
import io.brigade.reporting.report.ReportRows.KitchenDelay;
import io.brigade.reporting.report.ReportRows.OrderRow;
import io.brigade.reporting.report.ReportRows.SaleEntry;
import io.brigade.reporting.report.ReportRows.SettingsRow;
import io.brigade.reporting.report.ReportRows.Skipped;
import io.brigade.reporting.report.ReportRows.TicketRow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Folds events into report rows in memory. An event applies only when its sequence is past the version of its
 * aggregate's row, so a redelivered or replayed event changes no figure. What changed is remembered until written.
 *
 * <p>Sales: a bill counts once, on the instant it is first fully paid, with its figures then: gross is what the lines
 * and the service charge come to, net is what was paid less tax, tips are those of the payments standing. A refund
 * after that is money going out on its own instant, and a payment taken after a refund reopened the bill is money
 * coming in on its own; the tax in either is the bill's share of tax in that amount (rounded half up). Voided bills
 * and cancelled orders are left out when the reports are read.
 */
public final class ReportFold {

    static final Set<String> APPROVERS = Set.of("MANAGER", "ADMIN");

    public final Map<UUID, OrderRow> orders = new HashMap<>();
    public final Map<UUID, BillRow> bills = new HashMap<>();
    public final Map<UUID, TicketRow> tickets = new HashMap<>();
    public final Map<String, SettingsRow> settings = new HashMap<>();

    public final Set<UUID> changedOrders = new LinkedHashSet<>();
    public final Set<UUID> changedBills = new LinkedHashSet<>();
    public final Set<UUID> changedTickets = new LinkedHashSet<>();
    public final Set<String> changedSettings = new LinkedHashSet<>();
    public final List<BillLine> newBillLines = new ArrayList<>();
    public final List<SaleEntry> newSales = new ArrayList<>();
    /** A ticket counts as delayed once, however often it was reported. */
    public final Map<UUID, KitchenDelay> newDelays = new java.util.LinkedHashMap<>();
    public final List<Adjustment> newAdjustments = new ArrayList<>();
    public final List<Skipped> skipped = new ArrayList<>();

    /** Forgets what changed, once it is written; the rows stay for the next batch of a replay. */
    public void written() {
        changedOrders.clear();
        changedBills.clear();
        changedTickets.clear();
        changedSettings.clear();
        newBillLines.clear();
        newSales.clear();
        newDelays.clear();
        newAdjustments.clear();
        skipped.clear();
    }

    public boolean hasChanges() {
        return !changedOrders.isEmpty() || !changedBills.isEmpty() || !changedTickets.isEmpty()
                || !changedSettings.isEmpty() || !newBillLines.isEmpty() || !newSales.isEmpty()
                || !newDelays.isEmpty() || !newAdjustments.isEmpty() || !skipped.isEmpty();
    }

    public void apply(ReportEvent event) {
        Object payload = event.payload();
        if (payload instanceof OrderOpened e) {
            onOrder(e.orderId().value(), event, true, order -> {
                order.guests = e.guests();
                order.waiter = event.username();
                order.openedAt = event.at();
            });
        } else if (payload instanceof OrderLineAdded e) {
            onOrder(e.orderId().value(), event, false, order ->
                    order.lines.put(e.lineId().value(), e.unitPrice().cents() * e.quantity()));
        } else if (payload instanceof OrderLineRemoved e) {
            onOrder(e.orderId().value(), event, false, order -> order.lines.remove(e.lineId().value()));
        } else if (payload instanceof OrderLineVoided e) {
            onOrder(e.orderId().value(), event, false, order -> adjustment(event, "VOID", order.orderId, null,
                    order.lines.getOrDefault(e.lineId().value(), 0L), e.reason()));
        } else if (payload instanceof OrderCancelled) {
            onOrder(UUID.fromString(event.aggregateId()), event, false, order -> order.cancelled = true);
        } else if (payload instanceof KitchenDelayed e) {
            onOrder(e.orderId().value(), event, false, order -> newDelays.putIfAbsent(e.ticketId().value(),
                    new KitchenDelay(e.ticketId().value(), order.orderId, TicketId.normalStation(e.station()),
                            event.at())));
        } else if (payload instanceof BillIssued e) {
            onBill(e.billId().value(), event, true, bill -> issued(bill, e));
        } else if (payload instanceof DiscountGranted e) {
            onBill(e.billId().value(), event, false, bill -> {
                amounts(bill, e.amounts());
                boolean comp = e.kind() == DiscountKind.PERCENT
                        && e.value().compareTo(BigDecimal.valueOf(100)) == 0;
                adjustment(event, comp ? "COMP" : "DISCOUNT", bill.orderId, bill.billId, e.amount().cents(),
                        e.reason());
            });
        } else if (payload instanceof PaymentRecorded e) {
            onBill(e.billId().value(), event, false, bill -> paid(bill, event, e.amount().cents(), cents(e.tip())));
        } else if (payload instanceof PaymentRefunded e) {
            onBill(e.billId().value(), event, false, bill -> {
                paid(bill, event, -e.amount().cents(), -cents(e.tip()));
                adjustment(event, "REFUND", bill.orderId, bill.billId, e.amount().cents(), e.reason());
            });
        } else if (payload instanceof BillPaid e) {
            onBill(e.billId().value(), event, false, bill -> {
                bill.status = "PAID";
                if (bill.paidAt == null) {
                    bill.paidAt = event.at();
                    newSales.add(new SaleEntry("sale:" + bill.billId, bill.billId, event.at(), 1,
                            bill.subtotal + bill.serviceCharge, bill.discount, bill.tax, bill.total - bill.tax,
                            bill.standingTips));
                }
            });
        } else if (payload instanceof BillReopened e) {
            onBill(e.billId().value(), event, false, bill -> bill.status = "OPEN");
        } else if (payload instanceof BillVoided e) {
            onBill(e.billId().value(), event, false, bill -> {
                bill.status = "VOIDED";
                adjustment(event, "BILL_VOID", bill.orderId, bill.billId, bill.total, e.reason());
            });
        } else if (payload instanceof TicketCreated e) {
            onTicket(e.ticketId().value(), event, true, ticket -> {
                ticket.orderId = e.orderId().value();
                ticket.station = TicketId.normalStation(e.station());
                ticket.createdAt = event.at();
            });
        } else if (payload instanceof TicketBumped e) {
            onTicket(e.ticketId().value(), event, false, ticket -> ticket.bumpedAt = event.at());
        } else if (payload instanceof TicketRecalled e) {
            onTicket(e.ticketId().value(), event, false, ticket -> ticket.bumpedAt = null);
        } else if (payload instanceof TicketVoided e) {
            onTicket(e.ticketId().value(), event, false, ticket -> ticket.voided = true);
        } else if (payload instanceof RestaurantSettingsChanged e) {
            SettingsRow row = settings.computeIfAbsent(event.aggregateId(), SettingsRow::new);
            if (event.sequence() > row.version) {
                row.timeZone = e.timeZone();
                row.version = event.sequence();
                changedSettings.add(row.settingsId);
            }
        }
    }

    private void issued(BillRow bill, BillIssued event) {
        bill.orderId = event.orderId().value();
        bill.tableNumber = event.tableNumber();
        bill.status = "OPEN";
        amounts(bill, event.amounts());
        for (BilledLine line : event.lines()) {
            newBillLines.add(new BillLine(bill.billId, line.lineId().value(),
                    line.menuItemId() == null ? null : line.menuItemId().value(), line.name(), line.quantity(),
                    line.total().cents()));
        }
    }

    /**
     * Money in (a payment) or out (a refund, negative). Before the bill is first paid only its tips are counted, as
     * the sale carries the rest; after that, it is an entry of its own.
     */
    private void paid(BillRow bill, ReportEvent event, long amount, long tip) {
        if (bill.paidAt == null) {
            bill.standingTips += tip;
            return;
        }
        long tax = taxShare(bill, amount);
        newSales.add(new SaleEntry((amount < 0 ? "refund:" : "payment:") + event.messageId(), bill.billId,
                event.at(), 0, amount, 0, tax, amount - tax, tip));
    }

    private interface Change<T> {
        void apply(T row);
    }

    private void onOrder(UUID id, ReportEvent event, boolean creates, Change<OrderRow> change) {
        OrderRow row = creates ? orders.computeIfAbsent(id, OrderRow::new) : orders.get(id);
        if (row != null && event.sequence() > row.version && (creates || row.openedAt != null)) {
            change.apply(row);
            row.version = event.sequence();
            changedOrders.add(id);
        }
    }

    private void onBill(UUID id, ReportEvent event, boolean creates, Change<BillRow> change) {
        BillRow row = creates ? bills.computeIfAbsent(id, BillRow::new) : bills.get(id);
        if (row != null && event.sequence() > row.version && (creates || row.status != null)) {
            change.apply(row);
            row.version = event.sequence();
            changedBills.add(id);
        }
    }

    private void onTicket(UUID id, ReportEvent event, boolean creates, Change<TicketRow> change) {
        TicketRow row = creates ? tickets.computeIfAbsent(id, TicketRow::new) : tickets.get(id);
        if (row != null && event.sequence() > row.version && (creates || row.createdAt != null)) {
            change.apply(row);
            row.version = event.sequence();
            changedTickets.add(id);
        }
    }

    private void adjustment(ReportEvent event, String kind, UUID orderId, UUID billId, long amount, String reason) {
        String approvedBy = event.role() != null && APPROVERS.contains(event.role()) ? event.username() : null;
        newAdjustments.add(new Adjustment(event.messageId(), event.at(), kind, orderId, billId, amount, reason,
                event.username(), approvedBy));
    }

    private static void amounts(BillRow bill, BillAmounts amounts) {
        bill.subtotal = amounts.subtotal().cents();
        bill.discount = amounts.discount().cents();
        bill.serviceCharge = amounts.serviceCharge().cents();
        bill.tax = amounts.tax().cents();
        bill.total = amounts.total().cents();
    }

    /** The part of {@code amount} that is tax, in the proportion of the bill's tax to its total. */
    static long taxShare(BillRow bill, long amount) {
        if (bill.total == 0) {
            return 0;
        }
        return BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(bill.tax))
                .divide(BigDecimal.valueOf(bill.total), 0, RoundingMode.HALF_UP).longValueExact();
    }

    private static long cents(Money money) {
        return money == null ? 0 : money.cents();
    }
}

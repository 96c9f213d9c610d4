package io.brigade.catalog.query;

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
import io.brigade.contracts.billing.PaymentRecorded;
import io.brigade.contracts.billing.PaymentRefunded;
import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.BilledLine;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Each bill as the waiters settle it, from the billing service's events. An event applies only when its sequence
 * number is past the bill's version, so a redelivered or replayed event changes nothing. Each applied change is pushed
 * to whoever watches the bills ({@code bill:paid} when it paid the bill, {@code bill:update} otherwise), unless it is
 * history being replayed. A replay (the processor's tokens reset) empties the view first and rebuilds it.
 */
@Component
@ProcessingGroup(BillViewProjection.GROUP)
public class BillViewProjection {

    public static final String GROUP = "bill-views";

    private final JdbcTemplate jdbc;
    private final QueryUpdateEmitter emitter;
    private final LiveChanges changes;

    public BillViewProjection(JdbcTemplate jdbc, QueryUpdateEmitter emitter, LiveChanges changes) {
        this.jdbc = jdbc;
        this.emitter = emitter;
        this.changes = changes;
    }

    /** A replay rebuilds the bills from the first event of the topic. */
    @ResetHandler
    void rebuild() {
        jdbc.update("delete from bill_view_payment");
        jdbc.update("delete from bill_view_check");
        jdbc.update("delete from bill_view_line");
        jdbc.update("delete from bill_view");
    }

    @EventHandler
    void on(BillIssued event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        BillAmounts amounts = event.amounts();
        int inserted = jdbc.update("""
                        insert into bill_view (bill_id, order_id, table_number, subtotal_cents, discount_cents,
                                               service_charge_cents, tax_cents, total_cents, status, issued_at, version)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?) on conflict (bill_id) do nothing""",
                event.billId().value(), event.orderId().value(), event.tableNumber(), amounts.subtotal().cents(),
                amounts.discount().cents(), amounts.serviceCharge().cents(), amounts.tax().cents(),
                amounts.total().cents(), at.atOffset(ZoneOffset.UTC), sequence);
        if (inserted == 0) {
            return;
        }
        int position = 0;
        for (BilledLine line : event.lines()) {
            jdbc.update("""
                            insert into bill_view_line (bill_id, line_id, position, name, quantity, total_cents)
                            values (?, ?, ?, ?, ?, ?)""",
                    event.billId().value(), line.lineId().value(), position++, line.name(), line.quantity(),
                    line.total().cents());
        }
        changed(event.billId(), "bill:update", replay);
    }

    @EventHandler
    void on(DiscountGranted event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.billId(), sequence)) {
            BillAmounts amounts = event.amounts();
            jdbc.update("""
                            update bill_view set subtotal_cents = ?, discount_cents = ?, service_charge_cents = ?,
                                                 tax_cents = ?, total_cents = ?
                            where bill_id = ?""",
                    amounts.subtotal().cents(), amounts.discount().cents(), amounts.serviceCharge().cents(),
                    amounts.tax().cents(), amounts.total().cents(), event.billId().value());
            changed(event.billId(), "bill:update", replay);
        }
    }

    /** The checks of a split replace any earlier ones. */
    @EventHandler
    void on(BillSplit event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.billId(), sequence)) {
            jdbc.update("delete from bill_view_check where bill_id = ?", event.billId().value());
            int position = 0;
            for (BillCheck check : event.checks()) {
                jdbc.update("insert into bill_view_check (bill_id, check_id, position, total_cents) values (?, ?, ?, ?)",
                        event.billId().value(), check.checkId().value(), position++, check.total().cents());
            }
            changed(event.billId(), "bill:update", replay);
        }
    }

    @EventHandler
    void on(PaymentRecorded event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.billId(), sequence)) {
            jdbc.update("""
                            insert into bill_view_payment (bill_id, payment_id, position, check_id, method,
                                                           amount_cents, tip_cents, refunded)
                            values (?, ?, ?, ?, ?, ?, ?, false)""",
                    event.billId().value(), event.paymentId().value(), sequence, checkId(event.checkId()),
                    event.method().name(), event.amount().cents(), cents(event.tip()));
            changed(event.billId(), "bill:update", replay);
        }
    }

    @EventHandler
    void on(PaymentRefunded event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.billId(), sequence)) {
            jdbc.update("update bill_view_payment set refunded = true where bill_id = ? and payment_id = ?",
                    event.billId().value(), event.paymentId().value());
            changed(event.billId(), "bill:update", replay);
        }
    }

    @EventHandler
    void on(BillPaid event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.billId(), sequence)) {
            setStatus(event.billId(), "PAID");
            changed(event.billId(), "bill:paid", replay);
        }
    }

    @EventHandler
    void on(BillReopened event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.billId(), sequence)) {
            setStatus(event.billId(), "OPEN");
            changed(event.billId(), "bill:update", replay);
        }
    }

    @EventHandler
    void on(BillVoided event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.billId(), sequence)) {
            setStatus(event.billId(), "VOIDED");
            changed(event.billId(), "bill:update", replay);
        }
    }

    /** A subscriber starts from the bills still open, oldest first; closed ones reach it only when they change. */
    @QueryHandler
    List<LiveUpdate> handle(WatchBills query) {
        return billsWhere("where b.status = 'OPEN'").stream()
                .map(bill -> new LiveUpdate("bill:update", bill.version(), bill)).toList();
    }

    public Optional<BillView> bill(UUID billId) {
        return billsWhere("where b.bill_id = ?", billId).stream().findFirst();
    }

    /** The bills of one order, oldest first: a later bill request replaces the bill before it. */
    public List<BillView> billsOfOrder(UUID orderId) {
        return billsWhere("where b.order_id = ?", orderId);
    }

    private List<BillView> billsWhere(String where, Object... args) {
        List<BillView> bills = jdbc.query("select * from bill_view b " + where + " order by b.issued_at, b.bill_id",
                (rs, n) -> bill(rs), args);
        if (bills.isEmpty()) {
            return bills;
        }
        Object ids = bills.stream().map(BillView::billId).toArray(UUID[]::new);
        Map<UUID, List<BillView.Line>> lines = new HashMap<>();
        jdbc.query("select * from bill_view_line where bill_id = any (?) order by position", rs -> {
            lines.computeIfAbsent(rs.getObject("bill_id", UUID.class), id -> new ArrayList<>()).add(
                    new BillView.Line(rs.getObject("line_id", UUID.class), rs.getString("name"),
                            rs.getInt("quantity"), rs.getLong("total_cents")));
        }, ids);
        Map<UUID, List<BillView.Payment>> payments = new HashMap<>();
        jdbc.query("select * from bill_view_payment where bill_id = any (?) order by position", rs -> {
            payments.computeIfAbsent(rs.getObject("bill_id", UUID.class), id -> new ArrayList<>()).add(
                    new BillView.Payment(rs.getObject("payment_id", UUID.class), rs.getObject("check_id", UUID.class),
                            rs.getString("method"), rs.getLong("amount_cents"), rs.getLong("tip_cents"),
                            rs.getBoolean("refunded")));
        }, ids);
        Map<UUID, List<BillView.Check>> checks = new HashMap<>();
        jdbc.query("select * from bill_view_check where bill_id = any (?) order by position", rs -> {
            UUID billId = rs.getObject("bill_id", UUID.class);
            UUID checkId = rs.getObject("check_id", UUID.class);
            long paidOnCheck = standing(payments.getOrDefault(billId, List.of())).stream()
                    .filter(p -> checkId.equals(p.checkId())).mapToLong(BillView.Payment::amountCents).sum();
            checks.computeIfAbsent(billId, id -> new ArrayList<>()).add(
                    new BillView.Check(checkId, rs.getLong("total_cents"), paidOnCheck));
        }, ids);
        return bills.stream().map(bill -> complete(bill, lines.getOrDefault(bill.billId(), List.of()),
                checks.getOrDefault(bill.billId(), List.of()), payments.getOrDefault(bill.billId(), List.of())))
                .toList();
    }

    private static BillView complete(BillView bill, List<BillView.Line> lines, List<BillView.Check> checks,
                                     List<BillView.Payment> payments) {
        List<BillView.Payment> standing = standing(payments);
        long paid = standing.stream().mapToLong(BillView.Payment::amountCents).sum();
        long tips = standing.stream().mapToLong(BillView.Payment::tipCents).sum();
        return new BillView(bill.billId(), bill.orderId(), bill.tableNumber(), List.copyOf(lines),
                bill.subtotalCents(), bill.discountCents(), bill.serviceChargeCents(), bill.taxCents(),
                bill.totalCents(), paid, tips, bill.totalCents() - paid, bill.status(), List.copyOf(checks),
                List.copyOf(payments), bill.version());
    }

    private static List<BillView.Payment> standing(List<BillView.Payment> payments) {
        return payments.stream().filter(p -> !p.refunded()).toList();
    }

    private static BillView bill(ResultSet rs) throws SQLException {
        return new BillView(rs.getObject("bill_id", UUID.class), rs.getObject("order_id", UUID.class),
                rs.getInt("table_number"), List.of(), rs.getLong("subtotal_cents"), rs.getLong("discount_cents"),
                rs.getLong("service_charge_cents"), rs.getLong("tax_cents"), rs.getLong("total_cents"), 0, 0, 0,
                rs.getString("status"), List.of(), List.of(), rs.getLong("version"));
    }

    private boolean advance(BillId bill, long sequence) {
        return jdbc.update("update bill_view set version = ? where bill_id = ? and version < ?",
                sequence, bill.value(), sequence) == 1;
    }

    private void setStatus(BillId bill, String status) {
        jdbc.update("update bill_view set status = ? where bill_id = ?", status, bill.value());
    }

    private void changed(BillId billId, String type, ReplayStatus replay) {
        if (!replay.isReplay()) {
            changes.announce(new LiveChange(LiveChange.BILL, type, billId.value(), List.of(), null));
        }
    }

    /** Pushes a bill as stored to whoever watches the bills on this instance. */
    public void push(LiveChange change) {
        if (!Watchers.anyone(emitter, WatchBills.class, watch -> true)) {
            return;
        }
        bill(change.id()).ifPresent(bill -> emitter.emit(WatchBills.class, watch -> true,
                new LiveUpdate(change.type(), bill.version(), bill)));
    }

    private static UUID checkId(CheckId checkId) {
        return checkId == null ? null : checkId.value();
    }

    private static long cents(Money money) {
        return money == null ? 0 : money.cents();
    }
}

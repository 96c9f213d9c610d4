package io.brigade.billing.query;

import io.brigade.billing.domain.BillStatus;
import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.billing.BillIssued;
import io.brigade.contracts.billing.BillPaid;
import io.brigade.contracts.billing.BillReopened;
import io.brigade.contracts.billing.BillVoided;
import io.brigade.contracts.order.OrderId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * The bills of each order and whether they are open, kept in the transaction of the command that changed them (a
 * subscribing processor): what a later bill request supersedes and what a cancelled order voids. Each row carries the
 * bill's last applied event sequence, so an event applied twice changes nothing.
 */
@Component
@ProcessingGroup(OrderBills.GROUP)
public class OrderBills {

    public static final String GROUP = "order-bills";

    private final JdbcTemplate jdbc;

    public OrderBills(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(BillIssued event, @SequenceNumber long sequence) {
        jdbc.update("""
                        insert into order_bill (bill_id, order_id, request_number, status, version)
                        values (?, ?, ?, ?, ?) on conflict (bill_id) do nothing""",
                event.billId().value(), event.orderId().value(), event.requestNumber(), BillStatus.OPEN.name(),
                sequence);
    }

    @EventHandler
    void on(BillPaid event, @SequenceNumber long sequence) {
        status(event.billId(), BillStatus.PAID, sequence);
    }

    @EventHandler
    void on(BillReopened event, @SequenceNumber long sequence) {
        status(event.billId(), BillStatus.OPEN, sequence);
    }

    @EventHandler
    void on(BillVoided event, @SequenceNumber long sequence) {
        status(event.billId(), BillStatus.VOIDED, sequence);
    }

    /** The order's open bills, oldest request first. */
    public List<OpenBill> openBillsOf(OrderId orderId) {
        return jdbc.query("""
                        select bill_id, request_number from order_bill where order_id = ? and status = ?
                        order by request_number""",
                (rs, row) -> new OpenBill(BillId.of(rs.getObject("bill_id", UUID.class)), rs.getInt("request_number")),
                orderId.value(), BillStatus.OPEN.name());
    }

    public record OpenBill(BillId billId, int requestNumber) {
    }

    private void status(BillId billId, BillStatus status, long sequence) {
        jdbc.update("update order_bill set status = ?, version = ? where bill_id = ? and version < ?",
                status.name(), sequence, billId.value(), sequence);
    }
}

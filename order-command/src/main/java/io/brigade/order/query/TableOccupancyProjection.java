package io.brigade.order.query;

import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.order.OrderCancelled;
import io.brigade.contracts.order.OrderClosed;
import io.brigade.contracts.order.OrderId;
import io.brigade.contracts.order.OrderOpened;
import io.brigade.contracts.order.OrderTransferred;
import io.brigade.order.domain.FloorPlan;
import io.brigade.platform.problem.ConflictException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * Which table has which open order. Runs in the transaction of the command that opens, moves or ends an order
 * (a subscribing processor), so two waiters opening the same table at once cannot both succeed: the table is the
 * primary key, and the second insert rolls its command back.
 */
@Component
@ProcessingGroup(TableOccupancyProjection.GROUP)
public class TableOccupancyProjection implements FloorPlan {

    public static final String GROUP = "table-occupancy";

    private final JdbcTemplate jdbc;

    public TableOccupancyProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OrderOpened event) {
        occupy(event.tableId(), event.orderId(), event.tableNumber());
    }

    @EventHandler
    void on(OrderTransferred event) {
        free(event.fromTableId());
        occupy(event.toTableId(), event.orderId(), event.toTableNumber());
    }

    @EventHandler
    void on(OrderCancelled event) {
        free(event.tableId());
    }

    @EventHandler
    void on(OrderClosed event) {
        free(event.tableId());
    }

    /** The table (from the menu's copy of the tables) and its open order, in one query. */
    @Override
    public Optional<Table> table(TableId table) {
        return jdbc.query("select t.number, o.order_id from dining_table t "
                        + "left join table_occupancy o on o.table_id = t.id where t.id = ?",
                (rs, n) -> {
                    UUID openOrder = rs.getObject("order_id", UUID.class);
                    return new Table(rs.getInt("number"), openOrder == null ? null : OrderId.of(openOrder));
                }, table.value()).stream().findFirst();
    }

    private void occupy(TableId table, OrderId order, int number) {
        try {
            jdbc.update("insert into table_occupancy (table_id, order_id) values (?, ?)", table.value(), order.value());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("Table " + number + " already has an open order");
        }
    }

    private void free(TableId table) {
        jdbc.update("delete from table_occupancy where table_id = ?", table.value());
    }
}

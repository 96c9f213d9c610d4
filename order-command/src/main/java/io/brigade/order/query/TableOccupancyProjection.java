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
    private final MenuProjection menu;

    public TableOccupancyProjection(JdbcTemplate jdbc, MenuProjection menu) {
        this.jdbc = jdbc;
        this.menu = menu;
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

    @Override
    public Optional<Integer> tableNumber(TableId table) {
        return menu.tableNumber(table);
    }

    @Override
    public Optional<OrderId> openOrderAt(TableId table) {
        return jdbc.queryForList("select order_id from table_occupancy where table_id = ?", UUID.class, table.value())
                .stream().findFirst().map(OrderId::of);
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

package io.brigade.order.domain;

import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.order.OrderId;

import java.util.Optional;

/** The tables of the restaurant and which of them has an open order. */
public interface FloorPlan {

    /** The number guests and staff know the table by, or empty for a table that does not exist. */
    Optional<Integer> tableNumber(TableId table);

    Optional<OrderId> openOrderAt(TableId table);
}

package io.brigade.order.domain;

import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.order.OrderId;

import java.util.Optional;

/** The tables of the restaurant and which of them has an open order. */
public interface FloorPlan {

    /** The table as the floor stands now, or empty for a table that does not exist. */
    Optional<Table> table(TableId table);

    /**
     * A table by the number guests and staff know it by, with the order open at it ({@code null} when it is free).
     */
    record Table(int number, OrderId openOrder) {

        public boolean free() {
            return openOrder == null;
        }
    }
}

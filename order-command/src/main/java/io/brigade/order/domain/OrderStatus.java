package io.brigade.order.domain;

/** Where an order stands, as docs/api.md's orderView shows it. */
public enum OrderStatus {
    OPEN, IN_KITCHEN, READY, SERVED, BILLED, CLOSED, CANCELLED;

    public boolean isFinished() {
        return this == CLOSED || this == CANCELLED;
    }
}

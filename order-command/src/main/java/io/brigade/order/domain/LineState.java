package io.brigade.order.domain;

/** Where a line stands, from taken ({@code NEW}) to served, or voided after it was sent. */
public enum LineState {
    NEW, SENT, COOKING, READY, SERVED, VOIDED
}

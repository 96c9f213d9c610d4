package io.brigade.kitchen.domain;

/** Where an item of a ticket stands, as docs/api.md's ticketView shows it. */
public enum ItemStatus {
    QUEUED, COOKING, READY, VOIDED
}

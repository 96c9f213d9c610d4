package io.brigade.kitchen.domain;

/** A ticket is open on its station until it is bumped (done) or dropped (voided). */
public enum TicketStatus {
    OPEN, DONE, VOIDED
}

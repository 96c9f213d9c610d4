package io.brigade.order.saga;

import java.time.Instant;

/**
 * What the fulfillment saga knows of one ticket: its station, when its lines went to the kitchen, how far the cooks
 * got, and the deadline that reports a delay if nobody starts it.
 */
record TicketWatch(String station, Instant sentAt, Stage stage, String startDeadline) {

    enum Stage {
        /** The order sent lines for the station; the kitchen has not made the ticket yet (or it is not known yet). */
        EXPECTED,
        /** The ticket is on the station's screen and nobody started it. */
        QUEUED,
        /** A cook is working on it (or took it back after a recall). */
        STARTED,
        DONE,
        VOIDED;

        boolean waitsForACook() {
            return this == EXPECTED || this == QUEUED;
        }

        boolean isClosed() {
            return this == DONE || this == VOIDED;
        }
    }

    TicketWatch at(Stage next) {
        return new TicketWatch(station, sentAt, next, startDeadline);
    }

    TicketWatch withoutDeadline() {
        return new TicketWatch(station, sentAt, stage, null);
    }
}

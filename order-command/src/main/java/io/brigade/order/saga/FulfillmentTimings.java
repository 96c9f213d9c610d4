package io.brigade.order.saga;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How long the fulfillment saga waits: for a cook to start a ticket before the order shows a kitchen delay, for
 * guests to settle a bill before the order shows it overdue, and for kitchen and billing to confirm a cancellation
 * before it stops following the order.
 */
@ConfigurationProperties("brigade.order.fulfillment")
public record FulfillmentTimings(Duration ticketStartWithin, Duration cancellationConfirmedWithin,
                                 Duration billSettledWithin) {

    public FulfillmentTimings {
        ticketStartWithin = ticketStartWithin == null ? Duration.ofMinutes(15) : ticketStartWithin;
        cancellationConfirmedWithin = cancellationConfirmedWithin == null ? Duration.ofMinutes(10)
                : cancellationConfirmedWithin;
        billSettledWithin = billSettledWithin == null ? Duration.ofMinutes(30) : billSettledWithin;
    }
}

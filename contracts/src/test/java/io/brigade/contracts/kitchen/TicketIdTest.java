package io.brigade.contracts.kitchen;

import io.brigade.contracts.order.OrderId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TicketIdTest {

    private final OrderId order = OrderId.random();

    @Test
    void theSameSendAndStationAlwaysNameTheSameTicket() {
        assertThat(TicketId.forSend(order, 1, "grill")).isEqualTo(TicketId.forSend(order, 1, " Grill "));
    }

    @Test
    void anotherSendStationOrOrderNamesAnotherTicket() {
        TicketId ticket = TicketId.forSend(order, 1, "grill");
        assertThat(ticket).isNotEqualTo(TicketId.forSend(order, 2, "grill"))
                .isNotEqualTo(TicketId.forSend(order, 1, "bar"))
                .isNotEqualTo(TicketId.forSend(OrderId.random(), 1, "grill"));
    }
}

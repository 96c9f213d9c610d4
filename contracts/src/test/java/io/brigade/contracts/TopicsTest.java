package io.brigade.contracts;

import io.brigade.contracts.auth.UserDeactivated;
import io.brigade.contracts.billing.BillIssued;
import io.brigade.contracts.catalog.RestaurantSettingsChanged;
import io.brigade.contracts.common.Money;
import io.brigade.contracts.kitchen.TicketCreated;
import io.brigade.contracts.order.OrderOpened;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTest {

    @Test
    void eachContextsEventsTravelOnThatContextsTopic() {
        assertThat(Topics.of(OrderOpened.class)).contains(Topics.ORDER_EVENTS);
        assertThat(Topics.of(TicketCreated.class)).contains(Topics.KITCHEN_EVENTS);
        assertThat(Topics.of(BillIssued.class)).contains(Topics.BILLING_EVENTS);
        assertThat(Topics.of(RestaurantSettingsChanged.class)).contains(Topics.CATALOG_EVENTS);
        assertThat(Topics.of(UserDeactivated.class)).contains(Topics.AUTH_EVENTS);
    }

    @Test
    void sharedValueTypesAndForeignTypesHaveNoTopic() {
        assertThat(Topics.of(Money.class)).isEmpty();
        assertThat(Topics.of(String.class)).isEmpty();
        assertThat(Topics.of(Topics.class)).isEmpty();
    }
}

package io.brigade.platform.kafka;

import io.brigade.contracts.Topics;
import io.brigade.contracts.kitchen.TicketCreated;
import io.brigade.contracts.order.OrderOpened;
import io.brigade.platform.test.RunningService;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A processing group that handles another service's events without reading their topic stops the service's start. */
class ProcessingGroupTopicsTest {

    final RunningService.Stage stage = new RunningService.Stage();

    @Test
    void aGroupHandlingKitchenEventsWithoutAConsumerEntry_stopsTheStart() {
        assertThatThrownBy(() -> stage.start(OrderScreen.class, "order_screen_unwired",
                "brigade.kafka.publish-topic=" + Topics.ORDER_EVENTS).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'tickets-seen' handles events of brigade.kitchen.events but reads only this "
                        + "service's event store: add brigade.kafka.consumers.tickets-seen: brigade.kitchen.events");
    }

    @Test
    void aGroupReadingTheWrongTopic_stopsTheStart() {
        assertThatThrownBy(() -> stage.start(OrderScreen.class, "order_screen_wrong_topic",
                "brigade.kafka.publish-topic=" + Topics.ORDER_EVENTS,
                "brigade.kafka.consumers.tickets-seen=" + Topics.BILLING_EVENTS).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'tickets-seen' handles events of brigade.kitchen.events but reads only "
                        + "[brigade.billing.events]");
    }

    /** Every service's own integration tests start it with this check; here, the same verdict without a start. */
    @Test
    void aGroupReadingTheTopicOfEveryEventItHandles_isNoMistake() {
        Map<String, Set<String>> handled = ProcessingGroupTopics.topicsByGroup(List.of(TicketsSeen.class));
        assertThat(handled).containsExactly(Map.entry("tickets-seen", Set.of(Topics.KITCHEN_EVENTS)));
        assertThat(ProcessingGroupTopics.mistakes(handled, Map.of("tickets-seen", List.of(Topics.KITCHEN_EVENTS)),
                Topics.ORDER_EVENTS)).isEmpty();
    }

    @Test
    void theServicesOwnEventsMayComeFromItsStore_andAConsumerEntryForNoGroupIsAMistake() {
        Map<String, Set<String>> handled = ProcessingGroupTopics.topicsByGroup(List.of(OrdersSeen.class));
        assertThat(handled).containsExactly(Map.entry("orders-seen", Set.of(Topics.ORDER_EVENTS)));
        assertThat(ProcessingGroupTopics.mistakes(handled, Map.of(), Topics.ORDER_EVENTS)).isEmpty();
        assertThat(ProcessingGroupTopics.mistakes(handled, Map.of("order-seen", List.of(Topics.ORDER_EVENTS)),
                Topics.ORDER_EVENTS))
                .containsExactly("brigade.kafka.consumers.order-seen names a group with no event handler");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({TicketsSeen.class, OrdersSeen.class})
    static class OrderScreen {
    }

    @ProcessingGroup("tickets-seen")
    static class TicketsSeen {

        @EventHandler
        void on(TicketCreated event) {
        }
    }

    @ProcessingGroup("orders-seen")
    static class OrdersSeen {

        @EventHandler
        void on(OrderOpened event) {
        }
    }
}

package io.brigade.order;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.contracts.Topics;
import io.brigade.contracts.catalog.MenuItemAdded;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.common.Money;
import io.brigade.order.policy.PaidBillPolicy;
import io.brigade.platform.kafka.KafkaEventWriter;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.TestInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PoisonCatalogEventTest extends OrderServiceTestBase {

    @Test
    void anEventTheMenuCannotTakeGoesToTheDeadLetterQueueAndTheEventsAfterItAreStillApplied() {
        MenuItemId poisoned = MenuItemId.random();
        MenuItemId healthy = MenuItemId.random();
        try (KafkaEventWriter writer = new KafkaEventWriter(TestInfrastructure.get().kafkaBootstrapServers())) {
            writer.write(kafka.topic(Topics.CATALOG_EVENTS), "MenuItem", poisoned.toString(), 0,
                    new MenuItemAdded(poisoned, UUID.randomUUID(), null, "no name", Money.ofCents(100), "grill",
                            List.of(), List.of()), Map.of());
            writer.write(kafka.topic(Topics.CATALOG_EVENTS), "MenuItem", healthy.toString(), 0,
                    new MenuItemAdded(healthy, UUID.randomUUID(), "Flat white", "", Money.ofCents(350), "bar",
                            List.of("milk"), List.of()), Map.of());
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jdbc.queryForList("select name from menu_item where id = ?", String.class, healthy.value()))
                    .containsExactly("Flat white");
            assertThat(jdbc.queryForObject("select count(*) from dead_letter_entry where processing_group = 'menu'",
                    Integer.class)).isEqualTo(1);
        });
        assertThat(jdbc.queryForObject("select count(*) from menu_item where id = ?", Integer.class, poisoned.value()))
                .isZero();

        JsonNode parked = ApiClient.at("http://localhost:" + port).as("ops", "ADMIN").get("/actuator/deadletters")
                .body();
        assertThat(parked.fieldNames()).toIterable().as("every group has a dead-letter queue but the saga's")
                .containsExactlyInAnyOrder("menu", PaidBillPolicy.GROUP);
        assertThat(parked.path("menu").path("events").asLong()).isEqualTo(1);
        assertThat(parked.path("menu").path("parked").get(0).path("aggregateId").asText())
                .isEqualTo(poisoned.toString());
        assertThat(parked.path("menu").path("parked").get(0).path("event").asText()).isEqualTo("MenuItemAdded");
    }
}

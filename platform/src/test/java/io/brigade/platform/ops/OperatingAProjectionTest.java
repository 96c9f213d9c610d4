package io.brigade.platform.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.contracts.Topics;
import io.brigade.contracts.catalog.MenuItemAdded;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.common.Money;
import io.brigade.platform.kafka.BrigadeKafkaProperties;
import io.brigade.platform.kafka.KafkaEventWriter;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.ServiceIntegrationTest;
import io.brigade.platform.test.TestInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator repairs a projection without a deploy: a poison event is parked with its error while the others go on,
 * shows in the operations endpoints, and once the handler takes it a retry applies it exactly once; a processor is
 * paused and resumed where it stood, a projection is replayed from the start, and what may not be replayed is refused.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = {
        "spring.application.name=pantry",
        "brigade.db.name=pantry_db",
        "brigade.kafka.consumers.pantry-shelf=brigade.catalog.events",
        "brigade.kafka.replayable=pantry-shelf",
        "brigade.kafka.partitions=3"})
class OperatingAProjectionTest {

    private static final String SHELF = "pantry-shelf";
    private static final String PUBLISHER = "__axon-kafka-event-publishing-group";

    @LocalServerPort
    int port;
    @Autowired
    PantryService.Shelf shelf;
    @Autowired
    BrigadeKafkaProperties kafka;

    ApiClient admin;

    @BeforeEach
    void operator() {
        admin = ApiClient.at("http://localhost:" + port).as("ops", "ADMIN");
    }

    @Test
    void aPoisonEventIsParkedWithItsErrorAndOnceTheHandlerTakesItARetryAppliesItExactlyOnce() {
        MenuItemId poisoned = MenuItemId.random();
        MenuItemId healthy = MenuItemId.random();
        write(item(poisoned, null), item(healthy, "Flat white"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(shelf.applied).containsEntry(healthy.toString(), 1);
            assertThat(admin.get("/actuator/deadletters/" + SHELF).body().path("events").asLong()).isEqualTo(1);
        });
        JsonNode parked = admin.get("/actuator/deadletters/" + SHELF).body().path("parked").get(0);
        assertThat(parked.path("aggregateId").asText()).isEqualTo(poisoned.toString());
        assertThat(parked.path("event").asText()).isEqualTo("MenuItemAdded");
        assertThat(parked.path("cause").asText()).contains("IllegalStateException", "without a name");
        assertThat(parked.path("attempts").asLong()).isEqualTo(1);
        assertThat(parked.path("payload").path("menuItemId").asText()).isEqualTo(poisoned.toString());
        assertThat(parked.path("payload").path("price").isMissingNode()).isFalse();
        String eventId = parked.path("eventId").asText();

        JsonNode processor = admin.get("/actuator/processors/" + SHELF).body();
        assertThat(processor.path("state").asText()).isEqualTo("RUNNING");
        assertThat(processor.path("source").asText()).isEqualTo("KAFKA");
        assertThat(processor.path("deadLetters").asLong()).isEqualTo(1);
        assertThat(processor.path("replayable").asBoolean()).isTrue();

        var stillBroken = admin.post("/actuator/deadletters/" + SHELF + "/" + eventId, Map.of());
        assertThat(stillBroken.status()).isEqualTo(200);
        assertThat(stillBroken.body().path("sequencesHandled").asInt()).isZero();
        assertThat(stillBroken.body().path("stillParked").path("parked").get(0).path("attempts").asLong())
                .as("each failed try is counted").isEqualTo(2);

        shelf.takesNamelessItems.set(true);
        var retried = admin.post("/actuator/deadletters/" + SHELF, Map.of());
        assertThat(retried.body().path("sequencesHandled").asInt()).isEqualTo(1);
        assertThat(retried.body().path("stillParked").path("events").asLong()).isZero();
        assertThat(shelf.applied).containsEntry(poisoned.toString(), 1);

        var again = admin.post("/actuator/deadletters/" + SHELF, Map.of());
        assertThat(again.body().path("sequencesHandled").asInt()).isZero();
        assertThat(shelf.applied).containsEntry(poisoned.toString(), 1).containsEntry(healthy.toString(), 1);
        assertThat(admin.post("/actuator/deadletters/" + SHELF + "/" + eventId, Map.of()).status())
                .as("nothing of that event is parked any more").isEqualTo(404);
    }

    @Test
    void anOperatorEvictsOneParkedEventAndItIsNeverApplied() {
        shelf.takesNamelessItems.set(false);
        MenuItemId unwanted = MenuItemId.random();
        write(item(unwanted, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> parkedIds().size() == 1);
        String eventId = parkedIds().get(0);

        var unknown = admin.delete("/actuator/deadletters/" + SHELF + "/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        var evicted = admin.delete("/actuator/deadletters/" + SHELF + "/" + eventId);
        assertThat(evicted.status()).isEqualTo(200);
        assertThat(evicted.body().path("events").asLong()).isZero();
        shelf.takesNamelessItems.set(true);
        assertThat(admin.post("/actuator/deadletters/" + SHELF, Map.of()).body().path("sequencesHandled").asInt())
                .isZero();
        assertThat(shelf.applied).doesNotContainKey(unwanted.toString());
        shelf.takesNamelessItems.set(false);
    }

    @Test
    void aPausedProcessorHandlesNothingUntilResumedThenCarriesOnWhereItStood() {
        assertThat(admin.post("/actuator/processors/" + SHELF + "/pause", Map.of()).body().path("state").asText())
                .isEqualTo("PAUSED");
        MenuItemId waiting = MenuItemId.random();
        write(item(waiting, "Espresso"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                admin.get("/actuator/processors/" + SHELF).body().path("lag").asLong() >= 1);
        assertThat(shelf.applied).doesNotContainKey(waiting.toString());

        assertThat(admin.post("/actuator/processors/" + SHELF + "/resume", Map.of()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(shelf.applied).containsEntry(waiting.toString(), 1);
            JsonNode status = admin.get("/actuator/processors/" + SHELF).body();
            assertThat(status.path("state").asText()).isEqualTo("RUNNING");
            assertThat(status.path("lag").asLong()).isZero();
        });
    }

    @Test
    void aProjectionIsReplayedFromTheStartAndEndsAsItWas() {
        MenuItemId first = MenuItemId.random();
        MenuItemId second = MenuItemId.random();
        write(item(first, "Ristretto"), item(second, "Cortado"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(shelf.applied).containsKeys(first.toString(), second.toString()));
        String notFromAnyEvent = "written beside the projection";
        shelf.applied.put(notFromAnyEvent, 1);

        var replay = admin.post("/actuator/processors/" + SHELF + "/replay", Map.of());
        assertThat(replay.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(shelf.applied)
                .doesNotContainKey(notFromAnyEvent)
                .containsEntry(first.toString(), 1).containsEntry(second.toString(), 1));

        MenuItemId afterwards = MenuItemId.random();
        write(item(afterwards, "Lungo"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode status = admin.get("/actuator/processors/" + SHELF).body();
            assertThat(status.path("lag").asLong()).as(status.toString()).isZero();
            assertThat(status.path("state").asText()).isEqualTo("RUNNING");
            assertThat(status.path("position").isMissingNode()).isTrue();
            assertThat(status.path("segments").get(0).path("position").asLong()).isPositive();
            assertThat(shelf.applied).containsEntry(afterwards.toString(), 1);
        });
    }

    @Test
    void everyProcessorIsListedAndWhatMayNotBeReplayedIsRefusedAsAProblem() {
        JsonNode processors = admin.get("/actuator/processors").body();
        List<String> names = StreamSupport.stream(processors.spliterator(), false)
                .map(p -> p.path("name").asText()).toList();
        assertThat(names).contains(SHELF, PUBLISHER);
        JsonNode publisher = StreamSupport.stream(processors.spliterator(), false)
                .filter(p -> p.path("name").asText().equals(PUBLISHER)).findFirst().orElseThrow();
        assertThat(publisher.path("source").asText()).isEqualTo("EVENT_STORE");
        assertThat(publisher.path("replayable").asBoolean()).isFalse();
        assertThat(publisher.path("segments").get(0).path("segment").asInt()).isZero();

        var refused = admin.post("/actuator/processors/" + PUBLISHER + "/replay", Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("detail")).contains("not a projection");

        assertThat(admin.get("/actuator/processors/no-such-group").status()).isEqualTo(404);
        assertThat(admin.post("/actuator/processors/" + SHELF + "/rewind", Map.of()).status()).isEqualTo(404);
        assertThat(admin.as("wendy", "MANAGER").get("/actuator/processors").status()).isEqualTo(403);
        assertThat(admin.as("wendy", "MANAGER").post("/actuator/processors/" + SHELF + "/pause", Map.of())
                .status()).isEqualTo(403);
    }

    @Test
    void readinessCoversTheDatabaseKafkaAndProcessorLagWhileLivenessStaysSimple() {
        JsonNode ready = admin.anonymous().get("/actuator/health/readiness").body();
        assertThat(ready.path("status").asText()).isEqualTo("UP");
        JsonNode live = admin.anonymous().get("/actuator/health/liveness").body();
        assertThat(live.path("status").asText()).isEqualTo("UP");
        JsonNode detailed = admin.get("/actuator/health").body();
        assertThat(detailed.path("status").asText()).isEqualTo("UP");
    }

    private List<String> parkedIds() {
        return StreamSupport.stream(admin.get("/actuator/deadletters/" + SHELF).body().path("parked").spliterator(),
                false).map(letter -> letter.path("eventId").asText()).toList();
    }

    private static MenuItemAdded item(MenuItemId id, String name) {
        return new MenuItemAdded(id, UUID.randomUUID(), name, "", Money.ofCents(300), "bar", List.of(), List.of());
    }

    private void write(MenuItemAdded... items) {
        try (KafkaEventWriter writer = new KafkaEventWriter(TestInfrastructure.get().kafkaBootstrapServers())) {
            for (MenuItemAdded item : items) {
                writer.write(kafka.topic(Topics.CATALOG_EVENTS), "MenuItem", item.menuItemId().toString(), 0, item,
                        Map.of());
            }
        }
    }
}

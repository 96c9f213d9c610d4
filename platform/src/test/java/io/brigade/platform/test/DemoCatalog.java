package io.brigade.platform.test;

import io.brigade.platform.demo.DemoData;
import io.brigade.platform.kafka.KafkaEventWriter;

import java.util.Map;

/** Plays the catalog service for tests of the others: the demo restaurant's menu and tables on a catalog topic. */
public final class DemoCatalog {

    private DemoCatalog() {
    }

    /** Writes the demo menu and tables to {@code catalogTopic} exactly as the catalog service publishes them. */
    public static void publishTo(String catalogTopic) {
        try (KafkaEventWriter writer = new KafkaEventWriter(TestInfrastructure.get().kafkaBootstrapServers())) {
            DemoData.load().catalogEvents().forEach(e -> writer.write(catalogTopic, e.aggregateType(),
                    e.aggregateId(), 0, e.payload(), Map.of()));
        }
    }
}

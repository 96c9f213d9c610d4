package io.brigade.benchmarks;

import io.brigade.billing.BillingServiceApplication;
import io.brigade.contracts.Topics;
import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.BillRequested;
import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderId;
import io.brigade.platform.kafka.KafkaEventWriter;
import io.brigade.platform.test.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The billing service on embedded PostgreSQL and Kafka: the time from a {@code BillRequested} written to the order
 * topic (as the order service publishes it) to the {@code BillIssued} it causes arriving at a consumer of the billing
 * topic. That covers consuming, issuing the bill, storing its event and publishing it.
 */
final class BillingBenchmark implements AutoCloseable {

    private final BenchmarkStage stage = new BenchmarkStage();
    private final ConfigurableApplicationContext service;
    private final KafkaEventWriter orderService;

    BillingBenchmark() {
        service = stage.start(BillingServiceApplication.class);
        orderService = new KafkaEventWriter(TestInfrastructure.get().kafkaBootstrapServers());
    }

    /** Requests {@code count} bills one after another; answers each one's milliseconds until its BillIssued arrived. */
    double[] billRequestedToBillIssuedMillis(int count) throws Exception {
        Map<String, CompletableFuture<Long>> issued = new ConcurrentHashMap<>();
        AtomicBoolean consuming = new AtomicBoolean(true);
        Thread consumer = new Thread(() -> consume(stage.topic(Topics.BILLING_EVENTS), issued, consuming));
        consumer.start();
        Thread.sleep(2000);
        double[] millis = new double[count];
        try {
            for (int i = 0; i < count; i++) {
                OrderId order = OrderId.random();
                String bill = BillId.forRequest(order, 1).toString();
                long sent = System.nanoTime();
                orderService.write(stage.topic(Topics.ORDER_EVENTS), "Order", order.toString(), 3, request(order),
                        Map.of("username", "bench", "role", "STAFF"));
                long at = issued.computeIfAbsent(bill, key -> new CompletableFuture<>()).get(30, TimeUnit.SECONDS);
                millis[i] = (at - sent) / 1e6;
                issued.remove(bill);
            }
        } finally {
            consuming.set(false);
            consumer.join();
        }
        return millis;
    }

    private static BillRequested request(OrderId order) {
        List<BilledLine> lines = List.of(
                new BilledLine(LineId.random(), MenuItemId.random(), "Ribeye steak 300g", 1, Money.ofCents(2890),
                        Money.ofCents(2890), 1),
                new BilledLine(LineId.random(), MenuItemId.random(), "House lemonade", 2, Money.ofCents(450),
                        Money.ofCents(900), 2));
        return new BillRequested(order, 1, TableId.random(), 7, lines, Money.ofCents(3790));
    }

    private static void consume(String topic, Map<String, CompletableFuture<Long>> issued, AtomicBoolean consuming) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 1);
        try (var kafka = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = kafka.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            kafka.assign(partitions);
            kafka.seekToEnd(partitions);
            partitions.forEach(kafka::position);
            while (consuming.get()) {
                for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(20))) {
                    long at = System.nanoTime();
                    Header type = record.headers().lastHeader("axon-message-type");
                    if (type != null && new String(type.value(), StandardCharsets.UTF_8).endsWith("BillIssued")) {
                        issued.computeIfAbsent(record.key(), key -> new CompletableFuture<>()).complete(at);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        orderService.close();
        service.close();
    }
}

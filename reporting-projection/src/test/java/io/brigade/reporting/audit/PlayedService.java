package io.brigade.reporting.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.brigade.audit.AuditKeys;
import io.brigade.audit.CanonicalJson;
import io.brigade.audit.Checkpoint;
import io.brigade.audit.EventHash;
import io.brigade.audit.MerkleTree;
import io.brigade.platform.kafka.GlobalIndexHeader;
import io.brigade.platform.test.TestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Plays an audited command service on Kafka: appends chained events (hash and previous hash in their metadata, the
 * global index of its store on the record) to its topic, and signs checkpoints over them to the checkpoints topic,
 * exactly as docs/audit-hashing.md describes.
 */
final class PlayedService implements AutoCloseable {

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build();
    private static final DefaultKafkaMessageConverter CONVERTER = DefaultKafkaMessageConverter.builder()
            .serializer(SERIALIZER).build();

    final String service;
    final AuditKeys.SigningKey key = AuditKeys.generate();
    private final String topic;
    private final String checkpointTopic;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, String> heads = new HashMap<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private final MerkleTree tree = new MerkleTree();
    private long globalIndex;

    /** A caller, as the services put it in metadata. */
    record Who(UUID userId, String username, String role) {
        Map<String, Object> metaData() {
            return Map.of("userId", userId.toString(), "username", username, "role", role,
                    "correlationId", UUID.randomUUID().toString());
        }
    }

    PlayedService(String service, String topic, String checkpointTopic) {
        this.service = service;
        this.topic = topic;
        this.checkpointTopic = checkpointTopic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** Appends the aggregate's next event and publishes it; answers the record as sent, to send again if wanted. */
    ProducerRecord<String, byte[]> append(String aggregateType, String aggregateId, Object payload, Who who,
                                          Instant at) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        String previous = heads.getOrDefault(aggregateId, EventHash.GENESIS);
        String eventId = UUID.randomUUID().toString();
        SerializedObject<byte[]> serialized = SERIALIZER.serialize(payload, byte[].class);
        String hash = EventHash.hash(new EventHash.Content(previous, eventId, aggregateType, aggregateId, sequence,
                serialized.getType().getName(), EventHash.timestamp(at), CanonicalJson.parse(serialized.getData()),
                who.userId().toString(), who.username(), who.role()));
        heads.put(aggregateId, hash);
        tree.add(hash);
        Map<String, Object> metaData = new HashMap<>(who.metaData());
        metaData.put("hash", hash);
        metaData.put("previousHash", previous);
        var message = new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload,
                MetaData.from(metaData), eventId, at);
        ProducerRecord<String, byte[]> record = CONVERTER.createKafkaMessage(message, topic);
        record.headers().add(GlobalIndexHeader.NAME,
                ByteBuffer.allocate(Long.BYTES).putLong(++globalIndex).array());
        send(record);
        return record;
    }

    /** Signs and publishes a checkpoint over every event appended so far. */
    Checkpoint checkpoint() {
        Checkpoint checkpoint = new Checkpoint(service, globalIndex, tree.size(), tree.root(),
                EventHash.timestamp(Instant.now()), null, null).signedWith(key);
        send(new ProducerRecord<>(checkpointTopic, service,
                checkpoint.toJson().toString().getBytes(StandardCharsets.UTF_8)));
        return checkpoint;
    }

    void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    String publicKeyPem() {
        return AuditKeys.pem(key.publicKey());
    }

    @Override
    public void close() {
        producer.close();
    }
}

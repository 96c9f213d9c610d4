package io.brigade.platform.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Puts each published event's global index in its service's store on the record ({@value #NAME}, 8 bytes), so whoever
 * reads the topics can put a service's events back in store order: a signed audit checkpoint's Merkle root is over the
 * hashes in exactly that order.
 */
public class GlobalIndexHeader implements KafkaMessageConverter<String, byte[]> {

    public static final String NAME = "brigade-global-index";

    private final KafkaMessageConverter<String, byte[]> converter;

    public GlobalIndexHeader(KafkaMessageConverter<String, byte[]> converter) {
        this.converter = converter;
    }

    @Override
    public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> event, String topic) {
        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(event, topic);
        if (event instanceof TrackedEventMessage<?> tracked) {
            TrackingToken token = tracked.trackingToken();
            OptionalLong position = token == null ? OptionalLong.empty() : token.position();
            if (position.isPresent()) {
                record.headers().add(NAME, ByteBuffer.allocate(Long.BYTES).putLong(position.getAsLong()).array());
            }
        }
        return record;
    }

    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> record) {
        return converter.readKafkaMessage(record);
    }

    /** The record's global index, or {@code null} when its publisher did not read it from an event store. */
    public static Long read(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(NAME);
        return header == null || header.value() == null || header.value().length != Long.BYTES ? null
                : ByteBuffer.wrap(header.value()).getLong();
    }
}

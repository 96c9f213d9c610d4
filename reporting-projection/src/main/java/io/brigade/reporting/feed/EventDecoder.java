package io.brigade.reporting.feed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.brigade.contracts.billing.BillIssued;
import io.brigade.contracts.billing.BillPaid;
import io.brigade.contracts.billing.BillReopened;
import io.brigade.contracts.billing.BillVoided;
import io.brigade.contracts.billing.DiscountGranted;
import io.brigade.contracts.billing.PaymentRecorded;
import io.brigade.contracts.billing.PaymentRefunded;
import io.brigade.contracts.catalog.RestaurantSettingsChanged;
import io.brigade.contracts.kitchen.TicketBumped;
import io.brigade.contracts.kitchen.TicketCreated;
import io.brigade.contracts.kitchen.TicketRecalled;
import io.brigade.contracts.kitchen.TicketVoided;
import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.KitchenDelayed;
import io.brigade.contracts.order.OrderCancelled;
import io.brigade.contracts.order.OrderLineAdded;
import io.brigade.contracts.order.OrderLineRemoved;
import io.brigade.contracts.order.OrderLineVoided;
import io.brigade.contracts.order.OrderOpened;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a record as the services' publishers write it (Axon's headers, the payload as JSON). Only the payloads a
 * report needs are parsed; every other event is read past by its type header alone, which keeps a replay fast.
 */
public final class EventDecoder {

    private static final Map<String, Class<?>> NEEDED_BY_NAME = Stream.of(
                    OrderOpened.class, OrderLineAdded.class, OrderLineRemoved.class, OrderLineVoided.class,
                    OrderCancelled.class, KitchenDelayed.class,
                    BillIssued.class, DiscountGranted.class, PaymentRecorded.class, PaymentRefunded.class,
                    BillPaid.class, BillReopened.class, BillVoided.class,
                    TicketCreated.class, TicketBumped.class, TicketRecalled.class, TicketVoided.class,
                    RestaurantSettingsChanged.class)
            .collect(Collectors.toMap(Class::getName, Function.identity()));
    /** The same, by the type header's bytes: most records are passed over without making a string of anything. */
    private static final Map<ByteBuffer, Class<?>> NEEDED = NEEDED_BY_NAME.entrySet().stream().collect(
            Collectors.toMap(e -> ByteBuffer.wrap(e.getKey().getBytes(StandardCharsets.UTF_8)), Map.Entry::getValue));

    /**
     * Parts of the payloads no report reads, passed over instead of made into objects: the items of a ticket, the
     * modifiers and notes of a line, the ids of a payment... Reading them is most of what a replay would spend on
     * JSON.
     */
    private static final Map<Class<?>, String[]> NOT_READ = Map.of(
            OrderOpened.class, new String[]{"tableId", "tableNumber"},
            OrderLineAdded.class, new String[]{"menuItemId", "name", "station", "modifiers", "seat", "course",
                    "notes", "allergens"},
            OrderLineVoided.class, new String[]{"station", "sendNumber"},
            KitchenDelayed.class, new String[]{"sentAt"},
            TicketCreated.class, new String[]{"sendNumber", "tableNumber", "items"},
            BillIssued.class, new String[]{"requestNumber", "rates"},
            BilledLine.class, new String[]{"unitPrice", "seat"},
            DiscountGranted.class, new String[]{"orderId", "balance"},
            PaymentRecorded.class, new String[]{"orderId", "paymentId", "checkId", "method", "change",
                    "checkBalance", "balance"},
            PaymentRefunded.class, new String[]{"orderId", "paymentId", "checkId", "balance"});

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A reader per payload type, made once: looking the type up again for every record costs as much as a field. */
    private final Map<ByteBuffer, ObjectReader> readers = new HashMap<>();

    public EventDecoder() {
        NOT_READ.forEach((type, properties) -> json.configOverride(type)
                .setIgnorals(JsonIgnoreProperties.Value.forIgnoredProperties(properties)));
        NEEDED.forEach((name, type) -> readers.put(name, json.readerFor(type)));
    }

    /** The record's event, or {@code null} when no report needs it. */
    public ReportEvent decode(ConsumerRecord<?, byte[]> record) throws IOException {
        Headers headers = record.headers();
        Header type = headers.lastHeader("axon-message-type");
        ObjectReader reader = type == null || type.value() == null ? null : readers.get(ByteBuffer.wrap(type.value()));
        if (reader == null || record.value() == null) {
            return null;
        }
        Object payload = reader.readValue(record.value());
        Long sequence = number(headers, "axon-message-aggregate-seq");
        Long timestamp = number(headers, "axon-message-timestamp");
        String aggregateId = text(headers, "axon-message-aggregate-id");
        return new ReportEvent(text(headers, "axon-message-id"), payload,
                aggregateId, sequence == null ? -1 : sequence,
                Instant.ofEpochMilli(timestamp == null ? record.timestamp() : timestamp),
                text(headers, "axon-metadata-username"), text(headers, "axon-metadata-role"));
    }

    public static String type(ConsumerRecord<?, byte[]> record) {
        return text(record.headers(), "axon-message-type");
    }

    private static String text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Long number(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null || header.value().length != Long.BYTES ? null
                : ByteBuffer.wrap(header.value()).getLong();
    }
}

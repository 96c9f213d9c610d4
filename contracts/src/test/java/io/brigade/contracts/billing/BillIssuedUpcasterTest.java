package io.brigade.contracts.billing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.brigade.contracts.EventUpcasters;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderId;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A bill issued before revision 2, as it stays in billing's event store and on the billing topic, still reads. */
class BillIssuedUpcasterTest {

    static final JacksonSerializer SERIALIZER = JacksonSerializer.builder().objectMapper(JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build()).build();

    /** The first revision's form: {@code total} beside {@code amounts.total}, and no revision on the payload type. */
    static final String FIRST_REVISION = """
            {"billId":"039da699-d091-3e4f-9240-ae50570abed9","orderId":"8afb7aa8-a1a0-3d7b-977c-a8857bcc422d",
             "total":2400,"requestNumber":1,"tableNumber":4,
             "lines":[{"lineId":"21b3a4b7-d7c7-3f33-b6a1-2549c35e214d","menuItemId":"cad31200-d395-38e9-9cff-903378295099",
                       "name":"Ribeye steak 300g","quantity":1,"unitPrice":2400,"total":2400,"seat":1}],
             "rates":{"currency":"EUR","taxRatePercent":10,"serviceChargePercent":0},
             "amounts":{"subtotal":2400,"discount":0,"serviceCharge":0,"tax":218,"total":2400}}""";

    @Test
    void aFirstRevisionBillIssued_readsAsRevisionTwo_withItsLinesRatesAndAmounts() {
        IntermediateEventRepresentation stored = new InitialEventRepresentation(new GenericDomainEventEntry<>(
                "Bill", "039da699-d091-3e4f-9240-ae50570abed9", 0, UUID.randomUUID().toString(),
                "2026-05-01T19:30:00Z", BillIssued.class.getName(), null, FIRST_REVISION, "{}"), SERIALIZER);

        List<IntermediateEventRepresentation> upcast = new EventUpcasterChain(EventUpcasters.all())
                .upcast(Stream.of(stored)).toList();

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        Object event = SERIALIZER.deserialize(new SimpleSerializedObject<>(
                upcast.get(0).getData(String.class).getData(), String.class, upcast.get(0).getType()));
        assertThat(event).isEqualTo(new BillIssued(
                BillId.of(UUID.fromString("039da699-d091-3e4f-9240-ae50570abed9")),
                OrderId.of("8afb7aa8-a1a0-3d7b-977c-a8857bcc422d"), 1, 4,
                List.of(new BilledLine(LineId.of("21b3a4b7-d7c7-3f33-b6a1-2549c35e214d"),
                        MenuItemId.of(UUID.fromString("cad31200-d395-38e9-9cff-903378295099")), "Ribeye steak 300g",
                        1, Money.ofCents(2400), Money.ofCents(2400), 1)),
                new BillRates("EUR", BigDecimal.TEN, BigDecimal.ZERO),
                new BillAmounts(Money.ofCents(2400), Money.ZERO, Money.ZERO, Money.ofCents(218), Money.ofCents(2400))));
        assertThat(upcast.get(0).getData(String.class).getData()).doesNotContain("\"total\":2400,\"requestNumber\"");
    }

    @Test
    void aBillIssuedOfTheCurrentRevision_isLeftAsItIs() {
        IntermediateEventRepresentation stored = new InitialEventRepresentation(new GenericDomainEventEntry<>(
                "Bill", "039da699-d091-3e4f-9240-ae50570abed9", 0, UUID.randomUUID().toString(),
                "2026-05-01T19:30:00Z", BillIssued.class.getName(), "2", "{}", "{}"), SERIALIZER);

        assertThat(new EventUpcasterChain(EventUpcasters.all()).upcast(Stream.of(stored)).toList())
                .containsExactly(stored);
    }
}

package io.brigade.contracts.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads a {@link BillIssued} of the first revision (no revision) as revision 2: its {@code total} goes, as it only
 * repeated {@code amounts.total}. Bills issued before the change stay in event stores and on the billing topic for ever.
 */
public final class BillIssuedUpcaster extends SingleEventUpcaster {

    private static final String TYPE = BillIssued.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return TYPE.equals(event.getType().getName()) && event.getType().getRevision() == null;
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(new SimpleSerializedType(TYPE, "2"), JsonNode.class, payload -> {
            ((ObjectNode) payload).remove("total");
            return payload;
        });
    }
}

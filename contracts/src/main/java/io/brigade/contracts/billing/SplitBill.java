package io.brigade.contracts.billing;

import io.brigade.contracts.order.LineId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Splits the bill: {@code parts} for {@link SplitMode#EQUAL}, {@code groups} of lines for {@link SplitMode#BY_LINES}. */
public record SplitBill(@TargetAggregateIdentifier BillId billId, SplitMode mode, Integer parts,
                        List<List<LineId>> groups) {
}

package io.brigade.contracts.order;

import io.brigade.contracts.catalog.ModifierId;
import io.brigade.contracts.common.Money;

/** A modifier chosen for a line, priced as the menu had it when the line was added. */
public record ChosenModifier(ModifierId id, String name, Money price) {
}

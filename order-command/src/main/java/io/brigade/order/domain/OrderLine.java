package io.brigade.order.domain;

import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.catalog.ModifierId;
import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.AddOrderLine;
import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.ChosenModifier;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderLineAdded;
import io.brigade.contracts.order.SentLine;

import java.util.List;
import java.util.Objects;

/** One line of an order: what was ordered, at which price, and how far the kitchen and the waiter got with it. */
record OrderLine(LineId lineId, MenuItemId menuItemId, String name, String station, int quantity,
                 List<ChosenModifier> modifiers, Money unitPrice, Integer seat, Integer course, String notes,
                 List<String> allergens, LineState state, int sendNumber) {

    static OrderLine from(OrderLineAdded added) {
        return new OrderLine(added.lineId(), added.menuItemId(), added.name(), added.station(), added.quantity(),
                added.modifiers(), added.unitPrice(), added.seat(), added.course(), added.notes(), added.allergens(),
                LineState.NEW, 0);
    }

    /** A retried add is the same request when everything the waiter chose is the same. */
    boolean sameRequestAs(AddOrderLine command) {
        List<ModifierId> chosen = modifiers.stream().map(ChosenModifier::id).toList();
        List<ModifierId> asked = command.modifierIds() == null ? List.of() : command.modifierIds();
        return menuItemId.equals(command.menuItemId()) && quantity == command.quantity() && chosen.equals(asked)
                && Objects.equals(seat, command.seat()) && Objects.equals(course, command.course())
                && Objects.equals(notes, command.notes());
    }

    boolean isUnsent() {
        return state == LineState.NEW;
    }

    /** Sent to the kitchen and not voided since. */
    boolean wentToKitchen() {
        return state != LineState.NEW && state != LineState.VOIDED;
    }

    /** Done by the kitchen: ready on the pass, or already at the table. */
    boolean isOutOfKitchen() {
        return state == LineState.READY || state == LineState.SERVED;
    }

    boolean isBillable() {
        return state != LineState.VOIDED;
    }

    boolean isInCourse(Integer wanted) {
        return wanted == null || wanted.equals(course);
    }

    Money total() {
        return unitPrice.times(quantity);
    }

    OrderLine sent(int send) {
        return new OrderLine(lineId, menuItemId, name, station, quantity, modifiers, unitPrice, seat, course, notes,
                allergens, LineState.SENT, send);
    }

    OrderLine in(LineState newState) {
        return new OrderLine(lineId, menuItemId, name, station, quantity, modifiers, unitPrice, seat, course, notes,
                allergens, newState, sendNumber);
    }

    SentLine toKitchen() {
        return new SentLine(lineId, menuItemId, name, station, quantity,
                modifiers.stream().map(ChosenModifier::name).toList(), seat, course, notes, allergens);
    }

    BilledLine toBill() {
        return new BilledLine(lineId, menuItemId, name, quantity, unitPrice, total(), seat);
    }
}

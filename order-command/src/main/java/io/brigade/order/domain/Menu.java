package io.brigade.order.domain;

import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.catalog.MenuModifier;
import io.brigade.contracts.common.Money;

import java.util.List;
import java.util.Optional;

/** The menu as the order service knows it: what can be ordered right now, and at which price. */
public interface Menu {

    Optional<Item> item(MenuItemId id);

    record Item(MenuItemId id, String name, Money price, String station, List<String> allergens,
                List<MenuModifier> modifiers, boolean available, boolean retired) {

        boolean canBeOrdered() {
            return available && !retired;
        }
    }
}

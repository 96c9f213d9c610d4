package io.brigade.catalog.query;

import java.util.List;
import java.util.UUID;

/** docs/api.md's menuItem; {@code unavailableReason} says why an 86'd item is off. */
public record MenuItemView(UUID id, UUID categoryId, String name, String description, long priceCents, String station,
                           List<String> allergens, List<Modifier> modifiers, boolean available,
                           String unavailableReason) {

    public record Modifier(UUID id, String name, long priceCents) {
    }
}

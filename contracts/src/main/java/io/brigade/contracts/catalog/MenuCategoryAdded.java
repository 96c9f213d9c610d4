package io.brigade.contracts.catalog;

import java.util.UUID;

/** A menu section (starters, mains...) was set up; {@code position} orders the sections on the menu. */
public record MenuCategoryAdded(UUID categoryId, String name, int position) {
}

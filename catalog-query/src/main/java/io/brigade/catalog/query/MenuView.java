package io.brigade.catalog.query;

import java.util.List;
import java.util.UUID;

/** The menu as docs/api.md's {@code GET /menu} shows it: sections in order, each with the items still sold. */
public record MenuView(List<Category> categories) {

    public record Category(UUID id, String name, int position, List<MenuItemView> items) {
    }
}

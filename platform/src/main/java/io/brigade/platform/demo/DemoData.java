package io.brigade.platform.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brigade.contracts.catalog.ChangeRestaurantSettings;
import io.brigade.contracts.catalog.MenuItemAdded;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.catalog.MenuModifier;
import io.brigade.contracts.catalog.ModifierId;
import io.brigade.contracts.catalog.RestaurantSettingsChanged;
import io.brigade.contracts.catalog.TableAdded;
import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.common.Money;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The demo restaurant in {@code demo-data.json}: settings, a menu over five stations, twelve tables and one user per
 * role. The devstack seeds it; tests order from it.
 */
public record DemoData(String currency, int taxRatePercent, int serviceChargePercent, List<Category> categories,
                       List<Table> tables, List<User> users) {

    public record Category(UUID id, String name, int position, List<Item> items) {
    }

    public record Item(UUID id, String name, String description, long priceCents, String station,
                       List<String> allergens, List<Modifier> modifiers) {
    }

    public record Modifier(UUID id, String name, long priceCents) {
    }

    public record Table(UUID id, int number, int seats, String zone) {
    }

    public record User(UUID id, String username, String fullName, String role, String password) {
    }

    public static DemoData load() {
        try (InputStream in = DemoData.class.getResourceAsStream("/demo-data.json")) {
            if (in == null) {
                throw new IllegalStateException("demo-data.json is not on the classpath");
            }
            return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(in, DemoData.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Item> items() {
        return categories.stream().flatMap(c -> c.items().stream()).toList();
    }

    public Item item(String name) {
        return items().stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No demo item " + name));
    }

    public Table table(int number) {
        return tables.stream().filter(t -> t.number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No demo table " + number));
    }

    /**
     * The catalog's events that describe this restaurant's settings, menu and floor, in the order a catalog would have
     * published them.
     */
    public List<CatalogEvent> catalogEvents() {
        List<CatalogEvent> events = new ArrayList<>();
        events.add(new CatalogEvent("RestaurantSettings", ChangeRestaurantSettings.RESTAURANT,
                new RestaurantSettingsChanged(currency, BigDecimal.valueOf(taxRatePercent),
                        BigDecimal.valueOf(serviceChargePercent))));
        for (Category category : categories) {
            for (Item item : category.items()) {
                events.add(new CatalogEvent("MenuItem", item.id().toString(), new MenuItemAdded(
                        MenuItemId.of(item.id()), category.id(), item.name(), item.description(),
                        Money.ofCents(item.priceCents()), item.station(), item.allergens(),
                        item.modifiers().stream().map(m -> new MenuModifier(ModifierId.of(m.id()), m.name(),
                                Money.ofCents(m.priceCents()))).toList())));
            }
        }
        for (Table table : tables) {
            events.add(new CatalogEvent("Table", table.id().toString(),
                    new TableAdded(TableId.of(table.id()), table.number(), table.seats(), table.zone())));
        }
        return events;
    }

    public record CatalogEvent(String aggregateType, String aggregateId, Object payload) {
    }
}

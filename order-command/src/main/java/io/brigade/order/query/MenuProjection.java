package io.brigade.order.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brigade.contracts.catalog.MenuItemAdded;
import io.brigade.contracts.catalog.MenuItemAvailabilityChanged;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.catalog.MenuItemRetired;
import io.brigade.contracts.catalog.MenuItemRevised;
import io.brigade.contracts.catalog.MenuModifier;
import io.brigade.contracts.catalog.TableAdded;
import io.brigade.contracts.common.Money;
import io.brigade.order.domain.Menu;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The order service's own copy of the menu and the tables, fed by the catalog's events. Every handler is an upsert,
 * so a redelivered or replayed event leaves the same rows.
 */
@Component
@ProcessingGroup(MenuProjection.GROUP)
public class MenuProjection implements Menu {

    public static final String GROUP = "menu";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<MenuModifier>> MODIFIERS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public MenuProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(MenuItemAdded event) {
        upsert(event.menuItemId(), event.name(), event.price(), event.station(), event.allergens(), event.modifiers());
    }

    @EventHandler
    void on(MenuItemRevised event) {
        upsert(event.menuItemId(), event.name(), event.price(), event.station(), event.allergens(), event.modifiers());
    }

    @EventHandler
    void on(MenuItemRetired event) {
        jdbc.update("update menu_item set retired = true where id = ?", event.menuItemId().value());
    }

    @EventHandler
    void on(MenuItemAvailabilityChanged event) {
        jdbc.update("update menu_item set available = ? where id = ?", event.available(), event.menuItemId().value());
    }

    @EventHandler
    void on(TableAdded event) {
        jdbc.update("""
                insert into dining_table (id, number) values (?, ?)
                on conflict (id) do update set number = excluded.number""", event.tableId().value(), event.number());
    }

    @Override
    public Optional<Item> item(MenuItemId id) {
        return jdbc.query("""
                        select id, name, price_cents, station, allergens, modifiers, available, retired
                        from menu_item where id = ?""",
                (rs, n) -> new Item(MenuItemId.of(rs.getObject("id", UUID.class)), rs.getString("name"),
                        Money.ofCents(rs.getLong("price_cents")), rs.getString("station"),
                        read(rs.getString("allergens"), STRINGS), read(rs.getString("modifiers"), MODIFIERS),
                        rs.getBoolean("available"), rs.getBoolean("retired")),
                id.value()).stream().findFirst();
    }

    private void upsert(MenuItemId id, String name, Money price, String station, List<String> allergens,
                        List<MenuModifier> modifiers) {
        jdbc.update("""
                        insert into menu_item (id, name, price_cents, station, allergens, modifiers)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (id) do update set name = excluded.name, price_cents = excluded.price_cents,
                            station = excluded.station, allergens = excluded.allergens, modifiers = excluded.modifiers""",
                id.value(), name, price.cents(), station, write(allergens), write(modifiers));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value == null ? List.of() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String value, TypeReference<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.brigade.catalog.query;

import com.fasterxml.jackson.core.type.TypeReference;
import io.brigade.contracts.catalog.ChangeRestaurantSettings;
import io.brigade.contracts.catalog.MenuCategoryAdded;
import io.brigade.contracts.catalog.MenuItemAdded;
import io.brigade.contracts.catalog.MenuItemAvailabilityChanged;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.catalog.MenuItemRetired;
import io.brigade.contracts.catalog.MenuItemRevised;
import io.brigade.contracts.catalog.MenuModifier;
import io.brigade.contracts.catalog.RestaurantSettingsChanged;
import io.brigade.contracts.catalog.TableAdded;
import io.brigade.platform.problem.ConflictException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Menu, tables and settings as the catalog's own commands change them, in the same transaction (a subscribing
 * processor): an answer to a change already reads the change, and a second table with a taken number fails its
 * command.
 */
@Component
@ProcessingGroup(CatalogProjection.GROUP)
public class CatalogProjection {

    public static final String GROUP = "catalog";
    private static final TypeReference<List<MenuModifier>> MODIFIERS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonColumns json;
    private final Floor floor;
    private final QueryUpdateEmitter emitter;

    public CatalogProjection(JdbcTemplate jdbc, JsonColumns json, Floor floor, QueryUpdateEmitter emitter) {
        this.jdbc = jdbc;
        this.json = json;
        this.floor = floor;
        this.emitter = emitter;
    }

    @EventHandler
    void on(MenuCategoryAdded event) {
        jdbc.update("insert into menu_category (id, name, position) values (?, ?, ?) on conflict (id) do nothing",
                event.categoryId(), event.name(), event.position());
    }

    @EventHandler
    void on(MenuItemAdded event) {
        jdbc.update("""
                        insert into menu_item (id, category_id, name, description, price_cents, station, allergens,
                                               modifiers)
                        values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing""",
                event.menuItemId().value(), event.categoryId(), event.name(), event.description(),
                event.price().cents(), event.station(), json.write(event.allergens()), json.write(event.modifiers()));
    }

    @EventHandler
    void on(MenuItemRevised event) {
        jdbc.update("""
                        update menu_item set category_id = ?, name = ?, description = ?, price_cents = ?, station = ?,
                                             allergens = ?, modifiers = ?
                        where id = ?""",
                event.categoryId(), event.name(), event.description(), event.price().cents(), event.station(),
                json.write(event.allergens()), json.write(event.modifiers()), event.menuItemId().value());
    }

    @EventHandler
    void on(MenuItemAvailabilityChanged event) {
        jdbc.update("update menu_item set available = ?, unavailable_reason = ? where id = ?",
                event.available(), event.reason(), event.menuItemId().value());
    }

    @EventHandler
    void on(MenuItemRetired event) {
        jdbc.update("update menu_item set retired = true where id = ?", event.menuItemId().value());
    }

    @EventHandler
    void on(TableAdded event) {
        try {
            jdbc.update("insert into dining_table (id, number, seats, zone) values (?, ?, ?, ?)",
                    event.tableId().value(), event.number(), event.seats(), event.zone());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("The floor already has a table " + event.number());
        }
        // sent once the command commits, so whoever watches the floor sees the new table at once
        floor.row(event.tableId().value()).ifPresent(row ->
                emitter.emit(WatchFloor.class, watch -> true, OrderViewProjection.tableUpdate(row)));
    }

    @EventHandler
    void on(RestaurantSettingsChanged event) {
        jdbc.update("""
                        insert into restaurant_settings (id, currency, tax_rate_percent, service_charge_percent,
                                                         time_zone)
                        values (?, ?, ?, ?, ?)
                        on conflict (id) do update set currency = excluded.currency,
                            tax_rate_percent = excluded.tax_rate_percent,
                            service_charge_percent = excluded.service_charge_percent,
                            time_zone = excluded.time_zone""",
                ChangeRestaurantSettings.RESTAURANT, event.currency(), event.taxRatePercent(),
                event.serviceChargePercent(), event.timeZone());
    }

    public MenuView menu() {
        Map<UUID, List<MenuItemView>> items = new LinkedHashMap<>();
        jdbc.query("select * from menu_item where not retired order by name, id",
                rs -> {
                    MenuItemView item = item(rs);
                    items.computeIfAbsent(item.categoryId(), key -> new ArrayList<>()).add(item);
                });
        return new MenuView(jdbc.query("select id, name, position from menu_category order by position, name, id",
                (rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new MenuView.Category(id, rs.getString("name"), rs.getInt("position"),
                            List.copyOf(items.getOrDefault(id, List.of())));
                }));
    }

    public boolean hasCategory(UUID categoryId) {
        return !jdbc.queryForList("select 1 from menu_category where id = ?", Integer.class, categoryId).isEmpty();
    }

    public boolean hasAnyCategory() {
        return !jdbc.queryForList("select 1 from menu_category limit 1", Integer.class).isEmpty();
    }

    /** An item that is still sold; a retired one is gone from the menu. */
    public Optional<MenuItemView> item(MenuItemId id) {
        return jdbc.query("select * from menu_item where id = ? and not retired", (rs, n) -> item(rs), id.value())
                .stream().findFirst();
    }

    public boolean isRetired(MenuItemId id) {
        return !jdbc.queryForList("select 1 from menu_item where id = ? and retired", Integer.class, id.value())
                .isEmpty();
    }

    public Optional<SettingsView> settings() {
        return jdbc.query("select * from restaurant_settings where id = ?",
                (rs, n) -> new SettingsView(rs.getString("currency"),
                        plain(rs.getBigDecimal("tax_rate_percent")),
                        plain(rs.getBigDecimal("service_charge_percent")), rs.getString("time_zone")),
                ChangeRestaurantSettings.RESTAURANT).stream().findFirst();
    }

    private MenuItemView item(ResultSet rs) throws SQLException {
        List<MenuModifier> modifiers = json.read(rs.getString("modifiers"), MODIFIERS);
        return new MenuItemView(rs.getObject("id", UUID.class), rs.getObject("category_id", UUID.class),
                rs.getString("name"), rs.getString("description"), rs.getLong("price_cents"), rs.getString("station"),
                json.strings(rs.getString("allergens")),
                modifiers.stream().map(m -> new MenuItemView.Modifier(m.id().value(), m.name(), m.price().cents()))
                        .toList(),
                rs.getBoolean("available"), rs.getString("unavailable_reason"));
    }

    /** {@code 10.000} from the database reads as {@code 10}, never as {@code 1E+1}. */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}

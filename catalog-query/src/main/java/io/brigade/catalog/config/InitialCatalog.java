package io.brigade.catalog.config;

import io.brigade.catalog.query.CatalogProjection;
import io.brigade.contracts.catalog.AddMenuCategory;
import io.brigade.contracts.catalog.AddMenuItem;
import io.brigade.contracts.catalog.AddTable;
import io.brigade.contracts.catalog.ChangeRestaurantSettings;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.catalog.MenuModifier;
import io.brigade.contracts.catalog.ModifierId;
import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.common.Money;
import io.brigade.platform.demo.DemoData;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;

/**
 * A catalog that starts empty gets its settings from configuration, and, in the demo restaurant, the demo menu and
 * floor: through the same commands a manager would send, so they reach the other services as catalog events.
 */
@Component
class InitialCatalog {

    private static final Logger log = LoggerFactory.getLogger(InitialCatalog.class);

    private final CatalogProperties properties;
    private final CatalogProjection catalog;
    private final CommandGateway commands;

    InitialCatalog(CatalogProperties properties, CatalogProjection catalog, CommandGateway commands) {
        this.properties = properties;
        this.catalog = catalog;
        this.commands = commands;
    }

    @EventListener(ApplicationReadyEvent.class)
    void fillAnEmptyCatalog() {
        DemoData demo = properties.demoRestaurant() ? DemoData.load() : null;
        if (catalog.settings().isEmpty()) {
            CatalogProperties.Settings settings = properties.settings();
            commands.sendAndWait(demo == null
                    ? new ChangeRestaurantSettings(ChangeRestaurantSettings.RESTAURANT, settings.currency(),
                            settings.taxRatePercent(), settings.serviceChargePercent(), settings.timeZone())
                    : new ChangeRestaurantSettings(ChangeRestaurantSettings.RESTAURANT, demo.currency(),
                            BigDecimal.valueOf(demo.taxRatePercent()), BigDecimal.valueOf(demo.serviceChargePercent()),
                            settings.timeZone()));
        }
        if (demo != null && !catalog.hasAnyCategory()) {
            addDemoMenuAndFloor(demo);
            log.info("Catalog filled with the demo menu ({} items) and floor ({} tables)", demo.items().size(),
                    demo.tables().size());
        }
    }

    private void addDemoMenuAndFloor(DemoData demo) {
        for (DemoData.Category category : demo.categories()) {
            commands.sendAndWait(new AddMenuCategory(category.id(), category.name(), category.position()));
            for (DemoData.Item item : category.items()) {
                commands.sendAndWait(new AddMenuItem(MenuItemId.of(item.id()), category.id(), item.name(),
                        item.description(), Money.ofCents(item.priceCents()), item.station(), item.allergens(),
                        item.modifiers().stream().map(m -> new MenuModifier(ModifierId.of(m.id()), m.name(),
                                Money.ofCents(m.priceCents()))).toList()));
            }
        }
        for (DemoData.Table table : demo.tables()) {
            commands.sendAndWait(new AddTable(TableId.of(table.id()), table.number(), table.seats(), table.zone()));
        }
    }
}

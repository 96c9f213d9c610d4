package io.brigade.catalog.web;

import io.brigade.catalog.query.CatalogProjection;
import io.brigade.catalog.query.MenuItemView;
import io.brigade.catalog.query.MenuView;
import io.brigade.contracts.catalog.AddMenuCategory;
import io.brigade.contracts.catalog.AddMenuItem;
import io.brigade.contracts.catalog.ChangeMenuItemAvailability;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.catalog.MenuModifier;
import io.brigade.contracts.catalog.ModifierId;
import io.brigade.contracts.catalog.RetireMenuItem;
import io.brigade.contracts.catalog.ReviseMenuItem;
import io.brigade.contracts.common.Money;
import io.brigade.platform.problem.InvalidInputException;
import io.brigade.platform.problem.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** docs/api.md's menu: everyone reads it, managers change it, managers and the kitchen 86 an item. */
@RestController
@RequestMapping("/api/v1/menu")
public class MenuController {

    private final CommandGateway commands;
    private final CatalogProjection catalog;

    public MenuController(CommandGateway commands, CatalogProjection catalog) {
        this.commands = commands;
        this.catalog = catalog;
    }

    public record CategoryRequest(@NotBlank @Size(max = 100) String name, @Min(0) @Max(10_000) Integer position) {
    }

    public record CategoryAnswer(UUID id, String name, int position) {
    }

    public record ItemRequest(@NotNull UUID categoryId, @NotBlank @Size(max = 200) String name,
                              @Size(max = 1000) String description,
                              @NotNull @Min(0) @Max(100_000_000) Long priceCents,
                              @NotBlank @Size(max = 60) @Pattern(regexp = "[\\p{L}0-9 _-]+") String station,
                              @Size(max = 20) List<@NotBlank @Size(max = 60) String> allergens,
                              @Size(max = 30) List<@Valid @NotNull ModifierRequest> modifiers) {
    }

    public record ModifierRequest(@NotBlank @Size(max = 100) String name,
                                  @NotNull @Min(0) @Max(10_000_000) Long priceCents) {
    }

    public record AvailabilityRequest(@NotNull Boolean available, @Size(max = 500) String reason) {
    }

    @GetMapping
    public MenuView menu() {
        return catalog.menu();
    }

    @PostMapping("/categories")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('MANAGER')")
    public CategoryAnswer addCategory(@Valid @RequestBody CategoryRequest request) {
        UUID id = UUID.randomUUID();
        int position = request.position() == null ? 0 : request.position();
        commands.sendAndWait(new AddMenuCategory(id, request.name().trim(), position));
        return new CategoryAnswer(id, request.name().trim(), position);
    }

    @PostMapping("/items")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('MANAGER')")
    public MenuItemView addItem(@Valid @RequestBody ItemRequest request) {
        requireKnownCategory(request.categoryId());
        MenuItemId id = MenuItemId.random();
        commands.sendAndWait(new AddMenuItem(id, request.categoryId(), request.name().trim(), request.description(),
                Money.ofCents(request.priceCents()), station(request.station()), allergens(request),
                modifiers(request)));
        return itemNow(id);
    }

    @PutMapping("/items/{id}")
    @PreAuthorize("hasRole('MANAGER')")
    public MenuItemView reviseItem(@PathVariable UUID id, @Valid @RequestBody ItemRequest request) {
        requireKnownCategory(request.categoryId());
        commands.sendAndWait(new ReviseMenuItem(MenuItemId.of(id), request.categoryId(), request.name().trim(),
                request.description(), Money.ofCents(request.priceCents()), station(request.station()),
                allergens(request), modifiers(request)));
        return itemNow(MenuItemId.of(id));
    }

    @DeleteMapping("/items/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('MANAGER')")
    public void retireItem(@PathVariable UUID id) {
        commands.sendAndWait(new RetireMenuItem(MenuItemId.of(id)));
    }

    @PostMapping("/items/{id}/availability")
    @PreAuthorize("hasAnyRole('MANAGER', 'KITCHEN')")
    public MenuItemView changeAvailability(@PathVariable UUID id, @Valid @RequestBody AvailabilityRequest request) {
        commands.sendAndWait(new ChangeMenuItemAvailability(MenuItemId.of(id), request.available(),
                request.reason()));
        return itemNow(MenuItemId.of(id));
    }

    private void requireKnownCategory(UUID categoryId) {
        if (!catalog.hasCategory(categoryId)) {
            throw new InvalidInputException("categoryId", "No menu category " + categoryId);
        }
    }

    private MenuItemView itemNow(MenuItemId id) {
        return catalog.item(id).orElseThrow(() -> new NotFoundException("No menu item " + id));
    }

    /** Stations are free words; {@code Grill } and {@code grill} are the same station. */
    private static String station(String station) {
        return station.trim().toLowerCase(Locale.ROOT);
    }

    private static List<String> allergens(ItemRequest request) {
        return request.allergens() == null ? List.of()
                : request.allergens().stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private static List<MenuModifier> modifiers(ItemRequest request) {
        return request.modifiers() == null ? List.of() : request.modifiers().stream()
                .map(m -> new MenuModifier(ModifierId.random(), m.name().trim(), Money.ofCents(m.priceCents())))
                .toList();
    }
}

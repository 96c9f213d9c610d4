package io.brigade.catalog.realtime;

import io.brigade.catalog.query.WatchBills;
import io.brigade.catalog.query.WatchFloor;
import io.brigade.catalog.query.WatchKitchen;
import io.brigade.catalog.query.WatchOrder;
import io.brigade.catalog.query.WatchReplay;
import io.brigade.platform.security.Roles;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A STOMP destination of docs/api.md's realtime section: which roles may subscribe to it and which subscription query
 * feeds it. ADMIN may subscribe to every one.
 */
record LiveDestination(String destination, Set<String> roles, Object query) {

    private static final Set<String> FLOOR_STAFF = Set.of(Roles.STAFF, Roles.MANAGER);
    private static final Set<String> KITCHEN_STAFF = Set.of(Roles.KITCHEN, Roles.MANAGER);
    private static final Pattern KITCHEN_STATION = Pattern.compile("/topic/kitchen\\.([\\p{L}0-9 _-]{1,60})");
    private static final Pattern ORDER = Pattern.compile("/topic/orders\\.([0-9a-fA-F-]{36})");

    static Optional<LiveDestination> of(String destination) {
        if (destination == null) {
            return Optional.empty();
        }
        if (destination.equals("/topic/floor")) {
            return Optional.of(new LiveDestination(destination, FLOOR_STAFF, new WatchFloor()));
        }
        if (destination.equals("/topic/kitchen")) {
            return Optional.of(new LiveDestination(destination, KITCHEN_STAFF, new WatchKitchen(null)));
        }
        if (destination.equals("/topic/reports.replay")) {
            return Optional.of(new LiveDestination(destination, Set.of(Roles.MANAGER), new WatchReplay()));
        }
        if (destination.equals("/topic/bills")) {
            return Optional.of(new LiveDestination(destination, FLOOR_STAFF, new WatchBills()));
        }
        Matcher station = KITCHEN_STATION.matcher(destination);
        if (station.matches()) {
            return Optional.of(new LiveDestination(destination, KITCHEN_STAFF,
                    new WatchKitchen(io.brigade.contracts.kitchen.TicketId.normalStation(station.group(1)))));
        }
        Matcher order = ORDER.matcher(destination);
        if (order.matches()) {
            try {
                return Optional.of(new LiveDestination(destination, FLOOR_STAFF,
                        new WatchOrder(UUID.fromString(order.group(1)))));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    boolean allows(String role) {
        return Roles.ADMIN.equals(role) || roles.contains(role);
    }
}

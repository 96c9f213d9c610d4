package io.brigade.catalog.query;

import java.util.UUID;

/** One order as it stands, then each change of it. */
public record WatchOrder(UUID orderId) {
}

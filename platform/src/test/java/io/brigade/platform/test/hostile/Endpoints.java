package io.brigade.platform.test.hostile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.brigade.platform.test.hostile.Endpoint.withBody;
import static io.brigade.platform.test.hostile.Endpoint.withoutBody;

/** Every endpoint of the public API that takes input, each with a request it would accept in this restaurant. */
public final class Endpoints {

    private static final Field.Id ID = new Field.Id(true);
    private static final Field.Id OPTIONAL_ID = new Field.Id(false);
    private static final Field.Text REASON = new Field.Text(true, true);

    private Endpoints() {
    }

    public static List<Endpoint> of(HostileTargets s) {
        UUID burger = s.grillItemId();
        UUID category = s.categoryId();
        String orders = "/api/v1/orders/" + s.orderId();
        String bill = "/api/v1/billing/bills/" + s.billId();
        String ticket = "/api/v1/kitchen/tickets/" + s.ticketId();
        return List.of(
                withBody("POST", "/api/v1/auth/login", null,
                        Map.of("username", "waiter", "password", "brigade-waiter-2026"),
                        Map.of("username", REASON, "password", REASON)),
                withBody("POST", "/api/v1/auth/refresh", null, Map.of("refreshToken", "r".repeat(43)),
                        Map.of("refreshToken", REASON)),
                withBody("POST", "/api/v1/auth/logout", s.waiter(), Map.of("refreshToken", "r".repeat(43)),
                        Map.of("refreshToken", REASON)),
                withBody("POST", "/api/v1/auth/register", s.admin(), ordered("username", "new.waiter",
                                "password", "a long enough passphrase", "fullName", "New Waiter", "role", "STAFF"),
                        Map.of("username", REASON, "password", REASON, "fullName", REASON,
                                "role", new Field.Choice(true, List.of("STAFF", "KITCHEN", "MANAGER")))),
                withBody("PATCH", "/api/v1/auth/users/" + s.waiterId(), s.admin(), ordered("fullName", "Walter",
                                "role", "STAFF", "active", true),
                        Map.of("fullName", new Field.Text(false, true), "active", new Field.Flag(false),
                                "role", new Field.Choice(false, List.of("STAFF", "KITCHEN")),
                                "password", new Field.Text(false, false))),
                withBody("POST", "/api/v1/menu/categories", s.manager(), ordered("name", "Specials", "position", 5),
                        Map.of("name", REASON, "position", new Field.Whole(false, 0, 10_000))),
                withBody("POST", "/api/v1/menu/items", s.manager(), item(category), itemFields()),
                withBody("PUT", "/api/v1/menu/items/" + burger, s.manager(), item(category), itemFields()),
                withoutBody("DELETE", "/api/v1/menu/items/" + burger, s.manager()),
                withBody("POST", "/api/v1/menu/items/" + burger + "/availability", s.cook(),
                        ordered("available", false, "reason", "out of buns"),
                        Map.of("available", new Field.Flag(true), "reason", new Field.Text(false, false))),
                withBody("POST", "/api/v1/tables", s.manager(), ordered("number", 77, "seats", 4, "zone", "Terrace"),
                        Map.of("number", new Field.Whole(true, 1, 9999), "seats", new Field.Whole(true, 1, 100),
                                "zone", new Field.Text(false, false))),
                withBody("PUT", "/api/v1/settings", s.manager(), ordered("currency", "EUR", "taxRatePercent", 10,
                                "serviceChargePercent", 0),
                        Map.of("currency", new Field.Choice(true, List.of("EUR")),
                                "taxRatePercent", new Field.Decimal(true, 0, 100, 3),
                                "serviceChargePercent", new Field.Decimal(true, 0, 100, 3),
                                "timeZone", new Field.Text(false, false))),
                withBody("POST", "/api/v1/orders", s.waiter(), ordered("tableId", s.freeTable().toString(),
                                "guests", 2),
                        Map.of("orderId", OPTIONAL_ID, "tableId", ID, "guests", new Field.Whole(true, 1, 100))),
                withBody("POST", orders + "/lines", s.waiter(), ordered("menuItemId", burger.toString(),
                                "quantity", 1, "modifierIds", List.of(), "seat", 1, "course", 1, "notes", "no salt"),
                        Map.of("lineId", OPTIONAL_ID, "menuItemId", ID, "quantity", new Field.Whole(true, 1, 99),
                                "modifierIds", new Field.Ids(false, 20), "seat", new Field.Whole(false, 1, 100),
                                "course", new Field.Whole(false, 1, 20), "notes", new Field.Text(false, false))),
                withoutBody("DELETE", orders + "/lines/" + s.unsentLineId(), s.waiter()),
                withBody("POST", orders + "/lines/" + s.sentLineId() + "/void", s.manager(),
                        Map.of("reason", "wrong table"), Map.of("reason", REASON)),
                withBody("POST", orders + "/send", s.waiter(), Map.of("course", 1),
                        Map.of("course", new Field.Whole(false, 1, 20))),
                withBody("POST", orders + "/serve", s.waiter(), Map.of("lineIds", List.of(s.sentLineId().toString())),
                        Map.of("lineIds", new Field.Ids(false, 200))),
                withBody("POST", orders + "/transfer", s.waiter(), Map.of("tableId", s.freeTable().toString()),
                        Map.of("tableId", ID)),
                withoutBody("POST", orders + "/bill", s.waiter()),
                withBody("POST", orders + "/cancel", s.manager(), Map.of("reason", "guests left"),
                        Map.of("reason", REASON)),
                withoutBody("GET", orders, s.waiter()),
                withoutBody("GET", "/api/v1/orders?status=OPEN&tableId=" + s.freeTable(), s.waiter()),
                withoutBody("GET", "/api/v1/bills/" + s.billId(), s.waiter()),
                withoutBody("GET", "/api/v1/bills?orderId=" + s.orderId(), s.waiter()),
                withoutBody("GET", "/api/v1/kitchen/board?station=grill", s.cook()),
                withoutBody("GET", "/api/v1/tables/" + s.freeTable() + "/qr", s.waiter()),
                withoutBody("GET", "/api/v1/reports/sales?from=2026-11-01&to=2026-11-30&groupBy=day", s.manager()),
                withoutBody("GET", "/api/v1/reports/adjustments?from=2026-11-01&to=2026-11-30", s.manager()),
                withoutBody("POST", "/api/v1/reports/replay", s.manager()),
                withoutBody("GET", "/api/v1/audit/orders/" + s.orderId() + "/state?at=2026-11-30T12:00:00Z",
                        s.auditor()),
                withoutBody("GET", "/api/v1/audit/orders/" + s.orderId() + "/events", s.auditor()),
                withoutBody("GET", "/api/v1/audit/bills/" + s.billId() + "/verify", s.auditor()),
                withoutBody("GET", "/api/v1/audit/orders/export?aggregateId=" + s.orderId(), s.auditor()),
                withoutBody("GET", "/api/v1/audit/events?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&type="
                        + "OrderOpened&page=0&size=20", s.auditor()),
                withoutBody("GET", "/api/v1/audit/events?aggregateId=" + s.orderId(), s.auditor()),
                withoutBody("GET", "/api/v1/audit/checkpoints?service=order-command", s.auditor()),
                withoutBody("GET", "/api/v1/audit/export?aggregateId=" + s.orderId(), s.auditor()),
                withoutBody("POST", ticket + "/items/" + s.sentLineId() + "/start", s.cook()),
                withoutBody("POST", ticket + "/items/" + s.sentLineId() + "/ready", s.cook()),
                withoutBody("POST", ticket + "/bump", s.cook()),
                withoutBody("POST", ticket + "/recall", s.cook()),
                withBody("POST", bill + "/discounts", s.manager(), ordered("kind", "PERCENT", "value", 10,
                                "reason", "birthday"),
                        Map.of("kind", new Field.Choice(true, List.of("PERCENT", "AMOUNT")),
                                "value", new Field.Decimal(true, 0, 100, 2), "reason", REASON)),
                withBody("POST", bill + "/split", s.waiter(), ordered("mode", "EQUAL", "parts", 2),
                        Map.of("mode", new Field.Choice(true, List.of("EQUAL", "BY_SEAT", "BY_LINES")),
                                "parts", new Field.Whole(false, 1, 50))),
                withBody("POST", bill + "/payments", s.waiter(), ordered("method", "CARD", "amountCents", 100,
                                "tipCents", 0),
                        Map.of("paymentId", OPTIONAL_ID, "checkId", OPTIONAL_ID,
                                "method", new Field.Choice(true, List.of("CASH", "CARD", "OTHER")),
                                "amountCents", new Field.Decimal(true, 0, 100_000_000, 0),
                                "tipCents", new Field.Decimal(false, 0, 100_000_000, 0))),
                withBody("POST", bill + "/payments/" + UUID.randomUUID() + "/refund", s.manager(),
                        Map.of("reason", "cold food"), Map.of("reason", REASON)),
                withBody("POST", bill + "/void", s.manager(), Map.of("reason", "mistake"), Map.of("reason", REASON)));
    }

    private static Map<String, Object> item(UUID category) {
        return ordered("categoryId", category.toString(), "name", "Hostile burger", "description", "With pickles",
                "priceCents", 1500, "station", "grill", "allergens", List.of("gluten"),
                "modifiers", List.of(Map.of("name", "Cheese", "priceCents", 100)));
    }

    private static Map<String, Field> itemFields() {
        return Map.of("categoryId", ID, "name", REASON, "description", new Field.Text(false, false),
                "priceCents", new Field.Whole(true, 0, 100_000_000), "station", REASON);
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }
}

package io.brigade.catalog.web;

import io.brigade.catalog.CatalogTestBase;
import io.brigade.platform.test.ApiClient;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every catalog endpoint answers bad input with its documented 4xx problem and changes nothing. */
class CatalogEndpointsRejectBadInputTest extends CatalogTestBase {

    private record Case(String name, int status, Function<CatalogEndpointsRejectBadInputTest, ApiClient.Response> call) {
    }

    private static final String UNKNOWN = UUID.randomUUID().toString();

    private Map<String, Object> item(Object... overrides) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "categoryId", DEMO.categories().get(0).id().toString(), "name", "Toast", "priceCents", 500,
                "station", "grill"));
        for (int i = 0; i < overrides.length; i += 2) {
            body.put((String) overrides[i], overrides[i + 1]);
        }
        return body;
    }

    private String burger() {
        return DEMO.item("Brigade burger").id().toString();
    }

    private List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("category without a name", 400, t -> t.manager.post("/api/v1/menu/categories", Map.of())));
        cases.add(new Case("category with a negative position", 400, t -> t.manager.post("/api/v1/menu/categories",
                Map.of("name", "Late", "position", -1))));
        cases.add(new Case("category as not JSON", 400, t -> t.manager.postRaw("/api/v1/menu/categories", "{name")));
        cases.add(new Case("category by a waiter", 403, t -> t.waiter.post("/api/v1/menu/categories",
                Map.of("name", "Late"))));
        cases.add(new Case("category without a token", 401, t -> t.anonymous.post("/api/v1/menu/categories",
                Map.of("name", "Late"))));
        cases.add(new Case("item without a price", 400, t -> t.manager.post("/api/v1/menu/items",
                Map.of("categoryId", DEMO.categories().get(0).id().toString(), "name", "Toast", "station", "grill"))));
        cases.add(new Case("item with a negative price", 400, t -> t.manager.post("/api/v1/menu/items",
                t.item("priceCents", -1))));
        cases.add(new Case("item with a price in euros", 400, t -> t.manager.post("/api/v1/menu/items",
                t.item("priceCents", "4.50"))));
        cases.add(new Case("item with a blank name", 400, t -> t.manager.post("/api/v1/menu/items",
                t.item("name", " "))));
        cases.add(new Case("item with an unknown category", 400, t -> t.manager.post("/api/v1/menu/items",
                t.item("categoryId", UNKNOWN))));
        cases.add(new Case("item with a category that is not an id", 400, t -> t.manager.post("/api/v1/menu/items",
                t.item("categoryId", "starters"))));
        cases.add(new Case("item with a station of symbols", 400, t -> t.manager.post("/api/v1/menu/items",
                t.item("station", "<grill>"))));
        cases.add(new Case("item with a modifier without a price", 400, t -> t.manager.post("/api/v1/menu/items",
                t.item("modifiers", List.of(Map.of("name", "Cheese"))))));
        cases.add(new Case("item with a null allergen", 400, t -> t.manager.post("/api/v1/menu/items",
                t.item("allergens", java.util.Arrays.asList("milk", null)))));
        cases.add(new Case("item by the kitchen", 403, t -> t.cook.post("/api/v1/menu/items", t.item())));
        cases.add(new Case("revision of an unknown item", 404, t -> t.manager.put("/api/v1/menu/items/" + UNKNOWN,
                t.item())));
        cases.add(new Case("revision with a bad id", 400, t -> t.manager.put("/api/v1/menu/items/burger", t.item())));
        cases.add(new Case("revision without a body", 400, t -> t.manager.put("/api/v1/menu/items/" + t.burger(),
                null)));
        cases.add(new Case("retirement of an unknown item", 404, t -> t.manager.delete("/api/v1/menu/items/"
                + UNKNOWN)));
        cases.add(new Case("retirement by a waiter", 403, t -> t.waiter.delete("/api/v1/menu/items/" + t.burger())));
        cases.add(new Case("availability without 'available'", 400, t -> t.cook.post("/api/v1/menu/items/"
                + t.burger() + "/availability", Map.of("reason", "out"))));
        cases.add(new Case("availability as a word", 400, t -> t.cook.post("/api/v1/menu/items/"
                + t.burger() + "/availability", Map.of("available", "maybe"))));
        cases.add(new Case("availability of an unknown item", 404, t -> t.cook.post("/api/v1/menu/items/"
                + UNKNOWN + "/availability", Map.of("available", false))));
        cases.add(new Case("availability by a waiter", 403, t -> t.waiter.post("/api/v1/menu/items/"
                + t.burger() + "/availability", Map.of("available", false))));
        cases.add(new Case("table without seats", 400, t -> t.manager.post("/api/v1/tables", Map.of("number", 77))));
        cases.add(new Case("table number zero", 400, t -> t.manager.post("/api/v1/tables",
                Map.of("number", 0, "seats", 2))));
        cases.add(new Case("table with a taken number", 409, t -> t.manager.post("/api/v1/tables",
                Map.of("number", DEMO.tables().get(0).number(), "seats", 2))));
        cases.add(new Case("table by a waiter", 403, t -> t.waiter.post("/api/v1/tables",
                Map.of("number", 78, "seats", 2))));
        cases.add(new Case("QR code of an unknown table", 404, t -> t.waiter.get("/api/v1/tables/" + UNKNOWN
                + "/qr")));
        cases.add(new Case("QR code of a table that is not an id", 400, t -> t.waiter.get("/api/v1/tables/seven/qr")));
        cases.add(new Case("settings with a lowercase currency", 400, t -> t.manager.put("/api/v1/settings",
                Map.of("currency", "eur", "taxRatePercent", 10, "serviceChargePercent", 0))));
        cases.add(new Case("settings with a tax over 100 percent", 400, t -> t.manager.put("/api/v1/settings",
                Map.of("currency", "EUR", "taxRatePercent", 101, "serviceChargePercent", 0))));
        cases.add(new Case("settings changed by a waiter", 403, t -> t.waiter.put("/api/v1/settings",
                Map.of("currency", "EUR", "taxRatePercent", 10, "serviceChargePercent", 0))));
        cases.add(new Case("menu without a token", 401, t -> t.anonymous.get("/api/v1/menu")));
        cases.add(new Case("orders of an unknown status", 400, t -> t.waiter.get("/api/v1/orders?status=EATING")));
        cases.add(new Case("orders of a table that is not an id", 400, t -> t.waiter.get("/api/v1/orders?tableId=7")));
        cases.add(new Case("an unknown order", 404, t -> t.waiter.get("/api/v1/orders/" + UNKNOWN)));
        cases.add(new Case("the floor for the kitchen", 403, t -> t.cook.get("/api/v1/floor")));
        cases.add(new Case("the kitchen board for a waiter", 403, t -> t.waiter.get("/api/v1/kitchen/board")));
        cases.add(new Case("the board of a station of symbols", 400, t -> t.cook.get(
                "/api/v1/kitchen/board?station=%3Cgrill%3E")));
        cases.add(new Case("an unknown bill", 404, t -> t.waiter.get("/api/v1/bills/" + UNKNOWN)));
        cases.add(new Case("a bill that is not an id", 400, t -> t.waiter.get("/api/v1/bills/table-7")));
        cases.add(new Case("bills of an order that is not an id", 400, t -> t.manager.get("/api/v1/bills?orderId=7")));
        cases.add(new Case("bills without an order", 400, t -> t.waiter.get("/api/v1/bills")));
        cases.add(new Case("a bill for the kitchen", 403, t -> t.cook.get("/api/v1/bills/" + UNKNOWN)));
        cases.add(new Case("bills of an order for the kitchen", 403, t -> t.cook.get("/api/v1/bills?orderId="
                + UNKNOWN)));
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> badInputIsRefusedWithItsProblemAndWritesNothing() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name() + " → " + c.status(), () -> {
            long before = storedEvents();
            String menuBefore = waiter.get("/api/v1/menu").raw();
            ApiClient.Response response = c.call().apply(this);
            assertThat(response.status()).as(response.raw()).isEqualTo(c.status());
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body().path("status").asInt()).isEqualTo(c.status());
            assertThat(storedEvents()).isEqualTo(before);
            assertThat(waiter.get("/api/v1/menu").raw()).isEqualTo(menuBefore);
        }));
    }
}

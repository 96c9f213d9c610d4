package io.brigade.catalog.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.brigade.catalog.CatalogTestBase;
import io.brigade.platform.test.TopicReader;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

class MenuTablesAndSettingsTest extends CatalogTestBase {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void anEmptyDemoCatalogStartsWithTheDemoMenuFloorAndSettings_andPublishesThemAsCatalogEvents() {
        JsonNode menu = waiter.get("/api/v1/menu").body();
        assertThat(menu.path("categories")).hasSize(DEMO.categories().size());
        JsonNode firstItem = menu.path("categories").get(0).path("items").get(0);
        assertThat(firstItem.fieldNames()).toIterable().contains("id", "categoryId", "name", "description",
                "priceCents", "station", "allergens", "modifiers", "available");
        assertThat(cook.get("/api/v1/tables").body()).hasSize(DEMO.tables().size());
        assertThat(waiter.get("/api/v1/settings").body().toString())
                .isEqualTo("{\"currency\":\"EUR\",\"taxRatePercent\":10,\"serviceChargePercent\":0,"
                        + "\"timeZone\":\"Europe/Paris\"}");

        int expected = DEMO.items().size() + DEMO.tables().size() + DEMO.categories().size() + 1;
        List<TopicReader.Record> events = TopicReader.readUntil(catalogTopic(), r -> r.size() >= expected, PATIENCE);
        assertThat(events).extracting(r -> simpleName(r.type())).contains("MenuItemAdded", "TableAdded",
                "MenuCategoryAdded", "RestaurantSettingsChanged");
        TopicReader.Record burger = events.stream()
                .filter(r -> r.key().equals(DEMO.item("Brigade burger").id().toString())).findFirst().orElseThrow();
        assertThat(burger.json()).contains("\"price\":" + DEMO.item("Brigade burger").priceCents(), "\"station\":\"grill\"");
    }

    @Test
    void aManagerAddsAnItemWithModifiers_revisesIt_keepingTheModifierIds_andRetiresIt() {
        String category = manager.post("/api/v1/menu/categories", Map.of("name", "Specials", "position", 9))
                .body().path("id").asText();
        var added = manager.post("/api/v1/menu/items", Map.of("categoryId", category, "name", "Lobster roll",
                "priceCents", 2400, "station", "Cold ", "allergens", List.of("crustaceans"),
                "modifiers", List.of(Map.of("name", "Extra lobster", "priceCents", 900))));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.text("station")).isEqualTo("cold");
        assertThat(added.body().path("available").asBoolean()).isTrue();
        String id = added.text("id");
        String modifierId = added.body().path("modifiers").get(0).path("id").asText();

        var revised = manager.put("/api/v1/menu/items/" + id, Map.of("categoryId", category, "name", "Lobster roll",
                "priceCents", 2600, "station", "cold",
                "modifiers", List.of(Map.of("name", "Extra lobster", "priceCents", 1000))));
        assertThat(revised.status()).isEqualTo(200);
        assertThat(revised.body().path("priceCents").asLong()).isEqualTo(2600);
        assertThat(revised.body().path("modifiers").get(0).path("id").asText()).isEqualTo(modifierId);
        assertThat(itemsOf(category)).extracting(i -> i.path("priceCents").asLong()).containsExactly(2600L);

        assertThat(manager.delete("/api/v1/menu/items/" + id).status()).isEqualTo(204);
        assertThat(itemsOf(category)).isEmpty();
        assertThat(manager.put("/api/v1/menu/items/" + id, Map.of("categoryId", category, "name", "Lobster roll",
                "priceCents", 2600, "station", "cold")).status()).isEqualTo(409);

        TopicReader.readUntil(catalogTopic(), records -> records.stream().filter(r -> r.key().equals(id))
                .map(r -> simpleName(r.type())).toList()
                .equals(List.of("MenuItemAdded", "MenuItemRevised", "MenuItemRetired")), PATIENCE);
    }

    @Test
    void theKitchen86sAnItemWithAReason_theMenuShowsItUnavailable_andBringsItBack() {
        String calamari = DEMO.item("Crispy calamari").id().toString();
        var off = cook.post("/api/v1/menu/items/" + calamari + "/availability",
                Map.of("available", false, "reason", "out of squid"));
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.body().path("available").asBoolean()).isFalse();
        assertThat(menuItem(calamari).path("available").asBoolean()).isFalse();
        assertThat(menuItem(calamari).path("unavailableReason").asText()).isEqualTo("out of squid");

        assertThat(manager.post("/api/v1/menu/items/" + calamari + "/availability", Map.of("available", true))
                .body().path("available").asBoolean()).isTrue();
        TopicReader.readUntil(catalogTopic(), records -> records.stream()
                .filter(r -> r.key().equals(calamari) && r.type().endsWith(".MenuItemAvailabilityChanged"))
                .count() == 2, PATIENCE);
    }

    @Test
    void aManagerAddsATable_aSecondTableWithTheSameNumberIsAConflict_andEachTableHasAQrCodeThatOpensIt()
            throws Exception {
        var table = manager.post("/api/v1/tables", Map.of("number", 42, "seats", 6, "zone", "terrace"));
        assertThat(table.status()).isEqualTo(201);
        assertThat(table.text("status")).isEqualTo("FREE");
        String id = table.text("id");
        long events = storedEvents();
        var twin = manager.post("/api/v1/tables", Map.of("number", 42, "seats", 2));
        assertThat(twin.status()).isEqualTo(409);
        assertThat(twin.contentType()).startsWith("application/problem+json");
        assertThat(storedEvents()).isEqualTo(events);

        HttpResponse<byte[]> qr = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/tables/" + id + "/qr"))
                .header("Authorization", "Bearer " + io.brigade.platform.test.TestTokens.accessToken("w", "STAFF"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(qr.statusCode()).isEqualTo(200);
        assertThat(qr.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(decodeQr(qr.body())).isEqualTo("http://localhost:8080/tables/" + id);
    }

    @Test
    void aManagerChangesTheSettings_whichArePublishedOnTheCatalogTopic() {
        var changed = manager.put("/api/v1/settings", Map.of("currency", "GBP", "taxRatePercent", 20,
                "serviceChargePercent", 12.5));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(waiter.get("/api/v1/settings").body().toString())
                .isEqualTo("{\"currency\":\"GBP\",\"taxRatePercent\":20,\"serviceChargePercent\":12.5,"
                        + "\"timeZone\":\"Europe/Paris\"}");
        TopicReader.readUntil(catalogTopic(), records -> records.stream()
                .anyMatch(r -> r.type().endsWith(".RestaurantSettingsChanged") && r.json().contains("GBP")), PATIENCE);
        manager.put("/api/v1/settings", Map.of("currency", "EUR", "taxRatePercent", 10, "serviceChargePercent", 0));
    }

    @Test
    void aManagerMovesTheRestaurantToAnotherTimeZone_whichIsPublished_andAnUnknownZoneIsRefused() {
        var moved = manager.put("/api/v1/settings", Map.of("currency", "EUR", "taxRatePercent", 10,
                "serviceChargePercent", 0, "timeZone", "America/New_York"));
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        assertThat(moved.body().path("timeZone").asText()).isEqualTo("America/New_York");
        TopicReader.readUntil(catalogTopic(), records -> records.stream()
                .anyMatch(r -> r.type().endsWith(".RestaurantSettingsChanged")
                        && r.json().contains("\"timeZone\":\"America/New_York\"")), PATIENCE);

        var kept = manager.put("/api/v1/settings", Map.of("currency", "EUR", "taxRatePercent", 10,
                "serviceChargePercent", 0));
        assertThat(kept.body().path("timeZone").asText()).isEqualTo("America/New_York");

        var unknown = manager.put("/api/v1/settings", Map.of("currency", "EUR", "taxRatePercent", 10,
                "serviceChargePercent", 0, "timeZone", "Mars/Olympus_Mons"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).contains("application/problem+json");
        assertThat(unknown.body().path("errors").get(0).path("field").asText()).isEqualTo("timeZone");
        assertThat(waiter.get("/api/v1/settings").body().path("timeZone").asText()).isEqualTo("America/New_York");
        manager.put("/api/v1/settings", Map.of("currency", "EUR", "taxRatePercent", 10, "serviceChargePercent", 0,
                "timeZone", "Europe/Paris"));
    }

    @Test
    void aSettingsEventPublishedBeforeTheTimeZoneExistedReadsAsTheDefaultZone() throws Exception {
        var old = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                "{\"currency\":\"EUR\",\"taxRatePercent\":10,\"serviceChargePercent\":0}",
                io.brigade.contracts.catalog.RestaurantSettingsChanged.class);
        assertThat(old.timeZone()).isEqualTo("Europe/Paris");
    }

    private List<JsonNode> itemsOf(String categoryId) {
        JsonNode categories = waiter.get("/api/v1/menu").body().path("categories");
        return StreamSupport.stream(categories.spliterator(), false)
                .filter(c -> c.path("id").asText().equals(categoryId))
                .flatMap(c -> StreamSupport.stream(c.path("items").spliterator(), false)).toList();
    }

    private JsonNode menuItem(String id) {
        JsonNode categories = waiter.get("/api/v1/menu").body().path("categories");
        return StreamSupport.stream(categories.spliterator(), false)
                .flatMap(c -> StreamSupport.stream(c.path("items").spliterator(), false))
                .filter(i -> i.path("id").asText().equals(id)).findFirst().orElseThrow();
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static String decodeQr(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
    }
}

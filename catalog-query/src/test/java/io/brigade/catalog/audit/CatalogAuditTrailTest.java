package io.brigade.catalog.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.catalog.CatalogTestBase;
import io.brigade.platform.test.ApiClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog's menu, tables and settings keep the same audit trail as the command services. */
class CatalogAuditTrailTest extends CatalogTestBase {

    @Test
    @DisplayName("Menu items, tables and settings are chained; an 86 shows who did it; the whole store verifies")
    void menuTablesAndSettingsAreChained() {
        ApiClient auditor = anonymous.as("auditor", "AUDITOR");
        String calamari = DEMO.item("Crispy calamari").id().toString();
        assertThat(cook.post("/api/v1/menu/items/" + calamari + "/availability",
                Map.of("available", false, "reason", "out of squid")).status()).isEqualTo(200);
        assertThat(manager.put("/api/v1/settings", Map.of("currency", "EUR", "taxRatePercent", 10,
                "serviceChargePercent", 12.5)).status()).isEqualTo(200);
        String table = manager.post("/api/v1/tables", Map.of("number", 77, "seats", 2)).text("id");

        JsonNode events = auditor.get("/api/v1/audit/catalog/" + calamari + "/events").body();
        JsonNode eightySixed = events.get(events.size() - 1);
        assertThat(eightySixed.path("type").asText()).endsWith(".MenuItemAvailabilityChanged");
        assertThat(eightySixed.path("metadata").path("username").asText()).isEqualTo("cook");
        assertThat(eightySixed.path("metadata").path("role").asText()).isEqualTo("KITCHEN");
        assertThat(eightySixed.path("previousHash").asText())
                .isEqualTo(events.get(events.size() - 2).path("hash").asText());

        List<Map<String, Object>> aggregates = jdbc.queryForList(
                "select aggregate_identifier, min(type) as type from domain_event_entry group by aggregate_identifier");
        assertThat(aggregates.stream().map(a -> a.get("type")).distinct()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(aggregates.stream().map(a -> a.get("aggregate_identifier"))).contains(calamari, table);
        for (Map<String, Object> aggregate : aggregates) {
            JsonNode verdict = auditor.get("/api/v1/audit/catalog/" + aggregate.get("aggregate_identifier")
                    + "/verify").body();
            assertThat(verdict.path("valid").asBoolean()).as(aggregate + " " + verdict).isTrue();
        }

        assertThat(auditor.post("/api/v1/audit/catalog/checkpoints", Map.of()).body().path("events").asLong())
                .isEqualTo(storedEvents());
        JsonNode store = auditor.get("/api/v1/audit/catalog/verify").body();
        assertThat(store.path("valid").asBoolean()).as(store.toString()).isTrue();
        assertThat(store.path("events").asLong()).isEqualTo(storedEvents());
        assertThat(manager.get("/api/v1/audit/catalog/verify").status()).isEqualTo(403);
    }
}

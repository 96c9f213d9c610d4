package io.brigade.platform.test.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.platform.test.ApiClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The restaurant as hostile requests find it, and what they aim at: staff signed in, an order cooking (one line sent
 * to the grill, one not sent yet), another order with its bill open, a free table, a waiter's account, a grill item
 * and a menu category. Every hostile request is a request to one of these with one thing broken.
 */
public record HostileTargets(String admin, String waiter, String manager, String cook, String auditor, UUID orderId,
                             UUID sentLineId, UUID unsentLineId, String ticketId, UUID billId, UUID billedOrderId,
                             UUID freeTable, UUID waiterId, UUID grillItemId, UUID categoryId) {

    /** Access tokens of one member of staff per role. */
    public record Staff(String admin, String waiter, String manager, String cook, String auditor) {
    }

    /**
     * Opens the two orders through {@code gateway}: one cooking at {@code cookingTable}, one billed at
     * {@code billedTable}; {@code grillItemId} must be an available item cooked at the grill.
     */
    public static HostileTargets open(ApiClient gateway, Staff staff, UUID cookingTable, UUID billedTable,
                                      UUID freeTable, UUID waiterId, UUID grillItemId, UUID categoryId) {
        ApiClient waiter = gateway.withBearer(staff.waiter());
        ApiClient cook = gateway.withBearer(staff.cook());
        Map<String, Object> burger = Map.of("menuItemId", grillItemId.toString(), "quantity", 1);

        UUID cooking = UUID.fromString(accepted(waiter.post("/api/v1/orders", Map.of("tableId",
                cookingTable.toString(), "guests", 2))).text("orderId"));
        UUID sentLine = UUID.fromString(accepted(waiter.post("/api/v1/orders/" + cooking + "/lines", burger))
                .text("lineId"));
        accepted(waiter.post("/api/v1/orders/" + cooking + "/send", Map.of()));
        UUID unsentLine = UUID.fromString(accepted(waiter.post("/api/v1/orders/" + cooking + "/lines", burger))
                .text("lineId"));
        String ticketId = within(Duration.ofSeconds(60), () -> ticketOf(
                cook.get("/api/v1/kitchen/board?station=grill").body(), cooking.toString()));

        UUID billed = UUID.fromString(accepted(waiter.post("/api/v1/orders", Map.of("tableId",
                billedTable.toString(), "guests", 2))).text("orderId"));
        accepted(waiter.post("/api/v1/orders/" + billed + "/lines", burger));
        accepted(waiter.post("/api/v1/orders/" + billed + "/send", Map.of()));
        accepted(waiter.post("/api/v1/orders/" + billed + "/bill", null));
        String billId = within(Duration.ofSeconds(60), () -> {
            String id = waiter.get("/api/v1/bills?orderId=" + billed).body().path(0).path("billId").asText();
            return id.isEmpty() ? null : id;
        });
        return new HostileTargets(staff.admin(), staff.waiter(), staff.manager(), staff.cook(), staff.auditor(),
                cooking, sentLine, unsentLine, ticketId, UUID.fromString(billId), billed, freeTable, waiterId,
                grillItemId, categoryId);
    }

    /** The same targets with fresh tokens, for runs longer than an access token lives. */
    public HostileTargets signedInAgain(Staff staff) {
        return new HostileTargets(staff.admin(), staff.waiter(), staff.manager(), staff.cook(), staff.auditor(),
                orderId, sentLineId, unsentLineId, ticketId, billId, billedOrderId, freeTable, waiterId, grillItemId,
                categoryId);
    }

    private static ApiClient.Response accepted(ApiClient.Response response) {
        if (response.status() / 100 != 2) {
            throw new IllegalStateException("Setting the restaurant up failed: " + response.status() + " "
                    + response.raw());
        }
        return response;
    }

    private static String ticketOf(JsonNode board, String orderId) {
        for (JsonNode ticket : board) {
            if (ticket.path("orderId").asText().equals(orderId)) {
                return ticket.path("ticketId").asText();
            }
        }
        return null;
    }

    private static <T> T within(Duration patience, Supplier<T> read) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            T value = read.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The restaurant was not set up within " + patience.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

package io.brigade.catalog.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.billing.BillingServiceApplication;
import io.brigade.catalog.RestaurantStage;
import io.brigade.catalog.query.BillViewProjection;
import io.brigade.catalog.query.KitchenBoardProjection;
import io.brigade.catalog.query.OrderViewProjection;
import io.brigade.contracts.Topics;
import io.brigade.contracts.auth.UserDeactivated;
import io.brigade.contracts.auth.UserId;
import io.brigade.gateway.GatewayApplication;
import io.brigade.platform.kafka.KafkaEventWriter;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.KeySetServer;
import io.brigade.platform.test.RunningService;
import io.brigade.platform.test.StompClient;
import io.brigade.platform.test.TamperedTokens;
import io.brigade.platform.test.TestInfrastructure;
import io.brigade.platform.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.brigade.catalog.RestaurantStage.DEMO;
import static io.brigade.platform.test.StompClient.awaitMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole path a phone and a kitchen screen use: HTTP commands and STOMP subscriptions through the gateway, the
 * order, kitchen and billing services behind it, and the catalog's live views pushing each change to whoever watches it.
 */
class LiveUpdatesThroughTheGatewayTest {

    private static final Duration PUSH = Duration.ofSeconds(20);

    private static RestaurantStage restaurant;
    private static KeySetServer authKeys;
    private static RunningService billing;
    private static RunningService gateway;

    @BeforeAll
    static void openTheRestaurantBehindTheGateway() throws Exception {
        restaurant = new RestaurantStage();
        billing = restaurant.stage().start(BillingServiceApplication.class, "billing");
        authKeys = KeySetServer.start();
        gateway = restaurant.stage().start(GatewayApplication.class, "gateway",
                "brigade.gateway.services.auth=" + authKeys.url(),
                "brigade.gateway.services.order=http://localhost:" + restaurant.orders.port(),
                "brigade.gateway.services.kitchen=http://localhost:" + restaurant.kitchen.port(),
                "brigade.gateway.services.billing=http://localhost:" + billing.port(),
                "brigade.gateway.services.catalog=http://localhost:" + restaurant.catalog.port());
    }

    @AfterAll
    static void close() {
        gateway.close();
        authKeys.close();
        billing.close();
        restaurant.close();
    }

    private static String ws() {
        return "ws://localhost:" + gateway.port() + "/ws";
    }

    private static ApiClient api(String username, String role) {
        return ApiClient.at("http://localhost:" + gateway.port()).as(username, role);
    }

    @Test
    void theGrillSeesANewTicketAndItsCooking_theWaiterSeesTheLineReady() throws Exception {
        ApiClient waiter = api("waiter", "STAFF");
        ApiClient cook = api("cook", "KITCHEN");
        try (StompClient kitchenScreen = StompClient.connect(ws(), TestTokens.accessToken("cook", "KITCHEN"));
             StompClient waiterPhone = StompClient.connect(ws(), TestTokens.accessToken("waiter", "STAFF"))) {
            List<StompClient.Received> grill = kitchenScreen.subscribe("/topic/kitchen.grill");

            var opened = waiter.post("/api/v1/orders", Map.of("tableId", DEMO.table(2).id().toString(),
                    "guests", 2));
            assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
            String orderId = opened.text("orderId");
            assertThat(waiter.post("/api/v1/orders/" + orderId + "/lines", Map.of("menuItemId",
                    DEMO.item("Brigade burger").id().toString(), "quantity", 1)).status()).isEqualTo(201);
            List<StompClient.Received> order = waiterPhone.subscribe("/topic/orders." + orderId);
            StompClient.Received current = awaitMessage(order, m -> m.type().equals("order:update")
                    && m.data().path("lines").size() == 1, PUSH);

            assertThat(waiter.post("/api/v1/orders/" + orderId + "/send", Map.of()).status()).isEqualTo(200);
            StompClient.Received ticket = awaitMessage(grill, m -> m.type().equals("order:new")
                    && m.data().path("orderId").asText().equals(orderId), PUSH);
            assertThat(ticket.data().path("station").asText()).isEqualTo("grill");
            assertThat(ticket.body().path("version").asLong()).isZero();
            String ticketId = ticket.data().path("ticketId").asText();
            String lineId = ticket.data().path("items").get(0).path("lineId").asText();

            String item = "/api/v1/kitchen/tickets/" + ticketId + "/items/" + lineId;
            assertThat(cook.post(item + "/start", null).status()).isEqualTo(204);
            StompClient.Received cooking = awaitMessage(grill, m -> m.type().equals("ticket:update")
                    && m.data().path("ticketId").asText().equals(ticketId), PUSH);
            assertThat(cooking.data().path("items").get(0).path("status").asText()).isEqualTo("COOKING");
            assertThat(cooking.body().path("version").asLong()).isGreaterThan(0);

            assertThat(cook.post(item + "/ready", null).status()).isEqualTo(204);
            assertThat(cook.post("/api/v1/kitchen/tickets/" + ticketId + "/bump", null).status()).isEqualTo(204);
            awaitMessage(grill, m -> m.type().equals("ticket:done")
                    && m.data().path("ticketId").asText().equals(ticketId), PUSH);
            StompClient.Received ready = awaitMessage(order, m -> m.type().equals("order:update")
                    && m.data().path("lines").path(0).path("state").asText().equals("READY"), PUSH);
            assertThat(ready.body().path("version").asLong()).isGreaterThan(current.body().path("version").asLong());
            List<Long> versions = order.stream().map(m -> m.body().path("version").asLong()).toList();
            assertThat(versions).isSorted();
        }
    }

    @Test
    void theWaiterSeesTheBillIssuedAndThenPaid_andAManagerWhoWatchesLaterGetsTheOpenBillFirst() throws Exception {
        ApiClient waiter = api("waiter", "STAFF");
        try (StompClient waiterPhone = StompClient.connect(ws(), TestTokens.accessToken("waiter", "STAFF"))) {
            List<StompClient.Received> bills = waiterPhone.subscribe("/topic/bills");
            var opened = waiter.post("/api/v1/orders", Map.of("tableId", DEMO.table(8).id().toString(),
                    "guests", 2));
            assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
            String orderId = opened.text("orderId");
            assertThat(waiter.post("/api/v1/orders/" + orderId + "/lines", Map.of("menuItemId",
                    DEMO.item("Brigade burger").id().toString(), "quantity", 2)).status()).isEqualTo(201);
            assertThat(waiter.post("/api/v1/orders/" + orderId + "/send", Map.of()).status()).isEqualTo(200);
            assertThat(waiter.post("/api/v1/orders/" + orderId + "/bill", null).status()).isEqualTo(202);

            StompClient.Received issued = awaitMessage(bills, m -> m.type().equals("bill:update")
                    && m.data().path("orderId").asText().equals(orderId), PUSH);
            String billId = issued.data().path("billId").asText();
            long total = 2 * DEMO.item("Brigade burger").priceCents();
            assertThat(issued.data().path("totalCents").asLong()).isEqualTo(total);
            assertThat(issued.data().path("balanceCents").asLong()).isEqualTo(total);
            assertThat(issued.data().path("tableNumber").asInt()).isEqualTo(8);

            try (StompClient managerScreen = StompClient.connect(ws(),
                    TestTokens.accessToken("manager", "MANAGER"))) {
                List<StompClient.Received> openBills = managerScreen.subscribe("/topic/bills");
                StompClient.Received current = awaitMessage(openBills, m -> m.data().path("billId").asText()
                        .equals(billId), PUSH);
                assertThat(current.type()).isEqualTo("bill:update");
                assertThat(current.data().path("status").asText()).isEqualTo("OPEN");
            }

            var payment = waiter.post("/api/v1/billing/bills/" + billId + "/payments", Map.of("method", "CARD",
                    "amountCents", total, "tipCents", 300));
            assertThat(payment.status()).as(payment.raw()).isEqualTo(201);
            StompClient.Received paid = awaitMessage(bills, m -> m.type().equals("bill:paid")
                    && m.data().path("billId").asText().equals(billId), PUSH);
            assertThat(paid.data().path("status").asText()).isEqualTo("PAID");
            assertThat(paid.data().path("paidCents").asLong()).isEqualTo(total);
            assertThat(paid.data().path("tipsCents").asLong()).isEqualTo(300);
            assertThat(paid.data().path("balanceCents").asLong()).isZero();
            assertThat(paid.body().path("version").asLong()).isGreaterThan(issued.body().path("version").asLong());
            assertThat(paid.body().path("version").asLong()).isEqualTo(paid.data().path("version").asLong());
            assertThat(api("manager", "MANAGER").get("/api/v1/bills/" + billId).body().path("status").asText())
                    .isEqualTo("PAID");
        }
    }

    @Test
    void aReplayFromOffsetZeroRebuildsEveryView_pushesNoneOfThatHistory_andLiveChangesFlowAgainAfter()
            throws Exception {
        ApiClient waiter = api("waiter", "STAFF");
        ApiClient cook = api("cook", "KITCHEN");
        String cooking = openAndSend(waiter, 6, "Brigade burger");
        JsonNode ticket = restaurant.awaitView("/api/v1/kitchen/board?station=grill", "KITCHEN", board ->
                RestaurantStage.elements(board).stream().anyMatch(t -> t.path("orderId").asText().equals(cooking)));
        JsonNode grillTicket = RestaurantStage.elements(ticket).stream()
                .filter(t -> t.path("orderId").asText().equals(cooking)).findFirst().orElseThrow();
        String item = "/api/v1/kitchen/tickets/" + grillTicket.path("ticketId").asText() + "/items/"
                + grillTicket.path("items").get(0).path("lineId").asText();
        assertThat(cook.post(item + "/start", null).status()).isEqualTo(204);
        String paid = openAndSend(waiter, 9, "House lemonade");
        assertThat(waiter.post("/api/v1/orders/" + paid + "/bill", null).status()).isEqualTo(202);
        JsonNode bill = restaurant.awaitView("/api/v1/bills?orderId=" + paid, "MANAGER",
                bills -> bills.size() == 1).get(0);
        assertThat(waiter.post("/api/v1/billing/bills/" + bill.path("billId").asText() + "/payments",
                Map.of("method", "CASH", "amountCents", bill.path("totalCents").asLong())).status()).isEqualTo(201);
        restaurant.awaitView("/api/v1/orders/" + paid, "STAFF", order -> order.path("status").asText()
                .equals("CLOSED"));

        try (StompClient manager = StompClient.connect(ws(), TestTokens.accessToken("manager", "MANAGER"));
             StompClient kitchenScreen = StompClient.connect(ws(), TestTokens.accessToken("cook", "KITCHEN"))) {
            List<StompClient.Received> floor = manager.subscribe("/topic/floor");
            List<StompClient.Received> bills = manager.subscribe("/topic/bills");
            List<StompClient.Received> order = manager.subscribe("/topic/orders." + cooking);
            List<StompClient.Received> grill = kitchenScreen.subscribe("/topic/kitchen.grill");
            String before = restaurant.settledViews();
            awaitMessage(order, m -> m.type().equals("order:update"), PUSH);
            awaitMessage(grill, m -> m.data().path("orderId").asText().equals(cooking), PUSH);
            await().atMost(PUSH).until(() -> floor.size() == tablesOnTheFloor());
            int[] pushedBefore = {floor.size(), bills.size(), order.size(), grill.size()};

            restaurant.replayFromOffsetZero(OrderViewProjection.GROUP, KitchenBoardProjection.GROUP,
                    BillViewProjection.GROUP);

            await().atMost(RestaurantStage.PATIENCE).until(() -> restaurant.everyViewRow().equals(before));
            Thread.sleep(1000);
            assertThat(pushedSince(floor, pushedBefore[0])).as("pushed to the floor during the replay").isEmpty();
            assertThat(pushedSince(bills, pushedBefore[1])).as("pushed to the bills during the replay").isEmpty();
            assertThat(pushedSince(order, pushedBefore[2])).as("pushed to the order during the replay").isEmpty();
            assertThat(pushedSince(grill, pushedBefore[3])).as("pushed to the grill during the replay").isEmpty();

            assertThat(cook.post(item + "/ready", null).status()).isEqualTo(204);
            StompClient.Received ready = awaitMessage(order, m -> m.data().path("lines").path(0).path("state")
                    .asText().equals("READY"), PUSH);
            assertThat(ready.body().path("version").asLong())
                    .isGreaterThan(order.get(pushedBefore[2] - 1).body().path("version").asLong());
            awaitMessage(grill, m -> m.type().equals("ticket:update") && m.data().path("items").path(0)
                    .path("status").asText().equals("READY"), PUSH);
            awaitMessage(floor, m -> m.data().path("table").path("number").asInt() == 6, PUSH);
            assertThat(floor).hasSizeGreaterThan(pushedBefore[0]);
            assertThat(bills).hasSize(pushedBefore[1]);
        }
    }

    /** Every table of the floor, those a test added included: the first message of each is the floor's state. */
    private static int tablesOnTheFloor() {
        return api("manager", "MANAGER").get("/api/v1/tables").body().size();
    }

    private static List<String> pushedSince(List<StompClient.Received> received, int count) {
        return received.subList(count, received.size()).stream()
                .map(m -> m.type() + " v" + m.body().path("version").asLong()).toList();
    }

    private static String openAndSend(ApiClient waiter, int table, String item) {
        var opened = waiter.post("/api/v1/orders", Map.of("tableId", DEMO.table(table).id().toString(), "guests", 2));
        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        String orderId = opened.text("orderId");
        assertThat(waiter.post("/api/v1/orders/" + orderId + "/lines", Map.of("menuItemId",
                DEMO.item(item).id().toString(), "quantity", 1)).status()).isEqualTo(201);
        assertThat(waiter.post("/api/v1/orders/" + orderId + "/send", Map.of()).status()).isEqualTo(200);
        return orderId;
    }

    @Test
    void whenTheAuthServiceEndsAUsersSessions_theirWebsocketIsClosed_andAColleagueStaysConnected() throws Exception {
        String leaver = "leaver-" + UUID.randomUUID();
        String leaversToken = TestTokens.accessToken(leaver, "STAFF");
        try (StompClient leaving = StompClient.connect(ws(), leaversToken);
             StompClient staying = StompClient.connect(ws(), TestTokens.accessToken("waiter", "STAFF"));
             KafkaEventWriter authService = new KafkaEventWriter(TestInfrastructure.get().kafkaBootstrapServers())) {
            List<StompClient.Received> leavingFloor = leaving.subscribe("/topic/floor");
            List<StompClient.Received> stayingFloor = staying.subscribe("/topic/floor");
            await().atMost(PUSH).until(() -> !leavingFloor.isEmpty() && !stayingFloor.isEmpty());

            UserId user = new UserId(UUID.fromString(TestTokens.userId(leaver)));
            authService.write(restaurant.stage().topic(Topics.AUTH_EVENTS), "User", user.value().toString(), 1,
                    new UserDeactivated(user, leaver), Map.of());

            await().atMost(PUSH).until(() -> !leaving.isConnected());
            assertThat(staying.isConnected()).isTrue();
            assertThat(StompClient.refusedConnect(ws(), leaversToken)).isNotBlank();
            assertThat(ApiClient.at("http://localhost:" + gateway.port()).withBearer(leaversToken).get("/api/v1/floor")
                    .status()).isEqualTo(401);
        }
    }

    @Test
    void aTableTheManagerAddsAppearsOnTheFloorOfEveryoneWatchingIt() throws Exception {
        try (StompClient waiterPhone = StompClient.connect(ws(), TestTokens.accessToken("waiter", "STAFF"))) {
            List<StompClient.Received> floor = waiterPhone.subscribe("/topic/floor");
            await().atMost(PUSH).until(() -> floor.size() >= DEMO.tables().size());

            var added = api("manager", "MANAGER").post("/api/v1/tables",
                    Map.of("number", 40, "seats", 6, "zone", "garden"));
            assertThat(added.status()).as(added.raw()).isEqualTo(201);

            StompClient.Received row = awaitMessage(floor, m -> m.type().equals("table:update")
                    && m.data().path("table").path("number").asInt() == 40, PUSH);
            assertThat(row.data().path("table").path("id").asText()).isEqualTo(added.text("id"));
            assertThat(row.data().path("table").path("status").asText()).isEqualTo("FREE");
            assertThat(row.data().path("table").path("seats").asInt()).isEqualTo(6);
        }
    }

    @Test
    void aClientCannotSendToALiveView_noWatcherGetsWhatItSent() throws Exception {
        try (StompClient manager = StompClient.connect(ws(), TestTokens.accessToken("manager", "MANAGER"));
             StompClient forger = StompClient.connect(ws(), TestTokens.accessToken("waiter", "STAFF"))) {
            List<StompClient.Received> floor = manager.subscribe("/topic/floor");
            await().atMost(PUSH).until(() -> floor.size() == tablesOnTheFloor());

            forger.send("/topic/floor", "{\"type\":\"table:update\",\"version\":999999,\"data\":{}}");

            await().atMost(PUSH).until(() -> !forger.isConnected());
            assertThat(forger.errors()).anySatisfy(error -> assertThat(error).contains("nothing is sent"));
            Thread.sleep(1000);
            assertThat(floor).noneMatch(m -> m.body().path("version").asLong() == 999999);
            assertThat(manager.isConnected()).isTrue();
        }
    }

    @Test
    void aConnectWithoutATokenOrWithAForgedOneIsRefused() {
        assertThat(StompClient.refusedConnect(ws(), null)).isNotBlank();
        TamperedTokens.forTestKey("cook", "KITCHEN").forEach((fault, token) ->
                assertThat(StompClient.refusedConnect(ws(), token)).as(fault).isNotBlank());
    }

    @Test
    void aCookMayNotWatchTheBillsNorTheFloor_andAWaiterMayNotWatchTheKitchen() throws Exception {
        assertRefused("cook", "KITCHEN", "/topic/bills");
        assertRefused("cook", "KITCHEN", "/topic/floor");
        assertRefused("waiter", "STAFF", "/topic/kitchen.grill");
        assertRefused("auditor", "AUDITOR", "/topic/orders." + java.util.UUID.randomUUID());
        assertRefused("waiter", "STAFF", "/topic/everything");
    }

    @Test
    void theFloorSendsEveryTableFirst() throws Exception {
        try (StompClient manager = StompClient.connect(ws(), TestTokens.accessToken("manager", "MANAGER"))) {
            List<StompClient.Received> floor = manager.subscribe("/topic/floor");
            await().atMost(PUSH).until(() -> floor.size() >= DEMO.tables().size());
            assertThat(floor).allMatch(m -> m.type().equals("table:update"));
            JsonNode first = floor.get(0).data();
            assertThat(first.path("table").path("number").asInt()).isEqualTo(1);
        }
    }

    private static void assertRefused(String username, String role, String destination) throws Exception {
        try (StompClient client = StompClient.connect(ws(), TestTokens.accessToken(username, role))) {
            client.subscribe(destination);
            await().atMost(Duration.ofSeconds(10)).until(() -> !client.errors().isEmpty());
            assertThat(client.errors().get(0)).as(destination).isNotBlank();
            await().atMost(Duration.ofSeconds(10)).until(() -> !client.isConnected());
        }
    }
}

package io.brigade.kitchen.web;

import io.brigade.contracts.Topics;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.kitchen.TicketId;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderId;
import io.brigade.contracts.order.OrderLinesSent;
import io.brigade.contracts.order.SentLine;
import io.brigade.platform.demo.DemoData;
import io.brigade.platform.kafka.BrigadeKafkaProperties;
import io.brigade.platform.kafka.KafkaEventWriter;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.ApiRoles;
import io.brigade.platform.test.ServiceIntegrationTest;
import io.brigade.platform.test.TamperedTokens;
import io.brigade.platform.test.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each role calls each Kitchen endpoint of docs/api.md on a ticket prepared so that the call can succeed: KITCHEN (and
 * ADMIN) get 2xx, every other role 403 with no event written, no token 401, a forged or broken token 401.
 */
@ServiceIntegrationTest
class KitchenEndpointRolesTest {

    private static final DemoData DEMO = DemoData.load();
    private static final KafkaEventWriter ORDER_SERVICE =
            new KafkaEventWriter(TestInfrastructure.get().kafkaBootstrapServers());

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    BrigadeKafkaProperties kafka;

    /** A grill ticket with one item, fresh from the kitchen's consumer, or already bumped. */
    private record Prepared(TicketId ticketId, LineId lineId) {
    }

    private record Case(boolean bumped, BiFunction<ApiClient, Prepared, ApiClient.Response> call) {
    }

    private final Map<String, Case> cases = Map.of(
            "POST /api/v1/kitchen/tickets/{ticketId}/items/{lineId}/start", new Case(false, (client, ticket) ->
                    client.post(itemPath(ticket) + "/start", null)),
            "POST /api/v1/kitchen/tickets/{ticketId}/items/{lineId}/ready", new Case(false, (client, ticket) ->
                    client.post(itemPath(ticket) + "/ready", null)),
            "POST /api/v1/kitchen/tickets/{ticketId}/bump", new Case(false, (client, ticket) ->
                    client.post("/api/v1/kitchen/tickets/" + ticket.ticketId() + "/bump", null)),
            "POST /api/v1/kitchen/tickets/{ticketId}/recall", new Case(true, (client, ticket) ->
                    client.post("/api/v1/kitchen/tickets/" + ticket.ticketId() + "/recall", null)));

    @AfterAll
    static void closeWriter() {
        ORDER_SERVICE.close();
    }

    @TestFactory
    Stream<DynamicTest> everyRoleGetsExactlyWhatApiMdAllowsOnTheKitchenEndpoints() {
        return ApiRoles.under("/api/v1/kitchen").stream().flatMap(endpoint -> ApiRoles.EVERY_ROLE.stream()
                .map(role -> DynamicTest.dynamicTest(role + " " + endpoint, () -> {
                    Case c = cases.get(endpoint.toString());
                    Prepared ticket = prepare(c.bumped());
                    long eventsBefore = eventCount();
                    var response = c.call().apply(api().as("someone-" + role.toLowerCase(), role), ticket);
                    if (endpoint.allows(role)) {
                        assertThat(response.status()).as(response.raw()).isBetween(200, 299);
                    } else {
                        assertThat(response.status()).as(response.raw()).isEqualTo(403);
                        assertThat(eventCount()).isEqualTo(eventsBefore);
                    }
                })));
    }

    @TestFactory
    Stream<DynamicTest> withoutATokenEveryKitchenEndpointIs401() {
        return ApiRoles.under("/api/v1/kitchen").stream().map(endpoint -> DynamicTest.dynamicTest(
                endpoint.toString(), () -> {
                    Case c = cases.get(endpoint.toString());
                    Prepared ticket = prepare(c.bumped());
                    long eventsBefore = eventCount();
                    assertThat(c.call().apply(api().anonymous(), ticket).status()).isEqualTo(401);
                    assertThat(eventCount()).isEqualTo(eventsBefore);
                }));
    }

    @TestFactory
    Stream<DynamicTest> forgedAndBrokenTokensAreRefused() {
        Prepared ticket = prepare(false);
        return TamperedTokens.forTestKey("cook", "KITCHEN").entrySet().stream()
                .map(forged -> DynamicTest.dynamicTest(forged.getKey(), () -> assertThat(api().anonymous()
                        .withBearer(forged.getValue()).post(itemPath(ticket) + "/start", null).status())
                        .isEqualTo(401)));
    }

    private Prepared prepare(boolean bumped) {
        OrderId order = OrderId.random();
        DemoData.Item steak = DEMO.item("Ribeye steak 300g");
        SentLine line = new SentLine(LineId.random(), MenuItemId.of(steak.id()), steak.name(), steak.station(), 1,
                List.of(), 1, 2, null, steak.allergens());
        ORDER_SERVICE.write(kafka.topic(Topics.ORDER_EVENTS), "Order", order.toString(), 1,
                new OrderLinesSent(order, 1, TableId.of(DEMO.table(2).id()), 2, null, List.of(line)),
                Map.of("username", "waiter", "role", "STAFF"));
        TicketId ticket = TicketId.forSend(order, 1, steak.station());
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from order_ticket where ticket_id = ?", Integer.class, ticket.value()) == 1);
        Prepared prepared = new Prepared(ticket, line.lineId());
        if (bumped) {
            assertThat(api().as("cook", "KITCHEN").post("/api/v1/kitchen/tickets/" + ticket + "/bump", null)
                    .status()).isEqualTo(204);
        }
        return prepared;
    }

    private ApiClient api() {
        return ApiClient.at("http://localhost:" + port);
    }

    private static String itemPath(Prepared ticket) {
        return "/api/v1/kitchen/tickets/" + ticket.ticketId() + "/items/" + ticket.lineId();
    }

    private long eventCount() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }
}

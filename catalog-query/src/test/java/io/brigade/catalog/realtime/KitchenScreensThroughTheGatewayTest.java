package io.brigade.catalog.realtime;

import io.brigade.catalog.CatalogServiceApplication;
import io.brigade.contracts.Topics;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.kitchen.TicketCreated;
import io.brigade.contracts.kitchen.TicketId;
import io.brigade.contracts.kitchen.TicketItem;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderId;
import io.brigade.gateway.GatewayApplication;
import io.brigade.platform.kafka.KafkaEventWriter;
import io.brigade.platform.test.KeySetServer;
import io.brigade.platform.test.RunningService;
import io.brigade.platform.test.StompClient;
import io.brigade.platform.test.StompFrames;
import io.brigade.platform.test.TestInfrastructure;
import io.brigade.platform.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.web.socket.config.WebSocketMessageBrokerStats;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many kitchen screens on the websocket through the gateway: every one of them connects, and screens that stop
 * reading are dropped without holding up the ones that do, whether they come through the gateway or straight to the
 * catalog service.
 */
class KitchenScreensThroughTheGatewayTest {

    private static final int SCREENS = 300;
    private static final int STUCK_SCREENS = 6;
    private static final int TICKETS = 1000;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static final RunningService.Stage stage = new RunningService.Stage();
    private static KeySetServer authKeys;
    private static RunningService catalog;
    private static RunningService gateway;
    private static KafkaEventWriter kitchen;

    @BeforeAll
    static void start() {
        catalog = stage.start(CatalogServiceApplication.class, "catalog");
        authKeys = KeySetServer.start();
        gateway = stage.start(GatewayApplication.class, "gateway",
                "brigade.gateway.services.auth=" + authKeys.url(),
                "brigade.gateway.services.catalog=http://localhost:" + catalog.port());
        kitchen = new KafkaEventWriter(TestInfrastructure.get().kafkaBootstrapServers());
    }

    @AfterAll
    static void stop() {
        kitchen.close();
        gateway.close();
        authKeys.close();
        catalog.close();
    }

    /** Each screen connects alone, the moment the previous one is in, and must get CONNECTED at once. */
    @Test
    void everyScreenThatConnectsGetsConnected() throws Exception {
        String ws = "ws://localhost:" + gateway.port() + "/ws";
        String token = TestTokens.accessToken("cook", "KITCHEN");
        List<StompClient> screens = new ArrayList<>();
        List<Integer> unanswered = new ArrayList<>();
        try {
            for (int i = 0; i < SCREENS; i++) {
                try {
                    screens.add(StompClient.connect(ws, token, Duration.ofSeconds(5)));
                } catch (TimeoutException e) {
                    unanswered.add(i);
                }
            }
            assertThat(unanswered).as("screens that got no CONNECTED within 5 s").isEmpty();
        } finally {
            screens.forEach(StompClient::close);
        }
    }

    /**
     * Screens that stop reading (a tablet asleep, a phone that lost the wifi) while the kitchen is busy are dropped
     * once their buffer or send time runs out, and the screen that keeps reading gets every ticket on time all along.
     * There are more stuck screens than the service has threads sending to screens, so a stuck screen that held a
     * thread would show.
     */
    @ParameterizedTest(name = "connected to the {0}, watching the {1}")
    @CsvSource({"gateway, grill", "catalog service, pastry"})
    void screensThatStopReadingAreDropped_andTheOneThatReadsGetsEveryTicketWithoutAStall(String entry, String station)
            throws Exception {
        int port = entry.equals("gateway") ? gateway.port() : catalog.port();
        String ws = "ws://localhost:" + port + "/ws";
        String token = TestTokens.accessToken("cook", "KITCHEN");
        List<StuckScreen> stuck = new ArrayList<>();
        for (int i = 0; i < STUCK_SCREENS; i++) {
            stuck.add(StuckScreen.connect(ws, token, "/topic/kitchen." + station));
        }
        LiveSubscriptions subscriptions = catalog.bean(LiveSubscriptions.class);
        await().atMost(PATIENCE).until(() -> subscriptions.open() == STUCK_SCREENS);

        try (StompClient reading = StompClient.connect(ws, token)) {
            List<StompClient.Received> board = reading.subscribe("/topic/kitchen." + station);
            await().atMost(PATIENCE).until(() -> subscriptions.open() == STUCK_SCREENS + 1);

            List<String> tickets = IntStream.range(0, TICKETS).mapToObj(i -> busyTicket(station)).toList();
            await().atMost(PATIENCE).until(() -> arrived(board).containsAll(tickets));

            List<Long> arrivals = board.stream().filter(m -> m.type().equals("order:new"))
                    .map(StompClient.Received::receivedNanos).sorted().toList();
            long longestGapMillis = IntStream.range(1, arrivals.size())
                    .mapToLong(i -> TimeUnit.NANOSECONDS.toMillis(arrivals.get(i) - arrivals.get(i - 1)))
                    .max().orElseThrow();
            assertThat(longestGapMillis).as("longest wait between two tickets on the reading screen")
                    .isLessThan(5_000);

            WebSocketMessageBrokerStats stats = catalog.bean(WebSocketMessageBrokerStats.class);
            await().atMost(PATIENCE).until(() -> subscriptions.open() == 1);
            await().atMost(PATIENCE).until(() -> stats.getWebSocketSessionStats().getWebSocketSessions() == 1);
            assertThat(reading.isConnected()).isTrue();

            String afterwards = busyTicket(station);
            await().atMost(PATIENCE).until(() -> arrived(board).contains(afterwards));
        } finally {
            stuck.forEach(StuckScreen::abort);
        }
    }

    private static Set<String> arrived(List<StompClient.Received> board) {
        return board.stream().filter(m -> m.type().equals("order:new"))
                .map(m -> m.data().path("ticketId").asText()).collect(Collectors.toSet());
    }

    /** A ticket of ten dishes, each with a long note: a few kilobytes on every screen. */
    private static String busyTicket(String station) {
        OrderId order = OrderId.of(UUID.randomUUID().toString());
        TicketId ticket = TicketId.forSend(order, 1, station);
        List<TicketItem> items = IntStream.range(0, 10).mapToObj(i -> new TicketItem(
                LineId.of(UUID.randomUUID().toString()), MenuItemId.of(UUID.randomUUID()), "Ribeye steak 300g", 1,
                List.of("medium rare", "pepper sauce"), i + 1, 1, "no butter on the steak, sauce on the side, ".repeat(8),
                List.of("milk"))).toList();
        kitchen.write(stage.topic(Topics.KITCHEN_EVENTS), "KitchenTicket", ticket.toString(), 0,
                new TicketCreated(ticket, order, 1, 12, station, items), Map.of());
        return ticket.toString();
    }

    /**
     * A screen that connects, subscribes, and then reads nothing more: the JDK client takes a frame from the socket
     * only when asked for one, and after CONNECTED it is never asked again.
     */
    private static final class StuckScreen implements WebSocket.Listener {

        private final CompletableFuture<String> connected = new CompletableFuture<>();
        private WebSocket socket;

        static StuckScreen connect(String url, String token, String destination) throws Exception {
            StuckScreen screen = new StuckScreen();
            screen.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(url), screen).get(30, TimeUnit.SECONDS);
            screen.socket.sendText(StompFrames.connect(token), true).get(30, TimeUnit.SECONDS);
            assertThat(screen.connected.get(30, TimeUnit.SECONDS)).startsWith("CONNECTED");
            screen.socket.sendText(StompFrames.subscribe("0", destination), true)
                    .get(30, TimeUnit.SECONDS);
            return screen;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            connected.complete(data.toString());
            return null;
        }

        void abort() {
            socket.abort();
        }
    }
}

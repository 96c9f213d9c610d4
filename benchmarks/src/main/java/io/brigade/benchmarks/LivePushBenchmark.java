package io.brigade.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brigade.catalog.CatalogServiceApplication;
import io.brigade.contracts.kitchen.TicketId;
import io.brigade.contracts.order.OrderId;
import io.brigade.gateway.GatewayApplication;
import io.brigade.kitchen.KitchenServiceApplication;
import io.brigade.order.OrderServiceApplication;
import io.brigade.platform.demo.DemoData;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.KeySetServer;
import io.brigade.platform.test.TestTokens;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The whole path of a kitchen screen's update: a waiter's {@code POST /orders/{id}/send} through the gateway to the
 * {@code order:new} message on {@code /topic/kitchen.grill} (order service, Kafka, kitchen service, Kafka,
 * catalog-query's board, STOMP through the gateway), for one screen and for many screens at once.
 * {@code -Dbench.screens-direct=true} connects the screens to catalog-query's {@code /ws} instead, to see the gateway's
 * share.
 */
final class LivePushBenchmark implements AutoCloseable {

    private static final DemoData DEMO = DemoData.load();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GRILL_ITEM = "Brigade burger";

    private final BenchmarkStage stage = new BenchmarkStage();
    private final KeySetServer keys;
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private final String gatewayUrl;
    private final String screensUrl;
    private final ApiClient waiter;
    private final ApiClient cook;
    private final List<String> orders = new ArrayList<>();
    private final Map<String, Integer> sends = new ConcurrentHashMap<>();

    LivePushBenchmark() throws Exception {
        keys = KeySetServer.start();
        ConfigurableApplicationContext catalog = start(CatalogServiceApplication.class,
                "brigade.catalog.demo-restaurant=true");
        ConfigurableApplicationContext order = start(OrderServiceApplication.class);
        ConfigurableApplicationContext kitchen = start(KitchenServiceApplication.class);
        ConfigurableApplicationContext gateway = start(GatewayApplication.class,
                "brigade.gateway.services.auth=" + keys.url(),
                "brigade.gateway.services.order=http://localhost:" + port(order),
                "brigade.gateway.services.kitchen=http://localhost:" + port(kitchen),
                "brigade.gateway.services.catalog=http://localhost:" + port(catalog),
                "brigade.gateway.rate-limit.per-user-per-second=1000000",
                "brigade.gateway.rate-limit.per-user-burst=1000000",
                "brigade.gateway.rate-limit.per-address-per-second=1000000",
                "brigade.gateway.rate-limit.per-address-burst=1000000");
        gatewayUrl = "localhost:" + port(gateway);
        screensUrl = Boolean.getBoolean("bench.screens-direct") ? "localhost:" + port(catalog) : gatewayUrl;
        waiter = ApiClient.at("http://" + gatewayUrl).as("waiter", "STAFF");
        cook = ApiClient.at("http://" + gatewayUrl).as("cook", "KITCHEN");
        JdbcTemplate orderDb = order.getBean(JdbcTemplate.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (orderDb.queryForObject("select count(*) from dining_table", Integer.class) < DEMO.tables().size()
                || orderDb.queryForObject("select count(*) from menu_item", Integer.class) < DEMO.items().size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The order service never got the demo menu from the catalog");
            }
            Thread.sleep(200);
        }
        for (DemoData.Table table : DEMO.tables()) {
            var opened = waiter.post("/api/v1/orders", Map.of("tableId", table.id().toString(), "guests", 2));
            if (opened.status() != 201) {
                throw new IllegalStateException("Could not open an order: " + opened.raw());
            }
            orders.add(opened.text("orderId"));
        }
    }

    /** One kitchen screen; {@code count} sends one after another; each send's milliseconds until its push. */
    double[] sendToPushMillis(int count) throws Exception {
        try (Screens screen = new Screens(1)) {
            double[] millis = new double[count];
            for (int i = 0; i < count; i++) {
                Sent sent = sendOneGrillLine(i);
                millis[i] = screen.awaitAll(sent)[0];
                bump(sent);
            }
            return millis;
        }
    }

    /** {@code screens} kitchen screens at once; {@code sends} sends; every screen's milliseconds for every push. */
    double[] fanOutMillis(int screens, int sends) throws Exception {
        try (Screens all = new Screens(screens)) {
            double[] millis = new double[screens * sends];
            for (int i = 0; i < sends; i++) {
                Sent sent = sendOneGrillLine(i);
                System.arraycopy(all.awaitAll(sent), 0, millis, i * screens, screens);
                bump(sent);
            }
            return millis;
        }
    }

    /** Adds a grill line to one of the open orders and sends it; answers the ticket to expect and when it was sent. */
    private Sent sendOneGrillLine(int i) {
        String orderId = orders.get(i % orders.size());
        var added = waiter.post("/api/v1/orders/" + orderId + "/lines",
                Map.of("menuItemId", DEMO.item(GRILL_ITEM).id().toString(), "quantity", 1));
        if (added.status() != 201) {
            throw new IllegalStateException("Could not add a line: " + added.raw());
        }
        int sendNumber = sends.merge(orderId, 1, Integer::sum);
        String ticket = TicketId.forSend(OrderId.of(orderId), sendNumber, "grill").toString();
        long sentAt = System.nanoTime();
        var sent = waiter.post("/api/v1/orders/" + orderId + "/send", Map.of());
        if (sent.status() != 200) {
            throw new IllegalStateException("Could not send: " + sent.raw());
        }
        return new Sent(ticket, sentAt);
    }

    /** The cook clears the ticket, as a kitchen does, so the board a new screen first receives stays a real one. */
    private void bump(Sent sent) {
        var bumped = cook.post("/api/v1/kitchen/tickets/" + sent.ticketId() + "/bump", null);
        if (bumped.status() != 204) {
            throw new IllegalStateException("Could not bump: " + bumped.raw());
        }
    }

    private record Sent(String ticketId, long atNanos) {
    }

    /** Kitchen screens subscribed to the grill, each noting when a ticket's order:new arrived. */
    private final class Screens implements AutoCloseable {

        private final List<StompSession> sessions = new ArrayList<>();
        private final List<Map<String, CompletableFuture<Long>>> arrivals = new ArrayList<>();

        Screens(int count) throws Exception {
            WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
            client.setMessageConverter(new ByteArrayMessageConverter() {
                @Override
                protected boolean supportsMimeType(org.springframework.messaging.MessageHeaders headers) {
                    return true;
                }
            });
            String token = TestTokens.accessToken("cook", "KITCHEN");
            for (int i = 0; i < count; i++) {
                StompHeaders connect = new StompHeaders();
                connect.add("Authorization", "Bearer " + token);
                StompSession session;
                try {
                    session = client.connectAsync(URI.create("ws://" + screensUrl + "/ws"),
                            new WebSocketHttpHeaders(), connect, new StompSessionHandlerAdapter() {
                            }).get(30, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("Screen " + (i + 1) + " of " + count + " got no CONNECTED", e);
                }
                Map<String, CompletableFuture<Long>> arrived = new ConcurrentHashMap<>();
                session.subscribe("/topic/kitchen.grill", new StompFrameHandler() {
                    @Override
                    public Type getPayloadType(StompHeaders headers) {
                        return byte[].class;
                    }

                    @Override
                    public void handleFrame(StompHeaders headers, Object payload) {
                        long at = System.nanoTime();
                        try {
                            JsonNode message = JSON.readTree((byte[]) payload);
                            if (message.path("type").asText().equals("order:new")) {
                                arrived.computeIfAbsent(message.path("data").path("ticketId").asText(),
                                        key -> new CompletableFuture<>()).complete(at);
                            }
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
                sessions.add(session);
                arrivals.add(arrived);
            }
            Thread.sleep(1000);
        }

        /** Every screen's milliseconds from the send to its push; fails if a screen misses it. */
        double[] awaitAll(Sent sent) throws Exception {
            double[] millis = new double[arrivals.size()];
            for (int i = 0; i < arrivals.size(); i++) {
                long at = arrivals.get(i).computeIfAbsent(sent.ticketId(), key -> new CompletableFuture<>())
                        .get(30, TimeUnit.SECONDS);
                millis[i] = (at - sent.atNanos()) / 1e6;
            }
            return millis;
        }

        @Override
        public void close() {
            sessions.forEach(session -> {
                if (session.isConnected()) {
                    session.disconnect();
                }
            });
        }
    }

    private ConfigurableApplicationContext start(Class<?> application, String... properties) {
        ConfigurableApplicationContext context = stage.start(application, properties);
        services.add(context);
        return context;
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        keys.close();
    }
}

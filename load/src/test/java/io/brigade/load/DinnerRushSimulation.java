package io.brigade.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.brigade.platform.test.StompFrames;
import io.brigade.platform.test.hostile.HostileSockets;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.foreach;
import static io.gatling.javaapi.core.CoreDsl.forAll;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

/**
 * A dinner rush through the gateway, as the app plays it. Parties arrive at tables in an open model that steps up
 * (tables a second), each served by one of many waiters with their own login: open the order, add lines with
 * modifiers, seats and courses, send course 1 then course 2, serve once the kitchen has it ready, ask for the bill,
 * split it in two and pay each check by card with a tip. Cooks with their own logins work their station's board
 * (start, ready, bump), and screens watch the kitchen, the floor and the bills over STOMP. Every event processor's lag
 * is read once a second throughout ({@link ProcessorLag}) and its largest per level goes into the summary.
 *
 * <p>System properties: {@code load.start-rate}, {@code load.step}, {@code load.levels}, {@code load.level-seconds}
 * (the ramp: tables a second), {@code load.waiters}, {@code load.cooks-per-station}, {@code load.p99-ms} (the
 * threshold per request), {@code load.gateway} (a running gateway instead of a devstack started for the run), {@code
 * load.devstack-java-options} (the JVM options of that devstack).
 */
public class DinnerRushSimulation extends Simulation {

    private static final double START_RATE = Double.parseDouble(System.getProperty("load.start-rate", "0.5"));
    private static final double STEP = Double.parseDouble(System.getProperty("load.step", "0.5"));
    private static final int LEVELS = Integer.getInteger("load.levels", 5);
    private static final int LEVEL_SECONDS = Integer.getInteger("load.level-seconds", 45);
    private static final int RAMP_SECONDS = 5;
    private static final int WAITERS = Integer.getInteger("load.waiters", 40);
    private static final int COOKS_PER_STATION = Integer.getInteger("load.cooks-per-station", 2);
    private static final int P99_MILLIS = Integer.getInteger("load.p99-ms", 200);
    /** How long after the last arrival the kitchen and the screens carry on, for the last tables to pay. */
    private static final Duration TAIL = Duration.ofSeconds(150);
    private static final Duration READY_PATIENCE = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(700);
    private static final double HOSTILE_PER_SECOND = Double.parseDouble(System.getProperty("load.hostile-per-second",
            "3"));
    private static final double HOSTILE_SOCKETS_PER_SECOND = Double.parseDouble(
            System.getProperty("load.hostile-sockets-per-second", "0.3"));
    private static final String HOSTILE = "hostile request";

    private final List<RushRecorder.Level> levels = levels();
    private final Duration arrivals = Duration.ofSeconds((long) LEVELS * (LEVEL_SECONDS + RAMP_SECONDS));
    private final RushRestaurant restaurant = RushRestaurant.open(WAITERS, COOKS_PER_STATION, tablesNeeded());
    private final RushRecorder recorder = new RushRecorder(levels);
    /** The orders hostile requests aim at: no cook of the rush works their tickets. */
    private final Set<String> leftAlone = Set.of(restaurant.hostileTargets.orderId().toString(),
            restaurant.hostileTargets.billedOrderId().toString());
    private final Map<String, String> untouchedBefore = restaurant.untouched();
    private Thread hostileSockets;
    private ProcessorLag processorLag;

    {
        HttpProtocolBuilder protocol = http.baseUrl(restaurant.gateway())
                .wsBaseUrl(restaurant.ws().replaceFirst("/ws$", ""))
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .warmUp(restaurant.gateway() + "/actuator/health");

        List<PopulationBuilder> populations = new ArrayList<>(List.of(
                waiters().injectOpen(incrementUsersPerSec(STEP).times(LEVELS)
                        .eachLevelLasting(LEVEL_SECONDS).separatedByRampsLasting(RAMP_SECONDS)
                        .startingFrom(START_RATE)),
                cooks().injectClosed(constantConcurrentUsers(restaurant.cooks.size()).during(arrivals.plus(TAIL))),
                screens().injectOpen(atOnceUsers(restaurant.screens.size()))));
        List<Assertion> thresholds = new ArrayList<>(List.of(
                global().failedRequests().count().is(0L),
                forAll().responseTime().percentile(99.0).lt(P99_MILLIS)));
        // with none, the same rush shows what hostile clients cost everyone else
        if (HOSTILE_PER_SECOND > 0) {
            populations.add(hostileClients().injectOpen(constantUsersPerSec(HOSTILE_PER_SECOND).during(arrivals))
                    .protocols(http.baseUrl(restaurant.gateway()).disableUrlEncoding()));
            thresholds.add(details(HOSTILE).failedRequests().count().is(0L));
        }
        setUp(populations)
                .protocols(protocol)
                .maxDuration(arrivals.plus(TAIL).plusSeconds(60))
                .assertions(thresholds);
    }

    /**
     * Hostile websockets beside the rush, each on a connection of its own (plain JDK websockets: a refusal may be the
     * server closing the socket, which Gatling's checks cannot await).
     */
    @Override
    public void before() {
        processorLag = ProcessorLag.everySecond(restaurant, recorder);
        if (HOSTILE_SOCKETS_PER_SECOND <= 0) {
            return;
        }
        hostileSockets = new Thread(() -> {
            long end = System.nanoTime() + arrivals.toNanos();
            String token = (String) restaurant.screens.get(0).get("screenToken");
            while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
                recorder.hostileSocket(HostileSockets.sendOne(restaurant.ws(), token));
                try {
                    Thread.sleep(Math.round(1000 / HOSTILE_SOCKETS_PER_SECOND));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "hostile-sockets");
        hostileSockets.start();
    }

    @Override
    public void after() {
        if (hostileSockets != null) {
            hostileSockets.interrupt();
        }
        processorLag.close();
        Path summary = Path.of(System.getProperty("load.summary", "target/load-summary.json"));
        try {
            recorder.hostileChangedNothing(untouchedBefore, restaurant::untouched, restaurant::rushOrdersAndLines);
        } finally {
            recorder.write(summary);
            System.out.println("Rush summary by level: " + summary.toAbsolutePath());
            restaurant.close();
        }
    }

    private ScenarioBuilder waiters() {
        Iterator<Map<String, Object>> waiterFeed = Stream.generate((Supplier<Map<String, Object>>) () -> Map.of(
                "waiterToken", restaurant.waiterTokens.get(ThreadLocalRandom.current().nextInt(WAITERS)))).iterator();
        Iterator<Map<String, Object>> tableFeed = restaurant.tableIds.stream()
                .map(id -> restaurant.party(id)).iterator();
        return scenario("A waiter serves a table")
                .feed(waiterFeed)
                .feed(tableFeed)
                .exec(command("open order", http("open order").post("/api/v1/orders")
                        .body(StringBody(s -> RushRestaurant.json(Map.of("orderId", s.getString("orderId"),
                                "tableId", s.getString("tableId"), "guests", s.getInt("guests")))))
                        .check(status().is(201))))
                .foreach(s -> s.getList("lines"), "line").on(
                        command("add line", http("add line").post("/api/v1/orders/#{orderId}/lines")
                                .body(StringBody(s -> RushRestaurant.json(s.get("line"))))
                                .check(status().is(201))))
                .exec(command("send course", http("send course").post("/api/v1/orders/#{orderId}/send")
                        .body(StringBody("{\"course\":1}")).check(status().is(200))))
                .pause(Duration.ofSeconds(1), Duration.ofSeconds(3))
                .exec(command("send course", http("send course").post("/api/v1/orders/#{orderId}/send")
                        .body(StringBody("{\"course\":2}")).check(status().is(200))))
                .exec(until("order ready", "status", "READY",
                        http("read order").get("/api/v1/orders/#{orderId}")
                                // 404 until the live view has the new order: read again, as the app does
                                .check(status().in(200, 404), jsonPath("$.status").optional().saveAs("status"))))
                .exec(command("serve", http("serve").post("/api/v1/orders/#{orderId}/serve")
                        .body(StringBody("{}")).check(status().is(204))))
                .exec(command("ask for the bill", http("ask for the bill").post("/api/v1/orders/#{orderId}/bill")
                        .check(status().is(202))))
                .exec(until("bill issued", "billStatus", "OPEN",
                        http("read bill").get("/api/v1/bills?orderId=#{orderId}")
                                .check(status().is(200), jsonPath("$[0].status").optional().saveAs("billStatus"),
                                        jsonPath("$[0].billId").optional().saveAs("billId"))))
                .exec(command("split bill", http("split bill").post("/api/v1/billing/bills/#{billId}/split")
                        .body(StringBody("{\"mode\":\"EQUAL\",\"parts\":2}"))
                        .check(status().is(200), bodyString().saveAs("split"))))
                .exec(s -> s.set("checks", checks(s.getString("split"))))
                .foreach(s -> s.getList("checks"), "check").on(
                        command("pay with tip", http("pay with tip").post("/api/v1/billing/bills/#{billId}/payments")
                                .body(StringBody(s -> RushRestaurant.json(s.get("check"))))
                                .check(status().is(201))));
    }

    private static List<Object> checks(String split) {
        List<Object> payments = new ArrayList<>();
        for (JsonNode check : RushRestaurant.parse(split).path("checks")) {
            payments.add(Map.of("paymentId", UUID.randomUUID().toString(), "checkId", check.path("checkId").asText(),
                    "method", "CARD", "amountCents", check.path("totalCents").asLong(),
                    "tipCents", 50 * ThreadLocalRandom.current().nextInt(1, 7)));
        }
        return payments;
    }

    /**
     * Reads a view until {@code attribute} is {@code expected}, as a phone waiting on a screen does; failing when it
     * takes longer than {@link #READY_PATIENCE}, which counts as an error of the run.
     */
    private ChainBuilder until(String what, String attribute, String expected, HttpRequestActionBuilder read) {
        long polls = READY_PATIENCE.toMillis() / POLL.toMillis();
        return exec(s -> s.set(attribute, "").set("polls", 0).set("waitingSince", System.nanoTime()))
                .asLongAs(s -> !expected.equals(s.getString(attribute)) && s.getInt("polls") < polls).on(
                        pause(POLL),
                        query(read),
                        exec(s -> s.set("polls", s.getInt("polls") + 1)))
                .exec(s -> {
                    boolean reached = expected.equals(s.getString(attribute));
                    // how long the table waited, beside the requests: the kitchen's and the views' pace
                    recorder.record(RushRecorder.WAITED + what, false,
                            (System.nanoTime() - s.getLong("waitingSince")) / 1_000_000, !reached);
                    return reached ? s : s.markAsFailed();
                })
                .exitHereIfFailed();
    }

    private ScenarioBuilder cooks() {
        Iterator<Map<String, Object>> cookFeed = restaurant.cooks.stream().map(cook -> Map.<String, Object>of(
                "cookToken", cook.get("cookToken"), "station", cook.get("station"),
                "cookIndex", restaurant.cooks.stream().filter(c -> c.get("station").equals(cook.get("station")))
                        .toList().indexOf(cook))).iterator();
        return scenario("A cook works the board")
                .feed(cookFeed)
                .exec(s -> s.set("done", new HashSet<String>()))
                .during(arrivals.plus(TAIL)).on(
                        cookTimed("read", false, http("read board").get("/api/v1/kitchen/board?station=#{station}")
                                .header("Authorization", "Bearer #{cookToken}")
                                .check(status().is(200), bodyString().saveAs("board"))),
                        exec(s -> s.set("steps", kitchenSteps(s))),
                        doIfOrElse(s -> s.getList("steps").isEmpty()).then(pause(Duration.ofMillis(300)))
                                .orElse(foreach(s -> s.getList("steps"), "step").on(
                                        exec(s -> s.set("stepPath", ((String[]) s.get("step"))[1])
                                                .set("stepName", ((String[]) s.get("step"))[0])),
                                        cookTimed("#{stepName}", true, http("#{stepName}").post("#{stepPath}")
                                                .header("Authorization", "Bearer #{cookToken}")
                                                .check(status().is(204))))));
    }

    /**
     * What this cook does next on the tickets that are theirs (a station's cooks share its tickets by ticket id):
     * start what is queued, finish what cooks, bump a ticket whose items are all ready. Steps already
     * taken are remembered, because the board shows them a moment later.
     */
    private List<Object> kitchenSteps(Session session) {
        Set<String> done = session.get("done");
        int cook = session.getInt("cookIndex");
        List<Object> steps = new ArrayList<>();
        for (JsonNode ticket : RushRestaurant.parse(session.getString("board"))) {
            if (leftAlone.contains(ticket.path("orderId").asText())) {
                continue;
            }
            if (Math.floorMod(ticket.path("ticketId").asText().hashCode(), COOKS_PER_STATION) != cook) {
                continue;
            }
            String ticketPath = "/api/v1/kitchen/tickets/" + ticket.path("ticketId").asText();
            boolean allReady = true;
            for (JsonNode item : ticket.path("items")) {
                String itemPath = ticketPath + "/items/" + item.path("lineId").asText();
                switch (item.path("status").asText()) {
                    case "QUEUED" -> {
                        allReady = false;
                        step(steps, done, "start item", itemPath + "/start");
                    }
                    case "COOKING" -> {
                        allReady = false;
                        step(steps, done, "ready item", itemPath + "/ready");
                    }
                    case "READY", "VOIDED" -> { }
                    default -> allReady = false;
                }
            }
            if (allReady) {
                step(steps, done, "bump ticket", ticketPath + "/bump");
            }
            if (steps.size() >= 4) {
                break;
            }
        }
        return steps;
    }

    private static void step(List<Object> steps, Set<String> done, String name, String path) {
        if (done.add(path)) {
            steps.add(new String[] {name, path});
        }
    }

    private ScenarioBuilder screens() {
        Iterator<Map<String, Object>> screenFeed = restaurant.screens.iterator();
        Duration watching = arrivals.plus(TAIL);
        return scenario("A screen watches")
                .feed(screenFeed)
                .exec(ws("open /ws").connect("/ws"))
                .exec(ws("STOMP CONNECT").sendText(s -> StompFrames.connect(s.getString("screenToken")))
                        .await(30).on(ws.checkTextMessage("CONNECTED").check(regex("^CONNECTED"))))
                .exec(ws("STOMP SUBSCRIBE").sendText(s -> StompFrames.subscribe("screen", s.getString("destination"))))
                .pause(watching)
                .exec(ws("close /ws").close());
    }

    /**
     * Hostile clients beside the rush: requests from the hostile-input set, each one the API accepts with exactly one
     * thing broken, sent as they are (no encoding, their own headers). Each must be refused with a 4xx.
     */
    private ScenarioBuilder hostileClients() {
        List<Map<String, Object>> requests = restaurant.hostileRequests(
                (int) Math.ceil(HOSTILE_PER_SECOND * arrivals.toSeconds()) + 10);
        List<Choice.WithKey> shapes = requests.stream().map(r -> (String) r.get("hostileShape")).distinct()
                .map(shape -> onCase(shape).then(exec(hostileRequest(shape)))).toList();
        return scenario("A hostile client")
                .feed(requests.iterator())
                .doSwitch("#{hostileShape}").on(shapes)
                .exec(s -> {
                    recorder.hostileRequest(s.getString("hostileBroken"),
                            s.contains("hostileStatus") ? s.getInt("hostileStatus") : 0);
                    return s;
                });
    }

    private static HttpRequestActionBuilder hostileRequest(String shape) {
        HttpRequestActionBuilder request = http(HOSTILE).httpRequest(shape.split(" ")[0], "#{hostilePath}")
                .check(status().saveAs("hostileStatus"), status().gte(400), status().lt(500));
        if (shape.contains(" token")) {
            request = request.header("Authorization", "Bearer #{hostileToken}");
        }
        if (shape.contains(" type")) {
            request = request.header("Content-Type", "#{hostileContentType}");
        }
        if (shape.contains(" body")) {
            request = request.body(StringBody(s -> s.getString("hostileBody")));
        }
        return request;
    }

    /** A command of the waiter's, timed for the summary; a failed one ends that table's visit. */
    private ChainBuilder command(String name, HttpRequestActionBuilder request) {
        return timed(name, true, request.header("Authorization", "Bearer #{waiterToken}"));
    }

    private ChainBuilder query(HttpRequestActionBuilder request) {
        return timed("read", false, request.header("Authorization", "Bearer #{waiterToken}"));
    }

    private ChainBuilder timed(String name, boolean isCommand, HttpRequestActionBuilder request) {
        return exec(s -> s.remove("rt"))
                .exec(request.check(responseTimeInMillis().saveAs("rt")))
                .exec(s -> {
                    String recorded = name.startsWith("#{") ? s.getString("stepName") : name;
                    recorder.record(recorded, isCommand, s.contains("rt") ? s.getLong("rt") : 0, s.isFailed());
                    return s;
                })
                .exitHereIfFailed();
    }

    /** A cook's request: a failure counts against the run, and the cook carries on with the next ticket. */
    private ChainBuilder cookTimed(String name, boolean isCommand, HttpRequestActionBuilder request) {
        return exec(s -> s.remove("rt"))
                .exec(request.check(responseTimeInMillis().saveAs("rt")))
                .exec(s -> {
                    String recorded = name.startsWith("#{") ? s.getString("stepName") : name;
                    recorder.record(recorded, isCommand, s.contains("rt") ? s.getLong("rt") : 0, s.isFailed());
                    return s.markAsSucceeded();
                });
    }

    private static List<RushRecorder.Level> levels() {
        List<RushRecorder.Level> levels = new ArrayList<>();
        for (int i = 0; i < LEVELS; i++) {
            double start = i * (LEVEL_SECONDS + RAMP_SECONDS);
            levels.add(new RushRecorder.Level(start, start + LEVEL_SECONDS, START_RATE + i * STEP));
        }
        return levels;
    }

    private static int tablesNeeded() {
        double tables = 0;
        for (int i = 0; i < LEVELS; i++) {
            tables += (START_RATE + i * STEP) * (LEVEL_SECONDS + RAMP_SECONDS);
        }
        return (int) Math.ceil(tables * 1.2) + 20;
    }
}

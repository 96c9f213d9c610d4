package io.brigade.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.StompFrames;
import io.brigade.platform.test.hostile.Endpoints;
import io.brigade.platform.test.hostile.HostileRequest;
import io.brigade.platform.test.hostile.HostileRequests;
import io.brigade.platform.test.hostile.HostileTargets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The restaurant a rush is played in: a devstack started for the run from its runnable jar on free ports in a data
 * folder of its own (or the gateway in {@code load.gateway}), its own staff (waiters and cooks, each with a login)
 * registered by the demo administrator, enough tables for every party of the run, and the menu as the API serves it.
 */
final class RushRestaurant implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STAFF_PASSWORD = "rush-hour-brigade-2026";
    private static final Pattern DOT_SEGMENT = Pattern.compile("/\\.{1,2}(/|$|\\?)");
    static final List<String> STATIONS = List.of("grill", "fryer", "cold", "bar", "pastry");
    /**
     * Each service, by its name under the gateway's {@code /api/v1/ops/}, and its own port on a devstack whose gateway
     * is on 8080.
     */
    static final Map<String, Integer> SERVICE_PORTS = Map.of("auth", 8081, "order", 8082, "kitchen", 8083,
            "billing", 8084, "catalog", 8085, "reporting", 8086);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String gateway;
    private final Process devstack;
    private final Path data;

    final List<String> waiterTokens = new ArrayList<>();
    final List<Map<String, Object>> cooks = new ArrayList<>();
    final List<String> tableIds = new ArrayList<>();
    final List<Map<String, Object>> screens = new ArrayList<>();
    /** Menu items by course: starters and drinks go with course 1, mains with course 2. */
    final List<JsonNode> starters = new ArrayList<>();
    final List<JsonNode> mains = new ArrayList<>();
    final List<JsonNode> drinks = new ArrayList<>();
    /** What the hostile clients aim at: orders, a ticket and a bill no waiter or cook of the rush touches. */
    HostileTargets hostileTargets;
    private volatile String adminToken;
    private String managerToken;

    private RushRestaurant(String gateway, Process devstack, Path data) {
        this.gateway = gateway;
        this.devstack = devstack;
        this.data = data;
    }

    static RushRestaurant open(int waiters, int cooksPerStation, int tables) {
        String target = System.getProperty("load.gateway", "");
        RushRestaurant restaurant = target.isBlank() ? startDevstack() : new RushRestaurant(target, null, null);
        restaurant.prepare(waiters, cooksPerStation, tables);
        return restaurant;
    }

    String gateway() {
        return gateway;
    }

    String ws() {
        return gateway.replaceFirst("^http", "ws") + "/ws";
    }

    /** The devstack's JVM options, {@code load.devstack-java-options}, space-separated (quotes the build added go). */
    private static String[] javaOptions() {
        return System.getProperty("load.devstack-java-options", "-Xmx2g").replace("\"", "").trim().split("\\s+");
    }

    private static RushRestaurant startDevstack() {
        try {
            Path jar = Path.of(System.getProperty("load.devstack-jar", "../devstack/target/brigade-devstack.jar"));
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: build it first with"
                        + " mvn -B -pl devstack -am package -DskipTests");
            }
            Path data = Files.createTempDirectory("brigade-load");
            int base = freeBase();
            Path out = data.resolveSibling(data.getFileName() + ".out");
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> arguments = new ArrayList<>(List.of(java));
            arguments.addAll(List.of(javaOptions()));
            arguments.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder command = new ProcessBuilder(arguments).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            command.environment().put("BRIGADE_DATA_DIR", data.toString());
            command.environment().put("BRIGADE_PORT_OFFSET", String.valueOf(base - 8080));
            command.environment().put("BRIGADE_DB_PORT", String.valueOf(base + 10));
            command.environment().put("BRIGADE_KAFKA_PORT", String.valueOf(base + 11));
            // every simulated phone comes from this one address: lift the per-address limit a real floor needs
            command.environment().put("BRIGADE_GATEWAY_RATELIMIT_PERADDRESSPERSECOND", "1000000");
            command.environment().put("BRIGADE_GATEWAY_RATELIMIT_PERADDRESSBURST", "1000000");
            Process process = command.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (!Files.readString(out).contains("Brigade is up")) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("The devstack did not start:\n" + Files.readString(out));
                }
                Thread.sleep(500);
            }
            System.out.println("Devstack for the rush: gateway http://localhost:" + base + ", data " + data
                    + ", output " + out);
            return new RushRestaurant("http://localhost:" + base, process, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The first websocket after a start loads its classes on the way, which takes a few hundred ms: one screen connects
     * and leaves before the rush, as Gatling's warm-up request does for plain requests, so that the rush's screens
     * are timed as the steady system serves them.
     */
    private void connectOneScreenFirst(String token) {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                if (data.toString().startsWith("CONNECTED")) {
                    connected.complete(null);
                }
                socket.request(1);
                return null;
            }
        };
        try {
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(ws()), listener)
                    .get(30, TimeUnit.SECONDS);
            socket.sendText(StompFrames.connect(token), true).get(30, TimeUnit.SECONDS);
            connected.get(30, TimeUnit.SECONDS);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("A screen could not connect to " + ws() + " before the rush", e);
        }
    }

    private void prepare(int waiters, int cooksPerStation, int tables) {
        String admin = login("admin", demoPassword("admin"));
        String manager = login("manager", demoPassword("manager"));
        adminToken = admin;
        managerToken = manager;
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        for (int i = 1; i <= waiters; i++) {
            String username = "waiter-" + run + "-" + i;
            register(admin, username, "Waiter " + i, "STAFF");
            waiterTokens.add(login(username, STAFF_PASSWORD));
        }
        for (String station : STATIONS) {
            for (int i = 1; i <= cooksPerStation; i++) {
                String username = "cook-" + run + "-" + station + "-" + i;
                register(admin, username, "Cook " + station + " " + i, "KITCHEN");
                cooks.add(Map.of("cookToken", login(username, STAFF_PASSWORD), "station", station));
            }
        }
        screens.add(Map.of("screenToken", login("cook", demoPassword("cook")), "destination", "/topic/kitchen"));
        screens.add(Map.of("screenToken", manager, "destination", "/topic/floor"));
        screens.add(Map.of("screenToken", manager, "destination", "/topic/bills"));
        connectOneScreenFirst(manager);
        int firstNumber = 1000 + ThreadLocalRandom.current().nextInt(0, 8) * 1000;
        IntStream.range(0, tables).forEach(i -> tableIds.add(call("POST", "/api/v1/tables", manager,
                Map.of("number", firstNumber + i, "seats", 4, "zone", "Rush"), 201).path("id").asText()));
        for (JsonNode category : call("GET", "/api/v1/menu", manager, null, 200).path("categories")) {
            for (JsonNode item : category.path("items")) {
                if (!item.path("available").asBoolean(true)) {
                    continue;
                }
                switch (category.path("name").asText()) {
                    case "Starters" -> starters.add(item);
                    case "Mains" -> mains.add(item);
                    case "Drinks" -> drinks.add(item);
                    default -> { }
                }
            }
        }
        if (starters.isEmpty() || mains.isEmpty() || drinks.isEmpty()) {
            throw new IllegalStateException("The menu lacks starters, mains or drinks");
        }
        hostileTargets = openHostileTargets(admin, manager);
        System.out.printf("Restaurant ready: %d waiters, %d cooks, %d tables%n", waiters, cooks.size(), tables);
    }

    /**
     * The demo floor's tables 6 to 8 (the rush has its own), the demo waiter's account, the grill's burger and the
     * first category: the places hostile requests are aimed at, set up as the hostile-input test sets them up.
     */
    private HostileTargets openHostileTargets(String admin, String manager) {
        Map<Integer, UUID> demoTables = new HashMap<>();
        call("GET", "/api/v1/tables", manager, null, 200).forEach(table -> demoTables.put(
                table.path("number").asInt(), UUID.fromString(table.path("id").asText())));
        UUID waiterId = null;
        for (JsonNode user : call("GET", "/api/v1/auth/users", admin, null, 200)) {
            if (user.path("username").asText().equals("waiter")) {
                waiterId = UUID.fromString(user.path("id").asText());
            }
        }
        JsonNode menu = call("GET", "/api/v1/menu", manager, null, 200).path("categories");
        UUID burger = null;
        for (JsonNode category : menu) {
            for (JsonNode item : category.path("items")) {
                if (item.path("name").asText().equals("Brigade burger")) {
                    burger = UUID.fromString(item.path("id").asText());
                }
            }
        }
        HostileTargets.Staff staff = new HostileTargets.Staff(admin, login("waiter", demoPassword("waiter")), manager,
                login("cook", demoPassword("cook")), login("auditor", demoPassword("auditor")));
        return HostileTargets.open(ApiClient.at(gateway), staff, demoTables.get(6), demoTables.get(7),
                demoTables.get(8), waiterId, burger, UUID.fromString(menu.path(0).path("id").asText()));
    }

    /** Requests from the hostile-input set, each one the API accepts with exactly one thing broken. */
    List<Map<String, Object>> hostileRequests(int count) {
        List<Map<String, Object>> requests = new ArrayList<>();
        // Gatling resolves "." and ".." in a path before sending it, so those would reach the gateway as another,
        // valid address; HostileInputSystemTest sends them as they are
        HostileRequests.against(Endpoints.of(hostileTargets)).sampleStream()
                .filter(request -> !DOT_SEGMENT.matcher(request.path()).find()).limit(count).forEach(request -> {
            Map<String, Object> sent = new HashMap<>();
            sent.put("hostileMethod", request.method());
            sent.put("hostilePath", request.path());
            sent.put("hostileToken", request.token() == null ? "" : request.token());
            sent.put("hostileContentType", request.contentType() == null ? "" : request.contentType());
            sent.put("hostileBody", request.body() == null ? "" : request.body());
            sent.put("hostileShape", shape(request));
            String body = request.body() == null ? "" : " with " + (request.body().length() > 300
                    ? request.body().substring(0, 300) + "... (" + request.body().length() + " characters)"
                    : request.body());
            sent.put("hostileBroken", request + body);
            requests.add(sent);
        });
        return requests;
    }

    /** Which headers and body a hostile request carries: Gatling builds each such request its own way. */
    static String shape(HostileRequest request) {
        return request.method() + (request.token() != null ? " token" : "")
                + (request.contentType() != null ? " type" : "") + (request.body() != null ? " body" : "");
    }

    /**
     * What no client of the rush may change and hostile requests aim at: the two target orders, their bill and ticket,
     * the menu, the tables and the staff.
     */
    Map<String, String> untouched() {
        Map<String, String> state = new java.util.TreeMap<>();
        HostileTargets t = hostileTargets;
        state.put("cooking order", call("GET", "/api/v1/orders/" + t.orderId(), managerToken, null, 200).toString());
        state.put("billed order", call("GET", "/api/v1/orders/" + t.billedOrderId(), managerToken, null, 200)
                .toString());
        state.put("bill", call("GET", "/api/v1/bills/" + t.billId(), managerToken, null, 200).toString());
        state.put("menu", call("GET", "/api/v1/menu", managerToken, null, 200).toString());
        state.put("tables", String.valueOf(call("GET", "/api/v1/tables", managerToken, null, 200).size()));
        state.put("staff", call("GET", "/api/v1/auth/users", adminToken, null, 200).toString());
        return state;
    }

    /** A service's event processors as an operator reads them through the gateway (signing in again once expired). */
    JsonNode processors(String service) {
        String path = "/api/v1/ops/" + service + "/processors";
        try {
            return call("GET", path, adminToken, null, 200);
        } catch (IllegalStateException e) {
            if (!e.getMessage().contains(" answered 401")) {
                throw e;
            }
            adminToken = login("admin", demoPassword("admin"));
            return call("GET", path, adminToken, null, 200);
        }
    }

    /** A service's own metrics (Prometheus text), when the rush started the devstack and so knows its address. */
    Optional<String> metrics(String service) {
        if (devstack == null) {
            return Optional.empty();
        }
        int port = SERVICE_PORTS.get(service) + (gatewayPort() - 8080);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int gatewayPort() {
        return URI.create(gateway).getPort();
    }

    /** The orders of the rush's own tables as the live view shows them: how many, and how many lines they hold. */
    long[] rushOrdersAndLines() {
        long orders = 0;
        long lines = 0;
        for (JsonNode order : call("GET", "/api/v1/orders", managerToken, null, 200)) {
            if (order.path("tableNumber").asInt() >= 1000) {
                orders++;
                lines += order.path("lines").size();
            }
        }
        return new long[] {orders, lines};
    }

    private static String demoPassword(String username) {
        return "brigade-" + username + "-2026";
    }

    private void register(String admin, String username, String fullName, String role) {
        call("POST", "/api/v1/auth/register", admin, Map.of("username", username, "password", STAFF_PASSWORD,
                "fullName", fullName, "role", role), 201);
    }

    private String login(String username, String password) {
        return call("POST", "/api/v1/auth/login", null, Map.of("username", username, "password", password), 200)
                .path("accessToken").asText();
    }

    private JsonNode call(String method, String path, String token, Object body, int expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            // setting up goes faster than one person may: wait as the gateway asks
            while (response.statusCode() == 429) {
                Thread.sleep(1000L * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A new party: its order and line ids chosen by the client, as a phone does, and what it eats. */
    Map<String, Object> party(String tableId) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        JsonNode starter = pick(starters);
        JsonNode main = pick(mains);
        JsonNode secondMain = pick(mains);
        JsonNode drink = pick(drinks);
        Map<String, Object> party = new HashMap<>();
        party.put("orderId", UUID.randomUUID().toString());
        party.put("tableId", tableId);
        party.put("guests", 2);
        party.put("lines", List.of(
                line(starter, 1, 1, random),
                line(drink, 1, 2, random),
                line(main, 2, 1, random),
                line(secondMain, 2, 2, random)));
        return party;
    }

    private static Map<String, Object> line(JsonNode item, int course, int seat, ThreadLocalRandom random) {
        Map<String, Object> line = new HashMap<>();
        line.put("lineId", UUID.randomUUID().toString());
        line.put("menuItemId", item.path("id").asText());
        line.put("quantity", 1 + random.nextInt(2));
        line.put("seat", seat);
        line.put("course", course);
        List<String> modifiers = new ArrayList<>();
        if (item.path("modifiers").size() > 0 && random.nextBoolean()) {
            modifiers.add(item.path("modifiers").get(random.nextInt(item.path("modifiers").size())).path("id")
                    .asText());
        }
        line.put("modifierIds", modifiers);
        return line;
    }

    private static JsonNode pick(List<JsonNode> items) {
        return items.get(ThreadLocalRandom.current().nextInt(items.size()));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (devstack == null) {
            return;
        }
        devstack.destroy();
        try {
            if (!devstack.waitFor(120, TimeUnit.SECONDS)) {
                devstack.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var paths = Files.walk(data)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the OS clears it eventually
        }
    }

    private static int freeBase() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 31_000);
            if (IntStream.concat(IntStream.rangeClosed(base, base + 11), IntStream.of(base + 1011))
                    .allMatch(RushRestaurant::free)) {
                return base;
            }
        }
        throw new IllegalStateException("No free ports for the devstack");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

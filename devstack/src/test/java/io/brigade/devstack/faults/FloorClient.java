package io.brigade.devstack.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * One member of staff's phone or screen: plain HTTP through the gateway with their own login, every request written
 * to the {@link History} with its answer. It signs in again when its access token has expired, as the app does.
 */
final class FloorClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** What came back: the status and body, or {@code -1} and what went wrong on the way. */
    record Answer(int status, JsonNode body, String exception) {

        boolean is(int expected) {
            return status == expected;
        }

        boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    private final String name;
    private final String gateway;
    private final String username;
    private final String password;
    private final History history;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String token;

    FloorClient(String name, String gateway, String username, String password, History history) {
        this.name = name;
        this.gateway = gateway;
        this.username = username;
        this.password = password;
        this.history = history;
    }

    String name() {
        return name;
    }

    Answer command(String command, Map<String, String> ids, String method, String path, Object body) {
        return send(command, ids, method, path, body == null ? null : write(body), false);
    }

    Answer read(String path) {
        return send("read", Map.of(), "GET", path, null, false);
    }

    /** The same request again, with the same ids and body, as a phone retries one it got no answer to. */
    Answer retry(History.Entry original) {
        return send(original.command(), original.ids(), original.method(), original.path(), original.body(), true);
    }

    /**
     * A request told to slow down (429: the set-up adds hundreds of tables, the checks read hundreds of views) is sent
     * again a second later, as the app does; each answer is in the history.
     */
    private Answer send(String command, Map<String, String> ids, String method, String path, String body,
                        boolean retry) {
        Answer answer = sendOnce(command, ids, method, path, body, retry);
        for (int attempt = 1; answer.is(429) && attempt <= 20; attempt++) {
            DevstackInProcesses.sleep(Duration.ofSeconds(1));
            answer = sendOnce(command, ids, method, path, body, retry);
        }
        return answer;
    }

    private Answer sendOnce(String command, Map<String, String> ids, String method, String path, String body,
                            boolean retry) {
        long started = System.currentTimeMillis();
        Answer answer = exchange(method, path, body);
        if (answer.status() == 401) {
            signIn();
            answer = exchange(method, path, body);
        }
        String text = answer.body() == null ? null : answer.body().toString();
        history.add(name, command, ids, method, path, body, answer.status(), answer.exception(),
                text == null || command.startsWith("read") ? null : text.substring(0, Math.min(400, text.length())),
                started, retry);
        return answer;
    }

    private Answer exchange(String method, String path, String body) {
        if (token == null && !signIn()) {
            return new Answer(-1, null, "could not sign in");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), parse(response.body()), null);
        } catch (IOException e) {
            return new Answer(-1, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, null, "interrupted");
        }
    }

    /** Signs in; false while the gateway or auth cannot be reached, and the next request tries again. */
    boolean signIn() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway
                            + "/api/v1/auth/login")).timeout(TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(write(Map.of("username", username,
                            "password", password)))).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            token = JSON.readTree(response.body()).path("accessToken").asText();
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String token() {
        if (token == null) {
            signIn();
        }
        return token;
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}

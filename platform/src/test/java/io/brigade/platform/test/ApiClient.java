package io.brigade.platform.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A plain HTTP client for tests: sends JSON as a given caller and hands back status and body without judging them. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Map<String, String> headers;

    private ApiClient(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers = headers;
    }

    public static ApiClient at(String baseUrl) {
        return new ApiClient(baseUrl, Map.of());
    }

    /** The same client, authenticated as {@code username} with {@code role} by an access token from {@link TestTokens}. */
    public ApiClient as(String username, String role) {
        return withBearer(TestTokens.accessToken(username, role));
    }

    public ApiClient withBearer(String accessToken) {
        return withHeader("Authorization", "Bearer " + accessToken);
    }

    /** The same client without credentials. */
    public ApiClient anonymous() {
        Map<String, String> without = new LinkedHashMap<>(headers);
        without.remove("Authorization");
        return new ApiClient(baseUrl, Map.copyOf(without));
    }

    public ApiClient withHeader(String name, String value) {
        Map<String, String> with = new LinkedHashMap<>(headers);
        with.put(name, value);
        return new ApiClient(baseUrl, Map.copyOf(with));
    }

    public record Response(int status, String contentType, JsonNode body, String raw,
                           Map<String, List<String>> headers) {

        public String text(String field) {
            return body.path(field).asText();
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response postRaw(String path, String rawBody) {
        return exchange(request(path).method("POST", HttpRequest.BodyPublishers.ofString(rawBody)));
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    private Response send(String method, String path, Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
            return exchange(request(path).method(method, publisher));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json");
        headers.forEach(builder::header);
        return builder;
    }

    private static Response exchange(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode body = raw == null || raw.isBlank() ? JSON.nullNode() : parse(raw);
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), body, raw, response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(raw);
        }
    }
}

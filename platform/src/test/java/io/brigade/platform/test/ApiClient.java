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

/** A plain HTTP client for tests: sends JSON as a given caller and hands back status and body without judging them. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String identityHeader;
    private final String identityValue;

    private ApiClient(String baseUrl, String identityHeader, String identityValue) {
        this.baseUrl = baseUrl;
        this.identityHeader = identityHeader;
        this.identityValue = identityValue;
    }

    public static ApiClient at(String baseUrl) {
        return new ApiClient(baseUrl, null, null);
    }

    /** The same client, authenticated as {@code username} with {@code role} by the development header. */
    public ApiClient as(String username, String role) {
        return new ApiClient(baseUrl, "X-Brigade-User", username + ":" + role);
    }

    public ApiClient withBearer(String accessToken) {
        return new ApiClient(baseUrl, "Authorization", "Bearer " + accessToken);
    }

    public record Response(int status, String contentType, JsonNode body, String raw) {

        public String text(String field) {
            return body.path(field).asText();
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
        if (identityHeader != null) {
            builder.header(identityHeader, identityValue);
        }
        return builder;
    }

    private static Response exchange(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode body = raw == null || raw.isBlank() ? JSON.nullNode() : parse(raw);
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), body, raw);
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

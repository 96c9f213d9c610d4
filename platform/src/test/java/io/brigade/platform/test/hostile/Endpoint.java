package io.brigade.platform.test.hostile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One endpoint of the public API with a request that it accepts: the path with real ids, the body, and what each
 * body field accepts. Hostile requests are this request with exactly one thing broken.
 */
public record Endpoint(String method, String path, String token, Map<String, Object> body, Map<String, Field> fields) {

    public static Endpoint withBody(String method, String path, String token, Map<String, Object> body,
                             Map<String, Field> fields) {
        return new Endpoint(method, path, token, new LinkedHashMap<>(body), fields);
    }

    public static Endpoint withoutBody(String method, String path, String token) {
        return new Endpoint(method, path, token, null, Map.of());
    }

    public boolean hasBody() {
        return body != null;
    }

    public String name() {
        return method + " " + path;
    }
}

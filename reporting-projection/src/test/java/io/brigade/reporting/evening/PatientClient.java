package io.brigade.reporting.evening;

import io.brigade.platform.test.ApiClient;

import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * An {@link ApiClient} that asks again once when the connection was dropped before any answer came (a pooled
 * connection the server had just closed), as a phone on the restaurant's Wi-Fi would.
 */
final class PatientClient {

    private final ApiClient api;

    PatientClient(ApiClient api) {
        this.api = api;
    }

    ApiClient.Response get(String path) {
        return again(() -> api.get(path));
    }

    ApiClient.Response post(String path, Object body) {
        return again(() -> api.post(path, body));
    }

    ApiClient.Response delete(String path) {
        return again(() -> api.delete(path));
    }

    private static ApiClient.Response again(Supplier<ApiClient.Response> request) {
        try {
            return request.get();
        } catch (UncheckedIOException dropped) {
            return request.get();
        }
    }
}

package io.brigade.gateway;

import io.brigade.platform.test.TestTokens;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays one Brigade service behind the gateway: answers every request with its own name and what it received, serves
 * the test key's JWKS as the auth service would, and echoes websocket messages.
 */
final class StubService implements AutoCloseable {

    private final String name;
    private final DisposableServer server;
    final AtomicInteger requests = new AtomicInteger();

    StubService(String name) {
        this.name = name;
        this.server = HttpServer.create().port(0).handle((request, response) -> {
            if ("websocket".equalsIgnoreCase(request.requestHeaders().get("Upgrade"))) {
                return response.sendWebsocket((in, out) -> out.sendString(
                        in.receive().asString().map(text -> name + " echoes " + text)));
            }
            if (request.uri().equals("/api/v1/auth/.well-known/jwks.json")) {
                return response.header("Content-Type", "application/json").sendString(Mono.just(TestTokens.jwkSetJson()));
            }
            requests.incrementAndGet();
            String body = "{\"service\":\"" + name + "\",\"method\":\"" + request.method().name()
                    + "\",\"path\":\"" + request.uri()
                    + "\",\"authorization\":\"" + header(request.requestHeaders().get("Authorization"))
                    + "\",\"correlationId\":\"" + header(request.requestHeaders().get("X-Correlation-Id"))
                    + "\",\"forwardedFor\":\"" + header(request.requestHeaders().get("X-Forwarded-For"))
                    + "\",\"traceparent\":\"" + header(request.requestHeaders().get("traceparent")) + "\"}";
            return response.header("Content-Type", "application/json").sendString(Mono.just(body));
        }).bindNow();
    }

    private static String header(String value) {
        return value == null ? "" : value;
    }

    String url() {
        return "http://localhost:" + server.port();
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}

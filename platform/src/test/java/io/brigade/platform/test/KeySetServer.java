package io.brigade.platform.test;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Serves the test signing key's public JWK set where the auth service serves its own, so a gateway under test
 * checks the tokens {@link TestTokens} signs without an auth service behind it.
 */
public final class KeySetServer implements AutoCloseable {

    private final HttpServer server;

    private KeySetServer(HttpServer server) {
        this.server = server;
    }

    public static KeySetServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/api/v1/auth/.well-known/jwks.json", exchange -> {
                byte[] body = TestTokens.jwkSetJson().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return new KeySetServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to give the gateway as the auth service's. */
    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

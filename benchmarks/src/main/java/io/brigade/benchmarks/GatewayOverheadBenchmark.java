package io.brigade.benchmarks;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.brigade.gateway.GatewayApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * What the gateway adds to a request: the same GET sent straight to a service and through the gateway (token check
 * against the JWKS, rate limits, request log, routing), one request at a time, alternating, so both see the same
 * machine. The service is a minimal Reactor Netty server answering a small JSON body at once, so the difference is
 * the gateway.
 */
final class GatewayOverheadBenchmark implements AutoCloseable {

    private static final String PATH = "/api/v1/floor";
    private static final String BODY = "[{\"table\":{\"number\":1,\"status\":\"FREE\"}}]";

    private final DisposableServer service;
    private final ConfigurableApplicationContext gateway;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String token;
    private final URI direct;
    private final URI viaGateway;

    record Latencies(double[] directMillis, double[] gatewayMillis) {
    }

    GatewayOverheadBenchmark() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench").keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                .generate();
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        service = HttpServer.create().host("localhost").port(0)
                .handle((request, response) -> response.header("Content-Type", "application/json")
                        .sendString(Mono.just(request.uri().endsWith("jwks.json") ? jwks : BODY)))
                .bindNow();
        String serviceUrl = "http://localhost:" + service.port();
        gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--brigade.gateway.services.auth=" + serviceUrl,
                "--brigade.gateway.services.catalog=" + serviceUrl,
                "--brigade.gateway.rate-limit.per-user-per-second=1000000",
                "--brigade.gateway.rate-limit.per-user-burst=1000000",
                "--brigade.gateway.rate-limit.per-address-per-second=1000000",
                "--brigade.gateway.rate-limit.per-address-burst=1000000",
                "--logging.file.name=target/gateway-benchmark.log",
                "--logging.threshold.console=WARN",
                "--spring.main.banner-mode=off");
        int gatewayPort = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench").build(),
                new JWTClaimsSet.Builder().subject(UUID.randomUUID().toString()).claim("username", "waiter")
                        .claim("role", "STAFF").issuer("brigade-auth").audience("brigade-api")
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                        .jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(new RSASSASigner(key));
        token = jwt.serialize();
        direct = URI.create(serviceUrl + PATH);
        viaGateway = URI.create("http://localhost:" + gatewayPort + PATH);
    }

    /** {@code samples} requests each way, alternating, after as many unmeasured ones to warm up. */
    Latencies measure(int samples) throws Exception {
        for (int i = 0; i < samples; i++) {
            call(direct);
            call(viaGateway);
        }
        double[] straight = new double[samples];
        double[] through = new double[samples];
        for (int i = 0; i < samples; i++) {
            straight[i] = call(direct);
            through[i] = call(viaGateway);
        }
        return new Latencies(straight, through);
    }

    private double call(URI uri) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build();
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        double millis = (System.nanoTime() - started) / 1e6;
        if (response.statusCode() != 200 || !response.body().equals(BODY)) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + " " + response.body());
        }
        return millis;
    }

    @Override
    public void close() {
        gateway.close();
        service.disposeNow();
    }

    /** Runs this benchmark alone: {@code java -cp ... io.brigade.benchmarks.GatewayOverheadBenchmark [samples] [runs]}. */
    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (GatewayOverheadBenchmark benchmark = new GatewayOverheadBenchmark()) {
            for (int run = 1; run <= runs; run++) {
                Latencies l = benchmark.measure(samples);
                double d50 = Stats.percentile(l.directMillis(), 50);
                double d99 = Stats.percentile(l.directMillis(), 99);
                double g50 = Stats.percentile(l.gatewayMillis(), 50);
                double g99 = Stats.percentile(l.gatewayMillis(), 99);
                System.out.printf("run %d (%d requests each way): direct p50 %.3f ms p99 %.3f ms | via gateway p50 %.3f "
                                + "ms p99 %.3f ms | added p50 %.3f ms p99 %.3f ms%n", run, samples, d50, d99, g50, g99,
                        g50 - d50, g99 - d99);
            }
        }
        System.exit(0);
    }
}

package io.brigade.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.util.List;

/** Where the services are, how tokens are checked, the rate limits, and which web origins may call the API. */
@ConfigurationProperties("brigade.gateway")
public record GatewayProperties(Services services, Jwt jwt, RateLimit rateLimit, Cors cors) {

    public record Services(URI auth, URI order, URI kitchen, URI billing, URI catalog, URI reporting) {
    }

    public record Jwt(String issuer, String audience, String jwkSetUri) {
    }

    /** Token buckets: a steady rate per second and the burst allowed above it. */
    public record RateLimit(int perUserPerSecond, int perUserBurst, int perAddressPerSecond, int perAddressBurst,
                            String redisHost, int redisPort) {

        public boolean usesRedis() {
            return redisHost != null && !redisHost.isBlank();
        }
    }

    public record Cors(List<String> allowedOrigins) {
    }
}

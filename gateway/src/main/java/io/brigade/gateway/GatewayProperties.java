package io.brigade.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where the services are (and the further instances of a service, by its key in {@code services}), how tokens are
 * checked, the rate limits, which web origins may call the API, and how long a websocket client may leave what is
 * sent to it unread.
 */
@ConfigurationProperties("brigade.gateway")
public record GatewayProperties(Services services, Jwt jwt, RateLimit rateLimit, Cors cors,
                                @DefaultValue Websocket websocket, Map<String, List<URI>> instances) {

    public GatewayProperties {
        instances = instances == null ? Map.of() : Map.copyOf(instances);
    }

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

    /** A client whose connection stays full this long (asleep, or gone without a word) is disconnected. */
    public record Websocket(@DefaultValue("PT10S") Duration sendTimeLimit) {
    }
}

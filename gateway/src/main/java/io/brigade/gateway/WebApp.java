package io.brigade.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * The web build of the app (the {@code mobile-app} module's jar, under {@code brigade-web/} on the classpath) at
 * {@code /}. Hashed bundles and assets are cached for a year; {@code index.html} is revalidated every time and answers
 * every app route ({@code /floor}, {@code /kitchen}, {@code /tables/{id}} from a table's QR code...), so a reload or a
 * scanned link opens the app on that screen. {@code /api}, {@code /ws} and {@code /actuator} are never answered here.
 */
@Configuration
class WebApp {

    private static final String LOCATION = "brigade-web/";
    private static final CacheControl HASHED = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    /** The requests this serves, and which need no token: reads outside the API, the websocket and the actuator. */
    static final ServerWebExchangeMatcher PAGES = exchange -> isPage(exchange.getRequest().getMethod(),
            exchange.getRequest().getPath().pathWithinApplication().value())
            ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();

    static boolean isPage(HttpMethod method, String path) {
        return (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))
                && !under(path, "/api") && !under(path, "/ws") && !under(path, "/actuator");
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    @Bean
    RouterFunction<ServerResponse> webAppRoutes() {
        RequestPredicate pages = request -> isPage(request.method(), request.path());
        return RouterFunctions.route(pages, this::serve);
    }

    private Mono<ServerResponse> serve(ServerRequest request) {
        String path = request.path();
        if (path.contains("..") || path.contains("\\") || path.contains("//")) {
            return ServerResponse.notFound().build();
        }
        String relative = path.substring(1);
        Resource file = new ClassPathResource(LOCATION + relative);
        if (!relative.isEmpty() && !relative.endsWith("/") && file.isReadable()) {
            boolean hashed = relative.startsWith("_expo/static/") || relative.startsWith("assets/");
            return send(file, hashed ? HASHED : CacheControl.noCache());
        }
        String last = relative.substring(relative.lastIndexOf('/') + 1);
        if (last.contains(".")) {
            return ServerResponse.notFound().build();
        }
        Resource index = new ClassPathResource(LOCATION + "index.html");
        return index.isReadable() ? send(index, CacheControl.noCache()) : ServerResponse.notFound().build();
    }

    private static Mono<ServerResponse> send(Resource file, CacheControl cache) {
        MediaType type = MediaTypeFactory.getMediaType(file).orElse(MediaType.APPLICATION_OCTET_STREAM);
        return ServerResponse.ok().contentType(type).cacheControl(cache).body(BodyInserters.fromResource(file));
    }
}

package io.brigade.gateway;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import java.net.InetSocketAddress;

/**
 * Tells the services who the client is: {@code X-Forwarded-For} is the address the request came from, replacing
 * whatever the client sent, since the gateway is the edge. The auth service limits failed logins by this address.
 * Applied last among the headers filters of the proxied request.
 */
@Component
class ForwardedClientAddress implements HttpHeadersFilter, Ordered {

    static final String HEADER = "X-Forwarded-For";

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(input);
        headers.remove(HEADER);
        if (remote != null && remote.getAddress() != null) {
            headers.set(HEADER, remote.getAddress().getHostAddress());
        }
        return headers;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}

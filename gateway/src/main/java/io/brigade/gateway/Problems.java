package io.brigade.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9457 problem+json answers written by the gateway itself, in the same shape as the services' problems. */
final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String slug, String detail) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://brigade.io/problems/" + slug);
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        DataBuffer buffer;
        try {
            buffer = response.bufferFactory().wrap(JSON.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return response.writeWith(Mono.just(buffer));
    }
}

package io.brigade.platform.ops;

import io.brigade.platform.problem.ProblemResponses;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.MimeType;

/** Refusals of the operations endpoints, as RFC 9457 problems like every other refusal of a Brigade service. */
public final class OperationProblems {

    private static final MimeType PROBLEM = MimeType.valueOf(MediaType.APPLICATION_PROBLEM_JSON_VALUE);

    private OperationProblems() {
    }

    public static <T> WebEndpointResponse<T> notFound(String detail) {
        return problem(HttpStatus.NOT_FOUND, "not-found", detail);
    }

    public static <T> WebEndpointResponse<T> conflict(String detail) {
        return problem(HttpStatus.CONFLICT, "conflict", detail);
    }

    @SuppressWarnings("unchecked")
    private static <T> WebEndpointResponse<T> problem(HttpStatus status, String slug, String detail) {
        return new WebEndpointResponse<>((T) ProblemResponses.problem(status, slug, detail), status.value(), PROBLEM);
    }
}

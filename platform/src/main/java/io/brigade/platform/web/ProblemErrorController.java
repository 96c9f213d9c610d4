package io.brigade.platform.web;

import io.brigade.platform.problem.ProblemResponses;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container answers when a request fails outside Spring MVC (a rejected URL, an error sent by a
 * filter): a problem+json document with the status and nothing of the server's insides, whatever the client accepts.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer c && HttpStatus.resolve(c) != null
                ? HttpStatus.valueOf(c) : HttpStatus.INTERNAL_SERVER_ERROR;
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemResponses.problem(status, ProblemResponses.slug(status), detail(status)));
    }

    static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request is malformed";
            case NOT_FOUND -> "There is nothing at this address";
            case METHOD_NOT_ALLOWED -> "This address does not answer this method";
            case PAYLOAD_TOO_LARGE -> "The request body is too large";
            case URI_TOO_LONG -> "The address is too long";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request headers are too large";
            case UNSUPPORTED_MEDIA_TYPE -> "The request body must be JSON (application/json)";
            default -> status.is5xxServerError() ? "The service could not answer; try again"
                    : status.getReasonPhrase();
        };
    }
}

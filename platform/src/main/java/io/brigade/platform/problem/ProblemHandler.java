package io.brigade.platform.problem;

import jakarta.persistence.PersistenceException;
import jakarta.validation.ConstraintViolationException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import io.brigade.platform.web.BodyTooLarge;
import io.brigade.platform.web.JsonProblems;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;

/**
 * Maps every refusal to an RFC 9457 problem: 400 invalid input, 404 unknown id, 409 conflict with the current state,
 * 422 a business rule. Domain code throws the platform's exceptions; this is the only place that knows HTTP.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e) {
        return respond(ProblemResponses.problem(HttpStatus.CONFLICT, "conflict", e.getMessage()));
    }

    /** No database connection came in time (every one busy under a rush, or the database away): try again shortly. */
    @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        log.warn("No database connection for a request: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "2")
                .body(ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                        "The service is too busy to answer right now; try again shortly"));
    }

    /**
     * The database went away under a request (a restart, a broken connection). If it went during the commit, whether
     * the change was kept is not known to the service either; the client tries again with the same ids, which
     * commands take as the same change.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class, PersistenceException.class})
    ResponseEntity<ProblemDetail> databaseFailed(Exception e) throws Exception {
        if (!lostDatabase(e)) {
            throw e;
        }
        log.warn("The database connection broke during a request: {}", e.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "2")
                .body(ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                        "The service lost its database while answering; try again shortly with the same ids"));
    }

    /** A connection that could not be had, or broke: SQL states of class 08 (connection) and 57P (server shut down). */
    static boolean lostDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrentChange(ConcurrencyException e) {
        return respond(ProblemResponses.problem(HttpStatus.CONFLICT, "concurrent-change",
                "Someone else changed this at the same moment; read it again and retry"));
    }

    @ExceptionHandler(RefusedException.class)
    ResponseEntity<ProblemDetail> refused(RefusedException e) {
        return respond(ProblemResponses.problem(HttpStatus.UNPROCESSABLE_ENTITY, "refused", e.getMessage()));
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<ProblemDetail> forbidden(ForbiddenException e) {
        return respond(ProblemResponses.problem(HttpStatus.FORBIDDEN, "forbidden", e.getMessage()));
    }

    @ExceptionHandler(UnauthenticatedException.class)
    ResponseEntity<ProblemDetail> unauthenticated(UnauthenticatedException e) {
        return respond(ProblemResponses.problem(HttpStatus.UNAUTHORIZED, "unauthorized", e.getMessage()));
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<ProblemDetail> tooManyRequests(TooManyRequestsException e) {
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(ProblemResponses.problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", e.getMessage()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return respond(ProblemResponses.problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage()));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> aggregateNotFound(AggregateNotFoundException e) {
        return respond(ProblemResponses.problem(HttpStatus.NOT_FOUND, "not-found",
                "No such resource: " + e.getAggregateIdentifier()));
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalidInput(InvalidInputException e) {
        return respond(ProblemResponses.invalid(e.getMessage(),
                List.of(Map.of("field", e.field(), "message", e.getMessage()))));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", v.getPropertyPath().toString(), "message", v.getMessage()))
                .toList();
        return respond(ProblemResponses.invalid("The request is invalid", errors));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(ProblemResponses.invalid("'" + e.getName() + "' is not valid",
                List.of(Map.of("field", e.getName(), "message", "is not a valid value"))));
    }

    /** Command handlers on another node wrap their refusal; the refusal itself decides the status. */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e) throws Exception {
        Throwable cause = e.getCause();
        if (cause instanceof ConflictException c) return conflict(c);
        if (cause instanceof RefusedException r) return refused(r);
        if (cause instanceof NotFoundException n) return notFound(n);
        if (cause instanceof ForbiddenException f) return forbidden(f);
        if (cause instanceof InvalidInputException i) return invalidInput(i);
        if (cause instanceof AggregateNotFoundException a) return aggregateNotFound(a);
        if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException) {
            return databaseUnavailable((Exception) cause);
        }
        if (lostDatabase(cause)) {
            return databaseFailed(e);
        }
        throw e;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getAllErrors().stream()
                .map(error -> Map.of(
                        "field", error instanceof FieldError f ? f.getField() : error.getObjectName(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().body(ProblemResponses.invalid("The request is invalid", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, String>> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> Map.of(
                        "field", String.valueOf(result.getMethodParameter().getParameterName()),
                        "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        return ResponseEntity.badRequest().body(ProblemResponses.invalid("The request is invalid", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (e.getCause() instanceof BodyTooLarge tooLarge) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(ProblemResponses.problem(
                    HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", tooLarge.getMessage()));
        }
        Map<String, String> error = JsonProblems.describe(e.getCause());
        if (error == null) {
            return ResponseEntity.badRequest().body(ProblemResponses.problem(HttpStatus.BAD_REQUEST,
                    "malformed-request", "The request body is missing or is not valid JSON of the expected shape"));
        }
        String detail = error.get("field").equals("body") ? error.get("message")
                : "'" + error.get("field") + "' " + error.get("message");
        return ResponseEntity.badRequest().body(ProblemResponses.invalid(detail, List.of(error)));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getType().toString().equals("about:blank")) {
            HttpStatus resolved = HttpStatus.resolve(status.value());
            problem.setType(java.net.URI.create("https://brigade.io/problems/"
                    + (resolved == null ? "error" : resolved.name().toLowerCase().replace('_', '-'))));
        }
        if (status.is5xxServerError()) {
            log.error("Request failed", e);
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}

package io.brigade.platform.problem;

import java.time.Duration;

/** The caller must slow down and may try again after {@code retryAfter}: 429 with a {@code Retry-After} header. */
public class TooManyRequestsException extends RuntimeException {

    private final Duration retryAfter;

    public TooManyRequestsException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}

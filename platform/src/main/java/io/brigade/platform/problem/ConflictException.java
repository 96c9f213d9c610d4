package io.brigade.platform.problem;

/** The request conflicts with the current state (adding to a closed order, a retry with a different body): 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}

package io.brigade.platform.problem;

/** The caller's role may not do this to this resource in its current state (staff cancelling a sent order): 403. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}

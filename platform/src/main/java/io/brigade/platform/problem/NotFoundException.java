package io.brigade.platform.problem;

/** The id in the path names nothing: 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}

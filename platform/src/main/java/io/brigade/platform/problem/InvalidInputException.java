package io.brigade.platform.problem;

/** A field of the request is invalid in a way bean validation cannot see (an unknown menu item id): 400. */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

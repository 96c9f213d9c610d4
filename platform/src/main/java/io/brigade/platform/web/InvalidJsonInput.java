package io.brigade.platform.web;

/** A request body that is not the strict JSON Brigade accepts; {@code field} is where, as {@code lines[0].notes}. */
public class InvalidJsonInput extends RuntimeException {

    private final String field;

    public InvalidJsonInput(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

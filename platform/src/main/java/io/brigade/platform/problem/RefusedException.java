package io.brigade.platform.problem;

/** A business rule refused a well-formed request (the item is 86'd, the payment overpays): 422. */
public class RefusedException extends RuntimeException {

    public RefusedException(String message) {
        super(message);
    }
}

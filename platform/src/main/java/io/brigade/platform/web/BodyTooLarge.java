package io.brigade.platform.web;

import java.io.IOException;

/** A request body over the endpoint's limit; answered 413. */
public class BodyTooLarge extends IOException {

    public BodyTooLarge(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }
}

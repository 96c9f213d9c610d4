package io.brigade.dinner.web;

import io.brigade.dinner.domain.Dinner;

/** A controller of a made-up service that changes its aggregate directly instead of sending a command. */
public class DinnerController {

    public void serve(Dinner dinner) {
        dinner.serve();
    }
}

package io.brigade.lunch.web;

import io.brigade.contracts.order.OrderId;
import io.brigade.dinner.web.DinnerController;

/** A controller of a made-up service that calls into another service's code. */
public class LunchController {

    public OrderId order(DinnerController dinners) {
        return OrderId.random();
    }
}

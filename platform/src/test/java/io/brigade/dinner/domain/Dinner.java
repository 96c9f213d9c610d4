package io.brigade.dinner.domain;

import org.axonframework.spring.stereotype.Aggregate;

/** An aggregate of a made-up service, used by as many others as ServiceBoundariesTest needs to catch. */
@Aggregate
public class Dinner {

    public void serve() {
    }
}

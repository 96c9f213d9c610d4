package io.brigade.catalog.query;

/**
 * One message of a live view as docs/api.md's realtime section has it: what happened ({@code order:new},
 * {@code table:update}...), the version of the thing it shows, so a client drops stale and repeated messages, and the
 * view itself.
 */
public record LiveUpdate(String type, long version, Object data) {
}

package io.brigade.platform.test.hostile;

/** A request that must be refused: what was broken, and the request as sent on the wire. */
public record HostileRequest(String broken, String method, String path, String token, String contentType, String body) {

    @Override
    public String toString() {
        return method + " " + path + " (" + broken + ")";
    }
}

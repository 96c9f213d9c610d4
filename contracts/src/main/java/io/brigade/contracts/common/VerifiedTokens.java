package io.brigade.contracts.common;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the signature check of each access token gave, kept so that it runs once per token rather than once per
 * request: a phone sends the same token with every request until it expires, and the RSA check is the dearest part of
 * taking a request. Only the check of the signature is kept; the caller validates the claims (expiry, an ended
 * session) at every use. When full, it starts again empty, which costs one check per token in use.
 */
public final class VerifiedTokens<T> {

    private final int limit;
    private final Map<String, T> verified = new ConcurrentHashMap<>();

    public VerifiedTokens(int limit) {
        this.limit = limit;
    }

    /** The token as verified before, if it was. */
    public T find(String token) {
        return verified.get(token);
    }

    /** Keeps a token whose signature was checked, and returns it. */
    public T keep(String token, T checked) {
        if (verified.size() >= limit) {
            verified.clear();
        }
        verified.put(token, checked);
        return checked;
    }

    /** The token verified by {@code verify} the first time it is seen. */
    public T verified(String token, Function<String, T> verify) {
        T known = verified.get(token);
        return known != null ? known : keep(token, verify.apply(token));
    }
}

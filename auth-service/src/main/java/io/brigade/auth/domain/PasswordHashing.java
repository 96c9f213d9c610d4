package io.brigade.auth.domain;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id with OWASP's minimum parameters (19 MiB of memory, 2 iterations, 1 lane), a 16-byte salt and a 32-byte
 * hash. Checking a password for an unknown user still costs one hash, so the answer's timing does not tell which
 * usernames exist.
 */
@Component
public class PasswordHashing {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int LANES = 1;
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;

    private final Argon2PasswordEncoder encoder =
            new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, LANES, MEMORY_KIB, ITERATIONS);
    private final String hashOfNothing = encoder.encode("no user has this password: it only spends the time");

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    /** Spends the time of a real check, for a username that does not exist. */
    public void matchNothing(String password) {
        encoder.matches(password, hashOfNothing);
    }
}

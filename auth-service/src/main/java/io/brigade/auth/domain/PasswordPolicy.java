package io.brigade.auth.domain;

import io.brigade.platform.problem.InvalidInputException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a password must be (NIST SP 800-63B): 8 to 128 characters, not one of the most common passwords, not the
 * username. No composition rules: length and the blocklist do more than forcing a digit.
 */
@Component
public class PasswordPolicy {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;

    private final Set<String> common;

    public PasswordPolicy() {
        this.common = load("common-passwords.txt");
    }

    public void check(String username, String password) {
        if (password == null) {
            throw new InvalidInputException("password", "A password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new InvalidInputException("password",
                    "A password has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            throw new InvalidInputException("password", "This password is one of the most common ones; choose another");
        }
        if (username != null && lower.equals(username.toLowerCase(Locale.ROOT))) {
            throw new InvalidInputException("password", "The password must not be the username");
        }
    }

    private static Set<String> load(String resource) {
        try (var reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.brigade.platform.problem;

/** The caller could not prove who they are (wrong password, a spent or revoked refresh token): 401. */
public class UnauthenticatedException extends RuntimeException {

    public UnauthenticatedException(String message) {
        super(message);
    }
}

package io.brigade.benchmarks;

import io.brigade.platform.test.ApiClient;

import java.time.Duration;

/**
 * A waiter, a cook and a manager calling through the gateway, who sign in again before their access tokens (15
 * minutes) run out, however long a run on a busy machine takes.
 */
final class Staff {

    private static final long SIGN_IN_AGAIN_AFTER = Duration.ofMinutes(10).toNanos();

    private final String gatewayUrl;
    private final String namePrefix;
    private volatile SignedIn signedIn;

    private record SignedIn(ApiClient waiter, ApiClient cook, ApiClient manager, long at) {
    }

    /** Staff named {@code namePrefix} followed by their role, signed in at once. */
    Staff(String gatewayUrl, String namePrefix) {
        this.gatewayUrl = gatewayUrl;
        this.namePrefix = namePrefix;
        this.signedIn = signIn();
    }

    ApiClient waiter() {
        return current().waiter();
    }

    ApiClient cook() {
        return current().cook();
    }

    ApiClient manager() {
        return current().manager();
    }

    private SignedIn current() {
        SignedIn current = signedIn;
        if (System.nanoTime() - current.at() > SIGN_IN_AGAIN_AFTER) {
            synchronized (this) {
                if (signedIn == current) {
                    signedIn = signIn();
                }
                current = signedIn;
            }
        }
        return current;
    }

    private SignedIn signIn() {
        ApiClient gateway = ApiClient.at(gatewayUrl);
        return new SignedIn(gateway.as(namePrefix + "waiter", "STAFF"), gateway.as(namePrefix + "cook", "KITCHEN"),
                gateway.as(namePrefix + "manager", "MANAGER"), System.nanoTime());
    }
}

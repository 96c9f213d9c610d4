package io.brigade.contracts.common;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    private final AtomicInteger checks = new AtomicInteger();
    private final VerifiedTokens<String> verified = new VerifiedTokens<>(2);

    private String check(String token) {
        checks.incrementAndGet();
        if (token.startsWith("forged")) {
            throw new IllegalArgumentException("bad signature");
        }
        return "claims of " + token;
    }

    @Test
    void aTokenIsCheckedTheFirstTimeItIsSeenOnly() {
        assertThat(verified.verified("a", this::check)).isEqualTo("claims of a");
        assertThat(verified.verified("a", this::check)).isEqualTo("claims of a");
        assertThat(checks).hasValue(1);
    }

    @Test
    void aTokenThatFailsItsCheckIsNotKept_andFailsAgainNextTime() {
        assertThatThrownBy(() -> verified.verified("forged", this::check)).hasMessage("bad signature");
        assertThatThrownBy(() -> verified.verified("forged", this::check)).hasMessage("bad signature");
        assertThat(verified.find("forged")).isNull();
        assertThat(checks).hasValue(2);
    }

    @Test
    void whenFullItStartsAgainEmpty() {
        verified.verified("a", this::check);
        verified.verified("b", this::check);
        verified.verified("c", this::check);
        assertThat(verified.find("a")).isNull();
        assertThat(verified.find("c")).isEqualTo("claims of c");
        verified.verified("a", this::check);
        assertThat(checks).hasValue(4);
    }
}

package org.gallery.caption.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8));

    @Test
    void onlyTooManyRequestsAndServerErrorsAreRetried() {
        assertThat(RetryPolicy.retryable(429)).isTrue();
        assertThat(RetryPolicy.retryable(500)).isTrue();
        assertThat(RetryPolicy.retryable(503)).isTrue();
        assertThat(RetryPolicy.retryable(400)).isFalse();
        assertThat(RetryPolicy.retryable(401)).isFalse();
        assertThat(RetryPolicy.retryable(404)).isFalse();
        assertThat(RetryPolicy.retryable(408)).isFalse();
    }

    @Test
    void backoffDoublesWithJitterUpToTheCap() {
        for (int i = 0; i < 200; i++) {
            assertThat(policy.delayBefore(1, null, NOW)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
            assertThat(policy.delayBefore(2, null, NOW)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
            assertThat(policy.delayBefore(3, null, NOW)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
            assertThat(policy.delayBefore(30, null, NOW)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
        }
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDateWins() {
        assertThat(policy.delayBefore(1, "7", NOW)).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.delayBefore(1, "Sun, 01 Jun 2025 12:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayBefore(1, "Sun, 01 Jun 2025 11:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void aRetryAfterThatMakesNoSenseFallsBackToBackoff() {
        assertThat(policy.delayBefore(1, "soon", NOW)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(policy.delayBefore(1, "-3", NOW)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    }
}

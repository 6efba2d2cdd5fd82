package org.gallery.caption.generator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * When to try a backend call again: only after an answer of 429 or 5xx, at most {@code maxAttempts} times in all, after
 * the backend's {@code Retry-After} when it sends one, otherwise after an exponential backoff with jitter.
 */
record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8));

    RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    static boolean retryable(int status) {
        return status == 429 || status >= 500 && status <= 599;
    }

    /**
     * The pause before attempt {@code failedAttempt + 1}: the {@code Retry-After} value when given, otherwise
     * between half and all of {@code baseDelay * 2^(failedAttempt-1)}, capped at {@code maxDelay}.
     */
    Duration delayBefore(int failedAttempt, @Nullable String retryAfter, Instant now) {
        Optional<Duration> asked = parseRetryAfter(retryAfter, now);
        if (asked.isPresent()) {
            return asked.get();
        }
        long ceiling = baseDelay.toMillis() << Math.min(failedAttempt - 1, 20);
        ceiling = Math.min(Math.max(ceiling, 1), maxDelay.toMillis());
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }

    /** {@code Retry-After} is either whole seconds or an HTTP date (RFC 9110, section 10.2.3). */
    static Optional<Duration> parseRetryAfter(@Nullable String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}

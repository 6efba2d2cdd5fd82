package org.gallery.caption.generator;

import java.time.Duration;

/**
 * How long a backend call may take.
 *
 * @param connect to open the connection
 * @param total   the whole call: waiting for a free slot, every attempt and backoff, and the whole response
 * @param stall   for a stream, the longest silence between two pieces once the first one arrived (before it, the
 *                model may still be reading the image, and only {@code total} applies)
 */
record CaptionTimeouts(Duration connect, Duration total, Duration stall) {

    static final Duration MAX_CONNECT = Duration.ofSeconds(10);
    static final Duration MAX_STALL = Duration.ofSeconds(30);

    /** All three from {@code CAPTION_TIMEOUT_SECONDS}: connect and stall are capped at 10 s and 30 s. */
    static CaptionTimeouts ofSeconds(int seconds) {
        Duration total = Duration.ofSeconds(seconds);
        return new CaptionTimeouts(min(total, MAX_CONNECT), total, min(total, MAX_STALL));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

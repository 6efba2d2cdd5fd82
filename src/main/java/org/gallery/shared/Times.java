package org.gallery.shared;

import java.time.Instant;

/** Times are stored as epoch milliseconds in both databases: one fixed format, exact ordering. */
public final class Times {

    private Times() {
    }

    public static long now() {
        return System.currentTimeMillis();
    }

    public static Instant toInstant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }
}

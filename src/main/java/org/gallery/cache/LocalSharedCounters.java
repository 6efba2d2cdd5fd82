package org.gallery.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;

/** {@link SharedCounters} of one process: each entry expires on its own schedule. */
final class LocalSharedCounters implements SharedCounters {

    private record Entry(long count, long expiresAtNanos) {
    }

    private final Cache<String, Entry> entries = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfter(Expiry.<String, Entry>writing((key, entry) -> Duration.ofNanos(
                    Math.max(0, entry.expiresAtNanos() - System.nanoTime()))))
            .build();

    @Override
    public long increment(String key, Duration window) {
        long until = System.nanoTime() + window.toNanos();
        return entries.asMap().merge(key, new Entry(1, until), (old, one) -> new Entry(old.count() + 1, until)).count();
    }

    @Override
    public void flag(String key, Duration ttl) {
        entries.put(key, new Entry(1, System.nanoTime() + ttl.toNanos()));
    }

    @Override
    public Duration remaining(String key) {
        Entry e = entries.getIfPresent(key);
        long left = e == null ? 0 : e.expiresAtNanos() - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    @Override
    public void delete(String key) {
        entries.invalidate(key);
    }
}

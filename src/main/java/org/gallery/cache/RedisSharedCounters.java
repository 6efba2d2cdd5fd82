package org.gallery.cache;

import java.time.Duration;

final class RedisSharedCounters implements SharedCounters, AutoCloseable {

    private static final String PREFIX = "gallery:counter:";

    private final RedisConnection redis;

    RedisSharedCounters(String url) {
        this.redis = new RedisConnection(url, "shared counters");
    }

    @Override
    public long increment(String key, Duration window) {
        return redis.call(r -> {
            long count = r.incr(PREFIX + key);
            r.pexpire(PREFIX + key, window.toMillis());
            return count;
        }, 0L);
    }

    @Override
    public void flag(String key, Duration ttl) {
        redis.call(r -> r.psetex(PREFIX + key, ttl.toMillis(), "1"), null);
    }

    @Override
    public Duration remaining(String key) {
        long millis = redis.call(r -> r.pttl(PREFIX + key), -2L);
        return millis > 0 ? Duration.ofMillis(millis) : Duration.ZERO;
    }

    @Override
    public void delete(String key) {
        redis.call(r -> r.del(PREFIX + key), null);
    }

    @Override
    public void close() {
        redis.close();
    }
}

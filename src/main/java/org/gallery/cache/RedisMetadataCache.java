package org.gallery.cache;

import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/** Redis-backed cache holding values as JSON; when Redis is away, reads miss and writes are dropped. */
final class RedisMetadataCache implements MetadataCache, AutoCloseable {

    private static final String PREFIX = "gallery:";

    private final RedisConnection redis;
    private final JsonMapper json;
    private final long ttlSeconds;

    RedisMetadataCache(String url, Duration ttl, JsonMapper json) {
        this.redis = new RedisConnection(url, "metadata cache");
        this.json = json;
        this.ttlSeconds = Math.max(1, ttl.toSeconds());
    }

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        String value = redis.call(r -> r.get(PREFIX + key), null);
        try {
            return value == null ? Optional.empty() : Optional.of(json.readValue(value, type));
        } catch (RuntimeException unreadable) {
            // written by another version of Gallery: read the database instead
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, Object value) {
        String text = json.writeValueAsString(value);
        redis.call(r -> r.setex(PREFIX + key, ttlSeconds, text), null);
    }

    @Override
    public void evict(String key) {
        // if Redis is away the entry expires with its TTL; a stale read is bounded by METADATA_CACHE_TTL_SECONDS
        redis.call(r -> r.del(PREFIX + key), null);
    }

    @Override
    public void evictAll(java.util.Collection<String> keys) {
        java.util.List<String> all = keys.stream().map(k -> PREFIX + k).toList();
        for (int from = 0; from < all.size(); from += 1_000) {
            String[] batch = all.subList(from, Math.min(all.size(), from + 1_000)).toArray(String[]::new);
            redis.call(r -> r.del(batch), null);
        }
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public boolean healthy() {
        return "PONG".equals(redis.call(r -> r.ping(), null));
    }

    @Override
    public void close() {
        redis.close();
    }
}

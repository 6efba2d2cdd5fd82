package org.gallery.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redis-backed cache holding values as JSON. Commands time out quickly and are rejected while disconnected, so a
 * missing Redis costs a request nothing but the cache; Lettuce reconnects by itself when Redis comes back.
 */
final class RedisMetadataCache implements MetadataCache, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisMetadataCache.class);
    private static final String PREFIX = "gallery:";
    private static final Duration RETRY_CONNECT_AFTER = Duration.ofSeconds(2);

    private final RedisClient client;
    private final JsonMapper json;
    private final long ttlSeconds;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long nextConnectAttempt;
    private volatile boolean reportedDown;

    RedisMetadataCache(String url, Duration ttl, JsonMapper json) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(Duration.ofMillis(500));
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(500)).build())
                .build());
        this.json = json;
        this.ttlSeconds = Math.max(1, ttl.toSeconds());
    }

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        try {
            var c = connection();
            if (c == null) {
                return Optional.empty();
            }
            String value = c.sync().get(PREFIX + key);
            up();
            return value == null ? Optional.empty() : Optional.of(json.readValue(value, type));
        } catch (RuntimeException e) {
            down(e);
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, Object value) {
        try {
            var c = connection();
            if (c != null) {
                c.sync().setex(PREFIX + key, ttlSeconds, json.writeValueAsString(value));
                up();
            }
        } catch (RuntimeException e) {
            down(e);
        }
    }

    @Override
    public void evict(String key) {
        try {
            var c = connection();
            if (c != null) {
                c.sync().del(PREFIX + key);
            }
        } catch (RuntimeException e) {
            // the entry expires with its TTL; a stale read is bounded by METADATA_CACHE_TTL_SECONDS
            down(e);
        }
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public boolean healthy() {
        try {
            var c = connection();
            return c != null && "PONG".equals(c.sync().ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private StatefulRedisConnection<String, String> connection() {
        var c = connection;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (connection == null && System.currentTimeMillis() >= nextConnectAttempt) {
                try {
                    connection = client.connect();
                } catch (RuntimeException e) {
                    nextConnectAttempt = System.currentTimeMillis() + RETRY_CONNECT_AFTER.toMillis();
                    down(e);
                }
            }
            return connection;
        }
    }

    private void up() {
        if (reportedDown) {
            reportedDown = false;
            log.info("Redis cache is reachable again");
        }
    }

    private void down(RuntimeException e) {
        if (!reportedDown) {
            reportedDown = true;
            log.warn("Redis cache unavailable, serving without it: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
}

package org.gallery.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Redis connection made when first needed. Commands time out quickly and are rejected while disconnected, so a
 * missing Redis costs a request nothing but what Redis would have given; Lettuce reconnects by itself when Redis
 * comes back, and a first connection that failed is tried again after a pause.
 */
final class RedisConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisConnection.class);
    private static final Duration RETRY_CONNECT_AFTER = Duration.ofSeconds(2);

    private final RedisClient client;
    private final String purpose;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long nextConnectAttempt;
    private volatile boolean reportedDown;

    RedisConnection(String url, String purpose) {
        this.client = client(url);
        this.purpose = purpose;
    }

    static RedisClient client(String url) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(Duration.ofMillis(500));
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(500)).build())
                .build());
        return client;
    }

    /** Runs commands; when Redis cannot answer, logs it once and returns {@code fallback}. */
    <T> T call(Function<RedisCommands<String, String>, T> commands, T fallback) {
        try {
            var c = connection();
            if (c == null) {
                return fallback;
            }
            T result = commands.apply(c.sync());
            up();
            return result;
        } catch (RuntimeException e) {
            down(e);
            return fallback;
        }
    }

    /** Sends a command without waiting for its answer; a failure is logged as {@link #call} logs it. */
    void send(Function<RedisAsyncCommands<String, String>, RedisFuture<?>> command) {
        try {
            var c = connection();
            if (c != null) {
                command.apply(c.async()).whenComplete((result, failure) -> {
                    if (failure == null) {
                        up();
                    } else {
                        down(failure);
                    }
                });
            }
        } catch (RuntimeException e) {
            down(e);
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
            log.info("Redis ({}) is reachable again", purpose);
        }
    }

    private void down(Throwable e) {
        if (!reportedDown) {
            reportedDown = true;
            log.warn("Redis ({}) unavailable, going on without it: {}", purpose, e.getMessage());
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

package org.gallery.cache;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClusterEvents} over Redis pub/sub, one channel per topic. Each message carries the sender's id, so that an
 * instance skips its own. Lettuce subscribes again by itself after a reconnect; a first connection that fails is
 * retried in the background, so a Redis that is away at start-up delays nothing.
 */
final class RedisClusterEvents implements ClusterEvents, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisClusterEvents.class);
    private static final String PREFIX = "gallery:events:";
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final String self = UUID.randomUUID().toString();
    private final RedisConnection publisher;
    private final RedisClient client;
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile boolean closed;
    private boolean warned;

    RedisClusterEvents(String url) {
        this.publisher = new RedisConnection(url, "cluster events");
        this.client = RedisConnection.client(url);
        Thread.ofVirtual().name("cluster-events-connect").start(this::connect);
    }

    @Override
    public void publish(String topic, String message) {
        publisher.send(r -> r.publish(PREFIX + topic, self + " " + message));
    }

    @Override
    public void subscribe(String topic, Consumer<String> listener) {
        listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
        var c = subscriber;
        if (c != null) {
            c.async().subscribe(PREFIX + topic);
        }
    }

    private void connect() {
        while (!closed) {
            StatefulRedisPubSubConnection<String, String> c = null;
            try {
                c = client.connectPubSub();
                c.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        deliver(channel, message);
                    }
                });
                synchronized (this) {
                    subscriber = c;
                    // listeners added from here on subscribe themselves
                    String[] channels = listeners.keySet().stream().map(t -> PREFIX + t).toArray(String[]::new);
                    if (channels.length > 0) {
                        c.sync().subscribe(channels);
                    }
                }
                return;
            } catch (RuntimeException e) {
                subscriber = null;
                if (c != null) {
                    c.close();
                }
                if (!warned) {
                    warned = true;
                    log.warn("Redis (cluster events) unavailable, other instances' changes are not heard yet: {}",
                            e.getMessage());
                }
                try {
                    Thread.sleep(RETRY_AFTER);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void deliver(String channel, String message) {
        int space = message.indexOf(' ');
        if (space < 0 || message.substring(0, space).equals(self) || !channel.startsWith(PREFIX)) {
            return;
        }
        String body = message.substring(space + 1);
        var wanted = listeners.getOrDefault(channel.substring(PREFIX.length()), List.of());
        // never on Lettuce's I/O thread: listeners may touch the disk
        Thread.ofVirtual().name("cluster-event").start(() -> wanted.forEach(l -> {
            try {
                l.accept(body);
            } catch (RuntimeException e) {
                log.warn("Cannot act on cluster event {} {}: {}", channel, body, e.getMessage());
            }
        }));
    }

    @Override
    public void close() {
        closed = true;
        var c = subscriber;
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        publisher.close();
    }
}

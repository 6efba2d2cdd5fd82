package org.gallery.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gallery.testing.TestServices;
import org.gallery.testing.Waits;
import org.junit.jupiter.api.Test;

/**
 * Cluster events against a real Redis: a message reaches the other instances and not its sender, publishing never
 * waits for a Redis that is away, and listening resumes by itself when Redis is back, also for an instance that
 * started while it was away.
 */
class RedisClusterEventsTest {

    private static final Duration SOON = Duration.ofSeconds(10);

    @Test
    void aMessageReachesTheOtherInstancesOnly() {
        String topic = "test-" + UUID.randomUUID();
        try (var one = new RedisClusterEvents(TestServices.redisUrl());
                var other = new RedisClusterEvents(TestServices.redisUrl())) {
            List<String> heardByOne = new CopyOnWriteArrayList<>();
            List<String> heardByOther = new CopyOnWriteArrayList<>();
            one.subscribe(topic, heardByOne::add);
            other.subscribe(topic, heardByOther::add);

            Waits.until(SOON, () -> {
                one.publish(topic, "hello");
                return heardByOther.isEmpty();
            }, empty -> !empty);
            assertThat(heardByOther).allMatch("hello"::equals);
            other.publish(topic, "back");
            Waits.until(SOON, () -> heardByOne.contains("back"), heard -> heard);
            assertThat(heardByOne).containsOnly("back");
        }
    }

    @Test
    void listeningResumesAfterRedisRestarts() throws Exception {
        int port = TestServices.freePort();
        var redis = TestServices.startEmbeddedRedis(port);
        redis.server().stop();
        String topic = "test-" + UUID.randomUUID();
        try (var early = new RedisClusterEvents(redis.url())) {
            List<String> heard = new CopyOnWriteArrayList<>();
            early.subscribe(topic, heard::add);
            long start = System.nanoTime();
            early.publish(topic, "lost");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

            redis.server().start();
            try (var other = new RedisClusterEvents(redis.url())) {
                Waits.until(SOON, () -> {
                    other.publish(topic, "first");
                    return heard.contains("first");
                }, h -> h);

                redis.server().stop();
                redis.server().start();
                Waits.until(SOON, () -> {
                    other.publish(topic, "second");
                    return heard.contains("second");
                }, h -> h);
            }
        } finally {
            redis.server().stop();
        }
    }
}

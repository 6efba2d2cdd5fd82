package org.gallery.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.gallery.photoset.Photoset;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.gallery.testing.TestServices;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The Redis cache against a real Redis: values round-trip, writes invalidate, and an outage costs only the cache. */
class RedisCacheTest {

    @Test
    void storesValuesAsJsonWithTheirTtl() {
        var cache = new RedisMetadataCache(TestServices.redisUrl(), Duration.ofSeconds(60), JsonMapper.builder().build());
        try (cache) {
            String key = "test:" + UUID.randomUUID();
            var value = new Photoset(UUID.randomUUID(), "Set", 2020, "2020-01-02", null, null,
                    java.util.List.of("A"), java.util.List.of("t"), 3, null, null, java.time.Instant.now(), java.time.Instant.now());
            cache.put(key, value);
            assertThat(cache.get(key, Photoset.class)).contains(value);
            cache.evict(key);
            assertThat(cache.get(key, Photoset.class)).isEmpty();
            var keys = java.util.stream.IntStream.range(0, 1_500).mapToObj(i -> key + ":" + i).toList();
            keys.forEach(k -> cache.put(k, value));
            cache.evictAll(keys);
            assertThat(keys).allSatisfy(k -> assertThat(cache.get(k, Photoset.class)).isEmpty());
            assertThat(cache.healthy()).isTrue();
        }
    }

    @Test
    void requestsSucceedWithoutRedisAndTheCacheRecoversByItself() throws Exception {
        int port = TestServices.freePort();
        var redis = TestServices.startEmbeddedRedis(port);
        TestApp app = TestApp.startWith(Db.SQLITE, Map.of("REDIS_URL", redis.url()));
        try {
            var api = app.api;
            UUID set = new Factories(api).photoset(Factories.unique("cached"), Map.of("year", 2001));
            assertThat(api.get("/api/v2/photosets/" + set).json().get("year").asInt()).isEqualTo(2001);

            redis.server().stop();
            long start = System.nanoTime();
            assertThat(api.put("/api/v2/photosets/" + set, Map.of("year", 2002)).status()).isEqualTo(200);
            assertThat(api.get("/api/v2/photosets/" + set).json().get("year").asInt()).isEqualTo(2002);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            var health = api.get("/api/v2/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asString()).isEqualTo("degraded");
            assertThat(health.json().get("cache").get("status").asString()).isEqualTo("down");

            redis.server().start();
            boolean recovered = false;
            for (int i = 0; i < 50 && !recovered; i++) {
                Thread.sleep(200);
                recovered = "up".equals(api.get("/api/v2/health").json().get("cache").get("status").asString());
            }
            assertThat(recovered).as("cache back up after Redis restarts").isTrue();
            assertThat(api.put("/api/v2/photosets/" + set, Map.of("year", 2003)).status()).isEqualTo(200);
            assertThat(api.get("/api/v2/photosets/" + set).json().get("year").asInt()).isEqualTo(2003);
        } finally {
            app.close();
            redis.server().stop();
        }
    }
}

package org.gallery.cache;

import java.time.Duration;
import org.gallery.config.Settings;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration
class CacheConfig {

    @Bean
    MetadataCache metadataCache(Settings settings, JsonMapper json) {
        Duration ttl = Duration.ofSeconds(settings.metadataCacheTtlSeconds());
        if (settings.redisEnabled()) {
            LoggerFactory.getLogger(CacheConfig.class).info("Metadata cache: Redis");
            return new RedisMetadataCache(settings.redisUrl(), ttl, json);
        }
        return new CaffeineMetadataCache(ttl);
    }

    @Bean
    SharedCounters sharedCounters(Settings settings) {
        return settings.redisEnabled() ? new RedisSharedCounters(settings.redisUrl()) : new LocalSharedCounters();
    }

    @Bean
    ClusterEvents clusterEvents(Settings settings) {
        return settings.redisEnabled() ? new RedisClusterEvents(settings.redisUrl()) : new LocalClusterEvents();
    }
}

package org.gallery.thumbnail;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.UUID;
import org.gallery.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Recently served thumbnails in memory, bounded by IMAGE_CACHE_SIZE_MB, so a grid of them never touches the disk. */
@Component
class HotThumbnails implements MeterBinder {

    record Entry(byte[] bytes, String etag, long lastModified) {
    }

    private record Key(UUID imageId, ThumbnailSize size) {
    }

    private static final Logger log = LoggerFactory.getLogger(HotThumbnails.class);

    private final Cache<Key, Entry> cache;
    private final boolean enabled;

    HotThumbnails(Settings settings) {
        long maxBytes = bounded(settings.imaging().imageCacheSizeMb() * 1024L * 1024L, Runtime.getRuntime().maxMemory());
        this.enabled = maxBytes > 0;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key k, Entry e) -> e.bytes().length + 64)
                .build();
    }

    /** At most half the heap, so that a large setting cannot starve the rest of the service of memory. */
    static long bounded(long wantedBytes, long maxHeapBytes) {
        long limit = maxHeapBytes / 2;
        if (wantedBytes <= limit) {
            return wantedBytes;
        }
        log.warn("IMAGE_CACHE_SIZE_MB={} is more than half the Java heap ({} MiB): the thumbnail cache keeps {} MiB. "
                + "Give the service more heap with GALLERY_JAVA_OPTS=-Xmx...", wantedBytes >> 20, maxHeapBytes >> 20,
                limit >> 20);
        return limit;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("gallery.thumbnail.cache.bytes", cache,
                        c -> c.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L))
                .description("Bytes of thumbnails kept in memory (at most IMAGE_CACHE_SIZE_MB)").baseUnit("bytes")
                .register(registry);
    }

    Entry get(UUID imageId, ThumbnailSize size) {
        return cache.getIfPresent(new Key(imageId, size));
    }

    Entry load(UUID imageId, ThumbnailSize size, ThumbnailStore.Stored stored) {
        byte[] bytes = stored.bytes();
        long modified = stored.lastModified();
        Entry entry = new Entry(bytes, etag(imageId, size, modified, bytes.length), modified);
        cache.put(new Key(imageId, size), entry);
        return entry;
    }

    /** The file is replaced whole when remade, so its time and size identify this version. */
    static String etag(UUID imageId, ThumbnailSize size, long modifiedMillis, long length) {
        return "\"" + imageId + "-" + size.id() + "-" + Long.toHexString(modifiedMillis) + "-" + length + "\"";
    }

    /** False when IMAGE_CACHE_SIZE_MB is 0: nothing is kept, thumbnails are read from disk each time. */
    boolean enabled() {
        return enabled;
    }

    void forget(UUID imageId) {
        for (ThumbnailSize size : ThumbnailSize.values()) {
            cache.invalidate(new Key(imageId, size));
        }
    }
}

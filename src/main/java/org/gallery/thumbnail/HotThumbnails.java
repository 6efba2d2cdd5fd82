package org.gallery.thumbnail;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.gallery.config.Settings;
import org.springframework.stereotype.Component;

/** Recently served thumbnails in memory, bounded by IMAGE_CACHE_SIZE_MB, so a grid of them never touches the disk. */
@Component
class HotThumbnails {

    record Entry(byte[] bytes, String etag, long lastModified) {
    }

    private record Key(UUID imageId, ThumbnailSize size) {
    }

    private final Cache<Key, Entry> cache;

    HotThumbnails(Settings settings) {
        long maxBytes = settings.imaging().imageCacheSizeMb() * 1024L * 1024L;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key k, Entry e) -> e.bytes().length + 64)
                .build();
    }

    Entry get(UUID imageId, ThumbnailSize size) {
        return cache.getIfPresent(new Key(imageId, size));
    }

    Entry load(UUID imageId, ThumbnailSize size, Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            long modified = Files.getLastModifiedTime(file).toMillis();
            // the file is replaced whole when remade, so its size and time identify this version
            String etag = "\"" + imageId + "-" + size.id() + "-" + Long.toHexString(modified) + "-" + bytes.length + "\"";
            Entry entry = new Entry(bytes, etag, modified);
            cache.put(new Key(imageId, size), entry);
            return entry;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read thumbnail " + file, e);
        }
    }

    void forget(UUID imageId) {
        for (ThumbnailSize size : ThumbnailSize.values()) {
            cache.invalidate(new Key(imageId, size));
        }
    }
}

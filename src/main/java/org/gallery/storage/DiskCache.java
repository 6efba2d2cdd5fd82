package org.gallery.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies of small stored files (thumbnails, crops) on the local disk, in front of a remote store: STORAGE_CACHE_DIR,
 * at most STORAGE_CACHE_MB, the least recently used going first. Each copy keeps the stored file's time as its own,
 * so that it answers with the same ETag as the store. The folder is emptied at start-up: what it held is unknown.
 */
final class DiskCache {

    private static final Logger log = LoggerFactory.getLogger(DiskCache.class);

    private final Path dir;
    private final Cache<FileStore.Key, Path> copies;
    private final boolean enabled;

    DiskCache(Path dir, long maxBytes) {
        this.dir = dir.toAbsolutePath().normalize();
        this.enabled = maxBytes > 0;
        this.copies = Caffeine.newBuilder()
                .maximumWeight(Math.max(0, maxBytes))
                .weigher((FileStore.Key k, Path p) -> (int) Math.min(Integer.MAX_VALUE, size(p) + 256))
                // deleted at once, on the caller's thread, so the folder never holds more than the bound for long
                .executor(Runnable::run)
                .removalListener((FileStore.Key k, Path p, RemovalCause cause) -> deleteQuietly(p))
                .build();
        if (enabled) {
            clear();
        }
    }

    /** The cached copy, when there is one. */
    Optional<Path> get(FileStore.Key key) {
        if (!enabled) {
            return Optional.empty();
        }
        Path p = copies.getIfPresent(key);
        return p != null && Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** Keeps a copy of these bytes, dated as the stored file is. */
    void put(FileStore.Key key, byte[] bytes, long lastModifiedMillis) {
        if (!enabled) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Path temp = StorageFiles.newTempFile(dir, ".", ".tmp");
            Files.write(temp, bytes);
            Files.setLastModifiedTime(temp, FileTime.fromMillis(lastModifiedMillis));
            // a name of its own per copy: replacing an entry deletes the old copy, never the new one
            Path copy = dir.resolve(UUID.randomUUID() + ".bin");
            Files.move(temp, copy, StandardCopyOption.ATOMIC_MOVE);
            copies.put(key, copy);
        } catch (IOException e) {
            log.warn("Cannot keep a local copy of {} in {}: {}", key.path(), dir, e.getMessage());
        }
    }

    void forget(FileStore.Key key) {
        copies.invalidate(key);
    }

    void forgetFolder(FileStore.Area area, String folder) {
        String prefix = folder + "/";
        copies.asMap().keySet().removeIf(k -> k.area() == area && k.path().startsWith(prefix));
    }

    private void clear() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(DiskCache::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot empty STORAGE_CACHE_DIR " + dir, e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.debug("Cannot delete cached copy {}: {}", p, e.getMessage());
        }
    }
}

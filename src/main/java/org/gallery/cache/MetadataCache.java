package org.gallery.cache;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Short-lived cache of metadata read by key (image and photoset details). In-process by default, Redis when
 * {@code REDIS_URL} is set. A cache that fails never fails the request: callers fall through to the database.
 */
public interface MetadataCache {

    <T> Optional<T> get(String key, Class<T> type);

    void put(String key, Object value);

    void evict(String key);

    /** Evicts several keys: one round trip where the cache allows it, rather than one per key. */
    default void evictAll(java.util.Collection<String> keys) {
        keys.forEach(this::evict);
    }

    /** "caffeine" or "redis". */
    String kind();

    /** True when the cache answers right now. */
    boolean healthy();

    /**
     * Evicts now and again after the surrounding transaction commits: a reader between the two may have cached
     * the old row again.
     */
    default void evictNowAndAfterCommit(String key) {
        evict(key);
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            evict(key);
                        }
                    });
        }
    }

    /** {@link #evictNowAndAfterCommit} for many keys at once (a change to many images). */
    default void evictAllNowAndAfterCommit(java.util.Collection<String> keys) {
        java.util.List<String> copy = java.util.List.copyOf(keys);
        evictAll(copy);
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            evictAll(copy);
                        }
                    });
        }
    }

    default <T> T getOrLoad(String key, Class<T> type, Supplier<T> loader) {
        Optional<T> cached = get(key, type);
        if (cached.isPresent()) {
            return cached.get();
        }
        T value = loader.get();
        if (value != null) {
            put(key, value);
        }
        return value;
    }
}

package org.gallery.cache;

import java.time.Duration;

/**
 * Counters and flags that expire, shared by every instance when {@code REDIS_URL} is set (else kept in this process).
 * Used to slow down repeated failed sign-ins. When Redis is away, counting stops rather than failing the request.
 */
public interface SharedCounters {

    /** Adds one and returns the count; the count expires {@code window} after its last increment. */
    long increment(String key, Duration window);

    /** Sets a flag that disappears after {@code ttl}. */
    void flag(String key, Duration ttl);

    /** How long the flag has left; zero when it is not set. */
    Duration remaining(String key);

    void delete(String key);
}

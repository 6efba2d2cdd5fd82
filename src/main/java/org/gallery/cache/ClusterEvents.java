package org.gallery.cache;

import java.util.function.Consumer;

/**
 * Short messages to the other instances of one deployment, through Redis when {@code REDIS_URL} is set (else there
 * are no others, and nothing is sent). Delivery is best effort and never waits: a message sent while Redis is away
 * is lost, so it may only tell others to drop what they can fetch again.
 */
public interface ClusterEvents {

    /** Sends {@code message} on {@code topic} to every other instance; this instance's own listeners are not called. */
    void publish(String topic, String message);

    /** Calls {@code listener} with each message another instance publishes on {@code topic}, off the request threads. */
    void subscribe(String topic, Consumer<String> listener);
}

package org.gallery.cache;

import java.util.function.Consumer;

/** {@link ClusterEvents} of a single instance: there is nobody else to tell. */
final class LocalClusterEvents implements ClusterEvents {

    @Override
    public void publish(String topic, String message) {
    }

    @Override
    public void subscribe(String topic, Consumer<String> listener) {
    }
}

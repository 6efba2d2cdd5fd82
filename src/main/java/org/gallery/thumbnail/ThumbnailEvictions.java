package org.gallery.thumbnail;

import java.util.UUID;
import org.gallery.cache.ClusterEvents;
import org.gallery.storage.FileStore;
import org.springframework.stereotype.Component;

/**
 * Drops the copies of an image's thumbnails kept by each instance (in memory, and local copies of a bucket's files)
 * when they are remade or deleted, here at once and on every other instance as soon as it hears of it: a deleted
 * photo must not stay visible through an instance that served it before.
 */
@Component
class ThumbnailEvictions {

    private static final String TOPIC = "thumbnails-changed";

    private final HotThumbnails hot;
    private final FileStore files;
    private final ClusterEvents cluster;

    ThumbnailEvictions(HotThumbnails hot, FileStore files, ClusterEvents cluster) {
        this.hot = hot;
        this.files = files;
        this.cluster = cluster;
        cluster.subscribe(TOPIC, id -> forgetCopies(UUID.fromString(id)));
    }

    /** After this instance changed or deleted the stored thumbnails (which already dropped its own local copies). */
    void changed(UUID imageId) {
        hot.forget(imageId);
        cluster.publish(TOPIC, imageId.toString());
    }

    private void forgetCopies(UUID imageId) {
        files.forgetCopies(FileStore.Area.THUMBNAILS, imageId.toString());
        hot.forget(imageId);
    }
}

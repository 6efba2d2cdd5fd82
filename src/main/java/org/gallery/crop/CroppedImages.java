package org.gallery.crop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.gallery.cache.ClusterEvents;
import org.gallery.config.Settings;
import org.gallery.storage.FileStore;
import org.gallery.storage.StoredFileResource;
import org.gallery.image.ImageDeleted;
import org.gallery.image.ImageService;
import org.gallery.imaging.CropRect;
import org.gallery.imaging.ImagingEngine;
import org.gallery.web.ApiException;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Cropped images made on demand and kept in the file store under {@code {image id}/} of its crops area, named by the crop and size, so a
 * changed crop never serves a stale file.
 */
@Service
public class CroppedImages {

    private static final String TOPIC = "crops-changed";

    private final CropService crops;
    private final ImageService images;
    private final ImagingEngine engine;
    private final FileStore files;
    private final int quality;
    private final ClusterEvents cluster;

    CroppedImages(CropService crops, ImageService images, ImagingEngine engine, FileStore files, Settings settings,
            ClusterEvents cluster) {
        this.cluster = cluster;
        cluster.subscribe(TOPIC, id -> files.forgetCopies(FileStore.Area.CROPS, id));
        this.crops = crops;
        this.images = images;
        this.engine = engine;
        this.files = files;
        this.quality = settings.imaging().thumbnailQuality();
    }

    /** The JPEG of the image's crop, scaled so its long edge is at most {@code maxSize} (0: full resolution). */
    public Resource file(UUID imageId, int maxSize) {
        Crop crop = crops.find(imageId).orElseGet(() -> {
            images.get(imageId);
            throw new ApiException(HttpStatus.NOT_FOUND, "Image " + imageId + " has no crop");
        });
        String name = crop.x() + "_" + crop.y() + "_" + crop.width() + "x" + crop.height() + (maxSize > 0 ? "_" + maxSize : "") + ".jpg";
        FileStore.Key key = FileStore.Area.CROPS.key(imageId + "/" + name);
        var stat = files.stat(key);
        if (stat.isPresent()) {
            return new StoredFileResource(files, key, stat.get().size(), name);
        }
        CropRect rect = new CropRect(crop.x(), crop.y(), crop.width(), crop.height());
        byte[] jpeg = images.withOriginalFile(imageId, file -> engine.render(file, rect, maxSize, quality));
        try {
            files.put(key, jpeg);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + key.path(), e);
        }
        return new ByteArrayResource(jpeg);
    }

    /**
     * Drops every cropped file of an image: after a new crop, a removed crop or a deleted image. Other instances drop
     * their local copies too, which would otherwise still serve the old crop by its name.
     */
    void forget(UUID imageId) {
        files.deleteAll(FileStore.Area.CROPS, imageId.toString());
        cluster.publish(TOPIC, imageId.toString());
    }

    @EventListener
    void on(CropChanged event) {
        forget(event.imageId());
    }

    @EventListener
    void on(ImageDeleted event) {
        forget(event.imageId());
    }
}

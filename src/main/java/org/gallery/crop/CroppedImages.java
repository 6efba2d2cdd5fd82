package org.gallery.crop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.gallery.config.Settings;
import org.gallery.storage.StorageFiles;
import org.gallery.image.ImageDeleted;
import org.gallery.image.ImageService;
import org.gallery.imaging.CropRect;
import org.gallery.imaging.ImagingEngine;
import org.gallery.web.ApiException;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Cropped images made on demand and kept under {@code {CROPS_DIR}/{image id}/}, named by the crop and size, so a
 * changed crop never serves a stale file.
 */
@Service
public class CroppedImages {

    private final CropService crops;
    private final ImageService images;
    private final ImagingEngine engine;
    private final Path root;
    private final int quality;

    CroppedImages(CropService crops, ImageService images, ImagingEngine engine, Settings settings) {
        this.crops = crops;
        this.images = images;
        this.engine = engine;
        this.root = settings.storage().crops();
        this.quality = settings.imaging().thumbnailQuality();
    }

    /** The JPEG of the image's crop, scaled so its long edge is at most {@code maxSize} (0: full resolution). */
    public Path file(UUID imageId, int maxSize) {
        Crop crop = crops.find(imageId).orElseGet(() -> {
            images.get(imageId);
            throw new ApiException(HttpStatus.NOT_FOUND, "Image " + imageId + " has no crop");
        });
        String name = crop.x() + "_" + crop.y() + "_" + crop.width() + "x" + crop.height() + (maxSize > 0 ? "_" + maxSize : "") + ".jpg";
        Path target = root.resolve(imageId.toString()).resolve(name);
        if (Files.isRegularFile(target)) {
            return target;
        }
        byte[] jpeg = engine.render(images.original(imageId).file(),
                new CropRect(crop.x(), crop.y(), crop.width(), crop.height()), maxSize, quality);
        try {
            StorageFiles.writeAtomically(target, jpeg);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
        return target;
    }

    /** Drops every cropped file of an image: after a new crop, a removed crop or a deleted image. */
    void forget(UUID imageId) {
        Path dir = root.resolve(imageId.toString());
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

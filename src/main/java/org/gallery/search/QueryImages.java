package org.gallery.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.gallery.config.Settings;
import org.gallery.imaging.ImageProbe;
import org.gallery.imaging.ImageRejectedException;
import org.gallery.imaging.ImagingEngine;
import org.gallery.storage.FileStore;
import org.gallery.thumbnail.ThumbnailSize;
import org.gallery.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * An uploaded query image, made into what stored images are embedded from (an upright JPEG the size of a medium
 * thumbnail), with the upload's checks (type from the bytes, pixel limit); its temporary file is removed at once.
 */
@Component
class QueryImages {

    private final ImageEmbeddings embeddings;
    private final FileStore files;
    private final ImagingEngine engine;
    private final ImageProbe probe;
    private final int longEdge;
    private final int quality;

    QueryImages(ImageEmbeddings embeddings, FileStore files, ImagingEngine engine, Settings settings) {
        this.embeddings = embeddings;
        this.files = files;
        this.engine = engine;
        this.probe = new ImageProbe(settings.imaging().maxImagePixels(), () -> engine);
        this.longEdge = ThumbnailSize.MEDIUM.longEdge(settings.imaging());
        this.quality = settings.imaging().thumbnailQuality();
    }

    byte[] render(MultipartFile upload) {
        embeddings.ready("Search by image");
        if (upload.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "The uploaded file is empty");
        }
        Path temp = null;
        try {
            temp = files.newTempFile();
            try (InputStream in = upload.getInputStream()) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            probe.probe(temp);
            return engine.render(temp, null, longEdge, quality);
        } catch (ImageRejectedException e) {
            HttpStatus status = switch (e.reason()) {
                case UNSUPPORTED_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
                case TOO_MANY_PIXELS -> HttpStatus.CONTENT_TOO_LARGE;
                case CORRUPT, EMPTY -> HttpStatus.BAD_REQUEST;
            };
            throw new ApiException(status, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the temp folder is swept at start-up
                }
            }
        }
    }
}

package org.gallery.search;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.gallery.imaging.ImageRejectedException;
import org.gallery.imaging.PixelHash;
import org.gallery.thumbnail.ThumbnailService;
import org.gallery.thumbnail.ThumbnailSize;
import org.springframework.stereotype.Component;

/**
 * The hash of an image stored before hashes were made: from its small thumbnail on disk (made first if missing),
 * a few kilobytes to decode instead of the original; JPEG's rounding moves a bit or two at most.
 */
@Component
class HashBackfill {

    private final ThumbnailService thumbnails;
    private final PixelHashes hashes;

    HashBackfill(ThumbnailService thumbnails, PixelHashes hashes) {
        this.thumbnails = thumbnails;
        this.hashes = hashes;
    }

    PixelHash hash(UUID imageId) {
        BufferedImage pixels;
        try {
            pixels = ImageIO.read(new java.io.ByteArrayInputStream(thumbnails.bytes(imageId, ThumbnailSize.SMALL)));
        } catch (IOException e) {
            // one image's failure, not the job's
            throw new ImageRejectedException(ImageRejectedException.Reason.CORRUPT,
                    "The small thumbnail cannot be read: " + e.getMessage());
        }
        if (pixels == null) {
            throw new ImageRejectedException(ImageRejectedException.Reason.CORRUPT, "The small thumbnail cannot be read");
        }
        PixelHash hash = PixelHash.of(pixels);
        hashes.store(imageId, hash);
        return hash;
    }
}

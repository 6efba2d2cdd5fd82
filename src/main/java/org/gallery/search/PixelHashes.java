package org.gallery.search;

import static org.gallery.search.SearchTables.*;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gallery.image.ImageDeleted;
import org.gallery.image.NewImageHook;
import org.gallery.imaging.PixelHash;
import org.gallery.shared.Times;
import org.gallery.thumbnail.ThumbnailsMade;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The stored perceptual hash of each image: written whenever thumbnails are made, removed with the image. */
@Component
class PixelHashes implements NewImageHook {

    private static final Logger log = LoggerFactory.getLogger(PixelHashes.class);

    /** An image with a hash and what decides which of a group to keep. */
    record Hashed(UUID id, long phash, long dhash, long pixels, long bytes, long createdAt) {
    }

    private final DSLContext db;

    PixelHashes(DSLContext db) {
        this.db = db;
    }

    @EventListener
    void on(ThumbnailsMade event) {
        try {
            store(event.imageId(), event.hash());
        } catch (RuntimeException e) {
            // the thumbnails (or the upload) must not fail for it: the backfill job hashes the image later
            log.warn("The hash of image {} was not stored: {}", event.imageId(), e.getMessage());
        }
    }

    @Override
    public void beforeCommit(UUID imageId, java.nio.file.Path original) {
        // the hash arrives with the thumbnails
    }

    /** An upload refused after its thumbnails were made leaves no hash behind. */
    @Override
    public void discarded(UUID imageId) {
        db.deleteFrom(IMAGE_HASHES).where(H_IMAGE.eq(imageId)).execute();
    }

    @EventListener
    void on(ImageDeleted event) {
        db.deleteFrom(IMAGE_HASHES).where(H_IMAGE.eq(event.imageId())).execute();
    }

    void store(UUID imageId, PixelHash hash) {
        db.insertInto(IMAGE_HASHES)
                .set(H_IMAGE, imageId).set(H_PHASH, hash.phash()).set(H_DHASH, hash.dhash()).set(H_MADE, Times.now())
                .onConflict(H_IMAGE).doUpdate()
                .set(H_PHASH, hash.phash()).set(H_DHASH, hash.dhash()).set(H_MADE, Times.now())
                .execute();
    }

    java.util.Optional<Long> phash(UUID imageId) {
        return db.select(H_PHASH).from(IMAGE_HASHES).where(H_IMAGE.eq(imageId)).fetchOptional(H_PHASH);
    }

    /** Hashed images of a photoset, or of the whole library; only images that still exist. */
    List<Hashed> all(UUID photosetIdOrNull) {
        Condition where = photosetIdOrNull == null ? DSL.trueCondition() : I_PHOTOSET.eq(photosetIdOrNull);
        List<Hashed> out = new ArrayList<>();
        db.select(I_ID, H_PHASH, H_DHASH, I_WIDTH, I_HEIGHT, I_BYTES, I_CREATED)
                .from(IMAGE_HASHES).join(IMAGES).on(I_ID.eq(H_IMAGE)).where(where)
                .forEach(r -> out.add(new Hashed(r.value1(), r.value2(), r.value3(),
                        (long) r.value4() * r.value5(), r.value6(), r.value7())));
        return out;
    }

    /** Images that have no hash yet, oldest first: what the backfill job works through. */
    List<UUID> missing(UUID photosetIdOrNull) {
        Condition where = H_IMAGE.isNull();
        if (photosetIdOrNull != null) {
            where = where.and(I_PHOTOSET.eq(photosetIdOrNull));
        }
        return db.select(I_ID).from(IMAGES).leftJoin(IMAGE_HASHES).on(H_IMAGE.eq(I_ID)).where(where)
                .orderBy(I_CREATED, I_ID).fetch(I_ID);
    }
}

package org.gallery.image;

import static org.gallery.image.ImageTables.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.gallery.config.Settings;
import org.gallery.imaging.ImageFacts;
import org.gallery.imaging.ImageProbe;
import org.gallery.imaging.ImageRejectedException;
import org.gallery.imaging.ImagingEngine;
import org.gallery.photoset.PhotosetFolder;
import org.gallery.photoset.PhotosetService;
import org.gallery.shared.Actor;
import org.gallery.shared.Ids;
import org.gallery.shared.Times;
import org.gallery.storage.FileStore;
import org.gallery.storage.SafeNames;
import org.gallery.tag.TagService;
import org.gallery.web.ApiException;
import org.jooq.DSLContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores an uploaded image: streamed to a temp file, checked from its bytes, moved into its photoset folder and
 * registered in one transaction. Anything rejected, and an upload whose photoset is deleted meanwhile, leaves
 * neither file nor row.
 */
@Service
class ImageUploads {

    private final DSLContext db;
    private final FileStore files;
    private final PhotosetService photosets;
    private final TagService tags;
    private final TransactionTemplate tx;
    private final ImageProbe probe;
    private final List<NewImageHook> newImageHooks;
    private final ImageService images;
    private final ApplicationEventPublisher events;

    ImageUploads(DSLContext db, FileStore files, PhotosetService photosets, TagService tags, TransactionTemplate tx,
            Settings settings, List<NewImageHook> newImageHooks, ImagingEngine engine, ImageService images,
            ApplicationEventPublisher events) {
        this.db = db;
        this.files = files;
        this.photosets = photosets;
        this.tags = tags;
        this.tx = tx;
        this.probe = new ImageProbe(settings.imaging().maxImagePixels(), () -> engine);
        this.newImageHooks = newImageHooks;
        this.images = images;
        this.events = events;
    }

    Image upload(InputStream content, String originalFilename, UUID photosetId, List<String> tagNames) {
        List<String> cleanTags = TagService.clean(tagNames, "tags");
        PhotosetFolder folder = photosetId == null ? new PhotosetFolder(null, ImageService.UNSORTED_FOLDER)
                : photosets.folder(photosetId).orElseThrow(() -> ApiException.notFound("Photoset", photosetId));
        // control characters (NUL above all) cannot be stored as text in PostgreSQL and mean nothing in a name
        String original = originalFilename == null ? "" : originalFilename.replaceAll("\\p{Cntrl}", "").strip();
        if (original.isEmpty()) {
            original = "image";
        }
        UploadedFile upload = null;
        String relPath = null;
        UUID id = Ids.next();
        try {
            upload = UploadedFile.copy(content, files.newTempFile());
            if (upload.bytes() == 0) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "The uploaded file is empty");
            }
            ImageFacts facts = probe(upload);
            rejectDuplicate(photosetId, upload.sha256());
            // decoded from the work file, before the store holds it: a refused image never reaches the store
            prepare(id, upload.file());
            try {
                relPath = files.store(upload.file(), folder.folder(), SafeNames.fileName(original, facts.format().extension()));
                register(id, upload, facts, relPath, original, photosetId, cleanTags);
            } catch (IOException | RuntimeException e) {
                newImageHooks.forEach(h -> h.discarded(id));
                throw e;
            }
        } catch (IOException e) {
            discard(upload, relPath);
            throw new UncheckedIOException(e);
        } catch (PhotosetGone e) {
            // the photoset was deleted while the file was stored; storing may have made its folder again
            discard(upload, relPath);
            files.deleteFolderIfEmpty(folder.folder());
            throw ApiException.notFound("Photoset", photosetId);
        } catch (RuntimeException e) {
            discard(upload, relPath);
            throw e;
        }
        // stored: from here on a failure must not discard the file
        events.publishEvent(new ImageStored(id));
        return images.uncached(id);
    }

    private ImageFacts probe(UploadedFile upload) {
        try {
            return probe.probe(upload.file());
        } catch (ImageRejectedException e) {
            HttpStatus status = switch (e.reason()) {
                case UNSUPPORTED_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
                case TOO_MANY_PIXELS -> HttpStatus.CONTENT_TOO_LARGE;
                case CORRUPT, EMPTY -> HttpStatus.BAD_REQUEST;
            };
            throw new ApiException(status, e.getMessage());
        }
    }

    private void rejectDuplicate(UUID photosetId, String sha256) {
        var existing = db.select(ID).from(IMAGES)
                .where(photosetId == null ? PHOTOSET_ID.isNull() : PHOTOSET_ID.eq(photosetId))
                .and(SHA256.eq(sha256)).limit(1).fetchOne(ID);
        if (existing != null) {
            throw duplicate(existing);
        }
    }

    private static ApiException duplicate(UUID existing) {
        return new ApiException(HttpStatus.CONFLICT, "The same image is already stored here as image " + existing);
    }

    /** Runs the other features' checks on a new image; one that fails refuses it with nothing left behind. */
    private void prepare(UUID id, java.nio.file.Path file) {
        try {
            newImageHooks.forEach(h -> h.beforeCommit(id, file));
        } catch (RuntimeException e) {
            newImageHooks.forEach(h -> h.discarded(id));
            if (e instanceof ImageRejectedException rejected) {
                throw rejected.reason() == ImageRejectedException.Reason.UNSUPPORTED_TYPE
                        ? new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, rejected.getMessage())
                        : new ApiException(HttpStatus.BAD_REQUEST, "The image cannot be decoded: " + rejected.getMessage());
            }
            throw e;
        }
    }

    /** Thrown inside the registering transaction when the photoset no longer exists. */
    private static final class PhotosetGone extends RuntimeException {
        PhotosetGone() {
            super(null, null, false, false);
        }
    }

    private void register(UUID id, UploadedFile upload, ImageFacts facts, String relPath, String original,
            UUID photosetId, List<String> cleanTags) {
        long now = Times.now();
        Long taken = facts.takenAt() == null ? null : facts.takenAt().toEpochMilli();
        try {
            tx.executeWithoutResult(status -> {
                // holding the photoset row orders this upload against the photoset's delete and its other images
                if (photosetId != null && photosets.lock(photosetId).isEmpty()) {
                    throw new PhotosetGone();
                }
                db.insertInto(IMAGES)
                        .set(ID, id).set(PHOTOSET_ID, photosetId)
                        .set(FILE_NAME, relPath.substring(relPath.lastIndexOf('/') + 1))
                        .set(ORIGINAL_FILENAME, original).set(REL_PATH, relPath)
                        .set(FORMAT, facts.format().name().toLowerCase()).set(MIME_TYPE, facts.format().mimeType())
                        .set(BYTES, upload.bytes()).set(SHA256, upload.sha256())
                        .set(WIDTH, facts.width()).set(HEIGHT, facts.height()).set(ORIENTATION, facts.orientation())
                        .set(TAKEN_AT, taken).set(SORT_TAKEN, taken != null ? taken : now)
                        .set(CAMERA, facts.camera()).set(CREATED_AT, now).set(UPDATED_AT, now)
                        .set(UPLOADED_BY, Actor.current().name())
                        .execute();
                if (photosetId != null) {
                    photosets.imagesAdded(photosetId, 1, id);
                }
                tags.addToImage(id, cleanTags);
            });
        } catch (DuplicateKeyException e) {
            var existing = db.select(ID).from(IMAGES).where(PHOTOSET_ID.eq(photosetId)).and(SHA256.eq(upload.sha256()))
                    .limit(1).fetchOne(ID);
            throw existing != null ? duplicate(existing) : e;
        }
    }

    private void discard(UploadedFile upload, String relPath) {
        try {
            if (upload != null) {
                Files.deleteIfExists(upload.file());
            }
        } catch (IOException ignored) {
            // the temp folder is swept at start-up
        }
        if (relPath != null) {
            files.delete(FileStore.Area.IMAGES.key(relPath));
        }
    }
}

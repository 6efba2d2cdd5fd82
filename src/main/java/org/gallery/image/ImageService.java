package org.gallery.image;

import static org.gallery.image.ImageTables.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gallery.cache.MetadataCache;
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
import org.gallery.web.Page;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Images: upload, metadata, listing, tags and deletion. */
@Service
public class ImageService {

    static final String UNSORTED_FOLDER = "_unsorted";

    private final DSLContext db;
    private final FileStore files;
    private final PhotosetService photosets;
    private final TagService tags;
    private final MetadataCache cache;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final ImageProbe probe;
    private final ImageQueries queries;
    private final List<NewImageHook> newImageHooks;

    ImageService(DSLContext db, FileStore files, PhotosetService photosets, TagService tags, MetadataCache cache,
            TransactionTemplate tx, ApplicationEventPublisher events, Settings settings, List<ImageFacet> facets,
            List<NewImageHook> newImageHooks, ImagingEngine engine) {
        this.db = db;
        this.files = files;
        this.photosets = photosets;
        this.tags = tags;
        this.cache = cache;
        this.tx = tx;
        this.events = events;
        this.probe = new ImageProbe(settings.imaging().maxImagePixels(), () -> engine);
        this.newImageHooks = newImageHooks;
        this.queries = new ImageQueries(db, facets.stream().collect(Collectors.toMap(ImageFacet::name, Function.identity())));
    }

    /**
     * Stores an uploaded image: streamed to a temp file, checked from its bytes, moved into its photoset folder
     * and registered in one transaction. Anything rejected leaves neither file nor row.
     */
    public Image upload(InputStream content, String originalFilename, UUID photosetId, List<String> tagNames) {
        List<String> cleanTags = TagService.clean(tagNames, "tags");
        PhotosetFolder folder = photosetId == null ? new PhotosetFolder(null, UNSORTED_FOLDER)
                : photosets.folder(photosetId).orElseThrow(() -> ApiException.notFound("Photoset", photosetId));
        // control characters (NUL above all) cannot be stored as text in PostgreSQL and mean nothing in a name
        String original = originalFilename == null ? "" : originalFilename.replaceAll("\\p{Cntrl}", "").strip();
        if (original.isEmpty()) {
            original = "image";
        }
        UploadedFile upload = null;
        String relPath = null;
        try {
            upload = UploadedFile.copy(content, files.newTempFile());
            if (upload.bytes() == 0) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "The uploaded file is empty");
            }
            ImageFacts facts = probe(upload);
            rejectDuplicate(photosetId, upload.sha256());
            relPath = files.store(upload.file(), folder.folder(), SafeNames.fileName(original, facts.format().extension()));
            UUID id = Ids.next();
            prepare(id, files.resolve(relPath));
            try {
                register(id, upload, facts, relPath, original, photosetId, cleanTags);
            } catch (RuntimeException e) {
                newImageHooks.forEach(h -> h.discarded(id));
                throw e;
            }
            return get(id);
        } catch (IOException e) {
            discard(upload, relPath);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            discard(upload, relPath);
            throw e;
        }
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
        var e = new ApiException(HttpStatus.CONFLICT, "The same image is already stored here as image " + existing);
        return e;
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

    private void register(UUID id, UploadedFile upload, ImageFacts facts, String relPath, String original,
            UUID photosetId, List<String> cleanTags) {
        long now = Times.now();
        Long taken = facts.takenAt() == null ? null : facts.takenAt().toEpochMilli();
        try {
            tx.executeWithoutResult(status -> {
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
                    photosets.imageAdded(photosetId, id);
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
            files.delete(relPath);
        }
    }

    public Image get(UUID id) {
        Image image = cache.getOrLoad(key(id), Image.class, () -> load(List.of(id)).stream().findFirst().orElse(null));
        if (image == null) {
            throw ApiException.notFound("Image", id);
        }
        return image;
    }

    public boolean exists(UUID id) {
        return db.fetchExists(IMAGES, ID.eq(id));
    }

    public StoredImage original(UUID id) {
        var r = db.select(REL_PATH, MIME_TYPE, SHA256, BYTES, FILE_NAME, CREATED_AT).from(IMAGES).where(ID.eq(id)).fetchOne();
        if (r == null) {
            throw ApiException.notFound("Image", id);
        }
        return new StoredImage(files.resolve(r.value1()), r.value2(), r.value3(), r.value4(), r.value5(), r.value6());
    }

    public Page<Image> list(ImageQuery query) {
        if (query.photosetId() != null && !photosets.exists(query.photosetId())) {
            throw ApiException.notFound("Photoset", query.photosetId());
        }
        var page = queries.list(query);
        return new Page<>(toImages(page.items()), page.nextCursor());
    }

    /** Every image id the query selects, read a page at a time (its limit and cursor are ignored). */
    public java.util.Iterator<UUID> ids(ImageQuery query) {
        return new java.util.Iterator<>() {
            private java.util.Iterator<Image> page = List.<Image>of().iterator();
            private String cursor;
            private boolean last;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && !last) {
                    var next = list(new ImageQuery(query.photosetId(), query.tags(), query.hasCaption(), query.hasCrop(),
                            query.q(), query.year(), query.dateFrom(), query.dateTo(), "created", "asc", Page.MAX_LIMIT, cursor));
                    page = next.items().iterator();
                    cursor = next.nextCursor();
                    last = cursor == null;
                }
                return page.hasNext();
            }

            @Override
            public UUID next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return page.next().id();
            }
        };
    }

    public Image addTags(UUID id, List<String> names) {
        List<String> clean = TagService.clean(names, "tags");
        requireExists(id);
        tx.executeWithoutResult(s -> {
            tags.addToImage(id, clean);
            touch(id);
        });
        return get(id);
    }

    public Image removeTag(UUID id, String name) {
        requireExists(id);
        boolean removed = Boolean.TRUE.equals(tx.execute(s -> {
            boolean r = tags.removeFromImage(id, name);
            touch(id);
            return r;
        }));
        if (!removed) {
            throw new ApiException(HttpStatus.NOT_FOUND, "Image " + id + " has no tag '" + name + "'");
        }
        return get(id);
    }

    /** Marks an image changed (tags, caption, crop) so its cached metadata is dropped. */
    public void touch(UUID id) {
        db.update(IMAGES).set(UPDATED_AT, Times.now()).where(ID.eq(id)).execute();
        evictAfterCommit(id);
    }

    public void delete(UUID id) {
        String relPath = tx.execute(s -> {
            var r = db.select(REL_PATH, PHOTOSET_ID).from(IMAGES).where(ID.eq(id)).fetchOne();
            if (r == null) {
                throw ApiException.notFound("Image", id);
            }
            db.deleteFrom(IMAGES).where(ID.eq(id)).execute();
            if (r.value2() != null) {
                UUID nextCover = db.select(ID).from(IMAGES).where(PHOTOSET_ID.eq(r.value2()))
                        .orderBy(FILE_NAME, ID).limit(1).fetchOne(ID);
                photosets.imageRemoved(r.value2(), id, nextCover);
            }
            return r.value1();
        });
        cache.evict(key(id));
        files.delete(relPath);
        events.publishEvent(new ImageDeleted(id));
    }

    /** Removes every image of a photoset inside the photoset's deleting transaction; files go after the commit. */
    void deleteAllOf(UUID photosetId, String folder) {
        List<UUID> ids = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        db.select(ID, REL_PATH).from(IMAGES).where(PHOTOSET_ID.eq(photosetId)).forEach(r -> {
            ids.add(r.value1());
            paths.add(r.value2());
        });
        db.deleteFrom(IMAGES).where(PHOTOSET_ID.eq(photosetId)).execute();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                paths.forEach(files::delete);
                files.deleteFolderIfEmpty(folder);
                ids.forEach(id -> {
                    cache.evict(key(id));
                    events.publishEvent(new ImageDeleted(id));
                });
            }
        });
    }

    private void requireExists(UUID id) {
        if (!exists(id)) {
            throw ApiException.notFound("Image", id);
        }
    }

    private List<Image> load(Collection<UUID> ids) {
        var rows = db.select(queries.columns()).from(IMAGES).where(ID.in(ids)).fetch();
        return toImages(rows);
    }

    private List<Image> toImages(List<? extends Record> rows) {
        Map<UUID, List<String>> tagNames = tags.ofImages(rows.stream().map(r -> r.get(ID)).toList());
        return rows.stream().map(r -> new Image(
                r.get(ID), r.get(PHOTOSET_ID), r.get(FILE_NAME), r.get(ORIGINAL_FILENAME), r.get(FORMAT),
                r.get(MIME_TYPE), r.get(BYTES), r.get(SHA256), r.get(WIDTH), r.get(HEIGHT), r.get(ORIENTATION),
                Times.toInstant(r.get(TAKEN_AT)), r.get(CAMERA), tagNames.getOrDefault(r.get(ID), List.of()),
                flag(r, "has_caption"), flag(r, "has_crop"),
                Times.toInstant(r.get(CREATED_AT)), Times.toInstant(r.get(UPDATED_AT)))).toList();
    }

    private static boolean flag(Record r, String name) {
        if (r.field(name) == null) {
            return false;
        }
        Object v = r.get(name);
        return v instanceof Boolean b ? b : v instanceof Number n && n.intValue() != 0;
    }

    private static String key(UUID id) {
        return "image:" + id;
    }

    private void evictAfterCommit(UUID id) {
        cache.evictNowAndAfterCommit(key(id));
    }
}

package org.gallery.image;

import static org.gallery.image.ImageTables.*;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gallery.cache.MetadataCache;
import org.gallery.photoset.PhotosetService;
import org.gallery.shared.RowLocks;
import org.gallery.shared.Times;
import org.gallery.storage.FileStore;
import org.gallery.storage.StoredFileResource;
import org.gallery.tag.TagService;
import org.gallery.web.ApiException;
import org.gallery.web.Page;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Images: metadata, listing, tags and deletion; {@link ImageUploads} stores new ones. */
@Service
public class ImageService {

    static final String UNSORTED_FOLDER = "_unsorted";
    /** Long enough to start a download, short enough that a shared link soon stops working. */
    private static final java.time.Duration DOWNLOAD_URL_LIFETIME = java.time.Duration.ofMinutes(5);

    private final DSLContext db;
    private final FileStore files;
    private final PhotosetService photosets;
    private final TagService tags;
    private final MetadataCache cache;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final ImageQueries queries;

    ImageService(DSLContext db, FileStore files, PhotosetService photosets, TagService tags, MetadataCache cache,
            TransactionTemplate tx, ApplicationEventPublisher events, List<ImageFacet> facets) {
        this.db = db;
        this.files = files;
        this.photosets = photosets;
        this.tags = tags;
        this.cache = cache;
        this.tx = tx;
        this.events = events;
        this.queries = new ImageQueries(db, facets.stream().collect(Collectors.toMap(ImageFacet::name, Function.identity())));
    }

    public Image get(UUID id) {
        Image image = cache.getOrLoad(key(id), Image.class, () -> load(List.of(id)).stream().findFirst().orElse(null));
        if (image == null) {
            throw ApiException.notFound("Image", id);
        }
        return image;
    }

    /**
     * Read from the database without filling the cache: for the answer to an upload, which a photoset's delete may
     * follow at once; cached after that delete's eviction, it would outlive the image.
     */
    Image uncached(UUID id) {
        return load(List.of(id)).stream().findFirst().orElseThrow(() -> ApiException.notFound("Image", id));
    }

    public boolean exists(UUID id) {
        return db.fetchExists(IMAGES, ID.eq(id));
    }

    /**
     * Locks the image row until the caller's transaction ends, or answers 404. Every write under an image (caption,
     * crop, tags) takes it first, so writes to one image run one at a time and none can follow its delete.
     */
    public void lock(UUID id) {
        if (!lockIfExists(id)) {
            throw ApiException.notFound("Image", id);
        }
    }

    /** {@link #lock}, telling instead of answering 404 when the image is gone. */
    public boolean lockIfExists(UUID id) {
        return RowLocks.lock(db, IMAGES, ID, id) != null;
    }

    public StoredImage original(UUID id) {
        var r = db.select(REL_PATH, MIME_TYPE, SHA256, BYTES, FILE_NAME, CREATED_AT).from(IMAGES).where(ID.eq(id)).fetchOne();
        if (r == null) {
            throw ApiException.notFound("Image", id);
        }
        return new StoredImage(FileStore.Area.IMAGES.key(r.value1()), r.value2(), r.value3(), r.value4(), r.value5(), r.value6());
    }

    /** Hands a real file with the original's bytes to a decoder (fetched first when the store is remote). */
    public <T> T withOriginalFile(UUID id, java.util.function.Function<java.nio.file.Path, T> use) {
        return withOriginalFile(original(id), use);
    }

    public <T> T withOriginalFile(StoredImage stored, java.util.function.Function<java.nio.file.Path, T> use) {
        try (FileStore.LocalFile file = files.local(stored.key())) {
            return use.apply(file.path());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot read the original " + stored.key().path(), e);
        }
    }

    /** The original's bytes as a response body that answers ranges without reading what comes before them. */
    public org.springframework.core.io.Resource originalBody(StoredImage stored) {
        // asked before the status line goes out: an unreachable store is a 503, not a body cut short after a 200
        long length = files.stat(stored.key()).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "The file of this image is missing from the storage: " + stored.key().path())).size();
        return new StoredFileResource(files, stored.key(), length, stored.fileName());
    }

    /** Where a client may fetch the original itself for a few minutes, when the store offers that. */
    public java.util.Optional<java.net.URI> originalDownloadUrl(StoredImage stored) {
        return files.downloadUrl(stored.key(), stored.fileName(), stored.mimeType(), DOWNLOAD_URL_LIFETIME);
    }

    public Page<Image> list(ImageQuery query) {
        if (query.photosetId() != null && !photosets.exists(query.photosetId())) {
            throw ApiException.notFound("Photoset", query.photosetId());
        }
        var page = queries.list(query);
        return new Page<>(toImages(page.items()), page.nextCursor());
    }

    /** A request's filter object ({@link ImageFilters}), checked: a photoset it names must exist (422). */
    public ImageQuery filter(Map<String, Object> raw) {
        ImageQuery query = ImageFilters.parse(raw);
        if (query.photosetId() != null && !photosets.exists(query.photosetId())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Photoset " + query.photosetId() + " does not exist",
                    List.of(new ApiException.FieldError("filter.photoset_id", "unknown photoset")));
        }
        return query;
    }

    /** How many images the list with these filters holds; its sort, limit and cursor play no part. */
    public long count(ImageQuery query) {
        if (query.photosetId() != null && !photosets.exists(query.photosetId())) {
            throw ApiException.notFound("Photoset", query.photosetId());
        }
        return queries.count(query);
    }

    /** The images the list with these filters holds, as a condition for a statement over many of them. */
    org.jooq.Condition matching(ImageQuery query) {
        return queries.filters(query);
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
        tx.executeWithoutResult(s -> {
            lock(id);
            tags.addToImage(id, clean);
            touch(id);
        });
        return get(id);
    }

    public Image removeTag(UUID id, String name) {
        boolean removed = Boolean.TRUE.equals(tx.execute(s -> {
            lock(id);
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

    /**
     * Deletes an image. The photoset row is locked before the image row, the order a photoset's delete and an upload
     * take them in, so a concurrent upload or delete in the same photoset sees the count and cover this one leaves.
     */
    public void delete(UUID id) {
        String relPath = tx.execute(s -> {
            var found = db.select(PHOTOSET_ID).from(IMAGES).where(ID.eq(id)).fetchOne();
            if (found == null) {
                throw ApiException.notFound("Image", id);
            }
            UUID photosetId = found.value1();
            // a photoset gone meanwhile took the image with it; images never move between photosets
            if (photosetId != null && photosets.lock(photosetId).isEmpty()) {
                throw ApiException.notFound("Image", id);
            }
            var r = RowLocks.lock(db, IMAGES, ID, id, REL_PATH);
            if (r == null) {
                throw ApiException.notFound("Image", id);
            }
            db.deleteFrom(IMAGES).where(ID.eq(id)).execute();
            if (photosetId != null) {
                UUID nextCover = db.select(ID).from(IMAGES).where(PHOTOSET_ID.eq(photosetId))
                        .orderBy(FILE_NAME, ID).limit(1).fetchOne(ID);
                photosets.imagesRemoved(photosetId, 1, id::equals, nextCover);
            }
            return r.get(REL_PATH);
        });
        cache.evict(key(id));
        files.delete(FileStore.Area.IMAGES.key(relPath));
        events.publishEvent(new ImageDeleted(id));
    }

    /** Removes every image of a photoset inside the photoset's deleting transaction; files go after the commit. */
    void deleteAllOf(UUID photosetId, String folder) {
        List<UUID> ids = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        // locked in id order, the order a find/replace over several images takes them in
        RowLocks.locking(db, db.select(ID, REL_PATH).from(IMAGES).where(PHOTOSET_ID.eq(photosetId)).orderBy(ID)).forEach(r -> {
            ids.add(r.value1());
            paths.add(r.value2());
        });
        db.deleteFrom(IMAGES).where(PHOTOSET_ID.eq(photosetId)).execute();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                paths.forEach(p -> files.delete(FileStore.Area.IMAGES.key(p)));
                files.deleteFolderIfEmpty(folder);
                ids.forEach(id -> {
                    cache.evict(key(id));
                    events.publishEvent(new ImageDeleted(id));
                });
            }
        });
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

    static String key(UUID id) {
        return "image:" + id;
    }

    private void evictAfterCommit(UUID id) {
        cache.evictNowAndAfterCommit(key(id));
    }
}

package org.gallery.photoset;

import static org.gallery.photoset.PhotosetTables.*;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.gallery.cache.MetadataCache;
import org.gallery.shared.Ids;
import org.gallery.shared.NamedRows;
import org.gallery.shared.Names;
import org.gallery.shared.RowLocks;
import org.gallery.shared.Times;
import org.gallery.storage.SafeNames;
import org.gallery.tag.TagService;
import org.gallery.web.ApiException;
import org.gallery.web.Page;
import org.jooq.DSLContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Photosets: the public API other features and the web layer use. */
@Service
public class PhotosetService {

    private final DSLContext db;
    private final TagService tags;
    private final MetadataCache cache;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final PhotosetQueries queries;
    private final NamedRows actorRows = new NamedRows(ACTORS, ACTOR_ID, ACTOR_NAME, ACTOR_KEY, ACTOR_CREATED);

    PhotosetService(DSLContext db, TagService tags, MetadataCache cache, ApplicationEventPublisher events, JsonMapper json) {
        this.db = db;
        this.tags = tags;
        this.cache = cache;
        this.events = events;
        this.json = json;
        this.queries = new PhotosetQueries(db, tags, json);
    }

    @Transactional
    public Photoset create(PhotosetRequest request) {
        return queries.load(insert(request, null)).orElseThrow();
    }

    /**
     * Creates a photoset whose files already lie in {@code folder} under IMAGES_DIR (the migration toolkit's extract
     * step made it), instead of a folder derived from the name. The folder must be a safe single name that no other
     * photoset uses. Returns only what a bulk import needs, sparing it the reads that build a full {@link Photoset}.
     */
    @Transactional
    public PhotosetFolder createInFolder(PhotosetRequest request, String folder) {
        if (folder == null || folder.isBlank() || !SafeNames.folder(folder).equals(folder) || folder.equals("_unsorted")) {
            throw ApiException.invalidField("folder", "'" + folder + "' is not a usable photoset folder name");
        }
        var owner = findByFolder(folder);
        if (owner.isPresent()) {
            throw ApiException.conflict("The folder '" + folder + "' already belongs to photoset " + owner.get().id());
        }
        return new PhotosetFolder(insert(request, folder), folder);
    }

    private UUID insert(PhotosetRequest request, String givenFolder) {
        var v = PhotosetFields.validate(request, true);
        String name = v.name();
        String date = v.date();
        Integer year = v.year();
        String url = v.sourceUrl();
        String original = v.originalFilename();
        List<String> actors = v.actors();
        List<String> tagNames = v.tags();
        rejectTakenName(name, null);
        UUID id = Ids.next();
        long now = Times.now();
        try {
            db.insertInto(PHOTOSETS)
                    .set(ID, id).set(NAME, name).set(NAME_KEY, Names.key(name))
                    .set(FOLDER, givenFolder != null ? givenFolder : freeFolder(name))
                    .set(YEAR, year != null ? year : yearOf(date)).set(DATE, date)
                    .set(SOURCE_URL, url).set(ORIGINAL_FILENAME, original)
                    .set(EXTRA, request.extra() == null ? null : json.writeValueAsString(request.extra()))
                    .set(IMAGE_COUNT, 0).set(CREATED_AT, now).set(UPDATED_AT, now)
                    .execute();
        } catch (DuplicateKeyException e) {
            // a concurrent create got there first; on PostgreSQL the transaction is aborted, so nothing more is read
            // the database's own words name the index: ux_photosets_folder (PostgreSQL), photosets.folder (SQLite)
            String cause = String.valueOf(e.getMostSpecificCause().getMessage());
            if (cause.contains("ux_photosets_folder") || cause.contains("photosets.folder")) {
                throw ApiException.conflict(givenFolder != null
                        ? "The folder '" + givenFolder + "' already belongs to another photoset"
                        : "Another photoset took the folder for '" + name + "' at the same time; try again");
            }
            throw ApiException.conflict("A photoset named '" + name + "' already exists");
        }
        replaceActors(id, actors == null ? List.of() : actors);
        tags.replacePhotosetTags(id, tagNames == null ? List.of() : tagNames);
        return id;
    }

    @Transactional
    public Photoset update(UUID id, PhotosetRequest request) {
        lock(id).orElseThrow(() -> ApiException.notFound("Photoset", id));
        var v = PhotosetFields.validate(request, false);
        String name = v.name();
        String date = v.date();
        Integer year = v.year();
        String url = v.sourceUrl();
        String original = v.originalFilename();
        List<String> actors = v.actors();
        List<String> tagNames = v.tags();
        var update = db.update(PHOTOSETS).set(UPDATED_AT, Times.now());
        if (name != null) {
            rejectTakenName(name, id);
            update = update.set(NAME, name).set(NAME_KEY, Names.key(name));
        }
        if (request.date() != null) {
            update = update.set(DATE, date);
            if (year == null && date != null) {
                update = update.set(YEAR, yearOf(date));
            }
        }
        if (year != null) {
            update = update.set(YEAR, year);
        }
        if (request.sourceUrl() != null) {
            update = update.set(SOURCE_URL, url);
        }
        if (request.originalFilename() != null) {
            update = update.set(ORIGINAL_FILENAME, original);
        }
        if (request.extra() != null) {
            update = update.set(EXTRA, json.writeValueAsString(request.extra()));
        }
        try {
            update.where(ID.eq(id)).execute();
        } catch (DuplicateKeyException e) {
            // renamed concurrently to the same name; the transaction may be aborted, so nothing more is read
            throw ApiException.conflict("A photoset named '" + name + "' already exists");
        }
        if (actors != null) {
            replaceActors(id, actors);
        }
        if (tagNames != null) {
            tags.replacePhotosetTags(id, tagNames);
        }
        evictAfterCommit(id);
        return queries.load(id).orElseThrow();
    }

    /** Deletes the photoset with its images, their files and derived files. */
    @Transactional
    public void delete(UUID id) {
        String folder = lock(id).orElseThrow(() -> ApiException.notFound("Photoset", id)).folder();
        events.publishEvent(new PhotosetDeleting(id, folder));
        db.deleteFrom(PHOTOSETS).where(ID.eq(id)).execute();
        evictAfterCommit(id);
    }

    public Photoset get(UUID id) {
        Photoset cached = cache.getOrLoad(key(id), Photoset.class, () -> queries.load(id).orElse(null));
        if (cached == null) {
            throw ApiException.notFound("Photoset", id);
        }
        return cached;
    }

    public Page<Photoset> list(PhotosetQuery query) {
        var page = queries.list(query);
        return new Page<>(queries.toPhotosets(page.items()), page.nextCursor());
    }

    /** The photoset with this name, compared as names are (trimmed, NFC, ignoring case). */
    public Optional<Photoset> findByName(String name) {
        UUID id = db.select(ID).from(PHOTOSETS).where(NAME_KEY.eq(Names.key(name))).fetchOne(ID);
        return id == null ? Optional.empty() : queries.load(id);
    }

    /** The photoset whose files live in this folder of IMAGES_DIR. */
    public Optional<PhotosetFolder> findByFolder(String folder) {
        return Optional.ofNullable(db.select(ID, FOLDER).from(PHOTOSETS).where(FOLDER.eq(folder)).fetchOne())
                .map(r -> new PhotosetFolder(r.value1(), r.value2()));
    }

    /** The photoset's folder for storing an image; empty when it does not exist. */
    public Optional<PhotosetFolder> folder(UUID id) {
        return Optional.ofNullable(db.select(ID, FOLDER).from(PHOTOSETS).where(ID.eq(id)).fetchOne())
                .map(r -> new PhotosetFolder(r.value1(), r.value2()));
    }

    public boolean exists(UUID id) {
        return db.fetchExists(PHOTOSETS, ID.eq(id));
    }

    /**
     * Locks the photoset row until the caller's transaction ends; empty when it is gone. Its delete, its updates and
     * every change to its images (upload, image delete) take it first, so its count, cover and tags stay right and
     * nothing is added to a photoset being deleted. Take it before any image row of the photoset.
     */
    public Optional<PhotosetFolder> lock(UUID id) {
        return Optional.ofNullable(RowLocks.lock(db, PHOTOSETS, ID, id, ID, FOLDER))
                .map(r -> new PhotosetFolder(r.get(ID), r.get(FOLDER)));
    }

    /**
     * Keeps the count and the cover right when several images join at once; {@code firstImageId} becomes the cover
     * if there is none. Call inside the images' transaction.
     */
    public void imagesAdded(UUID photosetId, int count, UUID firstImageId) {
        if (count <= 0) {
            return;
        }
        db.update(PHOTOSETS)
                .set(IMAGE_COUNT, IMAGE_COUNT.plus(count))
                .set(COVER_IMAGE_ID, org.jooq.impl.DSL.coalesce(COVER_IMAGE_ID, org.jooq.impl.DSL.val(firstImageId)))
                .where(ID.eq(photosetId)).execute();
        evictAfterCommit(photosetId);
    }

    /** Where a photoset's files live and how many images it counts; for tools that check the storage. */
    public record Layout(UUID id, String name, String folder, int imageCount) {
    }

    /** Every photoset's folder and image count, in folder order. */
    public List<Layout> layouts() {
        return db.select(ID, NAME, FOLDER, IMAGE_COUNT).from(PHOTOSETS).orderBy(FOLDER)
                .fetch(r -> new Layout(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    public long count() {
        return db.fetchCount(PHOTOSETS);
    }

    public long countActors() {
        return db.fetchCount(ACTORS);
    }

    /**
     * Keeps the count and the cover right when several images leave at once (moved away or deleted);
     * {@code nextCover} replaces the cover if it is among them. Call inside the images' transaction.
     */
    public void imagesRemoved(UUID photosetId, int count, java.util.function.Predicate<UUID> removed, UUID nextCover) {
        if (count <= 0) {
            return;
        }
        UUID cover = db.select(COVER_IMAGE_ID).from(PHOTOSETS).where(ID.eq(photosetId)).fetchOne(COVER_IMAGE_ID);
        db.update(PHOTOSETS)
                .set(IMAGE_COUNT, org.jooq.impl.DSL.greatest(IMAGE_COUNT.minus(count), org.jooq.impl.DSL.val(0)))
                .set(COVER_IMAGE_ID, cover != null && removed.test(cover) ? nextCover : cover)
                .where(ID.eq(photosetId)).execute();
        evictAfterCommit(photosetId);
    }

    private void rejectTakenName(String name, UUID self) {
        var existing = db.select(ID).from(PHOTOSETS).where(NAME_KEY.eq(Names.key(name))).fetchOne(ID);
        if (existing != null && !existing.equals(self)) {
            throw nameTaken(name);
        }
    }

    private ApiException nameTaken(String name) {
        var existing = db.select(ID).from(PHOTOSETS).where(NAME_KEY.eq(Names.key(name))).fetchOne(ID);
        return ApiException.conflict("A photoset named '" + name + "' already exists" + (existing != null ? " (id " + existing + ")" : ""));
    }

    /** Folder names are unique on disk; a clash (two names that clean to the same folder) gets a numbered suffix. */
    private String freeFolder(String name) {
        String base = SafeNames.folder(name);
        String candidate = base;
        for (int n = 2; db.fetchExists(PHOTOSETS, FOLDER.eq(candidate)) || candidate.equals("_unsorted"); n++) {
            candidate = base + "_" + n;
        }
        return candidate;
    }

    private static Integer yearOf(String isoDate) {
        return isoDate == null ? null : Integer.parseInt(isoDate.substring(0, 4));
    }

    private void replaceActors(UUID photosetId, List<String> actors) {
        db.deleteFrom(PHOTOSET_ACTORS).where(PA_PHOTOSET.eq(photosetId)).execute();
        for (UUID actorId : actorRows.ensure(db, actors).values()) {
            db.insertInto(PHOTOSET_ACTORS, PA_PHOTOSET, PA_ACTOR).values(photosetId, actorId).onConflictDoNothing().execute();
        }
    }

    private static String key(UUID id) {
        return "photoset:" + id;
    }

    private void evictAfterCommit(UUID id) {
        cache.evictNowAndAfterCommit(key(id));
    }
}

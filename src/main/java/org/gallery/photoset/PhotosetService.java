package org.gallery.photoset;

import static org.gallery.photoset.PhotosetTables.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.gallery.cache.MetadataCache;
import org.gallery.shared.Ids;
import org.gallery.shared.NamedRows;
import org.gallery.shared.Names;
import org.gallery.shared.Times;
import org.gallery.storage.SafeNames;
import org.gallery.tag.TagService;
import org.gallery.web.ApiException;
import org.gallery.web.Page;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
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
        this.queries = new PhotosetQueries(db);
    }

    @Transactional
    public Photoset create(PhotosetRequest request) {
        return load(insert(request, null)).orElseThrow();
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
            if (givenFolder != null && findByFolder(givenFolder).isPresent()) {
                throw ApiException.conflict("The folder '" + givenFolder + "' already belongs to another photoset");
            }
            throw nameTaken(name);
        }
        replaceActors(id, actors == null ? List.of() : actors);
        tags.replacePhotosetTags(id, tagNames == null ? List.of() : tagNames);
        return id;
    }

    @Transactional
    public Photoset update(UUID id, PhotosetRequest request) {
        requireExists(id);
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
            throw nameTaken(name);
        }
        if (actors != null) {
            replaceActors(id, actors);
        }
        if (tagNames != null) {
            tags.replacePhotosetTags(id, tagNames);
        }
        evictAfterCommit(id);
        return load(id).orElseThrow();
    }

    /** Deletes the photoset with its images, their files and derived files. */
    @Transactional
    public void delete(UUID id) {
        String folder = db.select(FOLDER).from(PHOTOSETS).where(ID.eq(id)).fetchOne(FOLDER);
        if (folder == null) {
            throw ApiException.notFound("Photoset", id);
        }
        events.publishEvent(new PhotosetDeleting(id, folder));
        db.deleteFrom(PHOTOSETS).where(ID.eq(id)).execute();
        evictAfterCommit(id);
    }

    public Photoset get(UUID id) {
        Photoset cached = cache.getOrLoad(key(id), Photoset.class, () -> load(id).orElse(null));
        if (cached == null) {
            throw ApiException.notFound("Photoset", id);
        }
        return cached;
    }

    public Page<Photoset> list(PhotosetQuery query) {
        var page = queries.list(query);
        return new Page<>(toPhotosets(page.items()), page.nextCursor());
    }

    /** The photoset with this name, compared as names are (trimmed, NFC, ignoring case). */
    public Optional<Photoset> findByName(String name) {
        UUID id = db.select(ID).from(PHOTOSETS).where(NAME_KEY.eq(Names.key(name))).fetchOne(ID);
        return id == null ? Optional.empty() : load(id);
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

    /** Keeps the count and the cover right when an image joins; call inside the image's transaction. */
    public void imageAdded(UUID photosetId, UUID imageId) {
        db.update(PHOTOSETS)
                .set(IMAGE_COUNT, IMAGE_COUNT.plus(1))
                .set(COVER_IMAGE_ID, org.jooq.impl.DSL.coalesce(COVER_IMAGE_ID, org.jooq.impl.DSL.val(imageId)))
                .where(ID.eq(photosetId)).execute();
        evictAfterCommit(photosetId);
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

    /** Keeps the count and the cover right when an image leaves; {@code nextCover} replaces it if it was the cover. */
    public void imageRemoved(UUID photosetId, UUID imageId, UUID nextCover) {
        db.update(PHOTOSETS)
                .set(IMAGE_COUNT, org.jooq.impl.DSL.greatest(IMAGE_COUNT.minus(1), org.jooq.impl.DSL.val(0)))
                .set(COVER_IMAGE_ID, org.jooq.impl.DSL.when(COVER_IMAGE_ID.eq(imageId), org.jooq.impl.DSL.val(nextCover))
                        .otherwise(COVER_IMAGE_ID))
                .where(ID.eq(photosetId)).execute();
        evictAfterCommit(photosetId);
    }

    private void requireExists(UUID id) {
        if (!exists(id)) {
            throw ApiException.notFound("Photoset", id);
        }
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

    private Optional<Photoset> load(UUID id) {
        var row = db.select(COLUMNS).from(PHOTOSETS).where(ID.eq(id)).fetchOne();
        return row == null ? Optional.empty() : Optional.of(toPhotosets(List.of(row)).getFirst());
    }

    private List<Photoset> toPhotosets(List<? extends Record> rows) {
        List<UUID> ids = rows.stream().map(r -> r.get(ID)).toList();
        Map<UUID, List<String>> tagNames = tags.ofPhotosets(ids);
        Map<UUID, List<String>> actorNames = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            db.select(PA_PHOTOSET, ACTOR_NAME).from(PHOTOSET_ACTORS).join(ACTORS).on(ACTOR_ID.eq(PA_ACTOR))
                    .where(PA_PHOTOSET.in(ids)).orderBy(ACTOR_KEY)
                    .forEach(r -> actorNames.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        }
        return rows.stream().map(r -> new Photoset(
                r.get(ID), r.get(NAME), r.get(YEAR), r.get(DATE), r.get(SOURCE_URL), r.get(ORIGINAL_FILENAME),
                actorNames.getOrDefault(r.get(ID), List.of()), tagNames.getOrDefault(r.get(ID), List.of()),
                r.get(IMAGE_COUNT), r.get(COVER_IMAGE_ID), extra(r.get(EXTRA)),
                Times.toInstant(r.get(CREATED_AT)), Times.toInstant(r.get(UPDATED_AT)))).toList();
    }

    private Map<String, Object> extra(String text) {
        return text == null ? null : json.readValue(text, new TypeReference<Map<String, Object>>() { });
    }

    private static String key(UUID id) {
        return "photoset:" + id;
    }

    private void evictAfterCommit(UUID id) {
        cache.evictNowAndAfterCommit(key(id));
    }
}

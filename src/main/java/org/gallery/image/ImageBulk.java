package org.gallery.image;

import static org.gallery.image.ImageTables.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.gallery.cache.MetadataCache;
import org.gallery.photoset.PhotosetFolder;
import org.gallery.photoset.PhotosetService;
import org.gallery.shared.Names;
import org.gallery.shared.RowLocks;
import org.gallery.shared.Times;
import org.gallery.tag.TagService;
import org.gallery.web.ApiException;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record5;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One change to many images (tags added or removed, a move to another photoset, or deletion), chosen by ids or by
 * the filters of the image list. One transaction: a refusal anywhere changes nothing.
 */
@Service
class ImageBulk {

    /** The most ids one request may name; more are selected by a filter. */
    static final int MAX_IDS = 10_000;

    record Request(List<UUID> ids, Map<String, Object> filter, List<String> addTags, List<String> removeTags,
            UUID photosetId, Boolean delete) {
    }

    /**
     * @param affected images the change was applied to
     * @param moved of those, the ones that changed photoset (images already there stay as they are)
     * @param deleted images removed
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "BulkImageResult")
    record Result(int affected, int moved, int deleted) {
    }

    /** A locked image row: what moving or deleting it needs. */
    record Row(UUID id, UUID photosetId, String relPath, String sha256, String fileName) {
    }

    private static final int CHUNK = 500;

    private final DSLContext db;
    private final PhotosetService photosets;
    private final TagService tags;
    private final MetadataCache cache;
    private final TransactionTemplate tx;
    private final ImageService images;
    private final ImageFiles imageFiles;

    ImageBulk(DSLContext db, PhotosetService photosets, TagService tags, MetadataCache cache, TransactionTemplate tx,
            ImageService images, ImageFiles imageFiles) {
        this.db = db;
        this.photosets = photosets;
        this.tags = tags;
        this.cache = cache;
        this.tx = tx;
        this.images = images;
        this.imageFiles = imageFiles;
    }

    Result apply(Request r) {
        if ((r.ids() != null) == (r.filter() != null)) {
            throw ApiException.badRequest("Select the images with exactly one of ids or filter");
        }
        List<String> add = TagService.clean(r.addTags(), "add_tags");
        List<String> remove = TagService.clean(r.removeTags(), "remove_tags");
        boolean delete = Boolean.TRUE.equals(r.delete());
        if (add.isEmpty() && remove.isEmpty() && r.photosetId() == null && !delete) {
            throw ApiException.badRequest("Say what to change: add_tags, remove_tags, photoset_id or delete");
        }
        if (delete && (!add.isEmpty() || !remove.isEmpty() || r.photosetId() != null)) {
            throw ApiException.invalidField("delete", "goes alone: deleted images take no tags and no photoset");
        }
        Set<String> addKeys = new HashSet<>(add.stream().map(Names::key).toList());
        List<String> both = remove.stream().filter(t -> addKeys.contains(Names.key(t))).toList();
        if (!both.isEmpty()) {
            throw ApiException.invalidField("remove_tags", "also in add_tags: " + both);
        }
        Selection selection = selection(r);
        return tx.execute(status -> {
            PhotosetFolder target = lockPhotosets(selection, r.photosetId(), delete);
            List<Row> rows = lockImages(selection);
            if (rows.isEmpty()) {
                return new Result(0, 0, 0);
            }
            List<UUID> ids = rows.stream().map(Row::id).toList();
            if (delete) {
                delete(rows);
                return new Result(rows.size(), 0, rows.size());
            }
            tags.addToImages(ids, add);
            tags.removeFromImages(ids, remove);
            int moved = target == null ? 0 : move(rows, target);
            touch(ids);
            return new Result(rows.size(), moved, 0);
        });
    }

    /** Either ids (distinct, in id order: the order every writer of several images locks them in) or a filter. */
    private record Selection(List<UUID> ids, ImageQuery filter) {
    }

    private Selection selection(Request r) {
        if (r.filter() != null) {
            return new Selection(null, images.filter(r.filter()));
        }
        if (r.ids().contains(null)) {
            throw ApiException.invalidField("ids", "must hold image ids only");
        }
        Set<UUID> ids = new TreeSet<>(r.ids());
        if (ids.size() > MAX_IDS) {
            throw ApiException.invalidField("ids", "at most " + MAX_IDS + " images; select more with a filter");
        }
        return new Selection(List.copyOf(ids), null);
    }

    /** Conditions over the selection, a few hundred ids at a time for a list of ids. */
    private List<Condition> where(Selection selection) {
        if (selection.filter() != null) {
            return List.of(images.matching(selection.filter()));
        }
        List<Condition> parts = new ArrayList<>();
        for (int from = 0; from < selection.ids().size(); from += CHUNK) {
            parts.add(ID.in(selection.ids().subList(from, Math.min(selection.ids().size(), from + CHUNK))));
        }
        return parts;
    }

    /**
     * Locks the photosets the images leave and the one they join, before any image row (the order an upload and a
     * photoset's delete take them in), in one order so two bulk changes cannot wait on each other.
     *
     * @return the photoset to move to, or null
     */
    private PhotosetFolder lockPhotosets(Selection selection, UUID targetId, boolean delete) {
        if (targetId == null && !delete) {
            return null;
        }
        Set<UUID> sets = new TreeSet<>();
        for (Condition part : where(selection)) {
            db.selectDistinct(PHOTOSET_ID).from(IMAGES).where(part).and(PHOTOSET_ID.isNotNull())
                    .forEach(rec -> sets.add(rec.value1()));
        }
        if (targetId != null) {
            sets.add(targetId);
        }
        PhotosetFolder target = null;
        for (UUID id : sets) {
            var locked = photosets.lock(id);
            if (id.equals(targetId)) {
                target = locked.orElseThrow(() -> ApiException.notFound("Photoset", targetId));
            }
        }
        return target;
    }

    private List<Row> lockImages(Selection selection) {
        List<Row> rows = new ArrayList<>();
        for (Condition part : where(selection)) {
            RowLocks.locking(db, db.select(ID, PHOTOSET_ID, REL_PATH, SHA256, FILE_NAME).from(IMAGES).where(part)
                    .orderBy(ID)).forEach(rec -> rows.add(row(rec)));
        }
        if (selection.ids() != null && rows.size() < selection.ids().size()) {
            Set<UUID> missing = new LinkedHashSet<>(selection.ids());
            rows.forEach(row -> missing.remove(row.id()));
            List<String> shown = missing.stream().limit(10).map(UUID::toString).toList();
            throw new ApiException(HttpStatus.NOT_FOUND, missing.size() + " of the images do not exist: " + shown
                    + (missing.size() > shown.size() ? " …" : ""),
                    List.of(new ApiException.FieldError("ids", "unknown: " + String.join(", ", shown))));
        }
        return rows;
    }

    private static Row row(Record5<UUID, UUID, String, String, String> rec) {
        return new Row(rec.value1(), rec.value2(), rec.value3(), rec.value4(), rec.value5());
    }

    /** Moves the rows not yet in the target photoset there, files included; answers how many moved. */
    private int move(List<Row> rows, PhotosetFolder target) {
        List<Row> moving = rows.stream().filter(row -> !target.id().equals(row.photosetId())).toList();
        if (moving.isEmpty()) {
            return 0;
        }
        rejectSameBytes(moving, target.id());
        var created = imageFiles.linkInto(moving, target.folder());
        long now = Times.now();
        for (Row row : moving) {
            String relPath = created.get(row.id());
            db.update(IMAGES).set(PHOTOSET_ID, target.id()).set(REL_PATH, relPath)
                    .set(FILE_NAME, relPath.substring(relPath.lastIndexOf('/') + 1)).set(UPDATED_AT, now)
                    .where(ID.eq(row.id())).execute();
        }
        leaving(moving);
        UUID first = moving.stream().min(java.util.Comparator.comparing((Row row) -> created.get(row.id())))
                .map(Row::id).orElseThrow();
        photosets.imagesAdded(target.id(), moving.size(), first);
        return moving.size();
    }

    /** A photoset holds each image's bytes once: a move that would put the same bytes there twice is refused. */
    private void rejectSameBytes(List<Row> moving, UUID target) {
        Map<String, Row> bySha = new java.util.HashMap<>();
        for (Row row : moving) {
            Row other = bySha.putIfAbsent(row.sha256(), row);
            if (other != null) {
                throw ApiException.conflict(other.fileName() + " and " + row.fileName() + " (images " + other.id() + " and "
                        + row.id() + ") are the same image; a photoset holds it once, so move only one of them");
            }
        }
        List<String> shas = new ArrayList<>(bySha.keySet());
        for (int from = 0; from < shas.size(); from += CHUNK) {
            var clash = db.select(ID, SHA256, FILE_NAME).from(IMAGES).where(PHOTOSET_ID.eq(target))
                    .and(SHA256.in(shas.subList(from, Math.min(shas.size(), from + CHUNK)))).limit(1).fetchOne();
            if (clash != null) {
                Row row = bySha.get(clash.value2());
                throw ApiException.conflict(row.fileName() + " (image " + row.id() + ") is already in the photoset as "
                        + clash.value3() + " (image " + clash.value1() + ")");
            }
        }
    }

    private void delete(List<Row> rows) {
        List<UUID> ids = rows.stream().map(Row::id).toList();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            db.deleteFrom(IMAGES).where(ID.in(ids.subList(from, Math.min(ids.size(), from + CHUNK)))).execute();
        }
        leaving(rows);
        imageFiles.deleteAfterCommit(rows);
    }

    /** Keeps the counts and covers of the photosets these images left (moved away or deleted). */
    private void leaving(List<Row> rows) {
        Map<UUID, Set<UUID>> bySet = new java.util.TreeMap<>();
        rows.stream().filter(row -> row.photosetId() != null)
                .forEach(row -> bySet.computeIfAbsent(row.photosetId(), k -> new HashSet<>()).add(row.id()));
        bySet.forEach((set, gone) -> {
            UUID nextCover = db.select(ID).from(IMAGES).where(PHOTOSET_ID.eq(set)).orderBy(FILE_NAME, ID).limit(1)
                    .fetchOne(ID);
            photosets.imagesRemoved(set, gone.size(), gone::contains, nextCover);
        });
    }

    private void touch(List<UUID> ids) {
        long now = Times.now();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            db.update(IMAGES).set(UPDATED_AT, now).where(ID.in(ids.subList(from, Math.min(ids.size(), from + CHUNK))))
                    .execute();
        }
        cache.evictAllNowAndAfterCommit(ids.stream().map(ImageService::key).toList());
    }
}

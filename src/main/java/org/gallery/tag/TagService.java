package org.gallery.tag;

import static org.gallery.tag.TagTables.*;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.selectOne;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.shared.NamedRows;
import org.gallery.shared.Names;
import org.gallery.web.ApiException;
import org.gallery.web.Cursor;
import org.gallery.web.Page;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tags on images and photosets. Other features use this API and the query conditions it hands out. */
@Service
public class TagService {

    public static final int MAX_LENGTH = 100;

    public record TagSummary(String name, int imageCount, int photosetCount) {
    }

    private final DSLContext db;
    private final NamedRows tagRows = new NamedRows(TAGS, TAG_ID, TAG_NAME, TAG_KEY, TAG_CREATED);

    TagService(DSLContext db) {
        this.db = db;
    }

    /** Cleans and checks a list of tag names, dropping case-insensitive repeats; a bad name is a 400. */
    public static List<String> clean(Collection<String> names, String field) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String raw : names == null ? List.<String>of() : names) {
            String name = Names.clean(raw);
            if (name.isEmpty()) {
                throw ApiException.invalidField(field, "tag names must not be empty");
            }
            if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
                throw ApiException.invalidField(field, "tag '" + name.substring(0, 20) + "...' is longer than " + MAX_LENGTH + " characters");
            }
            byKey.putIfAbsent(Names.key(name), name);
        }
        return new ArrayList<>(byKey.values());
    }

    @Transactional
    public void addToImage(UUID imageId, Collection<String> cleanNames) {
        for (UUID tagId : tagRows.ensure(db, cleanNames).values()) {
            db.insertInto(IMAGE_TAGS, IT_IMAGE, IT_TAG).values(imageId, tagId).onConflictDoNothing().execute();
        }
    }

    /**
     * Adds the tags to every one of the images (those already carrying one keep it), a few hundred rows per
     * statement; call inside the caller's transaction, with the images locked.
     */
    @Transactional
    public void addToImages(List<UUID> imageIds, Collection<String> cleanNames) {
        var tagIds = tagRows.ensure(db, cleanNames).values();
        if (tagIds.isEmpty()) {
            return;
        }
        int perStatement = Math.max(1, BATCH / tagIds.size());
        for (int from = 0; from < imageIds.size(); from += perStatement) {
            var insert = db.insertInto(IMAGE_TAGS, IT_IMAGE, IT_TAG);
            for (UUID imageId : imageIds.subList(from, Math.min(imageIds.size(), from + perStatement))) {
                for (UUID tagId : tagIds) {
                    insert = insert.values(imageId, tagId);
                }
            }
            insert.onConflictDoNothing().execute();
        }
    }

    /** Removes the tags (by name, any case) from every one of the images; tags they lack are no error. */
    @Transactional
    public void removeFromImages(List<UUID> imageIds, Collection<String> names) {
        if (names.isEmpty()) {
            return;
        }
        var keys = names.stream().map(Names::key).toList();
        for (int from = 0; from < imageIds.size(); from += BATCH) {
            db.deleteFrom(IMAGE_TAGS)
                    .where(IT_IMAGE.in(imageIds.subList(from, Math.min(imageIds.size(), from + BATCH))))
                    .and(IT_TAG.in(db.select(TAG_ID).from(TAGS).where(TAG_KEY.in(keys))))
                    .execute();
        }
    }

    /** Rows or ids per statement: well under SQLite's limit of bound values. */
    private static final int BATCH = 500;

    /** @return true when the image had the tag */
    @Transactional
    public boolean removeFromImage(UUID imageId, String name) {
        return db.deleteFrom(IMAGE_TAGS)
                .where(IT_IMAGE.eq(imageId))
                .and(IT_TAG.in(db.select(TAG_ID).from(TAGS).where(TAG_KEY.eq(Names.key(name)))))
                .execute() > 0;
    }

    @Transactional
    public void replacePhotosetTags(UUID photosetId, Collection<String> cleanNames) {
        db.deleteFrom(PHOTOSET_TAGS).where(PT_PHOTOSET.eq(photosetId)).execute();
        for (UUID tagId : tagRows.ensure(db, cleanNames).values()) {
            db.insertInto(PHOTOSET_TAGS, PT_PHOTOSET, PT_TAG).values(photosetId, tagId).onConflictDoNothing().execute();
        }
    }

    public long tagCount() {
        return db.fetchCount(TAGS);
    }

    public List<String> ofImage(UUID imageId) {
        return ofImages(List.of(imageId)).getOrDefault(imageId, List.of());
    }

    public Map<UUID, List<String>> ofImages(Collection<UUID> imageIds) {
        return names(IMAGE_TAGS, IT_IMAGE, IT_TAG, imageIds);
    }

    public Map<UUID, List<String>> ofPhotosets(Collection<UUID> photosetIds) {
        return names(PHOTOSET_TAGS, PT_PHOTOSET, PT_TAG, photosetIds);
    }

    private Map<UUID, List<String>> names(org.jooq.Table<?> link, Field<UUID> owner, Field<UUID> tag, Collection<UUID> ids) {
        Map<UUID, List<String>> result = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        db.select(owner, TAG_NAME).from(link).join(TAGS).on(TAG_ID.eq(tag))
                .where(owner.in(new LinkedHashSet<>(ids)))
                .orderBy(TAG_KEY)
                .forEach(r -> result.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return result;
    }

    /** Matches images carrying every one of the given tags. */
    public static Condition imageHasAllTags(Field<UUID> imageId, Collection<String> names) {
        Condition all = org.jooq.impl.DSL.trueCondition();
        for (String name : names) {
            all = all.and(org.jooq.impl.DSL.exists(selectOne().from(IMAGE_TAGS).join(TAGS).on(TAG_ID.eq(IT_TAG))
                    .where(IT_IMAGE.eq(imageId)).and(TAG_KEY.eq(Names.key(name)))));
        }
        return all;
    }

    /** Matches photosets carrying the given tag. */
    public static Condition photosetHasTag(Field<UUID> photosetId, String name) {
        return org.jooq.impl.DSL.exists(selectOne().from(PHOTOSET_TAGS).join(TAGS).on(TAG_ID.eq(PT_TAG))
                .where(PT_PHOTOSET.eq(photosetId)).and(TAG_KEY.eq(Names.key(name))));
    }

    public Page<TagSummary> list(String prefix, Integer limitParam, String cursorToken) {
        int limit = Page.checkLimit(limitParam);
        Condition where = org.jooq.impl.DSL.trueCondition();
        if (prefix != null && !prefix.isBlank()) {
            String key = Names.key(prefix);
            where = where.and(TAG_KEY.startsWith(key));
        }
        if (cursorToken != null) {
            where = where.and(TAG_KEY.gt(Cursor.decode(cursorToken, "tags", 1).values().getFirst()));
        }
        var imageCount = db.select(count()).from(IMAGE_TAGS).where(IT_TAG.eq(TAG_ID)).<Integer>asField();
        var photosetCount = db.select(countDistinct(PT_PHOTOSET)).from(PHOTOSET_TAGS).where(PT_TAG.eq(TAG_ID)).<Integer>asField();
        var rows = db.select(TAG_KEY, TAG_NAME, imageCount, photosetCount)
                .from(TAGS).where(where).orderBy(TAG_KEY).limit(limit + 1).fetch();
        List<TagSummary> items = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, rows.size()); i++) {
            var r = rows.get(i);
            items.add(new TagSummary(r.value2(), r.value3(), r.value4()));
        }
        String next = rows.size() > limit ? new Cursor("tags", List.of(rows.get(limit - 1).value1())).encode() : null;
        return new Page<>(items, next);
    }
}

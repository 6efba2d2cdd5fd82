package org.gallery.photoset;

import static org.gallery.photoset.PhotosetTables.*;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.trueCondition;
import static org.jooq.impl.DSL.val;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.gallery.shared.Names;
import org.gallery.shared.Times;
import org.gallery.tag.TagService;
import org.gallery.web.ApiException;
import org.gallery.web.Cursor;
import org.gallery.web.Page;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The photoset list (filters and keyset pagination over (sort value, id)) and rows read back as photosets. */
final class PhotosetQueries {

    private final DSLContext db;
    private final TagService tags;
    private final JsonMapper json;

    PhotosetQueries(DSLContext db, TagService tags, JsonMapper json) {
        this.db = db;
        this.tags = tags;
        this.json = json;
    }

    Optional<Photoset> load(UUID id) {
        var row = db.select(COLUMNS).from(PHOTOSETS).where(ID.eq(id)).fetchOne();
        return row == null ? Optional.empty() : Optional.of(toPhotosets(List.of(row)).getFirst());
    }

    List<Photoset> toPhotosets(List<? extends Record> rows) {
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


    Page<Record> list(PhotosetQuery query) {
        int limit = Page.checkLimit(query.limit());
        String sort = query.sort() == null ? "name" : query.sort();
        boolean desc = switch (query.order() == null ? "asc" : query.order()) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw ApiException.invalidField("order", "must be asc or desc");
        };
        Field<?> sortField = switch (sort) {
            case "name" -> NAME_KEY;
            case "year" -> coalesce(YEAR, val(0));
            case "created" -> CREATED_AT;
            default -> throw ApiException.invalidField("sort", "must be one of name, year, created");
        };
        Condition where = trueCondition();
        if (query.q() != null && !query.q().isBlank()) {
            where = where.and(NAME_KEY.contains(Names.key(query.q())));
        }
        if (query.year() != null) {
            where = where.and(YEAR.eq(query.year()));
        }
        if (query.tag() != null && !query.tag().isBlank()) {
            where = where.and(TagService.photosetHasTag(ID, query.tag()));
        }
        if (query.actor() != null && !query.actor().isBlank()) {
            where = where.and(exists(selectOne().from(PHOTOSET_ACTORS).join(ACTORS).on(ACTOR_ID.eq(PA_ACTOR))
                    .where(PA_PHOTOSET.eq(ID)).and(ACTOR_KEY.eq(Names.key(query.actor())))));
        }
        String cursorSort = sort + (desc ? ":desc" : ":asc");
        if (query.cursor() != null) {
            List<String> values = Cursor.decode(query.cursor(), cursorSort, 2).values();
            Object last = parse(sort, values.get(0));
            UUID lastId = parseId(values.get(1));
            @SuppressWarnings("unchecked")
            Field<Object> f = (Field<Object>) sortField;
            var after = row(f, ID);
            where = where.and(desc ? after.lt(val(last), val(lastId)) : after.gt(val(last), val(lastId)));
        }
        var rows = db.select(COLUMNS).select(sortField.as("sort_value"))
                .from(PHOTOSETS).where(where)
                .orderBy(desc ? sortField.desc() : sortField.asc(), desc ? ID.desc() : ID.asc())
                .limit(limit + 1).fetch();
        String next = null;
        if (rows.size() > limit) {
            Record last = rows.get(limit - 1);
            next = new Cursor(cursorSort, List.of(String.valueOf(last.get("sort_value")), last.get(ID).toString())).encode();
        }
        return new Page<>(List.copyOf(rows.subList(0, Math.min(limit, rows.size()))), next);
    }

    private static Object parse(String sort, String value) {
        try {
            return switch (sort) {
                case "name" -> value;
                case "year" -> Integer.parseInt(value);
                default -> Long.parseLong(value);
            };
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("cursor", "not a cursor returned by this list with this sort");
        }
    }

    private static UUID parseId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("cursor", "not a cursor returned by this list with this sort");
        }
    }
}

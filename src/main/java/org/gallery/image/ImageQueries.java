package org.gallery.image;

import static org.gallery.image.ImageTables.*;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.trueCondition;
import static org.jooq.impl.DSL.val;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.gallery.tag.TagService;
import org.gallery.web.ApiException;
import org.gallery.web.Cursor;
import org.gallery.web.Page;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectFieldOrAsterisk;

/** The image list: filters and keyset pagination over (sort value, id), identical on both databases. */
final class ImageQueries {

    private final DSLContext db;
    private final Map<String, ImageFacet> facets;

    ImageQueries(DSLContext db, Map<String, ImageFacet> facets) {
        this.db = db;
        this.facets = facets;
    }

    /** Image columns plus one has_&lt;facet&gt; flag per facet. */
    List<SelectFieldOrAsterisk> columns() {
        List<SelectFieldOrAsterisk> columns = new ArrayList<>(COLUMNS);
        facets.values().forEach(f -> columns.add(field(f.present(ID)).as("has_" + f.name())));
        return columns;
    }

    Page<Record> list(ImageQuery query) {
        int limit = Page.checkLimit(query.limit());
        String sort = query.sort() != null ? query.sort() : (query.photosetId() != null ? "filename" : "created");
        String order = query.order() != null ? query.order() : (query.photosetId() != null ? "asc" : "desc");
        boolean desc = switch (order) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw ApiException.invalidField("order", "must be asc or desc");
        };
        Field<?> sortField = switch (sort) {
            case "taken" -> SORT_TAKEN;
            case "created" -> CREATED_AT;
            case "filename" -> FILE_NAME;
            default -> throw ApiException.invalidField("sort", "must be one of taken, created, filename");
        };
        Condition where = filters(query);
        String cursorSort = sort + ":" + order;
        if (query.cursor() != null) {
            List<String> values = Cursor.decode(query.cursor(), cursorSort, 2).values();
            Object last = parseSortValue(sort, values.get(0));
            UUID lastId = parseId(values.get(1));
            @SuppressWarnings("unchecked")
            Field<Object> f = (Field<Object>) sortField;
            where = where.and(desc ? row(f, ID).lt(val(last), val(lastId)) : row(f, ID).gt(val(last), val(lastId)));
        }
        var rows = db.select(columns()).from(IMAGES).where(where)
                .orderBy(desc ? sortField.desc() : sortField.asc(), desc ? ID.desc() : ID.asc())
                .limit(limit + 1).fetch();
        String next = null;
        if (rows.size() > limit) {
            Record last = rows.get(limit - 1);
            next = new Cursor(cursorSort, List.of(String.valueOf(last.get(sortField)), last.get(ID).toString())).encode();
        }
        return new Page<>(List.copyOf(rows.subList(0, Math.min(limit, rows.size()))), next);
    }

    /** How many images the filters select. */
    long count(ImageQuery query) {
        return db.fetchCount(IMAGES, filters(query));
    }

    /** The list's filters as a condition on the images table (its sort, limit and cursor play no part). */
    Condition filters(ImageQuery query) {
        Condition where = trueCondition();
        if (query.photosetId() != null) {
            where = where.and(PHOTOSET_ID.eq(query.photosetId()));
        }
        if (query.tags() != null && !query.tags().isEmpty()) {
            where = where.and(TagService.imageHasAllTags(ID, query.tags()));
        }
        where = where.and(facet("caption", query.hasCaption())).and(facet("crop", query.hasCrop()));
        if (query.q() != null && !query.q().isBlank()) {
            String text = query.q().strip().toLowerCase(Locale.ROOT);
            Condition matches = lower(FILE_NAME).contains(text).or(lower(ORIGINAL_FILENAME).contains(text));
            for (ImageFacet facet : facets.values()) {
                matches = matches.or(facet.textContains(ID, text));
            }
            where = where.and(matches);
        }
        if (query.year() != null) {
            where = where.and(SORT_TAKEN.ge(startOfDay(LocalDate.of(query.year(), 1, 1))))
                    .and(SORT_TAKEN.lt(startOfDay(LocalDate.of(query.year() + 1, 1, 1))));
        }
        if (query.dateFrom() != null) {
            where = where.and(SORT_TAKEN.ge(startOfDay(query.dateFrom())));
        }
        if (query.dateTo() != null) {
            where = where.and(SORT_TAKEN.lt(startOfDay(query.dateTo().plusDays(1))));
        }
        return where;
    }

    private Condition facet(String name, Boolean wanted) {
        if (wanted == null) {
            return trueCondition();
        }
        ImageFacet facet = facets.get(name);
        if (facet == null) {
            return wanted ? org.jooq.impl.DSL.falseCondition() : trueCondition();
        }
        Condition present = facet.present(ID);
        return wanted ? present : present.not();
    }

    private static long startOfDay(LocalDate date) {
        return date.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static Object parseSortValue(String sort, String value) {
        if (sort.equals("filename")) {
            return value;
        }
        try {
            return Long.parseLong(value);
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

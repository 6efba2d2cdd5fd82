package org.gallery.crop;

import static org.gallery.crop.CropFacet.CROP_IMAGE;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.gallery.image.Image;
import org.gallery.image.ImageService;
import org.gallery.shared.Actor;
import org.gallery.shared.Times;
import org.gallery.web.ApiException;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** One crop per image, validated against the upright image. */
@Service
public class CropService {

    static final Table<Record> CROPS = table(DSL.name("crops"));
    static final Field<Integer> X = field(DSL.name("crops", "x"), SQLDataType.INTEGER);
    static final Field<Integer> Y = field(DSL.name("crops", "y"), SQLDataType.INTEGER);
    static final Field<Integer> WIDTH = field(DSL.name("crops", "width"), SQLDataType.INTEGER);
    static final Field<Integer> HEIGHT = field(DSL.name("crops", "height"), SQLDataType.INTEGER);
    static final Field<String> ASPECT = field(DSL.name("crops", "aspect_ratio"), SQLDataType.VARCHAR);
    static final Field<Long> UPDATED = field(DSL.name("crops", "updated_at"), SQLDataType.BIGINT);
    static final Field<String> UPDATED_BY = field(DSL.name("crops", "updated_by"), SQLDataType.VARCHAR);

    private final DSLContext db;
    private final ImageService images;
    private final org.springframework.context.ApplicationEventPublisher events;

    CropService(DSLContext db, ImageService images, org.springframework.context.ApplicationEventPublisher events) {
        this.db = db;
        this.images = images;
        this.events = events;
    }

    public Optional<Crop> find(UUID imageId) {
        return Optional.ofNullable(db.select(CROP_IMAGE, X, Y, WIDTH, HEIGHT, ASPECT, UPDATED).from(CROPS)
                        .where(CROP_IMAGE.eq(imageId)).fetchOne())
                .map(r -> new Crop(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        Times.toInstant(r.value7())));
    }

    public Crop get(UUID imageId) {
        images.get(imageId);
        return find(imageId).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "Image " + imageId + " has no crop"));
    }

    @Transactional
    Crop save(UUID imageId, CropRequest request) {
        // the lock orders this against the image's delete; the crop row itself is one upsert
        images.lock(imageId);
        Image image = images.get(imageId);
        List<ApiException.FieldError> errors = new ArrayList<>();
        Integer x = integer("x", request.x(), errors);
        Integer y = integer("y", request.y(), errors);
        Integer w = integer("width", request.width(), errors);
        Integer h = integer("height", request.height(), errors);
        if (x != null && (x < 0 || x >= image.width())) {
            errors.add(new ApiException.FieldError("x", "must be from 0 to " + (image.width() - 1)));
        }
        if (y != null && (y < 0 || y >= image.height())) {
            errors.add(new ApiException.FieldError("y", "must be from 0 to " + (image.height() - 1)));
        }
        if (w != null && w < 1) {
            errors.add(new ApiException.FieldError("width", "must be at least 1"));
        } else if (w != null && x != null && x >= 0 && x + w > image.width()) {
            errors.add(new ApiException.FieldError("width", "x + width must not exceed the image width " + image.width()));
        }
        if (h != null && h < 1) {
            errors.add(new ApiException.FieldError("height", "must be at least 1"));
        } else if (h != null && y != null && y >= 0 && y + h > image.height()) {
            errors.add(new ApiException.FieldError("height", "y + height must not exceed the image height " + image.height()));
        }
        String aspect = request.aspectRatio() == null || request.aspectRatio().isBlank() ? null : request.aspectRatio().strip();
        if (aspect != null && aspect.length() > 32) {
            errors.add(new ApiException.FieldError("aspect_ratio", "must be at most 32 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT,
                    "Invalid crop for a " + image.width() + "x" + image.height() + " image: "
                            + errors.stream().map(e -> e.field() + " " + e.message()).toList(), errors);
        }
        long now = Times.now();
        String by = Actor.current().name();
        db.insertInto(CROPS).set(CROP_IMAGE, imageId).set(X, x).set(Y, y).set(WIDTH, w).set(HEIGHT, h)
                .set(ASPECT, aspect).set(UPDATED, now).set(UPDATED_BY, by)
                .onConflict(CROP_IMAGE).doUpdate()
                .set(X, x).set(Y, y).set(WIDTH, w).set(HEIGHT, h).set(ASPECT, aspect).set(UPDATED, now).set(UPDATED_BY, by)
                .execute();
        images.touch(imageId);
        events.publishEvent(new CropChanged(imageId));
        return find(imageId).orElseThrow();
    }

    @Transactional
    void delete(UUID imageId) {
        images.lock(imageId);
        if (db.deleteFrom(CROPS).where(CROP_IMAGE.eq(imageId)).execute() == 0) {
            throw new ApiException(HttpStatus.NOT_FOUND, "Image " + imageId + " has no crop");
        }
        images.touch(imageId);
        events.publishEvent(new CropChanged(imageId));
    }

    private static Integer integer(String field, Object value, List<ApiException.FieldError> errors) {
        if (value == null) {
            errors.add(new ApiException.FieldError(field, "is required"));
            return null;
        }
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Long || value instanceof java.math.BigInteger) {
            errors.add(new ApiException.FieldError(field, "is out of range"));
            return null;
        }
        errors.add(new ApiException.FieldError(field, "must be a whole number of pixels"));
        return null;
    }
}

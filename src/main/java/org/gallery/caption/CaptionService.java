package org.gallery.caption;

import static org.gallery.caption.CaptionFacet.IMAGE_ID;
import static org.gallery.caption.CaptionFacet.IS_CURRENT;
import static org.gallery.caption.CaptionFacet.TEXT;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.gallery.image.ImageService;
import org.gallery.shared.Actor;
import org.gallery.shared.Ids;
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

/** One current caption per image, every earlier version kept with its provenance. */
@Service
public class CaptionService {

    public static final int MAX_LENGTH = 20_000;

    static final Table<Record> CAPTIONS = table(DSL.name("captions"));
    static final Field<UUID> ID = field(DSL.name("captions", "id"), SQLDataType.UUID);
    static final Field<String> SOURCE = field(DSL.name("captions", "source"), SQLDataType.VARCHAR);
    static final Field<String> GENERATOR = field(DSL.name("captions", "generator"), SQLDataType.VARCHAR);
    static final Field<String> MODEL = field(DSL.name("captions", "model"), SQLDataType.VARCHAR);
    static final Field<String> PROMPT = field(DSL.name("captions", "prompt"), SQLDataType.VARCHAR);
    static final Field<Long> DURATION = field(DSL.name("captions", "duration_ms"), SQLDataType.BIGINT);
    static final Field<Integer> PROMPT_TOKENS = field(DSL.name("captions", "prompt_tokens"), SQLDataType.INTEGER);
    static final Field<Integer> OUTPUT_TOKENS = field(DSL.name("captions", "output_tokens"), SQLDataType.INTEGER);
    static final Field<Long> CREATED = field(DSL.name("captions", "created_at"), SQLDataType.BIGINT);
    static final Field<String> AUTHOR = field(DSL.name("captions", "author"), SQLDataType.VARCHAR);
    static final List<Field<?>> COLUMNS = List.of(ID, IMAGE_ID, TEXT, SOURCE, GENERATOR, MODEL, PROMPT, DURATION,
            PROMPT_TOKENS, OUTPUT_TOKENS, IS_CURRENT, CREATED, AUTHOR);

    private final DSLContext db;
    private final ImageService images;

    CaptionService(DSLContext db, ImageService images) {
        this.db = db;
        this.images = images;
    }

    public Optional<Caption> current(UUID imageId) {
        return db.select(COLUMNS).from(CAPTIONS).where(IMAGE_ID.eq(imageId)).and(IS_CURRENT.eq(1))
                .fetchOptional().map(CaptionService::toCaption);
    }

    /** Every version, newest first. */
    public List<Caption> history(UUID imageId) {
        return db.select(COLUMNS).from(CAPTIONS).where(IMAGE_ID.eq(imageId))
                .orderBy(CREATED.desc(), ID.desc()).fetch().map(CaptionService::toCaption);
    }

    public Caption get(UUID imageId, boolean withHistory) {
        images.get(imageId);
        Caption current = current(imageId)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "Image " + imageId + " has no caption"));
        return withHistory ? current.withHistory(history(imageId)) : current;
    }

    /**
     * Saves a new current version; the previous one stays in the history. The image row is locked first, so two saves
     * for one image take turns (never two current versions) and a save after the image's delete is a 404.
     */
    @Transactional
    public Caption save(UUID imageId, CaptionVersion version) {
        String text = check(version.text());
        images.lock(imageId);
        db.update(CAPTIONS).set(IS_CURRENT, 0).where(IMAGE_ID.eq(imageId)).and(IS_CURRENT.eq(1)).execute();
        UUID id = Ids.next();
        db.insertInto(CAPTIONS)
                .set(ID, id).set(IMAGE_ID, imageId).set(TEXT, text).set(SOURCE, version.source())
                .set(GENERATOR, version.generator()).set(MODEL, version.model()).set(PROMPT, version.prompt())
                .set(DURATION, version.durationMs()).set(PROMPT_TOKENS, version.promptTokens())
                .set(OUTPUT_TOKENS, version.outputTokens()).set(IS_CURRENT, 1).set(CREATED, Times.now())
                .set(AUTHOR, Actor.current().name())
                .execute();
        images.touch(imageId);
        return current(imageId).orElseThrow();
    }

    /**
     * Saves a generated version unless the current one is manual, deciding under the image's lock: a manual caption
     * saved while the generator ran is kept.
     *
     * @return the saved version, or empty when a manual caption was kept
     */
    @Transactional
    Optional<Caption> saveUnlessManual(UUID imageId, CaptionVersion version) {
        images.lock(imageId);
        if (current(imageId).filter(c -> Caption.MANUAL.equals(c.source())).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(save(imageId, version));
    }

    /** Removes the current caption; earlier versions stay in the history. */
    @Transactional
    public void delete(UUID imageId) {
        images.lock(imageId);
        int changed = db.update(CAPTIONS).set(IS_CURRENT, 0).where(IMAGE_ID.eq(imageId)).and(IS_CURRENT.eq(1)).execute();
        if (changed == 0) {
            throw new ApiException(HttpStatus.NOT_FOUND, "Image " + imageId + " has no caption");
        }
        images.touch(imageId);
    }

    static String check(String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.invalidField("caption", "must not be empty");
        }
        String clean = text.strip();
        if (clean.length() > MAX_LENGTH) {
            throw ApiException.invalidField("caption", "must be at most " + MAX_LENGTH + " characters");
        }
        return clean;
    }

    private static Caption toCaption(Record r) {
        return new Caption(r.get(ID), r.get(IMAGE_ID), r.get(TEXT), r.get(SOURCE), r.get(GENERATOR), r.get(MODEL),
                r.get(PROMPT), r.get(DURATION), r.get(PROMPT_TOKENS), r.get(OUTPUT_TOKENS), r.get(IS_CURRENT) == 1,
                Times.toInstant(r.get(CREATED)), r.get(AUTHOR), null);
    }
}

package org.gallery.image;

import static org.gallery.image.ImageTables.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.config.Settings;
import org.gallery.imaging.ImageFacts;
import org.gallery.imaging.ImageProbe;
import org.gallery.imaging.ImageRejectedException;
import org.gallery.imaging.ImagingEngine;
import org.gallery.photoset.PhotosetService;
import org.gallery.shared.Ids;
import org.gallery.shared.Times;
import org.gallery.storage.FileStore;
import org.gallery.tag.TagService;
import org.gallery.web.ApiException;
import org.jooq.DSLContext;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Images that already lie in their photoset's folder (the migration toolkit put them there): inspected outside any
 * transaction, registered in bulk with the same checks as an upload, and walked for verification.
 */
@Service
public class ImageRegistry {

    private final DSLContext db;
    private final FileStore files;
    private final PhotosetService photosets;
    private final TagService tags;
    private final TransactionTemplate tx;
    private final ImageProbe probe;

    ImageRegistry(DSLContext db, FileStore files, PhotosetService photosets, TagService tags, TransactionTemplate tx,
            Settings settings, ImagingEngine engine) {
        this.db = db;
        this.files = files;
        this.photosets = photosets;
        this.tags = tags;
        this.tx = tx;
        this.probe = new ImageProbe(settings.imaging().maxImagePixels(), () -> engine);
    }

    /** What {@link #registerExisting} did with a file. */
    public enum Registration { ADDED, ALREADY_REGISTERED, DUPLICATE }

    public record Registered(UUID imageId, Registration outcome) {
    }

    /**
     * Registers a file that already lies in a photoset's folder (the migration toolkit's extract step put it there).
     * Idempotent: a path already registered, or the same bytes already in the photoset, adds nothing.
     *
     * @throws ImageRejectedException when the file is not an image Gallery accepts
     */
    public Registered registerExisting(UUID photosetId, String relPath, String originalFilename, List<String> tagNames)
            throws IOException {
        var known = db.select(ID).from(IMAGES).where(REL_PATH.eq(relPath)).fetchOne(ID);
        if (known != null) {
            return new Registered(known, Registration.ALREADY_REGISTERED);
        }
        List<String> cleanTags = TagService.clean(tagNames, "tags");
        InspectedFile inspected = inspectExisting(relPath, originalFilename);
        try {
            return tx.execute(status -> {
                Registered registered = registerInspected(photosetId, List.of(inspected)).getFirst();
                if (registered.outcome() == Registration.ADDED && !cleanTags.isEmpty()) {
                    tags.addToImage(registered.imageId(), cleanTags);
                }
                return registered;
            });
        } catch (DuplicateKeyException e) {
            // another writer registered the same path or bytes in between
            var existing = db.select(ID).from(IMAGES).where(REL_PATH.eq(relPath)).fetchOne(ID);
            if (existing != null) {
                return new Registered(existing, Registration.ALREADY_REGISTERED);
            }
            existing = db.select(ID).from(IMAGES).where(PHOTOSET_ID.eq(photosetId)).and(SHA256.eq(inspected.sha256()))
                    .limit(1).fetchOne(ID);
            if (existing != null) {
                return new Registered(existing, Registration.DUPLICATE);
            }
            throw e;
        }
    }

    /**
     * A file already in a photoset's folder, measured (size, SHA-256) and probed (format, upright size, EXIF), ready
     * for {@link #registerInspected}. Only {@link #inspectExisting} makes one, so every registered file was checked.
     */
    public static final class InspectedFile {
        private final String relPath;
        private final String originalFilename;
        private final UploadedFile measured;
        private final ImageFacts facts;

        private InspectedFile(String relPath, String originalFilename, UploadedFile measured, ImageFacts facts) {
            this.relPath = relPath;
            this.originalFilename = originalFilename;
            this.measured = measured;
            this.facts = facts;
        }

        public String relPath() {
            return relPath;
        }

        public String sha256() {
            return measured.sha256();
        }

        public long bytes() {
            return measured.bytes();
        }
    }

    /**
     * Reads a file that lies under IMAGES_DIR: its size and SHA-256, and the facts of its header. No database work, so
     * many files can be inspected at once, outside any transaction.
     *
     * @throws ImageRejectedException when the file is not an image Gallery accepts
     */
    public InspectedFile inspectExisting(String relPath, String originalFilename) throws IOException {
        UploadedFile measured;
        ImageFacts facts;
        try (FileStore.LocalFile file = files.local(FileStore.Area.IMAGES.key(relPath));
                InputStream in = Files.newInputStream(file.path())) {
            measured = UploadedFile.measure(in, null);
            facts = probe.probe(file.path());
        }
        String name = originalFilename == null ? relPath.substring(relPath.lastIndexOf('/') + 1) : originalFilename;
        return new InspectedFile(relPath, name, measured, facts);
    }

    /** The ids of the images stored under these relative paths; paths no image has are left out. */
    public Map<String, UUID> findByRelPaths(Collection<String> relPaths) {
        Map<String, UUID> found = new java.util.HashMap<>();
        List<String> all = new ArrayList<>(new java.util.LinkedHashSet<>(relPaths));
        for (int from = 0; from < all.size(); from += BATCH) {
            db.select(REL_PATH, ID).from(IMAGES).where(REL_PATH.in(all.subList(from, Math.min(all.size(), from + BATCH))))
                    .forEach(r -> found.put(r.value1(), r.value2()));
        }
        return found;
    }

    /**
     * Registers inspected files of one photoset in one transaction (or in the caller's), with the checks of
     * {@link #registerExisting}: a path already registered, or bytes the photoset already has (in the database or
     * earlier in the list), add nothing. The photoset's count and cover are updated once.
     *
     * @return one outcome per file, in the order given
     */
    public List<Registered> registerInspected(UUID photosetId, List<InspectedFile> inspected) {
        java.util.Objects.requireNonNull(photosetId, "photosetId");
        if (inspected.isEmpty()) {
            return List.of();
        }
        return tx.execute(status -> {
            // the photoset row orders this against its delete and its other uploads (see PhotosetService#lock)
            if (photosets.lock(photosetId).isEmpty()) {
                throw ApiException.notFound("Photoset", photosetId);
            }
            // one look-up per batch answers both checks: paths already registered, bytes the photoset already has
            Map<String, UUID> known = new java.util.HashMap<>();
            Map<String, UUID> bySha = new java.util.HashMap<>();
            for (int from = 0; from < inspected.size(); from += BATCH) {
                List<InspectedFile> batch = inspected.subList(from, Math.min(inspected.size(), from + BATCH));
                db.select(REL_PATH, SHA256, PHOTOSET_ID, ID).from(IMAGES)
                        .where(REL_PATH.in(batch.stream().map(InspectedFile::relPath).toList()))
                        .or(PHOTOSET_ID.eq(photosetId).and(SHA256.in(batch.stream().map(InspectedFile::sha256).toList())))
                        .forEach(r -> {
                            known.put(r.value1(), r.value4());
                            if (photosetId.equals(r.value3())) {
                                bySha.putIfAbsent(r.value2(), r.value4());
                            }
                        });
            }
            List<Registered> outcomes = new ArrayList<>(inspected.size());
            List<Object[]> rows = new ArrayList<>();
            long now = Times.now();
            UUID first = null;
            for (InspectedFile f : inspected) {
                UUID existing = known.get(f.relPath);
                if (existing != null) {
                    outcomes.add(new Registered(existing, Registration.ALREADY_REGISTERED));
                    continue;
                }
                UUID same = bySha.get(f.sha256());
                if (same != null) {
                    outcomes.add(new Registered(same, Registration.DUPLICATE));
                    continue;
                }
                UUID id = Ids.next();
                first = first == null ? id : first;
                known.put(f.relPath, id);
                bySha.put(f.sha256(), id);
                rows.add(row(id, photosetId, f, now));
                outcomes.add(new Registered(id, Registration.ADDED));
            }
            for (int from = 0; from < rows.size(); from += BATCH) {
                var insert = db.insertInto(IMAGES).columns(COLUMNS);
                for (Object[] row : rows.subList(from, Math.min(rows.size(), from + BATCH))) {
                    insert = insert.values(row);
                }
                insert.execute();
            }
            photosets.imagesAdded(photosetId, rows.size(), first);
            return outcomes;
        });
    }

    /** Rows per multi-row statement: well under SQLite's limit of bound values. */
    private static final int BATCH = 500;

    /** One image row, in the order of {@link ImageTables#COLUMNS}. */
    private static Object[] row(UUID id, UUID photosetId, InspectedFile f, long now) {
        ImageFacts facts = f.facts;
        Long taken = facts.takenAt() == null ? null : facts.takenAt().toEpochMilli();
        String relPath = f.relPath;
        return new Object[] {id, photosetId, relPath.substring(relPath.lastIndexOf('/') + 1), f.originalFilename,
                relPath, facts.format().name().toLowerCase(), facts.format().mimeType(), f.bytes(), f.sha256(),
                facts.width(), facts.height(), facts.orientation(), taken, taken != null ? taken : now, facts.camera(),
                now, now};
    }

    /** An image's file as the database knows it; for tools that check the storage. */
    public record FileRow(UUID id, UUID photosetId, String relPath, long bytes, String sha256) {
    }

    /** Hands every image's file row to {@code action}, reading the table in pages so memory stays flat. */
    public void forEachFile(java.util.function.Consumer<FileRow> action) {
        UUID after = null;
        while (true) {
            var query = db.select(ID, PHOTOSET_ID, REL_PATH, BYTES, SHA256).from(IMAGES);
            var page = (after == null ? query.where(org.jooq.impl.DSL.trueCondition()) : query.where(ID.gt(after)))
                    .orderBy(ID).limit(10_000).fetch(r -> new FileRow(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
            page.forEach(action);
            if (page.size() < 10_000) {
                return;
            }
            after = page.getLast().id();
        }
    }

    public long count() {
        return db.fetchCount(IMAGES);
    }

    /** Image rows per photoset (images without one are left out). */
    public Map<UUID, Integer> countsByPhotoset() {
        Map<UUID, Integer> counts = new java.util.HashMap<>();
        db.select(PHOTOSET_ID, org.jooq.impl.DSL.count()).from(IMAGES).where(PHOTOSET_ID.isNotNull()).groupBy(PHOTOSET_ID)
                .forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }
}

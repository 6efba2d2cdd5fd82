package org.gallery.migration.journal;

import static org.gallery.migration.journal.JournalTables.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.shared.Times;
import org.jooq.DSLContext;

/**
 * What the migration toolkit has done, kept in the database next to what it made: the photoset folders imported
 * (and the fingerprint of what they held), the metadata files read, the archives behind each folder and the files
 * that were not registered. Writes join the caller's transaction, so a photoset and its journal rows commit together.
 */
public final class MigrationJournal {

    public static final String IMPORTED = "imported";
    public static final String FAILED = "failed";
    public static final String MALFORMED = "malformed";

    /** A photoset folder the import handled. */
    public record FolderRecord(String folder, UUID photosetId, String metadataFile, String metadataSha256,
            String fingerprint, int images, String status, String detail) {

        public boolean imported() {
            return IMPORTED.equals(status);
        }
    }

    /** A metadata file the import read. */
    public record MetadataRecord(String fileName, String sha256, String folder, UUID photosetId, String status,
            String detail) {
    }

    /** An archive behind a photoset folder; {@code status} is {@code complete} or {@code incomplete} extraction. */
    public record ArchiveRecord(String sha256, String fileName, long bytes, long modifiedMillis, String folder,
            UUID photosetId, String status) {
    }

    private final DSLContext db;

    public MigrationJournal(DSLContext db) {
        this.db = db;
    }

    /**
     * Whether the tables exist: a database at an older revision has none (a dry run may look at one); every read
     * below then answers as for an empty journal.
     */
    public boolean available() {
        try {
            db.fetchExists(db.selectOne().from(FOLDERS).limit(1));
            return true;
        } catch (RuntimeException e) {
            // jOOQ's exception, or Spring's translation of it (BadSqlGrammarException)
            return false;
        }
    }

    /**
     * Lets the current transaction commit without waiting for the database server to flush it to disk (PostgreSQL;
     * nothing on SQLite). Safe for work recorded in this journal within the same transaction: a server crash can only
     * lose the last few commits whole, journal rows included, and the next run redoes exactly those.
     */
    public void commitWithoutWaitingForFlush() {
        if (db.dialect().family() == org.jooq.SQLDialect.POSTGRES) {
            db.execute("SET LOCAL synchronous_commit TO OFF");
        }
    }

    public Map<String, FolderRecord> folders() {
        Map<String, FolderRecord> all = new HashMap<>();
        db.select(F_FOLDER, F_PHOTOSET, F_METADATA_FILE, F_METADATA_SHA, F_FINGERPRINT, F_IMAGES, F_STATUS, F_DETAIL)
                .from(FOLDERS)
                .forEach(r -> all.put(r.value1(), new FolderRecord(r.value1(), r.value2(), r.value3(), r.value4(),
                        r.value5(), r.value6(), r.value7(), r.value8())));
        return all;
    }

    public void saveFolder(FolderRecord f) {
        long now = Times.now();
        db.insertInto(FOLDERS)
                .set(F_FOLDER, f.folder()).set(F_PHOTOSET, f.photosetId()).set(F_METADATA_FILE, f.metadataFile())
                .set(F_METADATA_SHA, f.metadataSha256()).set(F_FINGERPRINT, f.fingerprint()).set(F_IMAGES, f.images())
                .set(F_STATUS, f.status()).set(F_DETAIL, f.detail()).set(F_UPDATED, now)
                .onConflict(F_FOLDER).doUpdate()
                .set(F_PHOTOSET, f.photosetId()).set(F_METADATA_FILE, f.metadataFile())
                .set(F_METADATA_SHA, f.metadataSha256()).set(F_FINGERPRINT, f.fingerprint()).set(F_IMAGES, f.images())
                .set(F_STATUS, f.status()).set(F_DETAIL, f.detail()).set(F_UPDATED, now)
                .execute();
    }

    /** Marks a folder failed without touching what an earlier successful run recorded about it. */
    public void folderFailed(String folder, String detail) {
        long now = Times.now();
        db.insertInto(FOLDERS)
                .set(F_FOLDER, folder).set(F_FINGERPRINT, "").set(F_IMAGES, 0)
                .set(F_STATUS, FAILED).set(F_DETAIL, detail).set(F_UPDATED, now)
                .onConflict(F_FOLDER).doUpdate()
                .set(F_STATUS, FAILED).set(F_DETAIL, detail).set(F_FINGERPRINT, "").set(F_UPDATED, now)
                .execute();
    }

    public List<FolderRecord> failedFolders() {
        return folders().values().stream().filter(f -> FAILED.equals(f.status()))
                .sorted(java.util.Comparator.comparing(FolderRecord::folder)).toList();
    }

    public Map<String, MetadataRecord> metadata() {
        Map<String, MetadataRecord> all = new HashMap<>();
        db.select(M_FILE, M_SHA, M_FOLDER, M_PHOTOSET, M_STATUS, M_DETAIL).from(METADATA)
                .forEach(r -> all.put(r.value1(), new MetadataRecord(r.value1(), r.value2(), r.value3(), r.value4(),
                        r.value5(), r.value6())));
        return all;
    }

    public void saveMetadata(MetadataRecord m) {
        long now = Times.now();
        db.insertInto(METADATA)
                .set(M_FILE, m.fileName()).set(M_SHA, m.sha256()).set(M_FOLDER, m.folder())
                .set(M_PHOTOSET, m.photosetId()).set(M_STATUS, m.status()).set(M_DETAIL, m.detail()).set(M_RECORDED, now)
                .onConflict(M_FILE).doUpdate()
                .set(M_SHA, m.sha256()).set(M_FOLDER, m.folder()).set(M_PHOTOSET, m.photosetId())
                .set(M_STATUS, m.status()).set(M_DETAIL, m.detail()).set(M_RECORDED, now)
                .execute();
    }

    public List<ArchiveRecord> archives() {
        List<ArchiveRecord> all = new ArrayList<>();
        db.select(A_SHA, A_FILE, A_BYTES, A_MODIFIED, A_FOLDER, A_PHOTOSET, A_STATUS).from(ARCHIVES).orderBy(A_FILE)
                .forEach(r -> all.add(new ArchiveRecord(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6(), r.value7())));
        return all;
    }

    public void saveArchive(ArchiveRecord a) {
        long now = Times.now();
        db.insertInto(ARCHIVES)
                .set(A_SHA, a.sha256()).set(A_FILE, a.fileName()).set(A_BYTES, a.bytes())
                .set(A_MODIFIED, a.modifiedMillis()).set(A_FOLDER, a.folder()).set(A_PHOTOSET, a.photosetId())
                .set(A_STATUS, a.status()).set(A_RECORDED, now)
                .onConflict(A_SHA).doUpdate()
                .set(A_FILE, a.fileName()).set(A_BYTES, a.bytes()).set(A_MODIFIED, a.modifiedMillis())
                .set(A_FOLDER, a.folder()).set(A_PHOTOSET, a.photosetId()).set(A_STATUS, a.status()).set(A_RECORDED, now)
                .execute();
    }

    /** Replaces what is recorded about a folder's unregistered files: relative path to reason. */
    public void replaceRejected(String folder, Map<String, String> reasonByPath) {
        db.deleteFrom(REJECTED).where(R_FOLDER.eq(folder)).execute();
        if (reasonByPath.isEmpty()) {
            return;
        }
        long now = Times.now();
        var entries = new ArrayList<>(reasonByPath.entrySet());
        for (int from = 0; from < entries.size(); from += 500) {
            var insert = db.insertInto(REJECTED, R_PATH, R_FOLDER, R_REASON, R_RECORDED);
            for (var e : entries.subList(from, Math.min(entries.size(), from + 500))) {
                insert = insert.values(e.getKey(), folder, e.getValue(), now);
            }
            insert.execute();
        }
    }

    /** The folders with unregistered files recorded. */
    public java.util.Set<String> foldersWithRejected() {
        return new java.util.HashSet<>(db.selectDistinct(R_FOLDER).from(REJECTED).fetch(R_FOLDER));
    }

    /** The unregistered files recorded for a folder: relative path to reason. */
    public Map<String, String> rejectedIn(String folder) {
        Map<String, String> found = new HashMap<>();
        db.select(R_PATH, R_REASON).from(REJECTED).where(R_FOLDER.eq(folder)).forEach(r -> found.put(r.value1(), r.value2()));
        return found;
    }
}

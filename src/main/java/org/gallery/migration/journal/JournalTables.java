package org.gallery.migration.journal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** The migration toolkit's own tables (revision 003_migration). */
final class JournalTables {

    private JournalTables() {
    }

    static final Table<Record> FOLDERS = table(name("migration_folders"));
    static final Field<String> F_FOLDER = field(name("migration_folders", "folder"), SQLDataType.VARCHAR);
    static final Field<UUID> F_PHOTOSET = field(name("migration_folders", "photoset_id"), SQLDataType.UUID);
    static final Field<String> F_METADATA_FILE = field(name("migration_folders", "metadata_file"), SQLDataType.VARCHAR);
    static final Field<String> F_METADATA_SHA = field(name("migration_folders", "metadata_sha256"), SQLDataType.VARCHAR);
    static final Field<String> F_FINGERPRINT = field(name("migration_folders", "fingerprint"), SQLDataType.VARCHAR);
    static final Field<Integer> F_IMAGES = field(name("migration_folders", "images"), SQLDataType.INTEGER);
    static final Field<String> F_STATUS = field(name("migration_folders", "status"), SQLDataType.VARCHAR);
    static final Field<String> F_DETAIL = field(name("migration_folders", "detail"), SQLDataType.VARCHAR);
    static final Field<Long> F_UPDATED = field(name("migration_folders", "updated_at"), SQLDataType.BIGINT);

    static final Table<Record> METADATA = table(name("migration_metadata"));
    static final Field<String> M_FILE = field(name("migration_metadata", "file_name"), SQLDataType.VARCHAR);
    static final Field<String> M_SHA = field(name("migration_metadata", "sha256"), SQLDataType.VARCHAR);
    static final Field<String> M_FOLDER = field(name("migration_metadata", "folder"), SQLDataType.VARCHAR);
    static final Field<UUID> M_PHOTOSET = field(name("migration_metadata", "photoset_id"), SQLDataType.UUID);
    static final Field<String> M_STATUS = field(name("migration_metadata", "status"), SQLDataType.VARCHAR);
    static final Field<String> M_DETAIL = field(name("migration_metadata", "detail"), SQLDataType.VARCHAR);
    static final Field<Long> M_RECORDED = field(name("migration_metadata", "recorded_at"), SQLDataType.BIGINT);

    static final Table<Record> ARCHIVES = table(name("migration_archives"));
    static final Field<String> A_SHA = field(name("migration_archives", "sha256"), SQLDataType.VARCHAR);
    static final Field<String> A_FILE = field(name("migration_archives", "file_name"), SQLDataType.VARCHAR);
    static final Field<Long> A_BYTES = field(name("migration_archives", "bytes"), SQLDataType.BIGINT);
    static final Field<Long> A_MODIFIED = field(name("migration_archives", "modified_at"), SQLDataType.BIGINT);
    static final Field<String> A_FOLDER = field(name("migration_archives", "folder"), SQLDataType.VARCHAR);
    static final Field<UUID> A_PHOTOSET = field(name("migration_archives", "photoset_id"), SQLDataType.UUID);
    static final Field<String> A_STATUS = field(name("migration_archives", "status"), SQLDataType.VARCHAR);
    static final Field<Long> A_RECORDED = field(name("migration_archives", "recorded_at"), SQLDataType.BIGINT);

    static final Table<Record> REJECTED = table(name("migration_rejected_files"));
    static final Field<String> R_PATH = field(name("migration_rejected_files", "rel_path"), SQLDataType.VARCHAR);
    static final Field<String> R_FOLDER = field(name("migration_rejected_files", "folder"), SQLDataType.VARCHAR);
    static final Field<String> R_REASON = field(name("migration_rejected_files", "reason"), SQLDataType.VARCHAR);
    static final Field<Long> R_RECORDED = field(name("migration_rejected_files", "recorded_at"), SQLDataType.BIGINT);
}

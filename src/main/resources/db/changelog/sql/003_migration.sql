--liquibase formatted sql

--changeset gallery:003-migration-folders
-- One row per photoset folder the import step handled: which photoset it became, what the folder held
-- (fingerprint of names, sizes and times) and which metadata file was applied, so a rerun skips finished folders.
CREATE TABLE migration_folders (
    folder          ${t_text} PRIMARY KEY,
    photoset_id     ${t_uuid} REFERENCES photosets (id) ON DELETE SET NULL,
    metadata_file   ${t_text},
    metadata_sha256 ${t_text},
    fingerprint     ${t_text} NOT NULL,
    images          ${t_int} NOT NULL,
    status          ${t_text} NOT NULL,
    detail          ${t_text},
    updated_at      ${t_long} NOT NULL
);
CREATE INDEX ix_migration_folders_photoset ON migration_folders (photoset_id);
--rollback DROP TABLE migration_folders;

--changeset gallery:003-migration-metadata
-- Every metadata (JSON) file the import step read, by name, with the SHA-256 of its bytes and what became of it.
CREATE TABLE migration_metadata (
    file_name   ${t_text} PRIMARY KEY,
    sha256      ${t_text} NOT NULL,
    folder      ${t_text},
    photoset_id ${t_uuid} REFERENCES photosets (id) ON DELETE SET NULL,
    status      ${t_text} NOT NULL,
    detail      ${t_text},
    recorded_at ${t_long} NOT NULL
);
CREATE INDEX ix_migration_metadata_sha ON migration_metadata (sha256);
--rollback DROP TABLE migration_metadata;

--changeset gallery:003-migration-archives
-- Archives by SHA-256: the photoset folder their images were extracted into and the photoset that folder became.
CREATE TABLE migration_archives (
    sha256      ${t_text} PRIMARY KEY,
    file_name   ${t_text} NOT NULL,
    bytes       ${t_long} NOT NULL,
    modified_at ${t_long} NOT NULL,
    folder      ${t_text} NOT NULL,
    photoset_id ${t_uuid} REFERENCES photosets (id) ON DELETE SET NULL,
    status      ${t_text} NOT NULL,
    recorded_at ${t_long} NOT NULL
);
CREATE INDEX ix_migration_archives_file ON migration_archives (file_name, bytes, modified_at);
CREATE INDEX ix_migration_archives_folder ON migration_archives (folder);
--rollback DROP TABLE migration_archives;

--changeset gallery:003-migration-rejected-files
-- Files in photoset folders that the import step did not register (not an image Gallery takes, or the same bytes
-- as another image of the photoset), with the reason; verify reports them instead of calling them unknown.
CREATE TABLE migration_rejected_files (
    rel_path    ${t_text} PRIMARY KEY,
    folder      ${t_text} NOT NULL,
    reason      ${t_text} NOT NULL,
    recorded_at ${t_long} NOT NULL
);
CREATE INDEX ix_migration_rejected_folder ON migration_rejected_files (folder);
--rollback DROP TABLE migration_rejected_files;

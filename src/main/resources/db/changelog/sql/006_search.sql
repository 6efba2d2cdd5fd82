--liquibase formatted sql

-- Search: perceptual hashes for near-duplicates, and a full-text document per image kept in step by triggers.
-- Triggers rather than updates in the services: images, captions, tags and photoset names are written by the API,
-- the migration importer and the command-line tools alike, and a trigger runs in the writing transaction whichever
-- of them writes, so a search can never see a caption or a tag that the database does not hold.

--changeset gallery:006-image-hashes
-- Written when thumbnails are made, which for an upload is before the image's row exists (the decode is what admits
-- the file): hence no foreign key. Rows of deleted images are removed on their deletion and never joined meanwhile.
CREATE TABLE image_hashes (
    image_id ${t_uuid} PRIMARY KEY,
    phash    ${t_long} NOT NULL,
    dhash    ${t_long} NOT NULL,
    made_at  ${t_long} NOT NULL
);
--rollback DROP TABLE image_hashes;

--changeset gallery:006-search-documents-sqlite dbms:sqlite
-- FTS5 over a plain table (external content): the plain table is what the triggers below keep current, the index
-- follows it through the three triggers on it; porter stems English words as PostgreSQL's english configuration does.
CREATE TABLE search_documents (
    doc_id    INTEGER PRIMARY KEY,
    image_id  TEXT NOT NULL UNIQUE REFERENCES images (id) ON DELETE CASCADE,
    caption   TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL DEFAULT '',
    photoset  TEXT NOT NULL DEFAULT '',
    tags      TEXT NOT NULL DEFAULT ''
);
CREATE VIRTUAL TABLE search_fts USING fts5(caption, file_name, photoset, tags, content='search_documents',
    content_rowid='doc_id', tokenize='porter unicode61 remove_diacritics 2');
--rollback DROP TABLE search_fts;
--rollback DROP TABLE search_documents;

--changeset gallery:006-trigger-search-documents-ai dbms:sqlite splitStatements:false
CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
    INSERT INTO search_fts (rowid, caption, file_name, photoset, tags) VALUES (new.doc_id, new.caption, new.file_name, new.photoset, new.tags);
END
--rollback DROP TRIGGER search_documents_ai;

--changeset gallery:006-trigger-search-documents-ad dbms:sqlite splitStatements:false
CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN
    INSERT INTO search_fts (search_fts, rowid, caption, file_name, photoset, tags)
        VALUES ('delete', old.doc_id, old.caption, old.file_name, old.photoset, old.tags);
END
--rollback DROP TRIGGER search_documents_ad;

--changeset gallery:006-trigger-search-documents-au dbms:sqlite splitStatements:false
CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN
    INSERT INTO search_fts (search_fts, rowid, caption, file_name, photoset, tags)
        VALUES ('delete', old.doc_id, old.caption, old.file_name, old.photoset, old.tags);
    INSERT INTO search_fts (rowid, caption, file_name, photoset, tags) VALUES (new.doc_id, new.caption, new.file_name, new.photoset, new.tags);
END
--rollback DROP TRIGGER search_documents_au;

--changeset gallery:006-trigger-search-images-ai dbms:sqlite splitStatements:false
CREATE TRIGGER search_images_ai AFTER INSERT ON images BEGIN
    INSERT INTO search_documents (image_id, file_name, photoset)
        VALUES (new.id, new.file_name || ' ' || new.original_filename, coalesce((SELECT p.name FROM photosets p WHERE p.id = new.photoset_id), ''));
END
--rollback DROP TRIGGER search_images_ai;

--changeset gallery:006-trigger-search-images-au dbms:sqlite splitStatements:false
CREATE TRIGGER search_images_au AFTER UPDATE OF file_name, original_filename, photoset_id ON images BEGIN
    UPDATE search_documents SET file_name = new.file_name || ' ' || new.original_filename, photoset = coalesce((SELECT p.name FROM photosets p WHERE p.id = new.photoset_id), '')
        WHERE image_id = new.id;
END
--rollback DROP TRIGGER search_images_au;

--changeset gallery:006-trigger-search-captions-ai dbms:sqlite splitStatements:false
CREATE TRIGGER search_captions_ai AFTER INSERT ON captions BEGIN
    UPDATE search_documents SET caption = coalesce((SELECT c.text FROM captions c WHERE c.image_id = new.image_id AND c.is_current = 1), '') WHERE image_id = new.image_id;
END
--rollback DROP TRIGGER search_captions_ai;

--changeset gallery:006-trigger-search-captions-au dbms:sqlite splitStatements:false
CREATE TRIGGER search_captions_au AFTER UPDATE ON captions BEGIN
    UPDATE search_documents SET caption = coalesce((SELECT c.text FROM captions c WHERE c.image_id = new.image_id AND c.is_current = 1), '') WHERE image_id = new.image_id;
END
--rollback DROP TRIGGER search_captions_au;

--changeset gallery:006-trigger-search-captions-ad dbms:sqlite splitStatements:false
CREATE TRIGGER search_captions_ad AFTER DELETE ON captions BEGIN
    UPDATE search_documents SET caption = coalesce((SELECT c.text FROM captions c WHERE c.image_id = old.image_id AND c.is_current = 1), '') WHERE image_id = old.image_id;
END
--rollback DROP TRIGGER search_captions_ad;

--changeset gallery:006-trigger-search-image-tags-ai dbms:sqlite splitStatements:false
CREATE TRIGGER search_image_tags_ai AFTER INSERT ON image_tags BEGIN
    UPDATE search_documents SET tags = coalesce((SELECT group_concat(t.name, ' ') FROM image_tags it JOIN tags t ON t.id = it.tag_id WHERE it.image_id = new.image_id), '') WHERE image_id = new.image_id;
END
--rollback DROP TRIGGER search_image_tags_ai;

--changeset gallery:006-trigger-search-image-tags-ad dbms:sqlite splitStatements:false
CREATE TRIGGER search_image_tags_ad AFTER DELETE ON image_tags BEGIN
    UPDATE search_documents SET tags = coalesce((SELECT group_concat(t.name, ' ') FROM image_tags it JOIN tags t ON t.id = it.tag_id WHERE it.image_id = old.image_id), '') WHERE image_id = old.image_id;
END
--rollback DROP TRIGGER search_image_tags_ad;

--changeset gallery:006-trigger-search-tags-au dbms:sqlite splitStatements:false
CREATE TRIGGER search_tags_au AFTER UPDATE OF name ON tags BEGIN
    UPDATE search_documents SET tags = coalesce((SELECT group_concat(t.name, ' ') FROM image_tags it JOIN tags t ON t.id = it.tag_id WHERE it.image_id = search_documents.image_id), '')
        WHERE image_id IN (SELECT image_id FROM image_tags WHERE tag_id = new.id);
END
--rollback DROP TRIGGER search_tags_au;

--changeset gallery:006-trigger-search-photosets-au dbms:sqlite splitStatements:false
CREATE TRIGGER search_photosets_au AFTER UPDATE OF name ON photosets BEGIN
    UPDATE search_documents SET photoset = new.name WHERE image_id IN (SELECT id FROM images WHERE photoset_id = new.id);
END
--rollback DROP TRIGGER search_photosets_au;

--changeset gallery:006-search-documents-fill-sqlite dbms:sqlite
INSERT INTO search_documents (image_id, caption, file_name, photoset, tags)
    SELECT i.id, coalesce((SELECT c.text FROM captions c WHERE c.image_id = i.id AND c.is_current = 1), ''), i.file_name || ' ' || i.original_filename,
        coalesce((SELECT p.name FROM photosets p WHERE p.id = i.photoset_id), ''), coalesce((SELECT group_concat(t.name, ' ') FROM image_tags it JOIN tags t ON t.id = it.tag_id WHERE it.image_id = i.id), '')
    FROM images i;
--rollback DELETE FROM search_documents;

--changeset gallery:006-search-documents-postgresql dbms:postgresql
-- The tsvector is a generated column: weights A (caption), B (tags), C (photoset name, file names); file names are
-- split at punctuation first, since the parser would read 'sunset_beach.jpg' as one file-name token.
CREATE TABLE search_documents (
    image_id  uuid PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
    caption   text NOT NULL DEFAULT '',
    file_name text NOT NULL DEFAULT '',
    photoset  text NOT NULL DEFAULT '',
    tags      text NOT NULL DEFAULT '',
    document  tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, caption), 'A')
        || setweight(to_tsvector('english'::regconfig, tags), 'B')
        || setweight(to_tsvector('english'::regconfig, photoset), 'C')
        || setweight(to_tsvector('english'::regconfig, regexp_replace(file_name, '[^[:alnum:]]+', ' ', 'g')), 'C')
    ) STORED
);
CREATE INDEX ix_search_documents_document ON search_documents USING GIN (document);
--rollback DROP TABLE search_documents;

--changeset gallery:006-function-search-images-changed dbms:postgresql splitStatements:false
CREATE FUNCTION search_images_changed() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    INSERT INTO search_documents (image_id, file_name, photoset)
        VALUES (NEW.id, NEW.file_name || ' ' || NEW.original_filename, coalesce((SELECT p.name FROM photosets p WHERE p.id = NEW.photoset_id), ''))
        ON CONFLICT (image_id) DO UPDATE SET file_name = EXCLUDED.file_name, photoset = EXCLUDED.photoset;
    RETURN NULL;
END
$body$;
--rollback DROP FUNCTION search_images_changed();

--changeset gallery:006-trigger-search-images-changed dbms:postgresql
CREATE TRIGGER search_images_changed AFTER INSERT OR UPDATE OF file_name, original_filename, photoset_id ON images
    FOR EACH ROW EXECUTE FUNCTION search_images_changed();
--rollback DROP TRIGGER search_images_changed ON images;

--changeset gallery:006-function-search-captions-changed dbms:postgresql splitStatements:false
CREATE FUNCTION search_captions_changed() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    UPDATE search_documents SET caption = coalesce((SELECT c.text FROM captions c WHERE c.image_id = x.image_id AND c.is_current = 1), '')
        FROM (SELECT CASE WHEN TG_OP = 'DELETE' THEN OLD.image_id ELSE NEW.image_id END AS image_id) x
        WHERE search_documents.image_id = x.image_id;
    RETURN NULL;
END
$body$;
--rollback DROP FUNCTION search_captions_changed();

--changeset gallery:006-trigger-search-captions-changed dbms:postgresql
CREATE TRIGGER search_captions_changed AFTER INSERT OR UPDATE OR DELETE ON captions
    FOR EACH ROW EXECUTE FUNCTION search_captions_changed();
--rollback DROP TRIGGER search_captions_changed ON captions;

--changeset gallery:006-function-search-image-tags-changed dbms:postgresql splitStatements:false
CREATE FUNCTION search_image_tags_changed() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    UPDATE search_documents SET tags = coalesce((SELECT string_agg(t.name, ' ') FROM image_tags it JOIN tags t ON t.id = it.tag_id WHERE it.image_id = x.image_id), '')
        FROM (SELECT CASE WHEN TG_OP = 'DELETE' THEN OLD.image_id ELSE NEW.image_id END AS image_id) x
        WHERE search_documents.image_id = x.image_id;
    RETURN NULL;
END
$body$;
--rollback DROP FUNCTION search_image_tags_changed();

--changeset gallery:006-trigger-search-image-tags-changed dbms:postgresql
CREATE TRIGGER search_image_tags_changed AFTER INSERT OR DELETE ON image_tags
    FOR EACH ROW EXECUTE FUNCTION search_image_tags_changed();
--rollback DROP TRIGGER search_image_tags_changed ON image_tags;

--changeset gallery:006-function-search-tags-renamed dbms:postgresql splitStatements:false
CREATE FUNCTION search_tags_renamed() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    UPDATE search_documents SET tags = coalesce((SELECT string_agg(t.name, ' ') FROM image_tags it JOIN tags t ON t.id = it.tag_id WHERE it.image_id = search_documents.image_id), '')
        WHERE image_id IN (SELECT image_id FROM image_tags WHERE tag_id = NEW.id);
    RETURN NULL;
END
$body$;
--rollback DROP FUNCTION search_tags_renamed();

--changeset gallery:006-trigger-search-tags-renamed dbms:postgresql
CREATE TRIGGER search_tags_renamed AFTER UPDATE OF name ON tags
    FOR EACH ROW EXECUTE FUNCTION search_tags_renamed();
--rollback DROP TRIGGER search_tags_renamed ON tags;

--changeset gallery:006-function-search-photosets-renamed dbms:postgresql splitStatements:false
CREATE FUNCTION search_photosets_renamed() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    UPDATE search_documents SET photoset = NEW.name
        WHERE image_id IN (SELECT id FROM images WHERE photoset_id = NEW.id);
    RETURN NULL;
END
$body$;
--rollback DROP FUNCTION search_photosets_renamed();

--changeset gallery:006-trigger-search-photosets-renamed dbms:postgresql
CREATE TRIGGER search_photosets_renamed AFTER UPDATE OF name ON photosets
    FOR EACH ROW EXECUTE FUNCTION search_photosets_renamed();
--rollback DROP TRIGGER search_photosets_renamed ON photosets;

--changeset gallery:006-search-documents-fill-postgresql dbms:postgresql
INSERT INTO search_documents (image_id, caption, file_name, photoset, tags)
    SELECT i.id, coalesce((SELECT c.text FROM captions c WHERE c.image_id = i.id AND c.is_current = 1), ''), i.file_name || ' ' || i.original_filename,
        coalesce((SELECT p.name FROM photosets p WHERE p.id = i.photoset_id), ''), coalesce((SELECT string_agg(t.name, ' ') FROM image_tags it JOIN tags t ON t.id = it.tag_id WHERE it.image_id = i.id), '')
    FROM images i;
--rollback DELETE FROM search_documents;

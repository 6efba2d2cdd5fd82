--liquibase formatted sql

-- Image embeddings: one vector per image and model. The database is the source of truth; a vector index (Lucene
-- on disk, or another store) is rebuilt from it. Vectors of another model than the configured one are stale: the
-- embeddings job replaces them.

--changeset gallery:007-embeddings-sqlite dbms:sqlite
CREATE TABLE embeddings (
    image_id  TEXT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    model     TEXT NOT NULL,
    dimension INTEGER NOT NULL,
    vector    BLOB NOT NULL,
    made_at   INTEGER NOT NULL,
    PRIMARY KEY (image_id, model)
);
CREATE INDEX embeddings_model_made ON embeddings (model, made_at);
--rollback DROP TABLE embeddings;

--changeset gallery:007-embeddings-postgresql dbms:postgresql
-- float32 little-endian in bytea: the same bytes on both databases; a store that indexes vectors inside
-- PostgreSQL keeps its own column.
CREATE TABLE embeddings (
    image_id  uuid NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    model     text NOT NULL,
    dimension integer NOT NULL,
    vector    bytea NOT NULL,
    made_at   bigint NOT NULL,
    PRIMARY KEY (image_id, model)
);
CREATE INDEX embeddings_model_made ON embeddings (model, made_at);
--rollback DROP TABLE embeddings;

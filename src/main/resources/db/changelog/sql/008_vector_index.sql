--liquibase formatted sql

-- VECTOR_STORE=pgvector: the vector index inside PostgreSQL, shared by every instance of the service. The rows are
-- a copy of the embeddings the index catches up from (and what it was handed directly), with no reference to
-- images: an index is told of deletes. The vectors are plain real[] so that this schema needs no extension; the
-- pgvector HNSW indexes are expressions over them, one partial index per model and dimension (an indexed vector
-- needs a fixed dimension), created by the index when it meets a model, once the extension is there. SQLite has
-- no such store.

--changeset gallery:008-vector-items-postgresql dbms:postgresql
CREATE TABLE vector_items (
    model     text NOT NULL,
    image_id  uuid NOT NULL,
    dimension integer NOT NULL,
    v         real[] NOT NULL,
    PRIMARY KEY (model, image_id)
);
CREATE INDEX vector_items_image ON vector_items (image_id);
-- how far each model's rows reach in the embeddings table: the newest made_at they hold
CREATE TABLE vector_models (
    model      text PRIMARY KEY,
    made_up_to bigint NOT NULL
);
--rollback DROP TABLE vector_models;
--rollback DROP TABLE vector_items;

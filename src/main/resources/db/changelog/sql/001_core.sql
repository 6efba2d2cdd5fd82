--liquibase formatted sql

--changeset gallery:001-photosets
CREATE TABLE photosets (
    id                ${t_uuid} PRIMARY KEY,
    name              ${t_text} NOT NULL,
    name_key          ${t_text} NOT NULL,
    folder            ${t_text} NOT NULL,
    year              ${t_int},
    date              ${t_text},
    source_url        ${t_text},
    original_filename ${t_text},
    extra             ${t_text},
    image_count       ${t_int} NOT NULL DEFAULT 0,
    cover_image_id    ${t_uuid},
    created_at        ${t_long} NOT NULL,
    updated_at        ${t_long} NOT NULL
);
CREATE UNIQUE INDEX ux_photosets_name_key ON photosets (name_key);
CREATE UNIQUE INDEX ux_photosets_folder ON photosets (folder);
CREATE INDEX ix_photosets_created ON photosets (created_at, id);
CREATE INDEX ix_photosets_year ON photosets (year, id);
--rollback DROP TABLE photosets;

--changeset gallery:001-images
CREATE TABLE images (
    id                ${t_uuid} PRIMARY KEY,
    photoset_id       ${t_uuid} REFERENCES photosets (id) ON DELETE CASCADE,
    file_name         ${t_text} NOT NULL,
    original_filename ${t_text} NOT NULL,
    rel_path          ${t_text} NOT NULL,
    format            ${t_text} NOT NULL,
    mime_type         ${t_text} NOT NULL,
    bytes             ${t_long} NOT NULL,
    sha256            ${t_text} NOT NULL,
    width             ${t_int} NOT NULL,
    height            ${t_int} NOT NULL,
    orientation       ${t_int} NOT NULL DEFAULT 1,
    taken_at          ${t_long},
    sort_taken        ${t_long} NOT NULL,
    camera            ${t_text},
    created_at        ${t_long} NOT NULL,
    updated_at        ${t_long} NOT NULL
);
CREATE UNIQUE INDEX ux_images_rel_path ON images (rel_path);
CREATE UNIQUE INDEX ux_images_photoset_sha ON images (photoset_id, sha256);
CREATE INDEX ix_images_sha ON images (sha256);
CREATE INDEX ix_images_created ON images (created_at, id);
CREATE INDEX ix_images_taken ON images (sort_taken, id);
CREATE INDEX ix_images_file_name ON images (file_name, id);
CREATE INDEX ix_images_photoset_created ON images (photoset_id, created_at, id);
CREATE INDEX ix_images_photoset_taken ON images (photoset_id, sort_taken, id);
CREATE INDEX ix_images_photoset_file_name ON images (photoset_id, file_name, id);
--rollback DROP TABLE images;

--changeset gallery:001-tags
CREATE TABLE tags (
    id         ${t_uuid} PRIMARY KEY,
    name       ${t_text} NOT NULL,
    name_key   ${t_text} NOT NULL,
    created_at ${t_long} NOT NULL
);
CREATE UNIQUE INDEX ux_tags_name_key ON tags (name_key);
CREATE TABLE image_tags (
    image_id ${t_uuid} NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    tag_id   ${t_uuid} NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (image_id, tag_id)
);
CREATE INDEX ix_image_tags_tag ON image_tags (tag_id, image_id);
CREATE TABLE photoset_tags (
    photoset_id ${t_uuid} NOT NULL REFERENCES photosets (id) ON DELETE CASCADE,
    tag_id      ${t_uuid} NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (photoset_id, tag_id)
);
CREATE INDEX ix_photoset_tags_tag ON photoset_tags (tag_id, photoset_id);
--rollback DROP TABLE photoset_tags;
--rollback DROP TABLE image_tags;
--rollback DROP TABLE tags;

--changeset gallery:001-actors
CREATE TABLE actors (
    id         ${t_uuid} PRIMARY KEY,
    name       ${t_text} NOT NULL,
    name_key   ${t_text} NOT NULL,
    created_at ${t_long} NOT NULL
);
CREATE UNIQUE INDEX ux_actors_name_key ON actors (name_key);
CREATE TABLE photoset_actors (
    photoset_id ${t_uuid} NOT NULL REFERENCES photosets (id) ON DELETE CASCADE,
    actor_id    ${t_uuid} NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    PRIMARY KEY (photoset_id, actor_id)
);
CREATE INDEX ix_photoset_actors_actor ON photoset_actors (actor_id, photoset_id);
--rollback DROP TABLE photoset_actors;
--rollback DROP TABLE actors;

--liquibase formatted sql

--changeset gallery:002-captions
CREATE TABLE captions (
    id             ${t_uuid} PRIMARY KEY,
    image_id       ${t_uuid} NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    text           ${t_text} NOT NULL,
    source         ${t_text} NOT NULL,
    generator      ${t_text},
    model          ${t_text},
    prompt         ${t_text},
    duration_ms    ${t_long},
    prompt_tokens  ${t_int},
    output_tokens  ${t_int},
    is_current     ${t_int} NOT NULL DEFAULT 1,
    created_at     ${t_long} NOT NULL
);
CREATE INDEX ix_captions_image ON captions (image_id, created_at);
CREATE UNIQUE INDEX ux_captions_current ON captions (image_id) WHERE is_current = 1;
--rollback DROP TABLE captions;

--changeset gallery:002-crops
CREATE TABLE crops (
    image_id     ${t_uuid} PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
    x            ${t_int} NOT NULL,
    y            ${t_int} NOT NULL,
    width        ${t_int} NOT NULL,
    height       ${t_int} NOT NULL,
    aspect_ratio ${t_text},
    updated_at   ${t_long} NOT NULL
);
--rollback DROP TABLE crops;

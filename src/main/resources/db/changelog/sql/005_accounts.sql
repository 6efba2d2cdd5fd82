--liquibase formatted sql

--changeset gallery:005-users
CREATE TABLE users (
    id             ${t_uuid} PRIMARY KEY,
    name           ${t_text} NOT NULL,
    password_hash  ${t_text} NOT NULL,
    role           ${t_text} NOT NULL,
    disabled       ${t_int} NOT NULL DEFAULT 0,
    created_at     ${t_long} NOT NULL,
    last_login_at  ${t_long}
);
CREATE UNIQUE INDEX ux_users_name ON users (lower(name));
--rollback DROP TABLE users;

--changeset gallery:005-sessions
-- only a hash of the cookie value is kept: a copy of the database signs nobody in
CREATE TABLE sessions (
    id            ${t_uuid} PRIMARY KEY,
    token_hash    ${t_text} NOT NULL,
    user_id       ${t_uuid} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    ${t_long} NOT NULL,
    last_seen_at  ${t_long} NOT NULL,
    expires_at    ${t_long} NOT NULL,
    client        ${t_text}
);
CREATE UNIQUE INDEX ux_sessions_token ON sessions (token_hash);
CREATE INDEX ix_sessions_user ON sessions (user_id);
--rollback DROP TABLE sessions;

--changeset gallery:005-api-tokens
CREATE TABLE api_tokens (
    id            ${t_uuid} PRIMARY KEY,
    token_hash    ${t_text} NOT NULL,
    user_id       ${t_uuid} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          ${t_text} NOT NULL,
    scope         ${t_text} NOT NULL,
    prefix        ${t_text} NOT NULL,
    created_at    ${t_long} NOT NULL,
    expires_at    ${t_long},
    last_used_at  ${t_long}
);
CREATE UNIQUE INDEX ux_api_tokens_hash ON api_tokens (token_hash);
CREATE INDEX ix_api_tokens_user ON api_tokens (user_id, created_at);
--rollback DROP TABLE api_tokens;

--changeset gallery:005-audit
CREATE TABLE audit_log (
    id          ${t_uuid} PRIMARY KEY,
    at          ${t_long} NOT NULL,
    actor       ${t_text} NOT NULL,
    user_id     ${t_uuid},
    token_id    ${t_uuid},
    kind        ${t_text} NOT NULL,
    method      ${t_text},
    path        ${t_text},
    target_id   ${t_text},
    status      ${t_int}
);
CREATE INDEX ix_audit_at ON audit_log (at, id);
CREATE INDEX ix_audit_user_at ON audit_log (user_id, at, id);
CREATE INDEX ix_audit_kind_at ON audit_log (kind, at, id);
--rollback DROP TABLE audit_log;

--changeset gallery:005-provenance
ALTER TABLE captions ADD COLUMN author ${t_text};
ALTER TABLE crops ADD COLUMN updated_by ${t_text};
ALTER TABLE images ADD COLUMN uploaded_by ${t_text};
ALTER TABLE jobs ADD COLUMN created_by ${t_text};
--rollback ALTER TABLE jobs DROP COLUMN created_by;
--rollback ALTER TABLE images DROP COLUMN uploaded_by;
--rollback ALTER TABLE crops DROP COLUMN updated_by;
--rollback ALTER TABLE captions DROP COLUMN author;

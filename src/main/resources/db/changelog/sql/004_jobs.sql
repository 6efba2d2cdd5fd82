--liquibase formatted sql

--changeset gallery:004-jobs
CREATE TABLE jobs (
    id            ${t_uuid} PRIMARY KEY,
    type          ${t_text} NOT NULL,
    status        ${t_text} NOT NULL,
    params        ${t_text} NOT NULL,
    total         ${t_int} NOT NULL DEFAULT 0,
    done          ${t_int} NOT NULL DEFAULT 0,
    failed        ${t_int} NOT NULL DEFAULT 0,
    checkpoint    ${t_text},
    result        ${t_text},
    error         ${t_text},
    owner         ${t_text},
    heartbeat_at  ${t_long},
    attempts      ${t_int} NOT NULL DEFAULT 0,
    created_at    ${t_long} NOT NULL,
    started_at    ${t_long},
    finished_at   ${t_long},
    updated_at    ${t_long} NOT NULL
);
CREATE INDEX ix_jobs_created ON jobs (created_at, id);
CREATE INDEX ix_jobs_status_created ON jobs (status, created_at, id);
CREATE INDEX ix_jobs_type_created ON jobs (type, created_at, id);
--rollback DROP TABLE jobs;

--changeset gallery:004-job-items
CREATE TABLE job_items (
    job_id   ${t_uuid} NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq      ${t_int} NOT NULL,
    item_id  ${t_uuid} NOT NULL,
    status   ${t_text} NOT NULL,
    plan     ${t_text},
    result   ${t_text},
    error    ${t_text},
    PRIMARY KEY (job_id, seq)
);
CREATE INDEX ix_job_items_status ON job_items (job_id, status, seq);
--rollback DROP TABLE job_items;

-- +goose Up
-- Instants are BIGINT Unix milliseconds on both engines; 0 means "not set".

CREATE TABLE catalog_records (
    kind        TEXT    NOT NULL,
    code        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    updated_by  BIGINT,
    PRIMARY KEY (kind, code)
);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    email          TEXT    NOT NULL UNIQUE,
    password_hash  TEXT    NOT NULL,
    name           TEXT    NOT NULL DEFAULT '',
    role           TEXT    NOT NULL,
    org_code       TEXT    NOT NULL DEFAULT '',
    lang           TEXT    NOT NULL DEFAULT 'en',
    created_at     BIGINT  NOT NULL,
    disabled_at    BIGINT  NOT NULL DEFAULT 0
);

CREATE TABLE sessions (
    token   TEXT   PRIMARY KEY,
    data    BLOB   NOT NULL,
    expiry  BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expiry);

CREATE TABLE postings (
    id                    INTEGER PRIMARY KEY,
    status                TEXT    NOT NULL,
    version               INTEGER NOT NULL DEFAULT 1,
    org_code              TEXT    NOT NULL DEFAULT '',
    program               TEXT    NOT NULL DEFAULT '',
    level                 TEXT    NOT NULL DEFAULT '',
    type                  TEXT    NOT NULL DEFAULT '',
    work_mode             TEXT    NOT NULL DEFAULT '',
    languages             TEXT    NOT NULL DEFAULT '',
    term_start            TEXT    NOT NULL DEFAULT '',
    term_end              TEXT    NOT NULL DEFAULT '',
    term_months           INTEGER NOT NULL DEFAULT 0,
    hours                 REAL    NOT NULL DEFAULT 0,
    salary_min            BIGINT  NOT NULL DEFAULT 0,
    salary_max            BIGINT  NOT NULL DEFAULT 0,
    salary_period         TEXT    NOT NULL DEFAULT '',
    closes_at             BIGINT  NOT NULL DEFAULT 0,
    time_zone             TEXT    NOT NULL DEFAULT '',
    keep_on_file          BOOLEAN NOT NULL DEFAULT TRUE,
    accommodation_email   TEXT    NOT NULL DEFAULT '',
    contact_email         TEXT    NOT NULL DEFAULT '',
    title_en              TEXT    NOT NULL DEFAULT '',
    title_fr              TEXT    NOT NULL DEFAULT '',
    streams               TEXT    NOT NULL DEFAULT '[]',
    locations             TEXT    NOT NULL DEFAULT '[]',
    content               TEXT    NOT NULL DEFAULT '{}',
    eligibility           TEXT    NOT NULL DEFAULT '[]',
    qualifications        TEXT    NOT NULL DEFAULT '[]',
    applications_received INTEGER NOT NULL DEFAULT 0,
    created_by            BIGINT,
    created_at            BIGINT  NOT NULL,
    updated_at            BIGINT  NOT NULL,
    published_at          BIGINT  NOT NULL DEFAULT 0,
    closed_at             BIGINT  NOT NULL DEFAULT 0,
    archived_at           BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX postings_status_updated ON postings (status, updated_at);
CREATE INDEX postings_org_status ON postings (org_code, status);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        BIGINT  NOT NULL,
    actor_id  BIGINT,
    action    TEXT    NOT NULL,
    subject   TEXT    NOT NULL,
    detail    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_subject ON audit_log (subject, at);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE postings;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE catalog_records;

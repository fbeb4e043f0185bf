-- +goose Up
-- Applicants (issue 4): accounts, the mail outbox, profiles, applications.

ALTER TABLE users ADD COLUMN email_verified_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN notify_status BOOLEAN NOT NULL DEFAULT TRUE;    -- email at each status change
ALTER TABLE users ADD COLUMN notify_reminders BOOLEAN NOT NULL DEFAULT TRUE; -- deadline reminders for drafts
ALTER TABLE users ADD COLUMN deleted_at BIGINT NOT NULL DEFAULT 0;           -- identity removed; row kept for references

-- Single-use links sent by email (verify an address, reset a password). Only
-- a SHA-256 of the token is kept.
CREATE TABLE account_tokens (
    token_hash  TEXT    PRIMARY KEY,
    user_id     BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     TEXT    NOT NULL,
    email       TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL,
    used_at     BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose);

-- Durable outbox: every email is written here in the transaction that causes
-- it, then delivered (with retries) by the mail worker. With no SMTP server
-- configured, messages stay here for staff to read.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    created_at       BIGINT  NOT NULL,
    kind             TEXT    NOT NULL,
    user_id          BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    to_addr          TEXT    NOT NULL,
    lang             TEXT    NOT NULL DEFAULT 'en',
    subject          TEXT    NOT NULL,
    body             TEXT    NOT NULL,
    status           TEXT    NOT NULL DEFAULT 'pending',
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT  NOT NULL DEFAULT 0,
    sent_at          BIGINT  NOT NULL DEFAULT 0,
    last_error       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_user ON outbox (user_id);

-- An applicant's profile, one JSON document (profile.Profile) per user.
CREATE TABLE profiles (
    user_id     BIGINT  PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL DEFAULT 1,
    data        TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL
);

-- Voluntary employment-equity self-declaration, kept apart from the profile:
-- never shown to anyone screening, used only for aggregate reports.
CREATE TABLE equity_declarations (
    user_id     BIGINT  PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    groups      TEXT    NOT NULL DEFAULT '[]',
    updated_at  BIGINT  NOT NULL
);

-- One application per applicant and posting (a draft until submitted).
-- When an account is deleted, its users row is anonymized (see docs/privacy.md)
-- and submitted applications keep only what retention requires.
CREATE TABLE applications (
    id              INTEGER PRIMARY KEY,
    posting_id      BIGINT  NOT NULL REFERENCES postings (id),
    user_id         BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    status          TEXT    NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    answers         TEXT    NOT NULL DEFAULT '{}',
    keep_on_file    BOOLEAN NOT NULL DEFAULT TRUE,
    accommodation   TEXT    NOT NULL DEFAULT '',
    declaration     TEXT    NOT NULL DEFAULT '',
    snapshot        TEXT    NOT NULL DEFAULT '',
    confirmation    TEXT,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    submitted_at    BIGINT  NOT NULL DEFAULT 0,
    withdrawn_at    BIGINT  NOT NULL DEFAULT 0,
    reminded_at     BIGINT  NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX applications_user_posting ON applications (user_id, posting_id);
CREATE UNIQUE INDEX applications_confirmation ON applications (confirmation);
CREATE INDEX applications_posting_status ON applications (posting_id, status);

-- The dated history of an application's status.
CREATE TABLE application_events (
    id              INTEGER PRIMARY KEY,
    application_id  BIGINT  NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    at              BIGINT  NOT NULL,
    from_status     TEXT    NOT NULL,
    to_status       TEXT    NOT NULL,
    actor_id        BIGINT,
    note            TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX application_events_app ON application_events (application_id, at);

-- Files attached to an application (PDF or DOCX, at most 5 MB).
CREATE TABLE documents (
    id              INTEGER PRIMARY KEY,
    application_id  BIGINT  NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL,
    filename        TEXT    NOT NULL,
    content_type    TEXT    NOT NULL,
    size            BIGINT  NOT NULL,
    sha256          TEXT    NOT NULL,
    data            BLOB   NOT NULL,
    created_at      BIGINT  NOT NULL
);
CREATE UNIQUE INDEX documents_application_kind ON documents (application_id, kind);

-- +goose Down
DROP TABLE documents;
DROP TABLE application_events;
DROP TABLE applications;
DROP TABLE equity_declarations;
DROP TABLE profiles;
DROP TABLE outbox;
DROP TABLE account_tokens;
ALTER TABLE users DROP COLUMN deleted_at;
ALTER TABLE users DROP COLUMN notify_reminders;
ALTER TABLE users DROP COLUMN notify_status;
ALTER TABLE users DROP COLUMN email_verified_at;

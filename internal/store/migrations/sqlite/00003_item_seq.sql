-- +goose Up
-- The highest item id (eligibility requirement, qualification group,
-- qualification) a posting has ever given out. Applications refer to items by
-- id, so an id is never given out twice, even after its item is deleted.
-- 0 on existing rows: their ids are taken from the items they hold now.
ALTER TABLE postings ADD COLUMN item_seq BIGINT NOT NULL DEFAULT 0;
-- The documents an application to the posting must attach (JSON array of
-- posting.DocumentKind codes, e.g. ["resume-cover-letter"]).
ALTER TABLE postings ADD COLUMN documents TEXT NOT NULL DEFAULT '[]';

-- +goose Down
ALTER TABLE postings DROP COLUMN documents;
ALTER TABLE postings DROP COLUMN item_seq;

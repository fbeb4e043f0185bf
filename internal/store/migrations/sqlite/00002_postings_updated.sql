-- +goose Up
-- Server processes poll for postings changed since they last looked, to keep
-- their in-memory search index in step with writes made by other processes.
CREATE INDEX postings_updated ON postings (updated_at);

-- +goose Down
DROP INDEX postings_updated;

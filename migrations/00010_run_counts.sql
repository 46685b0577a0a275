-- +goose Up
-- How many rows each run wrote into the unlogged coverage tables, so that a start-up can
-- tell a run whose results a database crash emptied (PostgreSQL truncates unlogged tables
-- on crash recovery) from one that holds them: NULL for runs recorded before this.
ALTER TABLE compute_runs ADD COLUMN coverage_rows bigint, ADD COLUMN summary_rows bigint;

-- +goose Down
ALTER TABLE compute_runs DROP COLUMN coverage_rows, DROP COLUMN summary_rows;

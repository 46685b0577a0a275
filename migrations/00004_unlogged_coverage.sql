-- +goose Up
-- Coverage results are derived data that `lifecircle compute` rewrites whole: keeping them
-- out of the write-ahead log makes each run's writes several times faster. After a crash
-- of the database server PostgreSQL empties unlogged tables; run compute again.
ALTER TABLE coverage_cells SET UNLOGGED;
ALTER TABLE coverage_summary SET UNLOGGED;

-- +goose Down
ALTER TABLE coverage_summary SET LOGGED;
ALTER TABLE coverage_cells SET LOGGED;

-- +goose Up
-- A compute whose cells are those the region holds already (same H3 cells, ids, codes,
-- population, snap, centres and hexagons: the usual recompute after facilities changed)
-- keeps them instead of deleting and writing them again (their logged rows and four
-- indexes were half the write). compute_runs records which run's rows in cells hold the
-- run's cells and their digest, which the next compute compares with its own.
-- cell_set_rows: the rows the run wrote in coverage_cell_sets, so that the next compute
-- deletes them by their run id alone (coverage_rows counts the view's rows, a row per cell
-- and set, whichever table held them).
ALTER TABLE compute_runs ADD COLUMN cells_run_id bigint, ADD COLUMN cells_digest bytea, ADD COLUMN cell_set_rows bigint;
COMMENT ON COLUMN compute_runs.cells_run_id IS 'The run whose rows in cells (cells.run_id) hold this run''s cells: itself, or an earlier run with the same cells, kept (NULL: itself, recorded before this).';
COMMENT ON COLUMN compute_runs.cells_digest IS 'SHA-256 of the cells (every column but region, run_id and geom, which follows from h3: only the first, middle and last cell''s hexagon), to tell whether the next run''s are the same.';
COMMENT ON COLUMN compute_runs.cell_set_rows IS 'Rows the run wrote in coverage_cell_sets (NULL: recorded before this).';
COMMENT ON COLUMN cells.run_id IS 'The compute run that wrote the row (compute_runs.id); later runs with the same cells keep them (their compute_runs.cells_run_id).';

-- +goose Down
COMMENT ON COLUMN cells.run_id IS 'The compute run that wrote the row (compute_runs.id).';
ALTER TABLE compute_runs DROP COLUMN cells_run_id, DROP COLUMN cells_digest, DROP COLUMN cell_set_rows;

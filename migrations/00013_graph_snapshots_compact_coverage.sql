-- +goose Up
-- Built walk graphs (geo/walk's binary snapshot, in parts of a few MB), so a compute reads
-- the built graph instead of the network rows and building it again: one build per
-- network version. walk_network_version changes with every statement that changes
-- walk_nodes or walk_edges, which also drops the snapshots; a snapshot is saved only while
-- the network is still at the version it was read at.
CREATE TABLE walk_network_version (
    one     boolean PRIMARY KEY DEFAULT true CHECK (one),
    version bigint  NOT NULL DEFAULT 1
);
INSERT INTO walk_network_version DEFAULT VALUES;

CREATE TABLE walk_graph_snapshots (
    key     text    NOT NULL, -- hash of the walking model, the halo and the districts the network is clipped to
    version bigint  NOT NULL, -- walk_network_version.version it was built from
    part    integer NOT NULL,
    data    bytea   NOT NULL,
    PRIMARY KEY (key, part)
);
-- Stored as is: the arrays compress little, and decompressing costs more than reading.
ALTER TABLE walk_graph_snapshots ALTER COLUMN data SET STORAGE EXTERNAL;
COMMENT ON TABLE walk_graph_snapshots IS 'Built walk graphs (binary, in parts), one per walking model and district clip; dropped when the network changes.';

-- +goose StatementBegin
CREATE FUNCTION walk_network_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE walk_network_version SET version = version + 1;
    DELETE FROM walk_graph_snapshots;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER walk_nodes_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON walk_nodes
    FOR EACH STATEMENT EXECUTE FUNCTION walk_network_changed();
CREATE TRIGGER walk_edges_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON walk_edges
    FOR EACH STATEMENT EXECUTE FUNCTION walk_network_changed();

-- Compact coverage: one row per cell with every facility set's minutes and nearest
-- facility in arrays (element i is set coverage_sets.ord = i): 28 times fewer rows to write
-- than a row per cell and set. The view coverage_cells keeps that old shape (cell_id,
-- kind, key, minutes, facility_id) for QGIS and every reader. The old table stays as
-- coverage_cell_rows, written only by the benchmark's baseline (main's writer).
ALTER TABLE coverage_cells RENAME TO coverage_cell_rows;
ALTER INDEX coverage_cells_kind_key_idx RENAME TO coverage_cell_rows_kind_key_idx;
COMMENT ON TABLE coverage_cell_rows IS 'Benchmark only: the coverage as main wrote it (a row per cell and set); readers read the view coverage_cells.';
CREATE UNLOGGED TABLE coverage_sets (
    ord  integer PRIMARY KEY, -- the set's element in coverage_cell_sets' arrays, from 1
    kind text COLLATE "C" NOT NULL,
    key  text COLLATE "C" NOT NULL,
    UNIQUE (kind, key)
);
CREATE UNLOGGED TABLE coverage_cell_sets (
    cell_id      integer PRIMARY KEY, -- cells.id
    minutes      real[] NOT NULL,     -- per set: walk minutes to the nearest facility, NULL when not reached or off-network
    facility_ids text[] NOT NULL      -- per set: that facility's id, NULL when none
);
CREATE VIEW coverage_cells AS
SELECT c.cell_id, s.kind, s.key, c.minutes[s.ord] AS minutes, c.facility_ids[s.ord] AS facility_id
FROM coverage_sets s CROSS JOIN coverage_cell_sets c;
COMMENT ON VIEW coverage_cells IS 'Walk minutes from every cell to the nearest facility of each kind/key (a row per cell and set, from coverage_cell_sets).';
CREATE OR REPLACE VIEW coverage_cells_geo AS
SELECT c.h3, v.kind, v.key, v.minutes, v.facility_id, c.population, c.community_code, c.on_network, c.geom
FROM coverage_cells v JOIN cells c ON c.id = v.cell_id;
-- The last run's rows move into the compact tables (a cell without a row for a set gets
-- NULLs there, as "not reached"), so the view shows them without a new compute.
INSERT INTO coverage_sets (ord, kind, key)
SELECT row_number() OVER (ORDER BY kind, key), kind, key FROM (SELECT DISTINCT kind, key FROM coverage_cell_rows) s;
INSERT INTO coverage_cell_sets (cell_id, minutes, facility_ids)
SELECT c.cell_id, array_agg(r.minutes ORDER BY s.ord), array_agg(r.facility_id ORDER BY s.ord)
FROM (SELECT DISTINCT cell_id FROM coverage_cell_rows) c CROSS JOIN coverage_sets s
LEFT JOIN coverage_cell_rows r ON r.cell_id = c.cell_id AND r.kind = s.kind AND r.key = s.key
GROUP BY c.cell_id;
TRUNCATE coverage_cell_rows;

-- +goose Down
INSERT INTO coverage_cell_rows (cell_id, kind, key, minutes, facility_id)
SELECT cell_id, kind, key, minutes, facility_id FROM coverage_cells;
CREATE OR REPLACE VIEW coverage_cells_geo AS
SELECT c.h3, v.kind, v.key, v.minutes, v.facility_id, c.population, c.community_code, c.on_network, c.geom
FROM coverage_cell_rows v JOIN cells c ON c.id = v.cell_id;
DROP VIEW coverage_cells;
DROP TABLE coverage_cell_sets;
DROP TABLE coverage_sets;
ALTER INDEX coverage_cell_rows_kind_key_idx RENAME TO coverage_cells_kind_key_idx;
ALTER TABLE coverage_cell_rows RENAME TO coverage_cells;
DROP TRIGGER walk_edges_changed ON walk_edges;
DROP TRIGGER walk_nodes_changed ON walk_nodes;
DROP FUNCTION walk_network_changed();
DROP TABLE walk_graph_snapshots;
DROP TABLE walk_network_version;

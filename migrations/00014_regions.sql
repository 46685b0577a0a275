-- +goose Up
-- Regions: every row belongs to one region (a county-level division's 6-digit code, or the
-- name of an ad-hoc study area; geo.Region), so that one database holds many districts and
-- importing, recomputing or deleting one region never touches another's rows. The rows
-- stored before this move to the region 'default' (geo.DefaultRegion).
--
-- The schema is ready for a distributed PostgreSQL (docs/citus.md): region is the first
-- column of every primary key and unique constraint, foreign keys include it, and the big
-- tables are declaratively partitioned by it (PARTITION BY HASH (region), 8 partitions,
-- created here once: nothing is created or dropped at import or compute time).
--
-- Every table gets the column with a transitional default so that the rows already
-- stored take 'default'; the defaults are dropped at the end, so that a statement that
-- forgets the region fails loudly instead of writing into 'default'.

-- The regions the database knows; every import and compute records its region here.
-- (No foreign key from the other tables points here: checking one per row would slow the
-- walk network's and the coverage's COPY; DeleteRegion removes a region's rows and its
-- row here in one transaction.)
CREATE TABLE regions (
    region     text        PRIMARY KEY CHECK (length(region) BETWEEN 1 AND 64),
    created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE regions IS 'Known regions (6-digit district code or study-area name): every row of every table belongs to one (column region).';
INSERT INTO regions (region)
SELECT 'default' WHERE EXISTS (SELECT 1 FROM import_batches) OR EXISTS (SELECT 1 FROM compute_runs)
    OR EXISTS (SELECT 1 FROM walk_nodes) OR EXISTS (SELECT 1 FROM districts) OR EXISTS (SELECT 1 FROM communities)
    OR EXISTS (SELECT 1 FROM stations) OR EXISTS (SELECT 1 FROM outlets);

DROP VIEW coverage_by_community, coverage_cells_geo, coverage_cells;
DROP TRIGGER walk_nodes_changed ON walk_nodes;
DROP TRIGGER walk_edges_changed ON walk_edges;
DROP FUNCTION walk_network_changed();

-- Tables of a few rows per region: a column, and region in front of their keys. Dropping
-- the primary keys of import_batches and compute_runs drops the foreign keys that point
-- at them (CASCADE); they come back below with region.
ALTER TABLE import_batches ADD COLUMN region text NOT NULL DEFAULT 'default';
ALTER TABLE districts ADD COLUMN region text NOT NULL DEFAULT 'default';
ALTER TABLE streets ADD COLUMN region text NOT NULL DEFAULT 'default';
ALTER TABLE communities ADD COLUMN region text NOT NULL DEFAULT 'default';
ALTER TABLE stations ADD COLUMN region text NOT NULL DEFAULT 'default';
ALTER TABLE compounds ADD COLUMN region text NOT NULL DEFAULT 'default';
ALTER TABLE grids ADD COLUMN region text NOT NULL DEFAULT 'default';
ALTER TABLE unit_attributes ADD COLUMN region text NOT NULL DEFAULT 'default';
ALTER TABLE compute_runs ADD COLUMN region text NOT NULL DEFAULT 'default';
ALTER TABLE findings ADD COLUMN region text NOT NULL DEFAULT 'default';
ALTER TABLE coverage_sets ADD COLUMN region text NOT NULL DEFAULT 'default';

ALTER TABLE import_batches DROP CONSTRAINT import_batches_pkey CASCADE, ADD PRIMARY KEY (region, id);
ALTER TABLE compute_runs DROP CONSTRAINT compute_runs_pkey CASCADE, ADD PRIMARY KEY (region, id);
ALTER TABLE districts DROP CONSTRAINT districts_pkey, ADD PRIMARY KEY (region, code);
ALTER TABLE streets DROP CONSTRAINT streets_pkey, ADD PRIMARY KEY (region, code);
ALTER TABLE communities DROP CONSTRAINT communities_pkey, ADD PRIMARY KEY (region, code);
ALTER TABLE stations DROP CONSTRAINT stations_pkey, ADD PRIMARY KEY (region, id);
ALTER TABLE compounds DROP CONSTRAINT compounds_pkey, ADD PRIMARY KEY (region, id);
ALTER TABLE grids DROP CONSTRAINT grids_pkey, ADD PRIMARY KEY (region, code);
ALTER TABLE unit_attributes DROP CONSTRAINT unit_attributes_pkey, ADD PRIMARY KEY (region, id);
ALTER TABLE findings DROP CONSTRAINT findings_pkey, ADD PRIMARY KEY (region, run_id, seq);
ALTER TABLE coverage_sets DROP CONSTRAINT coverage_sets_pkey, ADD PRIMARY KEY (region, ord);
ALTER TABLE coverage_sets DROP CONSTRAINT coverage_sets_kind_key_key, ADD CONSTRAINT coverage_sets_kind_key_key UNIQUE (region, kind, key);

DROP INDEX communities_street_idx, stations_level_idx, stations_batch_idx, grids_community_idx, unit_attributes_code_idx;
CREATE INDEX communities_street_idx ON communities (region, street_code);
CREATE INDEX stations_level_idx ON stations (region, level);
CREATE INDEX stations_batch_idx ON stations (region, batch_id);
CREATE INDEX grids_community_idx ON grids (region, community_code);
CREATE INDEX unit_attributes_code_idx ON unit_attributes (region, level, code);

-- The walk network's version, per region: it changes with every statement that changes
-- the region's walk_nodes or walk_edges. A region without a row is at version 1.
CREATE TABLE walk_network_versions (
    region  text   PRIMARY KEY,
    version bigint NOT NULL DEFAULT 1
);
INSERT INTO walk_network_versions (region, version) SELECT 'default', version FROM walk_network_version WHERE version > 1;
DROP TABLE walk_network_version;
ALTER TABLE walk_network_versions RENAME TO walk_network_version;
ALTER INDEX walk_network_versions_pkey RENAME TO walk_network_version_pkey;
COMMENT ON TABLE walk_network_version IS 'Per region: the version of its walk network (no row: 1), bumped by every statement that changes its walk_nodes or walk_edges.';

-- The big tables, partitioned by region: each is renamed, made anew with region first
-- (the other columns, defaults, checks and storage as they were), split into 8 hash
-- partitions (unlogged where the table was: PostgreSQL 15 keeps the partitioned table
-- itself logged), filled with the old rows as region 'default', and the old one dropped;
-- then keys and indexes (partitioned indexes: one per partition) are made as before,
-- with region in front of every B-tree.
-- +goose StatementBegin
CREATE FUNCTION pg_temp.partition_by_region(t text, unlogged boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %I RENAME TO %I', t, t || '_unpartitioned');
    EXECUTE format('CREATE TABLE %I (region text NOT NULL, LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS) PARTITION BY HASH (region)',
        t, t || '_unpartitioned');
    FOR i IN 0..7 LOOP
        EXECUTE format('CREATE %s TABLE %I PARTITION OF %I FOR VALUES WITH (MODULUS 8, REMAINDER %s)',
            CASE WHEN unlogged THEN 'UNLOGGED' ELSE '' END, t || '_p' || i, t, i);
    END LOOP;
    EXECUTE format('INSERT INTO %I SELECT ''default'', * FROM %I', t, t || '_unpartitioned');
    EXECUTE format('DROP TABLE %I', t || '_unpartitioned');
END $$;
-- +goose StatementEnd
SELECT pg_temp.partition_by_region('walk_nodes', false);
SELECT pg_temp.partition_by_region('walk_edges', false);
SELECT pg_temp.partition_by_region('walk_graph_snapshots', false);
SELECT pg_temp.partition_by_region('outlets', false);
SELECT pg_temp.partition_by_region('residential_areas', false);
SELECT pg_temp.partition_by_region('buildings', false);
SELECT pg_temp.partition_by_region('population_grid', false);
SELECT pg_temp.partition_by_region('cells', false);
SELECT pg_temp.partition_by_region('coverage_cell_sets', true);
SELECT pg_temp.partition_by_region('coverage_cell_rows', true);
SELECT pg_temp.partition_by_region('coverage_summary', true);
DROP FUNCTION pg_temp.partition_by_region(text, boolean);

ALTER TABLE walk_nodes ADD PRIMARY KEY (region, id);
CREATE INDEX walk_nodes_geom_gix ON walk_nodes USING gist (geom);
ALTER TABLE walk_edges ADD PRIMARY KEY (region, id);
CREATE INDEX walk_edges_geom_gix ON walk_edges USING gist (geom);
CREATE INDEX walk_edges_source_idx ON walk_edges (region, source);
CREATE INDEX walk_edges_target_idx ON walk_edges (region, target);
CREATE INDEX walk_edges_major_gix ON walk_edges USING gist (geom)
WHERE highway IN ('primary', 'primary_link', 'secondary', 'secondary_link', 'tertiary',
                  'tertiary_link', 'trunk', 'trunk_link', 'motorway', 'motorway_link');
COMMENT ON TABLE walk_edges IS 'Walkable ways split at junctions, per region; id, source, target, cost, reverse_cost (seconds) as pgRouting expects (filter on region).';
ALTER TABLE walk_graph_snapshots ADD PRIMARY KEY (region, key, part);
COMMENT ON TABLE walk_graph_snapshots IS 'Built walk graphs (binary, in parts), per region, one per walking model and district clip; a region''s are dropped when its network changes.';
ALTER TABLE outlets ADD PRIMARY KEY (region, id);
CREATE INDEX outlets_geom_gix ON outlets USING gist (geom);
CREATE INDEX outlets_category_idx ON outlets (region, category);
CREATE INDEX outlets_batch_idx ON outlets (region, batch_id);
CREATE TRIGGER outlets_status_default BEFORE INSERT OR UPDATE ON outlets
    FOR EACH ROW EXECUTE FUNCTION status_by_source();
COMMENT ON TABLE outlets IS 'Convenience outlets by category (supermarket, clinic, kindergarten …).';
ALTER TABLE residential_areas ADD PRIMARY KEY (region, id);
CREATE INDEX residential_areas_geom_gix ON residential_areas USING gist (geom);
ALTER TABLE buildings ADD PRIMARY KEY (region, id);
CREATE INDEX buildings_geom_gix ON buildings USING gist (geom);
COMMENT ON TABLE buildings IS 'OSM building footprints that can house residents, with building:levels (NULL when untagged).';
ALTER TABLE population_grid ADD PRIMARY KEY (region, h3);
-- The compute run that wrote them (compute_runs.id) is in the keys of cells,
-- coverage_cell_sets and coverage_summary: a compute deletes its region's rows and writes
-- the new run's in one transaction, and rows whose keys the deleted ones do not share go in
-- without the unique index checking every dead duplicate (the metro's write took twice as
-- long). A region holds one run's rows at a time.
ALTER TABLE cells ADD COLUMN run_id bigint NOT NULL DEFAULT 0;
ALTER TABLE coverage_cell_sets ADD COLUMN run_id bigint NOT NULL DEFAULT 0;
ALTER TABLE coverage_summary ADD COLUMN run_id bigint NOT NULL DEFAULT 0;
UPDATE cells SET run_id = coalesce((SELECT max(id) FROM compute_runs r WHERE r.region = cells.region), 0);
UPDATE coverage_cell_sets SET run_id = coalesce((SELECT max(id) FROM compute_runs r WHERE r.region = coverage_cell_sets.region), 0);
UPDATE coverage_summary SET run_id = coalesce((SELECT max(id) FROM compute_runs r WHERE r.region = coverage_summary.region), 0);
ALTER TABLE cells ALTER COLUMN run_id DROP DEFAULT;
ALTER TABLE coverage_cell_sets ALTER COLUMN run_id DROP DEFAULT;
ALTER TABLE coverage_summary ALTER COLUMN run_id DROP DEFAULT;
COMMENT ON COLUMN cells.run_id IS 'The compute run that wrote the row (compute_runs.id).';
ALTER TABLE cells ADD PRIMARY KEY (region, run_id, id), ADD CONSTRAINT cells_h3_key UNIQUE (region, run_id, h3);
-- BRIN, not GiST: no query of the project's reads cells by place (the engine holds them),
-- QGIS's bounding-box filter works with either, and a GiST index kept up row by row made
-- every compute's write of the cells several times slower.
CREATE INDEX cells_geom_gix ON cells USING brin (geom);
CREATE INDEX cells_community_idx ON cells (region, community_code);
COMMENT ON TABLE cells IS 'The H3 cells of each region''s last compute run (id: the run''s cell number).';
ALTER TABLE coverage_cell_sets ADD PRIMARY KEY (region, run_id, cell_id);
COMMENT ON TABLE coverage_cell_sets IS 'Per region and cell: every facility set''s walk minutes and nearest facility, in arrays ordered as coverage_sets.ord (read them through the view coverage_cells).';
CREATE INDEX coverage_cell_rows_kind_key_idx ON coverage_cell_rows USING brin (region, kind, key);
COMMENT ON TABLE coverage_cell_rows IS 'Benchmark only: the coverage as main wrote it (a row per cell and set); readers read the view coverage_cells.';
ALTER TABLE coverage_summary ADD PRIMARY KEY (region, run_id, scope, code, kind, key, threshold_min);
COMMENT ON TABLE coverage_summary IS 'Per region: coverage aggregates by scope (district, street, community), facility kind/key and threshold.';
COMMENT ON TABLE coverage_sets IS 'Per region: the facility sets (kind, key) of the last compute, ord = their element in coverage_cell_sets'' arrays.';

-- Foreign keys, with region: a row's batch is of its own region, and deleting a batch
-- empties batch_id only (PostgreSQL 15's column list), never the row's region.
ALTER TABLE districts ADD CONSTRAINT districts_batch_id_fkey FOREIGN KEY (region, batch_id) REFERENCES import_batches (region, id) ON DELETE SET NULL (batch_id);
ALTER TABLE streets ADD CONSTRAINT streets_batch_id_fkey FOREIGN KEY (region, batch_id) REFERENCES import_batches (region, id) ON DELETE SET NULL (batch_id);
ALTER TABLE communities ADD CONSTRAINT communities_batch_id_fkey FOREIGN KEY (region, batch_id) REFERENCES import_batches (region, id) ON DELETE SET NULL (batch_id);
ALTER TABLE stations ADD CONSTRAINT stations_batch_id_fkey FOREIGN KEY (region, batch_id) REFERENCES import_batches (region, id) ON DELETE SET NULL (batch_id);
ALTER TABLE compounds ADD CONSTRAINT compounds_batch_id_fkey FOREIGN KEY (region, batch_id) REFERENCES import_batches (region, id) ON DELETE SET NULL (batch_id);
ALTER TABLE grids ADD CONSTRAINT grids_batch_id_fkey FOREIGN KEY (region, batch_id) REFERENCES import_batches (region, id) ON DELETE SET NULL (batch_id);
ALTER TABLE unit_attributes ADD CONSTRAINT unit_attributes_batch_id_fkey FOREIGN KEY (region, batch_id) REFERENCES import_batches (region, id) ON DELETE SET NULL (batch_id);
ALTER TABLE outlets ADD CONSTRAINT outlets_batch_id_fkey FOREIGN KEY (region, batch_id) REFERENCES import_batches (region, id) ON DELETE SET NULL (batch_id);
ALTER TABLE residential_areas ADD CONSTRAINT residential_areas_batch_id_fkey FOREIGN KEY (region, batch_id) REFERENCES import_batches (region, id) ON DELETE SET NULL (batch_id);
ALTER TABLE buildings ADD CONSTRAINT buildings_batch_id_fkey FOREIGN KEY (region, batch_id) REFERENCES import_batches (region, id) ON DELETE SET NULL (batch_id);
ALTER TABLE population_grid ADD CONSTRAINT population_grid_batch_id_fkey FOREIGN KEY (region, batch_id) REFERENCES import_batches (region, id) ON DELETE SET NULL (batch_id);
ALTER TABLE findings ADD CONSTRAINT findings_run_id_fkey FOREIGN KEY (region, run_id) REFERENCES compute_runs (region, id) ON DELETE CASCADE;

-- Versions come from one sequence, so that a number is never given twice, even to a
-- region deleted (its version row with it) and imported again: a compute that read the old
-- network cannot save its graph as the new one's.
CREATE SEQUENCE walk_network_version_seq START 2;
SELECT setval('walk_network_version_seq', greatest(2, (SELECT max(version) + 1 FROM walk_network_version)), false);
-- The network changed: bump the version of the regions whose rows the statement changed
-- (transition tables say which) and drop those regions' graph snapshots; TRUNCATE bumps
-- and drops every region's. Transition tables need a trigger per event.
-- +goose StatementBegin
CREATE FUNCTION walk_network_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed text[];
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE walk_network_version SET version = nextval('walk_network_version_seq');
        DELETE FROM walk_graph_snapshots;
        RETURN NULL;
    ELSIF TG_OP = 'INSERT' THEN
        changed := ARRAY(SELECT DISTINCT region FROM new_rows);
    ELSIF TG_OP = 'DELETE' THEN
        changed := ARRAY(SELECT DISTINCT region FROM old_rows);
    ELSE
        changed := ARRAY(SELECT region FROM new_rows UNION SELECT region FROM old_rows);
    END IF;
    IF cardinality(changed) = 0 THEN
        RETURN NULL;
    END IF;
    INSERT INTO walk_network_version AS v (region, version)
    SELECT r, nextval('walk_network_version_seq') FROM unnest(changed) AS r ORDER BY r
    ON CONFLICT (region) DO UPDATE SET version = EXCLUDED.version;
    DELETE FROM walk_graph_snapshots WHERE region = ANY (changed);
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER walk_nodes_inserted AFTER INSERT ON walk_nodes REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION walk_network_changed();
CREATE TRIGGER walk_nodes_updated AFTER UPDATE ON walk_nodes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION walk_network_changed();
CREATE TRIGGER walk_nodes_deleted AFTER DELETE ON walk_nodes REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION walk_network_changed();
CREATE TRIGGER walk_nodes_truncated AFTER TRUNCATE ON walk_nodes
    FOR EACH STATEMENT EXECUTE FUNCTION walk_network_changed();
CREATE TRIGGER walk_edges_inserted AFTER INSERT ON walk_edges REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION walk_network_changed();
CREATE TRIGGER walk_edges_updated AFTER UPDATE ON walk_edges REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION walk_network_changed();
CREATE TRIGGER walk_edges_deleted AFTER DELETE ON walk_edges REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION walk_network_changed();
CREATE TRIGGER walk_edges_truncated AFTER TRUNCATE ON walk_edges
    FOR EACH STATEMENT EXECUTE FUNCTION walk_network_changed();

-- QGIS views, with region (filter on it: a layer per region), joined on it.
CREATE VIEW coverage_cells AS
SELECT c.region, c.cell_id, s.kind, s.key, c.minutes[s.ord] AS minutes, c.facility_ids[s.ord] AS facility_id
FROM coverage_sets s JOIN coverage_cell_sets c ON c.region = s.region;
COMMENT ON VIEW coverage_cells IS 'Walk minutes from every cell to the nearest facility of each kind/key, per region (a row per cell and set, from coverage_cell_sets).';
CREATE VIEW coverage_cells_geo AS
SELECT v.region, c.h3, v.kind, v.key, v.minutes, v.facility_id, c.population, c.community_code, c.on_network, c.geom
FROM coverage_cells v JOIN cells c ON c.region = v.region AND c.id = v.cell_id;
COMMENT ON VIEW coverage_cells_geo IS 'QGIS: cells with their walk minutes, one layer per region and kind/key by filter.';
CREATE VIEW coverage_by_community AS
SELECT s.region, s.code, s.name, s.kind, s.key, s.threshold_min, s.population, s.population_within,
       s.population_share, s.area_share, s.mean_min, s.median_min, s.p90_min, s.population_beyond,
       m.boundary AS geom
FROM coverage_summary s JOIN communities m ON m.region = s.region AND m.code = s.code
WHERE s.scope = 'community';
COMMENT ON VIEW coverage_by_community IS 'QGIS: communities shaded by coverage, per region.';

COMMENT ON COLUMN import_batches.region IS 'The region the batch imported into.';
COMMENT ON COLUMN compute_runs.region IS 'The region the run computed.';

-- Every statement names its region from here on (postgis scopes each to DB.Region()).
ALTER TABLE import_batches ALTER COLUMN region DROP DEFAULT;
ALTER TABLE districts ALTER COLUMN region DROP DEFAULT;
ALTER TABLE streets ALTER COLUMN region DROP DEFAULT;
ALTER TABLE communities ALTER COLUMN region DROP DEFAULT;
ALTER TABLE stations ALTER COLUMN region DROP DEFAULT;
ALTER TABLE compounds ALTER COLUMN region DROP DEFAULT;
ALTER TABLE grids ALTER COLUMN region DROP DEFAULT;
ALTER TABLE unit_attributes ALTER COLUMN region DROP DEFAULT;
ALTER TABLE compute_runs ALTER COLUMN region DROP DEFAULT;
ALTER TABLE findings ALTER COLUMN region DROP DEFAULT;
ALTER TABLE coverage_sets ALTER COLUMN region DROP DEFAULT;

-- +goose Down
-- Back to one district per database: the rows of region 'default' stay, every other
-- region's rows are deleted (there is nowhere to keep them).
DROP VIEW coverage_by_community, coverage_cells_geo, coverage_cells;
DROP TRIGGER walk_nodes_inserted ON walk_nodes;
DROP TRIGGER walk_nodes_updated ON walk_nodes;
DROP TRIGGER walk_nodes_deleted ON walk_nodes;
DROP TRIGGER walk_nodes_truncated ON walk_nodes;
DROP TRIGGER walk_edges_inserted ON walk_edges;
DROP TRIGGER walk_edges_updated ON walk_edges;
DROP TRIGGER walk_edges_deleted ON walk_edges;
DROP TRIGGER walk_edges_truncated ON walk_edges;
DROP FUNCTION walk_network_changed();
DROP SEQUENCE walk_network_version_seq;

-- +goose StatementBegin
CREATE FUNCTION pg_temp.unpartition(t text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    cols text;
BEGIN
    EXECUTE format('ALTER TABLE %I RENAME TO %I', t, t || '_partitioned');
    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS)', t, t || '_partitioned');
    EXECUTE format('ALTER TABLE %I DROP COLUMN region', t);
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO cols FROM pg_attribute
    WHERE attrelid = t::regclass AND attnum > 0 AND NOT attisdropped;
    EXECUTE format('INSERT INTO %I (%s) SELECT %s FROM %I WHERE region = ''default''', t, cols, cols, t || '_partitioned');
    EXECUTE format('DROP TABLE %I', t || '_partitioned');
END $$;
-- +goose StatementEnd
ALTER TABLE cells DROP COLUMN run_id;
ALTER TABLE coverage_cell_sets DROP COLUMN run_id;
ALTER TABLE coverage_summary DROP COLUMN run_id;
SELECT pg_temp.unpartition('walk_nodes');
SELECT pg_temp.unpartition('walk_edges');
SELECT pg_temp.unpartition('walk_graph_snapshots');
SELECT pg_temp.unpartition('outlets');
SELECT pg_temp.unpartition('residential_areas');
SELECT pg_temp.unpartition('buildings');
SELECT pg_temp.unpartition('population_grid');
SELECT pg_temp.unpartition('cells');
SELECT pg_temp.unpartition('coverage_cell_sets');
SELECT pg_temp.unpartition('coverage_cell_rows');
SELECT pg_temp.unpartition('coverage_summary');
DROP FUNCTION pg_temp.unpartition(text);
ALTER TABLE coverage_cell_sets SET UNLOGGED;
ALTER TABLE coverage_cell_rows SET UNLOGGED;
ALTER TABLE coverage_summary SET UNLOGGED;

DELETE FROM findings WHERE region <> 'default';
DELETE FROM compute_runs WHERE region <> 'default';
DELETE FROM coverage_sets WHERE region <> 'default';
DELETE FROM unit_attributes WHERE region <> 'default';
DELETE FROM grids WHERE region <> 'default';
DELETE FROM compounds WHERE region <> 'default';
DELETE FROM stations WHERE region <> 'default';
DELETE FROM communities WHERE region <> 'default';
DELETE FROM streets WHERE region <> 'default';
DELETE FROM districts WHERE region <> 'default';
DELETE FROM import_batches WHERE region <> 'default';

DROP INDEX communities_street_idx, stations_level_idx, stations_batch_idx, grids_community_idx, unit_attributes_code_idx;
ALTER TABLE import_batches DROP CONSTRAINT import_batches_pkey CASCADE;
ALTER TABLE compute_runs DROP CONSTRAINT compute_runs_pkey CASCADE;
ALTER TABLE import_batches DROP COLUMN region, ADD PRIMARY KEY (id);
ALTER TABLE compute_runs DROP COLUMN region, ADD PRIMARY KEY (id);
ALTER TABLE districts DROP COLUMN region, ADD PRIMARY KEY (code);
ALTER TABLE streets DROP COLUMN region, ADD PRIMARY KEY (code);
ALTER TABLE communities DROP COLUMN region, ADD PRIMARY KEY (code);
ALTER TABLE stations DROP COLUMN region, ADD PRIMARY KEY (id);
ALTER TABLE compounds DROP COLUMN region, ADD PRIMARY KEY (id);
ALTER TABLE grids DROP COLUMN region, ADD PRIMARY KEY (code);
ALTER TABLE unit_attributes DROP COLUMN region, ADD PRIMARY KEY (id);
ALTER TABLE findings DROP COLUMN region, ADD PRIMARY KEY (run_id, seq);
ALTER TABLE coverage_sets DROP COLUMN region, ADD PRIMARY KEY (ord), ADD CONSTRAINT coverage_sets_kind_key_key UNIQUE (kind, key);
CREATE INDEX communities_street_idx ON communities (street_code);
CREATE INDEX stations_level_idx ON stations (level);
CREATE INDEX stations_batch_idx ON stations (batch_id);
CREATE INDEX grids_community_idx ON grids (community_code);
CREATE INDEX unit_attributes_code_idx ON unit_attributes (level, code);

ALTER TABLE walk_nodes ADD PRIMARY KEY (id);
CREATE INDEX walk_nodes_geom_gix ON walk_nodes USING gist (geom);
ALTER TABLE walk_edges ADD PRIMARY KEY (id);
CREATE INDEX walk_edges_geom_gix ON walk_edges USING gist (geom);
CREATE INDEX walk_edges_source_idx ON walk_edges (source);
CREATE INDEX walk_edges_target_idx ON walk_edges (target);
CREATE INDEX walk_edges_major_gix ON walk_edges USING gist (geom)
WHERE highway IN ('primary', 'primary_link', 'secondary', 'secondary_link', 'tertiary',
                  'tertiary_link', 'trunk', 'trunk_link', 'motorway', 'motorway_link');
ALTER TABLE walk_graph_snapshots ADD PRIMARY KEY (key, part);
ALTER TABLE outlets ADD PRIMARY KEY (id);
CREATE INDEX outlets_geom_gix ON outlets USING gist (geom);
CREATE INDEX outlets_category_idx ON outlets (category);
CREATE INDEX outlets_batch_idx ON outlets (batch_id);
CREATE TRIGGER outlets_status_default BEFORE INSERT OR UPDATE ON outlets
    FOR EACH ROW EXECUTE FUNCTION status_by_source();
ALTER TABLE residential_areas ADD PRIMARY KEY (id);
CREATE INDEX residential_areas_geom_gix ON residential_areas USING gist (geom);
ALTER TABLE buildings ADD PRIMARY KEY (id);
CREATE INDEX buildings_geom_gix ON buildings USING gist (geom);
ALTER TABLE population_grid ADD PRIMARY KEY (h3);
ALTER TABLE cells ADD PRIMARY KEY (id), ADD CONSTRAINT cells_h3_key UNIQUE (h3);
CREATE INDEX cells_geom_gix ON cells USING gist (geom);
CREATE INDEX cells_community_idx ON cells (community_code);
ALTER TABLE coverage_cell_sets ADD PRIMARY KEY (cell_id);
CREATE INDEX coverage_cell_rows_kind_key_idx ON coverage_cell_rows USING brin (kind, key);
ALTER TABLE coverage_summary ADD PRIMARY KEY (scope, code, kind, key, threshold_min);

ALTER TABLE districts ADD CONSTRAINT districts_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES import_batches (id) ON DELETE SET NULL;
ALTER TABLE streets ADD CONSTRAINT streets_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES import_batches (id) ON DELETE SET NULL;
ALTER TABLE communities ADD CONSTRAINT communities_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES import_batches (id) ON DELETE SET NULL;
ALTER TABLE stations ADD CONSTRAINT stations_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES import_batches (id) ON DELETE SET NULL;
ALTER TABLE compounds ADD CONSTRAINT compounds_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES import_batches (id) ON DELETE SET NULL;
ALTER TABLE grids ADD CONSTRAINT grids_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES import_batches (id) ON DELETE SET NULL;
ALTER TABLE unit_attributes ADD CONSTRAINT unit_attributes_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES import_batches (id) ON DELETE SET NULL;
ALTER TABLE outlets ADD CONSTRAINT outlets_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES import_batches (id) ON DELETE SET NULL;
ALTER TABLE residential_areas ADD CONSTRAINT residential_areas_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES import_batches (id) ON DELETE SET NULL;
ALTER TABLE buildings ADD CONSTRAINT buildings_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES import_batches (id) ON DELETE SET NULL;
ALTER TABLE population_grid ADD CONSTRAINT population_grid_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES import_batches (id) ON DELETE SET NULL;
ALTER TABLE findings ADD CONSTRAINT findings_run_id_fkey FOREIGN KEY (run_id) REFERENCES compute_runs (id) ON DELETE CASCADE;

CREATE TABLE walk_network_version_one (
    one     boolean PRIMARY KEY DEFAULT true CHECK (one),
    version bigint  NOT NULL DEFAULT 1
);
INSERT INTO walk_network_version_one (version)
SELECT coalesce((SELECT version FROM walk_network_version WHERE region = 'default'), 1);
DROP TABLE walk_network_version;
ALTER TABLE walk_network_version_one RENAME TO walk_network_version;
ALTER INDEX walk_network_version_one_pkey RENAME TO walk_network_version_pkey;
ALTER TABLE walk_network_version RENAME CONSTRAINT walk_network_version_one_one_check TO walk_network_version_one_check;
DROP TABLE regions;

COMMENT ON TABLE walk_edges IS 'Walkable ways split at junctions; id, source, target, cost, reverse_cost (seconds) as pgRouting expects.';
COMMENT ON TABLE walk_graph_snapshots IS 'Built walk graphs (binary, in parts), one per walking model and district clip; dropped when the network changes.';
COMMENT ON TABLE outlets IS 'Convenience outlets by category (supermarket, clinic, kindergarten …).';
COMMENT ON TABLE buildings IS 'OSM building footprints that can house residents, with building:levels (NULL when untagged).';
COMMENT ON TABLE coverage_cell_rows IS 'Benchmark only: the coverage as main wrote it (a row per cell and set); readers read the view coverage_cells.';
COMMENT ON TABLE cells IS NULL;
COMMENT ON TABLE coverage_cell_sets IS NULL;
COMMENT ON TABLE coverage_summary IS NULL;
COMMENT ON TABLE coverage_sets IS NULL;

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

CREATE VIEW coverage_cells AS
SELECT c.cell_id, s.kind, s.key, c.minutes[s.ord] AS minutes, c.facility_ids[s.ord] AS facility_id
FROM coverage_sets s CROSS JOIN coverage_cell_sets c;
COMMENT ON VIEW coverage_cells IS 'Walk minutes from every cell to the nearest facility of each kind/key (a row per cell and set, from coverage_cell_sets).';
CREATE VIEW coverage_cells_geo AS
SELECT c.h3, v.kind, v.key, v.minutes, v.facility_id, c.population, c.community_code, c.on_network, c.geom
FROM coverage_cells v JOIN cells c ON c.id = v.cell_id;
CREATE VIEW coverage_by_community AS
SELECT s.code, s.name, s.kind, s.key, s.threshold_min, s.population, s.population_within,
       s.population_share, s.area_share, s.mean_min, s.median_min, s.p90_min, s.population_beyond,
       m.boundary AS geom
FROM coverage_summary s JOIN communities m ON m.code = s.code
WHERE s.scope = 'community';

-- +goose Up
-- Building footprints from OpenStreetMap (building=residential, apartments, house,
-- dormitory, detached, terrace and yes), with building:levels where tagged (NULL where
-- not): without a population grid, a community's residents are spread over their floor
-- area (docs/model.md "Population per cell").
CREATE TABLE buildings (
    id       text PRIMARY KEY,
    kind     text NOT NULL,
    levels   double precision CHECK (levels IS NULL OR levels > 0),
    geom     geometry(MultiPolygon, 4326) NOT NULL,
    source   text NOT NULL DEFAULT 'osm',
    batch_id bigint REFERENCES import_batches (id) ON DELETE SET NULL
);
CREATE INDEX buildings_geom_gix ON buildings USING gist (geom);
COMMENT ON TABLE buildings IS 'OSM building footprints that can house residents, with building:levels (NULL when untagged).';

-- How each community's population was spread over its cells in a run: unit code → grid,
-- buildings, residential, area or none (NULL for runs recorded before this).
ALTER TABLE compute_runs ADD COLUMN population_methods jsonb;

-- +goose Down
ALTER TABLE compute_runs DROP COLUMN population_methods;
DROP TABLE buildings;

-- +goose Up
-- Grids (网格) of grid-based service management: the unit below a community, each with its
-- grid workers (网格员). workers NULL: not given; 0: no worker.
CREATE TABLE grids (
    code           text PRIMARY KEY,
    name           text NOT NULL DEFAULT '',
    community_code text NOT NULL,
    households     integer CHECK (households >= 0),
    population     integer CHECK (population >= 0),
    workers        integer CHECK (workers >= 0),
    geom           geometry(MultiPolygon, 4326) NOT NULL,
    source         text NOT NULL DEFAULT 'file',
    batch_id       bigint REFERENCES import_batches (id) ON DELETE SET NULL
);
CREATE INDEX grids_geom_gix ON grids USING gist (geom);
CREATE INDEX grids_community_idx ON grids (community_code);
COMMENT ON TABLE grids IS 'Grids (网格) below communities, with households, residents and grid workers (网格员).';

-- +goose Down
DROP TABLE grids;

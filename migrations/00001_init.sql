-- +goose Up
-- lifecircle's system of record. Every geometry is WGS84 (SRID 4326) with a GiST index so
-- the tables open as they are in QGIS; natural keys are unique.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE import_batches (
    id            bigserial PRIMARY KEY,
    kind          text        NOT NULL,
    file_name     text        NOT NULL,
    sha256        text        NOT NULL,
    crs           text        NOT NULL DEFAULT 'wgs84',
    mode          text        NOT NULL DEFAULT 'replace',
    rows_read     integer     NOT NULL DEFAULT 0,
    rows_inserted integer     NOT NULL DEFAULT 0,
    rows_updated  integer     NOT NULL DEFAULT 0,
    rows_deleted  integer     NOT NULL DEFAULT 0,
    rows_rejected integer     NOT NULL DEFAULT 0,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz
);
COMMENT ON TABLE import_batches IS 'One row per committed import: file, checksum, counts, coordinate system.';

CREATE TABLE streets (
    code          text PRIMARY KEY,
    name          text NOT NULL,
    district_code text,
    boundary      geometry(MultiPolygon, 4326),
    source        text NOT NULL DEFAULT 'file',
    batch_id      bigint REFERENCES import_batches (id) ON DELETE SET NULL
);
CREATE INDEX streets_boundary_gix ON streets USING gist (boundary);
COMMENT ON TABLE streets IS 'Streets and townships (街道/乡镇): the "11" of 1+11+N+X.';

CREATE TABLE communities (
    code            text PRIMARY KEY,
    name            text NOT NULL,
    street_code     text,
    street_name     text,
    households      integer CHECK (households >= 0),
    population      integer CHECK (population >= 0),
    workers         integer CHECK (workers >= 0),
    service_area_m2 double precision CHECK (service_area_m2 >= 0),
    boundary        geometry(MultiPolygon, 4326),
    source          text NOT NULL DEFAULT 'file',
    batch_id        bigint REFERENCES import_batches (id) ON DELETE SET NULL
);
CREATE INDEX communities_boundary_gix ON communities USING gist (boundary);
CREATE INDEX communities_street_idx ON communities (street_code);
COMMENT ON TABLE communities IS 'Communities and villages (社区/村) with 12-digit division codes.';

CREATE TABLE stations (
    id            text PRIMARY KEY,
    name          text NOT NULL,
    level         text NOT NULL CHECK (level IN ('district', 'street', 'community', 'compound', 'building')),
    parent_code   text,
    address       text,
    floor_area_m2 double precision CHECK (floor_area_m2 >= 0),
    staff         integer CHECK (staff >= 0),
    geom          geometry(Point, 4326) NOT NULL,
    source        text NOT NULL DEFAULT 'file',
    batch_id      bigint REFERENCES import_batches (id) ON DELETE SET NULL
);
CREATE INDEX stations_geom_gix ON stations USING gist (geom);
CREATE INDEX stations_level_idx ON stations (level);
COMMENT ON TABLE stations IS 'Party-mass service centres and stations (党群服务中心/站); source=osm rows were detected in OpenStreetMap and await review.';

CREATE TABLE outlets (
    id       text PRIMARY KEY,
    name     text NOT NULL DEFAULT '',
    category text NOT NULL,
    geom     geometry(Point, 4326) NOT NULL,
    source   text NOT NULL DEFAULT 'file',
    batch_id bigint REFERENCES import_batches (id) ON DELETE SET NULL
);
CREATE INDEX outlets_geom_gix ON outlets USING gist (geom);
CREATE INDEX outlets_category_idx ON outlets (category);
COMMENT ON TABLE outlets IS 'Convenience outlets by category (supermarket, clinic, kindergarten …).';

CREATE TABLE compounds (
    id             text PRIMARY KEY,
    name           text NOT NULL,
    community_code text,
    households     integer CHECK (households >= 0),
    population     integer CHECK (population >= 0),
    geom           geometry(MultiPolygon, 4326),
    source         text NOT NULL DEFAULT 'file',
    batch_id       bigint REFERENCES import_batches (id) ON DELETE SET NULL
);
CREATE INDEX compounds_geom_gix ON compounds USING gist (geom);
COMMENT ON TABLE compounds IS 'Residential compounds (小区) with household counts.';

CREATE TABLE residential_areas (
    id       text PRIMARY KEY,
    kind     text NOT NULL,
    geom     geometry(MultiPolygon, 4326) NOT NULL,
    source   text NOT NULL DEFAULT 'osm',
    batch_id bigint REFERENCES import_batches (id) ON DELETE SET NULL
);
CREATE INDEX residential_areas_geom_gix ON residential_areas USING gist (geom);

-- The walk network, pgRouting-compatible: cost and reverse_cost in seconds.
CREATE TABLE walk_nodes (
    id   bigint PRIMARY KEY,
    geom geometry(Point, 4326) NOT NULL
);
CREATE INDEX walk_nodes_geom_gix ON walk_nodes USING gist (geom);

CREATE TABLE walk_edges (
    id           bigint PRIMARY KEY,
    source       bigint NOT NULL,
    target       bigint NOT NULL,
    cost         double precision NOT NULL CHECK (cost >= 0),
    reverse_cost double precision NOT NULL CHECK (reverse_cost >= 0),
    length_m     double precision NOT NULL CHECK (length_m >= 0),
    highway      text NOT NULL,
    osm_way_id   bigint,
    geom         geometry(LineString, 4326) NOT NULL
);
CREATE INDEX walk_edges_geom_gix ON walk_edges USING gist (geom);
CREATE INDEX walk_edges_source_idx ON walk_edges (source);
CREATE INDEX walk_edges_target_idx ON walk_edges (target);
COMMENT ON TABLE walk_edges IS 'Walkable ways split at junctions; id, source, target, cost, reverse_cost (seconds) as pgRouting expects.';

CREATE TABLE population_grid (
    h3         text PRIMARY KEY,
    population double precision NOT NULL CHECK (population >= 0),
    batch_id   bigint REFERENCES import_batches (id) ON DELETE SET NULL
);

-- +goose Down
DROP TABLE population_grid, walk_edges, walk_nodes, residential_areas, compounds, outlets,
    stations, communities, streets, import_batches;

-- +goose Up
-- Results of `lifecircle compute`, replaced whole by each run (one transaction).

CREATE TABLE compute_runs (
    id          bigserial PRIMARY KEY,
    resolution  integer          NOT NULL,
    speed_kmh   double precision NOT NULL,
    max_minutes double precision NOT NULL,
    thresholds  integer[]        NOT NULL,
    cells       integer          NOT NULL,
    phases      jsonb            NOT NULL DEFAULT '{}',
    started_at  timestamptz      NOT NULL,
    finished_at timestamptz      NOT NULL DEFAULT now()
);

-- The study area's H3 cells.
CREATE TABLE cells (
    id             integer PRIMARY KEY, -- this run's cell number, referenced by coverage_cells
    h3             text COLLATE "C" NOT NULL UNIQUE,
    community_code text,
    street_code    text,
    population     double precision NOT NULL DEFAULT 0,
    area_m2        double precision NOT NULL,
    on_network     boolean          NOT NULL,
    access_m       double precision,
    centre         geometry(Point, 4326)   NOT NULL,
    geom           geometry(Polygon, 4326) NOT NULL
);
CREATE INDEX cells_geom_gix ON cells USING gist (geom);
CREATE INDEX cells_community_idx ON cells (community_code);

-- Walk minutes from every cell to the nearest facility of each kind:
-- kind 'category' (key = outlet category) or 'level' (key = station level, or 'any').
-- minutes is NULL when nothing is reached within the run's max_minutes or the cell is
-- off-network (cells.on_network tells which).
CREATE TABLE coverage_cells (
    cell_id     integer NOT NULL, -- cells.id (no foreign key: checking one per row would slow every compute)
    kind        text COLLATE "C" NOT NULL,
    key         text COLLATE "C" NOT NULL,
    minutes     real,
    facility_id text
);
-- Built after each run's COPY (maintaining it row by row made writes 4× slower).
CREATE INDEX coverage_cells_kind_key_idx ON coverage_cells (kind, key, cell_id);

-- Aggregates by scope: 'district' (code ''), 'street' or 'community'.
CREATE TABLE coverage_summary (
    scope              text NOT NULL,
    code               text NOT NULL,
    name               text,
    kind               text NOT NULL,
    key                text NOT NULL,
    threshold_min      integer NOT NULL,
    cells              integer NOT NULL,
    off_network_cells  integer NOT NULL,
    population         double precision NOT NULL,
    population_within  double precision NOT NULL,
    population_share   double precision,
    area_m2            double precision NOT NULL,
    area_within_m2     double precision NOT NULL,
    area_share         double precision,
    mean_min           double precision,
    median_min         double precision,
    p90_min            double precision,
    population_beyond  double precision NOT NULL,
    PRIMARY KEY (scope, code, kind, key, threshold_min)
);

-- QGIS: cells with their minutes, one layer per kind/key by filter.
CREATE VIEW coverage_cells_geo AS
SELECT c.h3, v.kind, v.key, v.minutes, v.facility_id, c.population, c.community_code, c.on_network, c.geom
FROM coverage_cells v JOIN cells c ON c.id = v.cell_id;

-- QGIS: communities shaded by coverage.
CREATE VIEW coverage_by_community AS
SELECT s.code, s.name, s.kind, s.key, s.threshold_min, s.population, s.population_within,
       s.population_share, s.area_share, s.mean_min, s.median_min, s.p90_min, s.population_beyond,
       m.boundary AS geom
FROM coverage_summary s JOIN communities m ON m.code = s.code
WHERE s.scope = 'community';

-- +goose Down
DROP VIEW coverage_by_community, coverage_cells_geo;
DROP TABLE coverage_summary, coverage_cells, cells, compute_runs;

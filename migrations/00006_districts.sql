-- +goose Up
-- Districts (区/县): the study area. When any are loaded, coverage cells are laid inside
-- their union only, and street and community boundaries must lie (mostly) inside it.
CREATE TABLE districts (
    code        text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
    name        text NOT NULL,
    parent_code text,
    level       text,
    boundary    geometry(MultiPolygon, 4326) NOT NULL,
    source      text NOT NULL DEFAULT 'file',
    batch_id    bigint REFERENCES import_batches (id) ON DELETE SET NULL
);
CREATE INDEX districts_boundary_gix ON districts USING gist (boundary);
COMMENT ON TABLE districts IS 'Districts and counties (区/县) with 6-digit division codes: the study area.';

-- Extra columns of attribute tables, by column name as the file writes it.
ALTER TABLE communities ADD COLUMN attrs jsonb;
ALTER TABLE streets ADD COLUMN attrs jsonb;

-- Attribute tables (communities without geometry: civil-affairs lists of codes, names and
-- counts) are kept here and joined to the community boundaries by code, else by name
-- within the street, whenever either arrives.
CREATE TABLE unit_attributes (
    id              bigserial PRIMARY KEY,
    level           text    NOT NULL CHECK (level IN ('community')),
    rec             integer NOT NULL,
    code            text,
    name            text    NOT NULL DEFAULT '',
    parent_code     text,
    households      integer CHECK (households >= 0),
    population      integer CHECK (population >= 0),
    workers         integer CHECK (workers >= 0),
    service_area_m2 double precision CHECK (service_area_m2 >= 0),
    attrs           jsonb,
    file_name       text    NOT NULL,
    batch_id        bigint REFERENCES import_batches (id) ON DELETE SET NULL
);
CREATE INDEX unit_attributes_code_idx ON unit_attributes (level, code);
COMMENT ON TABLE unit_attributes IS 'Rows of the last attribute table per level, joined to the units by code or name.';

-- +goose Down
DROP TABLE unit_attributes;
ALTER TABLE streets DROP COLUMN attrs;
ALTER TABLE communities DROP COLUMN attrs;
DROP TABLE districts;

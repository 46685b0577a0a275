-- +goose Up
-- Low-zoom map tiles draw major roads only; this partial index finds them without reading
-- every footway of a wide tile.
CREATE INDEX walk_edges_major_gix ON walk_edges USING gist (geom)
WHERE highway IN ('primary', 'primary_link', 'secondary', 'secondary_link', 'tertiary',
                  'tertiary_link', 'trunk', 'trunk_link', 'motorway', 'motorway_link');

-- +goose Down
DROP INDEX walk_edges_major_gix;

// Package osmimport reads an OpenStreetMap extract (.osm.pbf, or .osm XML, optionally
// gzip- or bzip2-compressed) and hands back lifecircle's geo values: the pedestrian network
// as split nodes and edges (docs/model.md "Walking model"), convenience outlets matched by the
// category file's OSM tags, party-mass service station candidates (党群服务中心/站: only
// names that say so, by the StationRules of data/stations.json; government offices never)
// with a level read from their names, residential land and, where the extract has them,
// administrative community boundaries. Stations and outlets come out with status
// candidate: a planner confirms them.
//
// Reading streams the file in two or three passes (ways and relations; the member ways of
// multipolygons when there are any; nodes), keeping only what is needed: the node
// references of walkable and feature ways and the coordinates of those nodes and of tagged
// POI nodes.
//
// Coordinates are WGS84 (EPSG:4326) (lon, lat) degrees as in OSM; lengths are metres.
//
// Hostile files are refused, not obeyed: the unpacked data and every XML token are capped
// (Limits), and a PBF file's blocks are checked by pbfGuard before the PBF decoder, which
// panics on lying files on goroutines no recover reaches, sees them. A panic in the
// reader's own goroutine becomes an EINTERNAL error naming the file.
//
// osmimport may import geo, importers/internal/guard and the file-format libraries
// github.com/paulmach/osm, github.com/paulmach/protoscan, google.golang.org/protobuf's
// protowire and github.com/paulmach/orb; nothing that speaks SQL or HTTP.
package osmimport

// Package geo holds lifecircle's domain: the values every other package passes around
// (Community, Street, Station and its Level, Outlet and its Category, Compound, the walk
// network's nodes and edges, the walking model), the typed OSM highway classification
// (Highway, RoadClass, WalkableWay: which ways are walked, which are major roads, which
// are steps) and the one error type with codes.
//
// Its subpackages hold the pure algorithms: local (the one local metric projection:
// metres per degree, lon/lat ⇄ x/y metres), gridindex (the one bucket-grid spatial index
// of points, bounds and polylines), crs (WGS84/GCJ-02/BD-09), walk (the in-memory
// pedestrian network and its searches), coverage (H3 walk-time coverage) and synth (a
// deterministic synthetic district for tests and benchmarks).
//
// Coordinates are always (lon, lat) in WGS84 (EPSG:4326) degrees unless a function says
// otherwise; distances are metres and times seconds.
//
// geo may import orb, h3-go and go-geom. It never imports pgx, echo or net/http.
package geo

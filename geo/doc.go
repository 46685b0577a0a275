// Package geo holds lifecircle's domain: the values every other package passes around
// (Community, Street, Station and its Level, Outlet and its Category, Compound, the walk
// network's nodes and edges, the walking model), the record of an import (Batch, its
// ImportMode, ImportOptions and ImportSummary) and the one error type with codes.
//
// Its subpackages hold the pure algorithms: crs (WGS84/GCJ-02/BD-09), walk (the in-memory
// pedestrian network and its searches), coverage (H3 walk-time coverage) and derive (the
// demo's neighbourhood units and illustrative stations). The synthetic districts of tests
// and benchmarks are internal/synth's.
//
// Coordinates are always (lon, lat) in WGS84 (EPSG:4326) degrees unless a function says
// otherwise; distances are metres and times seconds.
//
// geo may import orb, h3-go and go-geom. It never imports pgx, echo or net/http.
package geo

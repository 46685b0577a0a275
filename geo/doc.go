// Package geo holds lifecircle's domain: the values every other package passes around
// (Community, Street, Station and its Level, Outlet and its Category, Compound, the walk
// network's nodes and edges, the walking model), the typed OSM highway classification
// (Highway, RoadClass, WalkableWay: which ways are walked, which are major roads, which
// are steps), the record of an import (Batch, its ImportMode, ImportOptions and
// ImportSummary), what a store holds (StoreStatus: rows per kind and
// source, the last imports and compute) and the one error type with codes.
//
// Its subpackages hold the pure algorithms: local (the one local metric projection:
// metres per degree, lon/lat ⇄ x/y metres), gridindex (the one bucket-grid spatial index
// of points, bounds and polylines), crs (WGS84/GCJ-02/BD-09 and EPSG references), walk
// (the in-memory pedestrian network and its searches), coverage (H3 walk-time coverage),
// engine (the in-memory district and its queries), assess (coverage, gaps, network and
// standards reports), siting (plan sites, scenarios), supply (two-step floating
// catchment), health (data health findings), plan (maximal covering), standards (rule
// files) and derive (the demo's neighbourhood units and illustrative stations). The
// synthetic districts of tests and benchmarks are internal/synth's.
//
// Coordinates are always (lon, lat) in WGS84 (EPSG:4326) degrees unless a function says
// otherwise; distances are metres and times seconds.
//
// geo may import orb, h3-go and go-geom. It never imports pgx, echo or net/http.
package geo

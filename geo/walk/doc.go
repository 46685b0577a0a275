// Package walk is lifecircle's in-memory pedestrian network and its searches: an immutable
// graph in compact arrays (CSR adjacency with float32 costs, int32 indexes in a spatial
// Hilbert order, flattened edge geometry, connected components), a grid segment index
// (geo/gridindex) for snapping points to the nearest walkable segment, bounded
// multi-source shortest paths (one search per outlet category or station level, on a bucket queue),
// point-to-point routes (A*) and k-nearest searches (Dijkstra on a 4-ary heap). Times
// accumulate in float64; search buffers are pooled per graph.
//
// Every time follows the walking model of docs/model.md: time A→B = access(A) + network time
// between the two snapped points (directly along the segment when both snap to the same
// edge) + access(B); access legs are walked at the plain walking speed, steps edges take
// model.StepsFactor times as long (proportionally for the part of a steps edge walked).
//
// Coordinates are (lon, lat) in WGS84 degrees; distances are metres and times seconds.
// A Graph is safe for concurrent use by many goroutines; a Field is safe for concurrent
// reads until it is released.
//
// walk may import geo, geo/local, geo/gridindex and orb only. It never imports pgx, echo
// or net/http.
package walk

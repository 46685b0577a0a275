// Package gridindex is lifecircle's one bucket-grid spatial index: a uniform grid of
// cells over the bound of the items, each cell listing the items that meet it, stored
// densely (CSR: one offset array and one item array, no per-cell allocation). Items are
// points, bounds or the straight segments of polylines, all (lon, lat) in WGS84
// (EPSG:4326) degrees, named by int32 indexes into the caller's slices. Cells are about
// cellM metres on a side (geo/local's metres per degree at the grid's middle latitude),
// grown when needed to keep the number of cells under a cap.
//
// An Index answers three kinds of query, each by handing the caller runs of candidate
// items to test exactly: by bound (Query), by radius in metres (Near) and ring by ring
// outward from a point for nearest-item searches (Nearest, with a great-circle lower
// bound on the distance to the cells not yet visited). An Index is immutable once built
// and safe for concurrent queries.
//
// gridindex may import geo, geo/local and orb only. It never imports pgx, echo or
// net/http.
package gridindex

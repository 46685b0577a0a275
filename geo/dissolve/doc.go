// Package dissolve merges polygons that tile an area without overlapping — communities
// into their street — by the edges they share, without a general overlay.
//
// Coverage turns every ring into directed edges (shells counter-clockwise, holes
// clockwise, so the polygon's inside is always on the left), cancels each edge against one
// running the opposite way (the edge two neighbours share), and stitches what is left
// into rings, taking the leftmost turn wherever several edges leave one vertex, so rings
// that meet at a point stay apart. Counter-clockwise rings become shells, clockwise ones
// holes of the smallest shell around them. Cancelling keeps the sum of the polygons'
// winding numbers, so when the result is a valid MultiPolygon (OGC rules) every point
// lies in at most one input polygon and the result is exactly their union; when the
// inputs overlap, leave gaps that meet no edge, or meet along edges whose vertices differ,
// the result is invalid or Coverage says it could not stitch it, and the caller takes a
// general union. The caller checks validity: this package has no validity test.
//
// Coordinates are (lon, lat) WGS84 degrees, but nothing depends on the CRS: points are
// compared exactly and no vertex is moved or added.
//
// dissolve may import orb and the standard library only. It never imports pgx, echo,
// net/http or postgis.
package dissolve

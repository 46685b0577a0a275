// Package raster reads population rasters — GeoTIFFs of people per pixel such as WorldPop
// or GHS-POP, in any CRS, Float32/Float64 or 8/16/32-bit integers, nodata honoured — and
// aggregates them onto H3 cells by area: each pixel's count is shared among the cells it
// overlaps in proportion to the overlap's area, not given whole to the cell of its
// centre, so a cell gets the people of the part of each pixel that lies in it and the
// total is preserved.
//
// It runs GDAL's command-line tools (Debian's gdal-bin), like importers/ogr and for the
// same reasons (see that package's doc): gdalinfo -json gives the size, geotransform, CRS,
// data type and nodata value; gdal_translate dumps band 1 as raw little-endian Float64
// (ENVI), read row by row with encoding/binary; for a raster not in EPSG:4326,
// gdaltransform (PROJ) transforms a grid of control points of the pixel corners (every
// few pixels, a kilometre or two apart) to WGS 84, and the corners between are
// interpolated bilinearly (centimetres of error for any conformal or equal-area
// projection at that spacing). No resampling: pixels are never warped.
//
// The split: a pixel is a quadrilateral in lon/lat; it is clipped against the H3 cell of
// its centre and that cell's six neighbours (convex polygons; Sutherland–Hodgman in a
// local plane), and its count distributed by the clipped areas. A pixel too large for
// that (when the clipped areas do not add up to the pixel's) is split 2×2, recursively,
// until they do. The cells are found by walking from the previous pixel's cell, so H3 is
// asked only once per new cell.
//
// Errors are *geo.Error: EINVALID naming the file (no CRS, not a raster, a scaled band,
// more pixels than Options.MaxPixels — a tiled GeoTIFF can declare 2.5·10⁹ pixels in
// 19 KB), EUNAVAILABLE when GDAL is missing or the context is cancelled. Pixels ignored —
// nodata, NaN, negative counts — are counted in the summary and negative ones warned about.
//
// The file parsing is GDAL's, in a child process; what this package reads itself —
// gdalinfo's JSON, and the dumped rows spread onto cells — has fuzz targets (fuzz_test.go,
// in memory).
//
// raster may import geo, geo/local (the metric plane), geo/coverage (the H3 hexagon),
// importers/ogr (for the WKT reader), h3-go, orb and the standard library; no SQL, no
// pgx, echo or net/http.
package raster

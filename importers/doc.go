// Package importers reads a district's own files — CSV, XLSX and GeoJSON — into validated
// geo values: the administrative units (districts, streets, communities; division codes
// read in their 6-, 9- and 12-digit forms and checked against their level), party-mass
// service stations, convenience outlets and residential compounds. Columns a community
// file has beyond its fields are kept as the community's Attrs (an attribute table's
// extra columns).
//
// It detects the format (extension and content), the text encoding (UTF-8, UTF-8 with BOM,
// GBK/GB18030 as Excel saves it in China; one per file, every byte valid in it), the
// header's field names (English and common
// Chinese ones), parses numbers the way planners write them, checks every coordinate and
// polygon, and converts coordinates from GCJ-02 or BD-09 to WGS84 (via geo/crs). A whole
// file that cannot be used is an error (*geo.Error, EINVALID); each bad record becomes a
// Reject naming the file, record, line, field and what is wrong, and the caller decides
// whether to load the good records.
//
// Coordinates are (lon, lat) degrees; everything handed back is WGS84. Areas are m².
//
// Hostile files are refused with a clear error, never obeyed: Limits caps the file, an
// XLSX workbook unpacked, one field, cell or XML token; workbooks are streamed with
// archive/zip and encoding/xml (workbook), refusing malformed XML, entity declarations
// and shared-string indexes out of range; a panic while reading becomes an EINTERNAL
// error naming the file. The defences shared with osm live in internal/guard.
//
// GIS files — Shapefiles (or a zip of one), GeoPackages, FileGDBs, KML/KMZ, GeoJSON with a
// legacy "crs" member or in a projected --crs — are opened through importers/ogr (GDAL), an
// upload from a temporary copy; their features go through the same GeoJSON record path,
// rejects naming "x.shp feature 13", and the layer's warnings (datum shift, encoding
// guessed) are Result.Warnings. Outlet files whose columns are an Amap, Baidu or Tencent
// POI export (poi.go) are read in the service's CRS and mapped to categories by typecode
// or tag path; POIs of no category are Result.Unmapped, not dropped silently.
//
// Text the database cannot store or should not — a NUL byte, ids over 256 characters,
// other text over 1000 — is a reject naming the record and field.
//
// importers may import geo and geo/crs, importers/internal/guard, internal/csvout,
// importers/ogr, orb, go-geom's WKT and
// golang.org/x/text (excelize only in tests, to write workbooks; internal/osmtest only in
// tests, to write PBF files). It does no SQL (postgis/ loads what it returns) and never
// imports pgx, echo or net/http. The OpenStreetMap importer lives in the subpackage osmimport.
package importers

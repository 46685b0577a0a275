// Package ogr reads the vector files a Chinese district actually has — Shapefiles (a .shp
// with its .dbf/.shx/.prj/.cpg, or all of them in a .zip; .dbf text in GBK/GB18030 as
// ArcGIS writes it), GeoPackages, ESRI FileGDBs (a .gdb folder, or zipped), KML/KMZ, and
// GeoJSON with the old "crs" member — in whatever coordinate system they are in, and
// hands their features back as WGS 84 (lon, lat) GeoJSON for the importers' record path.
//
// It runs GDAL's own command-line tools (Debian's gdal-bin): ogrinfo reads the layer list,
// the source CRS (WKT and EPSG code), the feature count, extent and field names; ogr2ogr
// converts the chosen layer to a GeoJSON Sequence in EPSG:4326 through PROJ, streamed from
// its standard output; gdaltransform reads the extent's corners in WGS 84 for the
// plausibility check (geo/crs.Plausible) and, when it fails, the extent's centre in each of
// the other CRSs it may be in (crs.Candidates) for the message; gdalsrsinfo checks a CRS
// given with --crs.
// Before GDAL sees a file, ogr checks what GDAL would let pass: a .shp without its .dbf or
// .shx, a .dbf whose record count disagrees with the .shp, a .dbf that states no encoding
// (detected: UTF-8, else GB18030), a zip whose uncompressed size is over the cap (checked
// from the zip's directory before anything is unpacked, and again while unpacking), a zip
// entry that would escape the folder it is unpacked into.
//
// Why ogr2ogr and not a Go binding of GDAL: GDAL is the field's own library, the one QGIS
// and ArcGIS's open formats are tested against; its tools read every one of these formats
// (and dozens more) with their real quirks — code pages, .prj dialects, FileGDB internals,
// KML folders — and transform through PROJ with EPSG's transformations, which no pure-Go
// reader does. A cgo binding would tie the build to GDAL's headers and version on every
// machine and make every `go build` and `go test` need them; running the tools keeps this
// module pure Go, needs GDAL only where such files are read, isolates a GDAL crash in a
// child process, and honours cancellation by killing it (exec.CommandContext). The price —
// a process start and a GeoJSON text in between — is measured by the benchmarks.
//
// The parsing of the formats is GDAL's, run in a child process; what this package parses
// itself — ogrinfo's summary, the GeoJSONSeq lines, a GeoJSON's "crs" member, a zip's
// directory and entries — has fuzz targets (fuzz_test.go, in memory), the .dbf/.shx
// headers table tests with bad inputs.
//
// Every error about a file is a *geo.Error (EINVALID) naming the file; GDAL's standard
// error is kept in the message. A missing GDAL is EUNAVAILABLE. Coordinates handed back
// are (lon, lat) degrees in WGS 84, or in GCJ-02/BD-09 when the caller says the file is in
// one of those (Layer.Output; convert with geo/crs).
//
// ogr may import geo, geo/crs, importers/internal/guard (bounded echoes of file text), orb
// and the standard library. It does no SQL and never imports pgx, echo, net/http or the
// importers package (which calls it).
package ogr

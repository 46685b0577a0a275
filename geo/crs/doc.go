// Package crs converts points between the coordinate systems used by Chinese map
// providers: WGS84 (EPSG:4326, GPS and OpenStreetMap), GCJ-02 (the "Mars" datum of
// Amap/Gaode and Tencent) and BD-09 (Baidu).
//
// Every point is (lon, lat) in degrees of the system a function names. The GCJ-02 offset
// follows the published algorithm: it is applied only inside a rough box around China
// (OutOfChina), so points outside it pass through the GCJ step unchanged, while BD-09's
// own offset from GCJ-02 applies everywhere. GCJ-02 to WGS84 is inverted by iteration to
// well under 0.5 m inside China.
//
// It also names coordinate references the way files and --crs give them (Ref, ParseRef):
// one of those systems, or any EPSG code for PROJ (through GDAL, in importers/ogr) to
// transform. For the systems of Chinese data — CGCS2000, Xi'an 1980, Beijing 1954 and New
// Beijing lon/lat and Gauss-Krüger zones, WGS 84 UTM, Web Mercator — it knows the family
// (datum, projection, zone), how far PROJ's default datum shift to WGS 84 can be trusted
// (DatumShift), and whether a layer's extent can be in a stated CRS (Plausible). It
// transforms nothing between projections: every reading of metres as lon/lat — the
// stated CRS's and the other candidates' (Candidates) — is PROJ's, handed in by the
// caller (importers/ogr runs gdaltransform).
//
// crs is pure: it imports only orb and geo (for the error type).
package crs

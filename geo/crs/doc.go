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
// crs is pure: it imports only orb and geo (for the error type).
package crs

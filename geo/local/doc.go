// Package local is lifecircle's one local metric projection: how many metres a degree of
// latitude or longitude spans at a given latitude, and a local plane (x east, y north,
// metres) around an origin, equirectangular at the origin's latitude. It is exact enough
// for shapes a few kilometres across (a district's walk network, a cell and its
// neighbours, a printed map), and every package that turns degrees into metres over such
// short distances uses it, so they all agree to the last bit.
//
// Lengths follow the sphere of geo.EarthRadiusM (R = 6 371 008.8 m): one degree of
// latitude is R·π/180 ≈ 111 195 m, one degree of longitude that times cos(latitude).
// Coordinates are (lon, lat) in WGS84 (EPSG:4326) degrees; x and y are metres.
//
// local may import geo (for the Earth radius) and orb only.
package local

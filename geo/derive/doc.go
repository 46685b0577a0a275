// Package derive holds the demo's derivations: what lifecircle makes up, clearly marked,
// where an OpenStreetMap extract lacks a district's own data. Neighbourhoods turns blocks
// of land between major roads into neighbourhood units (邻里单元) grouped into streets,
// district by district, with populations from their residential land (Source "derived",
// names such as 锦江区示例社区03, codes under a made-up district code, DerivedCode);
// IllustrativeStations places a made-up "1+N+N+X" station network over communities, a
// centre per district and per street (names 示例… once, Source "illustrative"). Neither is data: the
// demo uses them only when no community boundary or no station came from a file.
//
// Everything is a pure, deterministic function of its input. Coordinates are (lon, lat)
// WGS84 degrees; areas are m².
//
// derive may import geo, orb and the standard library only. It never imports pgx, echo,
// net/http or postgis.
package derive

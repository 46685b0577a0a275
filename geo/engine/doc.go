// Package engine is lifecircle's in-memory model of a district: the walk graph, the
// stations and outlets snapped onto it, the H3 cells of the study area and every cell's
// walk time to each kind of service. It answers the district's own queries — nearest
// facilities, a route, an isochrone — and holds the one per-unit aggregation index
// (Units: the communities, streets and compounds and their cells) and the summaries
// Compute makes from it. The CLI's compute and the HTTP server both run on an Engine; it
// is built from any Source (the postgis package is one) and never speaks SQL or HTTP
// itself.
//
// Assessments of a computed engine (coverage, gaps, the station network report,
// standards) live in geo/assess, siting and scenarios in geo/siting; both read an Engine
// through its exported fields and methods.
//
// engine may import geo and its pure subpackages (geo/walk, geo/coverage, …), orb and
// h3-go; never geo/assess, geo/siting, pgx, echo, net/http or postgis.
package engine

// Package assess answers "how well is the district served?" over a computed engine: the
// coverage of a kind of facility within any whole number of minutes (district, street or
// community), every cell's walk time, the gaps (communities and compounds with residents
// beyond the threshold), the "1+11+N+X" party-mass station network report, compliance
// with a standards rules file, and the straight-line buffer check.
//
// Every assessment is a function of an *engine.Engine (assess.Coverage(e, q),
// assess.Network(e), …) that reads it and never changes it, so any number may run at once
// on one engine. Communities, streets and compounds and their cells come from the
// engine's one unit index (engine.Units). Points and geometries are WGS84 (lon, lat),
// populations residents, areas m², times walking minutes.
//
// assess may import geo, geo/engine, geo/coverage, geo/standards, geo/supply, geo/gridindex, orb and h3-go; never
// geo/siting, pgx, echo, net/http or postgis.
package assess

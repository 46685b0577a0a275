// Package engine is lifecircle's in-memory model of a district: the walk graph, the
// stations and outlets snapped onto it, the H3 cells of the study area and every cell's
// walk time to each kind of service. The CLI's compute and the HTTP server both run on an
// Engine; it is built from any Source (the postgis package is one) and never speaks SQL
// or HTTP itself.
//
// engine may import geo and its subpackages, orb and h3-go; never pgx, echo or net/http.
package engine

// Package siting answers "where should new facilities go, and what would a change do?"
// over a computed engine: PlanSites proposes sites for new facilities of one kind that
// bring the most residents within a walk threshold (maximal covering, solved by package
// geo/plan), and Scenario measures how coverage would change if facilities were added or
// removed.
//
// Both are functions of an *engine.Engine (siting.PlanSites(ctx, e, req),
// siting.Scenario(ctx, e, change)) that never change it: their walk searches write fresh
// slices, so any number may run at once on one engine. Per-community figures come from the
// engine's one unit index (engine.Units). Points are WGS84 (lon, lat), populations
// residents (m² of area when the district has none), times walking minutes.
//
// siting may import geo, geo/engine, geo/walk, geo/coverage, geo/plan, geo/local,
// geo/gridindex, orb and h3-go;
// never geo/assess, pgx, echo, net/http or postgis.
package siting

// Package coverage computes walk-time coverage on H3 cells (docs/model.md "Coverage model"):
// the cells of the study area, the population living in each cell, every cell's walk time
// to the nearest facility of each category or station level (one multi-source search per
// set), and the shares of population and area within 5, 10 and 15 minutes, per community,
// street and district (ScopeSummary). Run bundles one compute's coverage as a store keeps
// it.
//
// Coordinates are (lon, lat) in WGS84 (EPSG:4326) degrees; lengths are metres, areas
// square metres, times seconds in results and minutes in summaries.
//
// coverage may import geo, geo/local, geo/gridindex, geo/walk, orb and h3-go. It never
// imports pgx, echo or net/http.
package coverage

// Package walkref is a test-only, deliberately plain reference model of the walking rules
// of docs/model.md and of the two-step floating catchment, for tests that check
// geo/walk, geo/supply and the API against an independent computation: adjacency lists
// over the given nodes and edges, textbook binary-heap Dijkstra, brute-force snapping to the
// nearest point of the nearest segment with the access leg walked at the same speed.
// Points are WGS84 (lon, lat), times seconds. Only tests import it.
//
// walkref serves tests only: production code never imports it. It may import geo and orb.
package walkref

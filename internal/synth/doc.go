// Package synth generates a deterministic synthetic Chinese urban district for tests and
// benchmarks: an arterial grid of superblocks filled with walled residential compounds
// and their tree-like inner lanes, parks with curved paths, a river crossed only at a few
// bridges, communities and streets with official-looking codes and Chinese names, party-mass
// service stations of all five "1+11+N+X" levels and convenience outlets of every category.
// It serves the test suites and the bench command only, and is internal to the module.
//
// Everything is a pure function of Config (seed and size): the same Config always gives the
// same District. Randomness comes only from math/rand/v2 PCG sources seeded from
// Config.Seed; nothing reads the clock or global random state. (Coordinates may differ in
// their last bits between CPU architectures, whose floating-point maths may differ.)
//
// The district is laid out in metres on a local plane (x east, y north, origin at the
// south-west corner) and converted to WGS84 (lon, lat) degrees with the equirectangular
// approximation around Config.Origin; every length is then re-measured with geo.HaversineM,
// so lengths are exact for the walking model.
//
// Size: the generator is tuned to about 1 100 walk nodes per km² overall, so 1M
// nodes cover ≈ 900 km² (≈ 30 × 30 km), about 62 000 H3 resolution-10 cells, and the area
// grows with Config.Nodes. That density comes from compound lanes: branch lanes every
// ≈ 31 m with nodes every ≈ 29 m, and footways from 40 % of their nodes to building
// entrances; arterials (primary/secondary, 400–600 m apart) have nodes every 55–80 m.
// Node counts land within ±5 % of Config.Nodes (±10 % is guaranteed by the tests).
//
// Beyond the walk network the District holds its Ways (for WriteOSMXML), 11 streets, the
// communities tiling the district (rectangles of one to three superblocks each way,
// 2 000–6 000 households, some deliberately short of workers or service space), the
// compounds and their residential land, the stations and the outlets.
//
// The outlet categories — their keys, in order, and the OSM tags WriteOSMXML gives their
// outlets — are the bundled category file's (data/categories.json); synth keeps only how
// common each is, where it stands and how it is named.
//
// synth may import geo, geo/local, data (the bundled category file), orb,
// github.com/paulmach/osm (for its XML marshalling) and the standard library only (its
// tests also use h3-go, osmxml and importers/osmimport to read the written files back). It
// never imports pgx, echo or net/http.
package synth

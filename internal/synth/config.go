package synth

import (
	"math"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/local"
	"github.com/paulmach/orb"
)

// Size limits and defaults of a Config.
const (
	MinNodes = 20_000    // smallest district that still holds 11 streets of communities
	MaxNodes = 5_000_000 // largest district Generate builds (≈ 4 500 km²)

	// nodesPerKm2 sizes the district: rows of superblocks are added until they hold
	// Nodes at this density. With the sparser river and parks the whole district then
	// averages ≈ 1 100 nodes/km², so 1M nodes cover ≈ 900 km² (≈ 30 × 30 km), about
	// 62 000 H3 resolution-10 cells. Calibrated against the lane layout constants.
	nodesPerKm2 = 1130

	stationsPerKNodes = 3  // default stations per 1 000 nodes
	outletsPerKNodes  = 30 // default outlets per 1 000 nodes
	minStations       = 15 // 1 district + 11 street + at least one community, compound, building
)

// DefaultOrigin returns the south-west corner used when Config.Origin is zero: (104.00 E,
// 30.60 N), in Chengdu, WGS84 (lon, lat) degrees.
func DefaultOrigin() orb.Point { return orb.Point{104.00, 30.60} }

// Config says what district to generate. Zero values of Origin, Stations, Outlets and
// Categories take their defaults.
type Config struct {
	Seed       uint64
	Nodes      int       // target number of walk nodes; the result is within ±10 %
	Origin     orb.Point // south-west corner, WGS84 (lon, lat) degrees; default DefaultOrigin()
	Stations   int       // total stations of all five levels; default 3 per 1 000 nodes
	Outlets    int       // total outlets; default 30 per 1 000 nodes
	Categories []string  // outlet category keys; default DefaultCategories()
}

// withDefaults returns cfg with defaults filled in, or an EINVALID error naming the field
// that makes no sense.
func (cfg Config) withDefaults() (Config, error) {
	if cfg.Nodes < MinNodes || cfg.Nodes > MaxNodes {
		return cfg, geo.Errorf(geo.EINVALID, "synth: Nodes = %d is outside [%d, %d]", cfg.Nodes, MinNodes, MaxNodes)
	}
	if cfg.Origin == (orb.Point{}) {
		cfg.Origin = DefaultOrigin()
	}
	if err := checkOrigin(cfg.Origin, cfg.Nodes); err != nil {
		return cfg, err
	}
	if cfg.Stations == 0 {
		cfg.Stations = max(minStations, cfg.Nodes*stationsPerKNodes/1000)
	}
	if cfg.Stations < minStations {
		return cfg, geo.Errorf(geo.EINVALID, "synth: Stations = %d; at least %d are needed for all five levels (1 district + 11 street + community + compound + building), or 0 for the default", cfg.Stations, minStations)
	}
	if len(cfg.Categories) == 0 {
		cfg.Categories = DefaultCategories()
	}
	if err := checkCategories(cfg.Categories); err != nil {
		return cfg, err
	}
	if cfg.Outlets == 0 {
		cfg.Outlets = max(len(cfg.Categories), cfg.Nodes*outletsPerKNodes/1000)
	}
	if cfg.Outlets < len(cfg.Categories) {
		return cfg, geo.Errorf(geo.EINVALID, "synth: Outlets = %d is fewer than the %d categories (each needs one), or use 0 for the default", cfg.Outlets, len(cfg.Categories))
	}
	return cfg, nil
}

// checkOrigin rejects origins that are not finite WGS84 coordinates or whose district
// would reach a pole or the antimeridian.
func checkOrigin(o orb.Point, nodes int) error {
	lon, lat := o[0], o[1]
	if math.IsNaN(lon) || math.IsNaN(lat) || math.IsInf(lon, 0) || math.IsInf(lat, 0) {
		return geo.Errorf(geo.EINVALID, "synth: Origin %v is not a finite (lon, lat)", o)
	}
	// The largest district is about 67 km on a side: 0.6° of latitude, and about 2° of
	// longitude at 70°.
	if lat < -70 || lat > 69 {
		return geo.Errorf(geo.EINVALID, "synth: Origin latitude %.4f is outside [-70, 69] (the district must stay away from the poles)", lat)
	}
	sideKm := math.Sqrt(float64(nodes)/nodesPerKm2) * 1.2
	spanDeg := sideKm * 1000 / local.MetresPerDegreeLon(lat+1)
	if lon < -180 || lon+spanDeg > 180 {
		return geo.Errorf(geo.EINVALID, "synth: Origin longitude %.4f: a district %.0f km wide would cross the antimeridian", lon, sideKm)
	}
	return nil
}

// checkCategories rejects empty or duplicate keys.
func checkCategories(keys []string) error {
	seen := make(map[string]bool, len(keys))
	for i, k := range keys {
		if k == "" {
			return geo.Errorf(geo.EINVALID, "synth: Categories[%d] is empty", i)
		}
		if seen[k] {
			return geo.Errorf(geo.EINVALID, "synth: Categories[%d] %q is listed twice", i, k)
		}
		seen[k] = true
	}
	return nil
}

package api

import "github.com/lifecircle/lifecircle/district"

// The wire format of POST /api/v1/compute's population spread (JSON).

// populationSpreadJSON is district.PopulationSpread on the wire: communities per method
// (grid, buildings, residential, area, none) and the buildings counted with the default
// levels.
type populationSpreadJSON struct {
	Methods           map[string]int `json:"methods"`
	Buildings         int            `json:"buildings"`
	BuildingsCounted  int            `json:"buildings_counted"`
	BuildingsNoLevels int            `json:"buildings_default_levels"`
	DefaultLevels     num            `json:"default_levels"`
}

func populationOut(p district.PopulationSpread) populationSpreadJSON {
	out := populationSpreadJSON{Methods: make(map[string]int, len(p.Methods)), Buildings: p.Buildings,
		BuildingsCounted: p.Counted, BuildingsNoLevels: p.DefaultLevels, DefaultLevels: num(p.LevelsAssumed)}
	for m, n := range p.Methods {
		out.Methods[string(m)] = n
	}
	return out
}

package api

import "github.com/lifecircle/lifecircle/geo"

// regionsAnswer is the JSON of GET /api/v1/regions.
type regionsAnswer struct {
	// Database is "ok" when the regions were listed from the database too, "none" when the
	// server runs without one or its database cannot list them (the server's own regions
	// only), "unavailable" when it did not answer.
	Database string       `json:"database"`
	Regions  []regionJSON `json:"regions"`
}

// regionJSON is one region: what the database holds of it and what the server does with it.
type regionJSON struct {
	Region    string   `json:"region"`
	Name      string   `json:"name"`
	Districts []string `json:"districts"`      // 6-digit codes (none: a study area without boundaries)
	Rows      *int64   `json:"rows,omitempty"` // its rows in the database (rows=true only: counting reads every table)
	Computed  bool     `json:"computed"`       // it has a compute run
	// State is the server's: loaded, loading, failed, not computed, or not loaded (in the
	// database only: POST /api/v1/compute?region=… loads it).
	State     string `json:"state"`
	Error     string `json:"error,omitempty"` // why its load failed
	Cells     int    `json:"cells"`           // of the engine answering (0: none)
	Stations  int    `json:"stations"`
	Outlets   int    `json:"outlets"`
	LocatedBy string `json:"located_by,omitempty"` // what point queries match it by: districts, communities or network extent
}

// deleteRegionAnswer is the JSON of DELETE /api/v1/regions/{region}.
type deleteRegionAnswer struct {
	Region  string           `json:"region"`
	Deleted map[string]int64 `json:"deleted"` // rows removed per table
	Note    string           `json:"note"`
}

// regionsOut merges the database's regions (infos, by region) with the server's entries.
func regionsOut(database string, infos []geo.RegionInfo, ens []*regionEntry, withRows bool) regionsAnswer {
	out := regionsAnswer{Database: database, Regions: []regionJSON{}}
	byRegion := map[geo.Region]*regionEntry{}
	for _, en := range ens {
		byRegion[en.region] = en
	}
	seen := map[geo.Region]bool{}
	for _, in := range infos {
		seen[in.Region] = true
		r := regionJSON{Region: string(in.Region), Name: in.Name, Districts: in.Districts, Computed: in.Computed, State: "not loaded"}
		if withRows {
			r.Rows = &in.Rows
		}
		out.Regions = append(out.Regions, withEntry(r, byRegion[in.Region]))
	}
	for _, en := range ens {
		if !seen[en.region] {
			out.Regions = append(out.Regions, withEntry(regionJSON{Region: string(en.region), Name: string(en.region)}, en))
		}
	}
	for i := range out.Regions {
		if out.Regions[i].Districts == nil {
			out.Regions[i].Districts = []string{}
		}
	}
	return out
}

// withEntry adds the server's state of the region (en nil: not loaded).
func withEntry(r regionJSON, en *regionEntry) regionJSON {
	if en == nil {
		return r
	}
	r.State, r.Error = string(en.state), en.err
	if e := en.engine; e != nil {
		r.Cells, r.Stations, r.Outlets, r.LocatedBy = len(e.Cells), len(e.Stations), len(e.Outlets), en.area.by
	}
	return r
}

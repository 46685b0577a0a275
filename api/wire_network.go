package api

import (
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
)

// The wire format of GET /api/v1/network (JSON, CSV).

// networkAnswer is GET /api/v1/network as JSON: the "1+11+N+X" report.
type networkAnswer struct {
	Region                    string              `json:"region"` // the region answered for
	Levels                    []levelCountJSON    `json:"levels"`
	Formula                   string              `json:"formula"`
	Streets                   []streetJSON        `json:"streets"`
	StreetsWithoutCentre      []string            `json:"streets_without_centre"`
	CommunitiesWithoutStation []communityRefJSON  `json:"communities_without_station"`
	CompoundsBeyond5Min       []compoundRefJSON   `json:"compounds_beyond_5_min"`
	WithinByLevel             []levelWithinJSON   `json:"within_by_level"`
	OSMStationsToReview       int                 `json:"osm_stations_to_review"`
	Compounds                 compoundNetworkJSON `json:"compounds"`
	Data                      *dataNoteJSON       `json:"data,omitempty"` // 示例数据: the demo's illustrative layer
}

// compoundNetworkJSON is "N stations cover M compounds": per level and for any station,
// the compounds (with a polygon) within 5, 10 and 15 minutes of their centroid's cell,
// those with a station inside and those reached by none within 15 minutes.
type compoundNetworkJSON struct {
	Compounds      int                 `json:"compounds"`
	WithoutPolygon int                 `json:"without_polygon"`
	ByLevel        []compoundReachJSON `json:"by_level"`
}

type compoundReachJSON struct {
	Key           string                `json:"key"`
	Stations      int                   `json:"stations"`
	WithStation   int                   `json:"with_station_inside"`
	Within        []compoundsWithinJSON `json:"within"`
	ReachedByNone int                   `json:"reached_by_none"`
}

type compoundsWithinJSON struct {
	Minutes   num `json:"minutes"`
	Compounds int `json:"compounds"`
}

func compoundNetworkOut(c assess.CompoundNetwork) compoundNetworkJSON {
	out := compoundNetworkJSON{Compounds: c.Compounds, WithoutPolygon: c.WithoutPolygon, ByLevel: make([]compoundReachJSON, len(c.ByLevel))}
	for i, r := range c.ByLevel {
		rj := compoundReachJSON{Key: r.Key, Stations: r.Stations, WithStation: r.WithStation,
			Within: make([]compoundsWithinJSON, len(r.Within)), ReachedByNone: r.ReachedByNone}
		for k, w := range r.Within {
			rj.Within[k] = compoundsWithinJSON{Minutes: num(w.Minutes), Compounds: w.Compounds}
		}
		out.ByLevel[i] = rj
	}
	return out
}

type levelCountJSON struct {
	Level string `json:"level"`
	Tier  string `json:"tier"`
	Count int    `json:"count"`
}

// streetJSON is one street's part of the network; stations counts its stations by level
// (levels without a station left out).
type streetJSON struct {
	Code                   string         `json:"code"`
	Name                   string         `json:"name"`
	HasCentre              bool           `json:"has_centre"`
	Centres                []string       `json:"centres"`
	Stations               map[string]int `json:"stations"`
	Communities            int            `json:"communities"`
	CommunitiesWithStation int            `json:"communities_with_station"`
	Population             num            `json:"population"`
	PopulationWithin15     num            `json:"population_within_15"`
}

type communityRefJSON struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	StreetCode string `json:"street_code"`
	Population num    `json:"population"`
}

// compoundRefJSON is a compound more than 5 minutes from any station; minutes null when
// none is reached.
type compoundRefJSON struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	CommunityCode string `json:"community_code"`
	Households    int    `json:"households"`
	Minutes       num    `json:"minutes"`
}

type levelWithinJSON struct {
	Key        string `json:"key"`
	Minutes    num    `json:"minutes"`
	Population num    `json:"population"`
	Share      num    `json:"share"`
}

func networkOut(rep assess.NetworkReport) networkAnswer {
	out := networkAnswer{Levels: make([]levelCountJSON, len(rep.Levels)), Formula: rep.Formula,
		Streets: make([]streetJSON, len(rep.Streets)), StreetsWithoutCentre: strs(rep.StreetsWithoutCentre),
		CommunitiesWithoutStation: make([]communityRefJSON, len(rep.CommunitiesWithoutStation)),
		CompoundsBeyond5Min:       make([]compoundRefJSON, len(rep.CompoundsBeyond5Min)),
		WithinByLevel:             make([]levelWithinJSON, len(rep.WithinByLevel)), OSMStationsToReview: rep.OSMStationsToReview,
		Compounds: compoundNetworkOut(rep.Compounds)}
	for i, l := range rep.Levels {
		out.Levels[i] = levelCountJSON{Level: string(l.Level), Tier: l.Tier, Count: l.Count}
	}
	for i, s := range rep.Streets {
		out.Streets[i] = streetOut(s)
	}
	for i, c := range rep.CommunitiesWithoutStation {
		out.CommunitiesWithoutStation[i] = communityRefJSON{Code: c.Code, Name: c.Name, StreetCode: c.StreetCode, Population: num(c.Population)}
	}
	for i, c := range rep.CompoundsBeyond5Min {
		out.CompoundsBeyond5Min[i] = compoundRefJSON{ID: c.ID, Name: c.Name, CommunityCode: c.CommunityCode, Households: c.Households, Minutes: num(c.Minutes)}
	}
	for i, w := range rep.WithinByLevel {
		out.WithinByLevel[i] = levelWithinJSON{Key: w.Key, Minutes: num(w.Minutes), Population: num(w.Population), Share: num(w.Share)}
	}
	return out
}

func streetOut(s assess.StreetNetwork) streetJSON {
	stations := make(map[string]int, len(s.Stations))
	for l, n := range s.Stations {
		stations[string(l)] = n
	}
	return streetJSON{Code: s.Code, Name: s.Name, HasCentre: s.HasCentre, Centres: strs(s.Centres), Stations: stations,
		Communities: s.Communities, CommunitiesWithStation: s.CommunitiesWithStation,
		Population: num(s.Population), PopulationWithin15: num(s.PopulationWithin15)}
}

// strs returns ss, or an empty list for nil, so that it encodes as [].
func strs(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// networkCSV is GET /api/v1/network as CSV in l: one row per street.
func networkCSV(rep assess.NetworkReport, l lang) [][]string {
	cols := []csvCol{{"street_code", "街道编码", colText}, {"street_name", "街道", colText},
		{"has_centre", "有街道党群服务中心", colBool}, {"centres", "街道党群服务中心", colText}}
	for _, lv := range geo.Levels() {
		cols = append(cols, csvCol{"stations_" + string(lv), lv.NameZH() + "数", colCount})
	}
	cols = append(cols, csvCol{"communities", "社区数", colCount}, csvCol{"communities_with_station", "有站点的社区数", colCount},
		csvCol{"population", "常住人口（人）", colPersons}, csvCol{"population_within_15", "15分钟内可达人口（人）", colPersons})
	t := newCSVTable(l, cols)
	for _, st := range rep.Streets {
		row := []any{st.Code, st.Name, st.HasCentre, strings.Join(st.Centres, " ")}
		for _, lv := range geo.Levels() {
			row = append(row, st.Stations[lv])
		}
		row = append(row, st.Communities, st.CommunitiesWithStation, st.Population, st.PopulationWithin15)
		t.add(row...)
	}
	return t.rows
}

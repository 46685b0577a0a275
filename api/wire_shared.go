package api

import (
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/geo/siting"
)

// The wire format of POST /api/v1/plan/shared-centres.

// sharedAnswer is the groups of adjacent communities one new centre each could serve;
// residents are m² of area when by_area.
type sharedAnswer struct {
	Region        string            `json:"region"` // the region answered for
	Level         string            `json:"level"`
	Minutes       num               `json:"minutes"`
	MinShare      num               `json:"min_share"`
	MaxGroup      int               `json:"max_group"`
	Groups        []sharedGroupJSON `json:"groups"`
	Communities   int               `json:"communities"`
	LeftOut       int               `json:"left_out"`
	WithoutCentre int               `json:"without_centre"`
	AdjacentPairs int               `json:"adjacent_pairs"`
	Candidates    int               `json:"candidates"`
	Grouped       int               `json:"grouped"`
	NewlyCovered  num               `json:"newly_covered"`
	ByArea        bool              `json:"by_area"`
	Note          string            `json:"note"`
	NoteZH        string            `json:"note_zh"`
}

// sharedGroupJSON is one new centre, in choice order; lon, lat in the request's crs.
type sharedGroupJSON struct {
	Lon          num                `json:"lon"`
	Lat          num                `json:"lat"`
	H3           string             `json:"h3"`
	Community    string             `json:"community"`
	Members      []sharedMemberJSON `json:"members"`
	Population   num                `json:"population"`
	NewlyCovered num                `json:"newly_covered"`
}

type sharedMemberJSON struct {
	Code         string `json:"code"`
	Name         string `json:"name"`
	HasCentre    bool   `json:"has_centre"`
	Population   num    `json:"population"`
	Within       num    `json:"within"`
	Share        num    `json:"share"`
	NewlyCovered num    `json:"newly_covered"`
}

// sharedNote says how the groups were found, in English and Chinese.
const (
	sharedNote   = "Groups of communities sharing at least about 20 m of boundary (within 5 m); one new centre at a cell centre reaches at least min_share of every member's residents within the minutes. Every group has a community without a centre of the level inside its boundary; groups share no community. Communities without cells holding residents are left out (left_out)."
	sharedNoteZH = "相邻社区指边界共用约20米以上（相距5米以内）的社区；每组一个新中心（位于网格中心），步行时间内可达每个成员社区不少于 min_share 的居民。每组至少含一个辖区内没有该级站点的社区，各组互不重叠。没有含居民网格的社区不参与分组（left_out）。"
)

func sharedOut(sys crs.System, p siting.SharedPlan) sharedAnswer {
	out := sharedAnswer{Level: string(p.Level), Minutes: num(p.Minutes), MinShare: num(p.MinShare), MaxGroup: p.MaxGroup,
		Groups: make([]sharedGroupJSON, len(p.Groups)), Communities: p.Communities, LeftOut: p.LeftOut,
		WithoutCentre: p.WithoutCentre, AdjacentPairs: p.AdjacentPairs, Candidates: p.Candidates, Grouped: p.Grouped,
		NewlyCovered: num(p.NewlyCovered), ByArea: p.ByArea, Note: sharedNote, NoteZH: sharedNoteZH}
	for i, g := range p.Groups {
		pt := outPair(sys, g.Point)
		gj := sharedGroupJSON{Lon: pt[0], Lat: pt[1], H3: g.H3, Community: g.Community,
			Members: make([]sharedMemberJSON, len(g.Members)), Population: num(g.Population), NewlyCovered: num(g.NewlyCovered)}
		for k, m := range g.Members {
			gj.Members[k] = sharedMemberJSON{Code: m.Code, Name: m.Name, HasCentre: m.HasCentre, Population: num(m.Population),
				Within: num(m.Within), Share: num(m.Share), NewlyCovered: num(m.NewlyCovered)}
		}
		out.Groups[i] = gj
	}
	return out
}

package report

import (
	"fmt"

	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/siting"
)

// compoundReachView is the compounds table of the network section: per level and for any
// station, the compounds within each threshold, with a station inside and reached by none.
type compoundReachView struct {
	Headline  string // "N stations cover M compounds …"
	Minutes   []string
	Rows      []compoundReachRow
	Compounds int
	Note      string
}

type compoundReachRow struct {
	Name                   string
	Stations, Inside, None int
	Within                 []int
}

// compoundReachOf formats in.Network.Compounds; nil when the district has no compounds.
func compoundReachOf(in Input, d dict) *compoundReachView {
	c := in.Network.Compounds
	if c.Compounds == 0 && c.WithoutPolygon == 0 {
		return nil
	}
	v := &compoundReachView{Compounds: c.Compounds}
	for _, r := range c.ByLevel {
		row := compoundReachRow{Name: d.target(in.Categories, engine.Target{Kind: engine.KindLevel, Key: r.Key}),
			Stations: r.Stations, Inside: r.WithStation, None: r.ReachedByNone}
		for _, w := range r.Within {
			row.Within = append(row.Within, w.Compounds)
			if len(v.Rows) == 0 {
				v.Minutes = append(v.Minutes, minuteLabel(w.Minutes))
			}
		}
		v.Rows = append(v.Rows, row)
		if r.Key == engine.AnyLevel && len(r.Within) > 0 {
			last := r.Within[len(r.Within)-1]
			v.Headline = fmt.Sprintf(d.T["compoundHeadline"], r.Stations, minuteLabel(last.Minutes), last.Compounds, c.Compounds)
		}
	}
	v.Note = d.T["compoundReachNote"]
	if c.WithoutPolygon > 0 {
		v.Note += fmt.Sprintf(d.T["compoundsNoPolygon"], c.WithoutPolygon)
	}
	return v
}

// sharedView is the shared-centre (多社区一中心) section.
type sharedView struct {
	Intro  string
	Counts string
	Groups []sharedGroupRow
	More   int
}

type sharedGroupRow struct {
	N                 int
	Site, Cell, Newly string
	Members           []sharedMemberRow
}

type sharedMemberRow struct {
	Code, Name, Centre, Population, Within, Share string
}

// sharedOf formats in.Shared; nil when it was not asked for.
func sharedOf(in Input, d dict) *sharedView {
	p := in.Shared
	if p == nil {
		return nil
	}
	v := &sharedView{
		Intro: fmt.Sprintf(d.T["sharedIntro"], d.level(p.Level), minuteLabel(p.Minutes), pct(p.MinShare), p.MaxGroup),
		Counts: fmt.Sprintf(d.T["sharedCounts"], p.Communities, p.WithoutCentre, p.AdjacentPairs, len(p.Groups), p.Grouped,
			count(p.NewlyCovered)),
	}
	if p.LeftOut > 0 {
		v.Counts += fmt.Sprintf(d.T["sharedLeftOut"], p.LeftOut)
	}
	for i, g := range p.Groups {
		if i == htmlTopN {
			v.More = len(p.Groups) - htmlTopN
			break
		}
		v.Groups = append(v.Groups, sharedGroupOf(i+1, g, d))
	}
	return v
}

func sharedGroupOf(n int, g siting.SharedGroup, d dict) sharedGroupRow {
	row := sharedGroupRow{N: n, Site: fmt.Sprintf("%.5f, %.5f", g.Point[0], g.Point[1]), Cell: g.H3, Newly: count(g.NewlyCovered)}
	for _, m := range g.Members {
		centre := d.T["no"]
		if m.HasCentre {
			centre = d.T["yes"]
		}
		row.Members = append(row.Members, sharedMemberRow{Code: m.Code, Name: m.Name, Centre: centre,
			Population: count(m.Population), Within: count(m.Within), Share: pct(m.Share)})
	}
	return row
}

package report

import (
	"fmt"
	"html/template"
	"math"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
)

// htmlTopN is how many rows the HTML shows of the ranked lists (gaps, communities without
// a station, compounds far from one); the CSV and GeoJSON files hold them all.
const htmlTopN = 20

// page is everything the HTML template shows, already formatted in the report's language.
type page struct {
	Lang, Title, Generated, Attribution string
	T                                   map[string]string
	CSS                                 template.CSS
	Summary                             summaryView
	Findings                            *findingsView // nil: the data health check was not run
	LevelHeads                          []string
	Streets                             []streetRow
	NoStation                           []refRow
	NoStationMore                       int
	Compounds                           []compoundRow
	CompoundsMore                       int
	Coverage                            coverageView
	Gaps                                gapsView
	Standards                           *standardsView
	CompoundReach                       *compoundReachView // nil: no compounds
	Shared                              *sharedView        // nil: not asked for
	Grids                               *gridsView         // nil: no grids
	Supply                              *supplyView        // nil: not collected
	Sec                                 sectionNumbers
	NetworkMap, TimeMap                 template.HTML
	Method                              string
}

type summaryView struct {
	Formula                          string
	Levels                           []levelRow
	Within                           []withinRow
	Residents                        string
	ByArea                           bool
	Streets, StreetsWithoutCentre    int
	Communities, CommunitiesNoStn    int
	CompoundsBeyond, OSMReview, Cell int
}

type levelRow struct {
	Tier, Name string
	Count      int
}

type withinRow struct{ Minutes, Population, Share string }

type streetRow struct {
	Code, Name, Centre         string
	HasCentre                  bool
	Levels                     []int
	Communities                string
	Population, Within, Share  string
	CommunitiesWithoutStations bool
}

type refRow struct{ Code, Name, Street, Population string }

type compoundRow struct{ ID, Name, Community, Households, Minutes string }

type coverageView struct {
	Minutes                  []string
	Levels, Categories       []coverageRow
	LevelChart, CategoryChrt template.HTML
}

type coverageRow struct {
	Name       string
	Facilities int
	Shares     []string
	ByArea     bool
}

type gapsView struct {
	Heading string
	Rows    []gapRow
	More    int
}

type gapRow struct {
	Rank                                        int
	Kind, Code, Name, Population, Beyond, Share string
	Cells                                       int
	ByArea                                      bool
}

type standardsView struct {
	Rules, Share string
	ByRule       []ruleSummary
	Rows         []complianceRow
	District     []ruleRow
}

type ruleSummary struct {
	Circle, Name                        string
	Passed, Failed, Warned, NotAssessed int
}

type complianceRow struct {
	Code, Name                  string
	Passed, Failed, NotAssessed int
	Failing                     string
}

type ruleRow struct{ Name, Value, Threshold, Verdict string }

// newPage formats in for the template.
func newPage(in Input, d dict) page {
	p := page{Lang: "zh-CN", T: d.T, Title: in.Title, Attribution: d.attribution(in.Attribution)}
	if d.lang == LangEN {
		p.Lang = "en"
	}
	if p.Title == "" {
		p.Title = d.T["defaultTitle"]
	}
	if !in.Generated.IsZero() {
		p.Generated = in.Generated.Format("2006-01-02 15:04")
	}
	p.Summary = summaryOf(in, d)
	p.Findings = findingsOf(in, d)
	for _, l := range geo.Levels() {
		p.LevelHeads = append(p.LevelHeads, l.Tier()+" "+d.T["short_"+string(l)])
	}
	p.Streets = streetRows(in.Network)
	p.NoStation, p.NoStationMore = noStationRows(in, d)
	p.Compounds, p.CompoundsMore = compoundRows(in, d)
	p.Coverage = coverageOfInput(in, d)
	p.Gaps = gapsOf(in, d)
	p.Standards = standardsOf(in, d)
	p.CompoundReach = compoundReachOf(in, d)
	p.Shared = sharedOf(in, d)
	p.Grids = gridsOf(in, d)
	c := mapCanvas(in.Engine)
	p.Supply = supplyOf(in, d, c)
	p.Sec = numberSections(p)
	p.NetworkMap = networkMap(in, d, c)
	p.TimeMap = timeMap(in, d, c)
	p.Method = methodNote(in.Engine, d)
	return p
}

// sectionNumbers are the numbers of the sections after the seventh, which are there only
// when they have something to show (0: left out).
type sectionNumbers struct{ Grids, Supply, Shared int }

// numberSections numbers the optional sections in their order after section 7.
func numberSections(p page) sectionNumbers {
	var s sectionNumbers
	n := 7
	next := func(on bool) int {
		if !on {
			return 0
		}
		n++
		return n
	}
	s.Grids = next(p.Grids != nil)
	s.Supply = next(p.Supply != nil)
	s.Shared = next(p.Shared != nil)
	return s
}

// summaryOf is the first section: the formula, counts by level and the residents within
// 5, 10 and 15 minutes of any station.
func summaryOf(in Input, d dict) summaryView {
	n := in.Network
	s := summaryView{Formula: n.Formula, OSMReview: n.OSMStationsToReview, Streets: len(n.Streets),
		StreetsWithoutCentre: len(n.StreetsWithoutCentre), Communities: len(in.Engine.Communities),
		CommunitiesNoStn: len(n.CommunitiesWithoutStation), CompoundsBeyond: len(n.CompoundsBeyond5Min),
		Cell: len(in.Engine.Cells)}
	for _, l := range n.Levels {
		s.Levels = append(s.Levels, levelRow{Tier: l.Tier, Name: d.level(l.Level), Count: l.Count})
	}
	var total float64
	for _, c := range in.Engine.Cells {
		total += c.Population
	}
	s.Residents, s.ByArea = count(total), !(total > 0)
	for _, w := range n.WithinByLevel {
		if w.Key == engine.AnyLevel {
			s.Within = append(s.Within, withinRow{Minutes: minuteLabel(w.Minutes), Population: count(w.Population), Share: pct(w.Share)})
		}
	}
	return s
}

// streetRows is the per-street network table.
func streetRows(n assess.NetworkReport) []streetRow {
	var rows []streetRow
	for _, s := range n.Streets {
		r := streetRow{Code: s.Code, Name: s.Name, HasCentre: s.HasCentre,
			Communities:                fmt.Sprintf("%d / %d", s.CommunitiesWithStation, s.Communities),
			CommunitiesWithoutStations: s.CommunitiesWithStation < s.Communities,
			Population:                 count(s.Population), Within: count(s.PopulationWithin15), Share: "—"}
		if s.Population > 0 {
			r.Share = pct(s.PopulationWithin15 / s.Population)
		}
		for _, l := range geo.Levels() {
			r.Levels = append(r.Levels, s.Stations[l])
		}
		rows = append(rows, r)
	}
	return rows
}

// noStationRows lists the first communities without a community or compound station,
// and how many more there are.
func noStationRows(in Input, d dict) ([]refRow, int) {
	streets := map[string]string{}
	for _, s := range in.Network.Streets {
		streets[s.Code] = s.Name
	}
	var rows []refRow
	for i, c := range in.Network.CommunitiesWithoutStation {
		if i == htmlTopN {
			return rows, len(in.Network.CommunitiesWithoutStation) - htmlTopN
		}
		rows = append(rows, refRow{Code: c.Code, Name: c.Name, Street: streets[c.StreetCode], Population: count(c.Population)})
	}
	return rows, 0
}

// compoundRows lists the first compounds more than 5 minutes from any station.
func compoundRows(in Input, d dict) ([]compoundRow, int) {
	var rows []compoundRow
	for i, k := range in.Network.CompoundsBeyond5Min {
		if i == htmlTopN {
			return rows, len(in.Network.CompoundsBeyond5Min) - htmlTopN
		}
		m := minutes(k.Minutes, in.Engine.Options.MaxMinutes)
		if math.IsNaN(k.Minutes) {
			m = fmt.Sprintf(d.T["unreached"], minuteLabel(in.Engine.Options.MaxMinutes))
		}
		hh := "—" // households not known
		if k.Households > 0 {
			hh = count(float64(k.Households))
		}
		rows = append(rows, compoundRow{ID: k.ID, Name: k.Name, Community: k.CommunityCode, Households: hh, Minutes: m})
	}
	return rows, 0
}

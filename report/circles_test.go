package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/report"
)

// TestCollectCircle: a circle of one facility met by any station level covers, at each
// threshold, exactly the residents any station covers, and the report names it in its
// coverage table.
func TestCollectCircle(t *testing.T) {
	e := fixtureEngine(t)
	var levels []engine.Target
	for _, l := range geo.Levels() {
		levels = append(levels, engine.Target{Kind: engine.KindLevel, Key: string(l)})
	}
	c := assess.Circle{Key: "party", NameZH: "党群测试圈", NameEN: "party test circle", Minutes: 15,
		Facilities: []assess.CircleFacility{{Key: "station", Targets: levels}}}
	in, err := report.Collect(e, report.CollectOptions{Circles: []assess.Circle{c}})
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, got := range in.Coverage {
		if got.Target != c.Target() {
			continue
		}
		found++
		want, err := assess.Coverage(e, assess.CoverageQuery{Target: engine.Target{Kind: engine.KindLevel, Key: engine.AnyLevel}, Minutes: got.Minutes})
		if err != nil {
			t.Fatal(err)
		}
		if got.Total.PopulationWithin != want.Total.PopulationWithin {
			t.Errorf("%g min: circle %v residents within, any station %v", got.Minutes, got.Total.PopulationWithin, want.Total.PopulationWithin)
		}
	}
	if found != 3 {
		t.Errorf("%d circle coverage reports, want one per threshold (3)", found)
	}
	for _, lang := range []string{report.LangZH, report.LangEN} {
		in.Lang = lang
		var buf bytes.Buffer
		if err := report.HTML(&buf, in); err != nil {
			t.Fatal(err)
		}
		name := map[string]string{report.LangZH: c.NameZH, report.LangEN: c.NameEN}[lang]
		if !strings.Contains(buf.String(), name) {
			t.Errorf("%s report does not name the circle %q", lang, name)
		}
	}
}

package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/lifecircle/lifecircle/report"
)

// TestHTMLGridsSection: with grids the report has a grids section listing each grid with
// its verdict and the communities grids leave uncovered (C1's east 400 m, C2 and C3);
// without grids (TestHTML's golden) there is none.
func TestHTMLGridsSection(t *testing.T) {
	d := fixtureData()
	d.Grids = []geo.Grid{
		{Code: "G1", Name: "南一网格", CommunityCode: codeC1, Households: 1200, Workers: 2, WorkersGiven: true, Polygon: rect(0, -150, 1600, 150)},
		{Code: "G2", Name: "南二网格", CommunityCode: codeC1, Workers: 0, WorkersGiven: true, Polygon: rect(1600, -150, 1800, 150)},
	}
	in := collect(t, engineOf(t, d), fixture.Standards(t))
	var err error
	if in.Categories, err = geo.ParseCategories(data.Categories()); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := report.HTML(&b, in); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, want := range []string{`<section id="grids">`, "网格与网格员", "南一网格", "提示", "南二网格", "无网格员", "未被网格完全覆盖的社区", "远村", "每名网格员服务户数"} {
		if !strings.Contains(html, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	// the map: G1 has 1200 households for 2 workers, 600 each, beyond one and a half
	// times the bundled bound of 300 (the darkest class); G2 has no worker
	for _, want := range []string{`<path class="gd g3" d="M`, "<title>南一网格 G1：每名网格员 600 户</title>", `<path class="gd g4" d="M`, "网格图", "无网格员"} {
		if !strings.Contains(html, want) {
			t.Errorf("the grid map lacks %q", want)
		}
	}
	for _, w := range englishWords(visibleText(html)) {
		t.Errorf("English in the Chinese grids report: %s", w)
	}
	if in.Grids == nil || len(in.Grids.Uncovered) != 3 {
		t.Errorf("uncovered communities %+v, want C1, C2 and C3", in.Grids)
	}
	var plain bytes.Buffer
	if err := report.HTML(&plain, fixtureInput(t, "zh")); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), `id="grids"`) {
		t.Error("a district without grids has a grids section")
	}
}

package report_test

import (
	"bytes"
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/supply"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/lifecircle/lifecircle/report"
)

// TestHTMLSupplySection: the supply section shows, for the district, each street and each
// community, the floor area per 100 households and the staff per 1 000 households that
// assess.Supply — what GET /api/v1/supply answers — gives for 15 minutes, each with its
// verdict, and a map with a legend; without the service-area ratio it says so; without
// standards there is no section.
func TestHTMLSupplySection(t *testing.T) {
	in := fixtureInput(t, report.LangEN)
	rules := fixture.Standards(t)
	html := render(t, in)
	for _, res := range []struct {
		resource string
		decimals int
		column   int // which value cell of the row: 0 floor area, 1 staff
	}{{assess.ResourceFloorArea, 1, 0}, {assess.ResourceStaff, 2, 1}} {
		rep, err := assess.Supply(context.Background(), in.Engine, assess.SupplyQuery{Minutes: 15, Method: supply.Method2SFCA, Resource: res.resource}, rules)
		if err != nil {
			t.Fatal(err)
		}
		units := append(append([]assess.SupplyUnit{rep.Total}, rep.Streets...), rep.Communities...)
		for _, u := range units {
			name := u.Name
			if u.Scope == "district" {
				name = "district"
			}
			got, verdict := supplyRowValues(t, html, name, res.column)
			want := strconv.FormatFloat(u.PerHouseholds, 'f', res.decimals, 64)
			if u.CellsReachingUnknown > 0 {
				want = "≥ " + want
			}
			if u.Verdict == supply.VerdictUnknown {
				want = "—"
			}
			if got != want {
				t.Errorf("%s %s: the report shows %q, assess.Supply gives %q", res.resource, name, got, want)
			}
			if wantV := map[supply.Verdict]string{supply.VerdictPass: "pass", supply.VerdictFail: "fail", supply.VerdictWarn: "warning", supply.VerdictUnknown: "not assessed"}[u.Verdict]; verdict != wantV {
				t.Errorf("%s %s: verdict %q, want %q", res.resource, name, verdict, wantV)
			}
		}
	}
	for _, want := range []string{`<section id="supply">`, "8 Service space and staff within reach", "T = 15 min", "2SFCA", `<path class="a`, "Floor area within 15 min walk", "standard ≥ 30"} {
		if !strings.Contains(html, want) {
			t.Errorf("the supply section lacks %q", want)
		}
	}

	noFloor := collect(t, fixtureEngine(t), fixture.StandardsWithRatio(t, assess.RatioServiceAreaPer100Households, nil))
	noFloor.Lang = report.LangEN
	if h := render(t, noFloor); !strings.Contains(h, "The standards have no ratio service_area_per_100_households") {
		t.Error("without the service-area ratio the section does not say so")
	}
	if h := render(t, collect(t, fixtureEngine(t), nil)); strings.Contains(h, `id="supply"`) {
		t.Error("a report without standards has a supply section")
	}
}

// supplyRowValues returns the value cell (0 floor area, 1 staff) and its verdict of the
// supply table's row named name.
func supplyRowValues(tb testing.TB, html, name string, column int) (string, string) {
	tb.Helper()
	sec := html[strings.Index(html, `<section id="supply">`):]
	re := regexp.MustCompile(`<td class="nw">` + regexp.QuoteMeta(name) + `</td><td class="num">[^<]*</td><td class="num">[^<]*</td>` +
		`<td class="num">([^<]*)</td><td class="nw[^"]*">([^<]*)</td><td class="num">([^<]*)</td><td class="nw[^"]*">([^<]*)</td>`)
	m := re.FindStringSubmatch(sec)
	if m == nil {
		tb.Fatalf("no supply row for %s", name)
	}
	return m[1+2*column], m[2+2*column]
}

func render(tb testing.TB, in report.Input) string {
	tb.Helper()
	var b bytes.Buffer
	if err := report.HTML(&b, in); err != nil {
		tb.Fatal(err)
	}
	return b.String()
}

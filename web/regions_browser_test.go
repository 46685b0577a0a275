package web_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/lifecircle/lifecircle/api"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/internal/synth"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
	"github.com/paulmach/orb"
)

// site is one region of the two-region server: its code, its district's name, where its
// synthetic district lies (WGS84) and a walk node near its middle to click at.
type site struct {
	Region geo.Region
	Name   string
	Bound  orb.Bound
	Click  orb.Point
}

// regionShift is how far east region B's district lies from A's (degrees, about 9.6 km:
// more than any walk, so neither region's halo reaches the other).
const regionShift = 0.1

// startRegionsServer stores two synthetic districts as regions 510104 (A) and 510105 (B)
// of one PostGIS database, each with a district boundary around it, computes both, and
// serves them the way lifecircle serve does (Store and StoreFor); it returns the URL.
func startRegionsServer(tb testing.TB) (string, site, site) {
	tb.Helper()
	db, _ := postgistest.New(tb)
	sites := []site{{Region: "510104", Name: "测试甲区"}, {Region: "510105", Name: "测试乙区"}}
	for i := range sites {
		o := synth.DefaultOrigin()
		d, err := synth.Generate(synth.Config{Seed: 7, Nodes: synth.MinNodes, Origin: orb.Point{o[0] + float64(i)*regionShift, o[1]}})
		if err != nil {
			tb.Fatal(err)
		}
		sites[i].Bound, sites[i].Click = d.Bound(), middleNode(d)
		rdb := db.InRegion(sites[i].Region)
		importDistrict(tb, rdb, sites[i])
		seed(tb, rdb, d)
	}
	o := serverOptions(tb, db)
	o.StoreFor = func(r geo.Region) api.Store { return db.InRegion(r) }
	srv, err := api.New(o)
	if err != nil {
		tb.Fatal(err)
	}
	for _, s := range sites {
		if _, err := srv.RecomputeRegion(context.Background(), s.Region, false); err != nil {
			tb.Fatalf("compute region %s: %v", s.Region, err)
		}
	}
	return listen(tb, srv), sites[0], sites[1]
}

// importDistrict stores the site's district: its code and name, its boundary 300 m
// (0.003°) around the synthetic district.
func importDistrict(tb testing.TB, db *postgis.DB, s site) {
	tb.Helper()
	m := 0.003
	b := orb.Bound{Min: orb.Point{s.Bound.Min[0] - m, s.Bound.Min[1] - m}, Max: orb.Point{s.Bound.Max[0] + m, s.Bound.Max[1] + m}}
	d := geo.District{Code: string(s.Region), Name: s.Name, Level: "district", Source: "file", Boundary: orb.MultiPolygon{b.ToPolygon()}}
	batch := postgis.Batch{Kind: "districts", FileName: "districts.geojson", Mode: postgis.ModeReplace, CRS: "wgs84"}
	if _, err := db.ImportDistricts(context.Background(), batch, []geo.District{d}, postgis.ImportOptions{}); err != nil {
		tb.Fatal(err)
	}
}

// TestBrowserRegions serves two regions and checks the map's region picker: it lists
// both and opens on the first; choosing B sends region=B with every API call, keeps it
// in the address and shows B's cells where B lies; a click in A answers for A and the
// picker follows; a link with ?region=B opens B; a region the server does not hold is
// said, with the server's own list of regions.
func TestBrowserRegions(t *testing.T) {
	requireBrowserTest(t)
	base, a, b := startRegionsServer(t)
	br := openMap(t, base)

	br.runSteps(t, []step{
		{"picker lists both regions", func(t *testing.T, br *browser) { checkPicker(t, br, a, b) }},
		{"choosing B sends region=B", func(t *testing.T, br *browser) { checkChooseRegion(t, br, a, b) }},
		{"a click in A follows it", func(t *testing.T, br *browser) { checkClickFollows(t, br, a, b) }},
		{"a link opens its region", func(t *testing.T, br *browser) {
			br.do(t, 90*time.Second, chromedp.Navigate(base+"/?region="+string(b.Region)))
			br.wait(t, `document.body.dataset.ready === 'true'`)
			br.waitLayer(t, "cells")
			if got := evalJS[string](t, br, `document.getElementById('region').value`); got != string(b.Region) {
				t.Errorf("the picker shows %q on a link to region %s", got, b.Region)
			}
			checkCellsIn(t, br, b, a)
		}},
	})
	// Last: the server's 400 makes the page log a failed load, which runSteps counts.
	t.Run("an unknown region is said", func(t *testing.T) { checkUnknownRegion(t, br, base, a, b) })
}

// checkPicker: the picker is shown with A and B by name, the page opened on A (the
// first), says so in its address, and shows A's cells.
func checkPicker(t *testing.T, br *browser, a, b site) {
	if evalJS[bool](t, br, `document.getElementById('region-field').hidden`) {
		t.Fatal("the region picker is hidden with two regions")
	}
	type option struct{ Value, Label string }
	opts := evalJS[[]option](t, br, `[...document.querySelectorAll('#region option')].map((o) => ({ Value: o.value, Label: o.textContent }))`)
	if len(opts) != 2 || opts[0].Value != string(a.Region) || opts[1].Value != string(b.Region) ||
		!strings.Contains(opts[0].Label, a.Name) || !strings.Contains(opts[1].Label, b.Name) {
		t.Errorf("picker options %+v, want %s %s and %s %s", opts, a.Name, a.Region, b.Name, b.Region)
	}
	if got := evalJS[string](t, br, `document.getElementById('region').value`); got != string(a.Region) {
		t.Errorf("the picker opened on %q, want the first region %s", got, a.Region)
	}
	if got := pageRegion(t, br); got != string(a.Region) {
		t.Errorf("the address says region=%q, want %s", got, a.Region)
	}
	checkCellsIn(t, br, a, b)
}

// checkChooseRegion picks B: every API call made since names region=B (the page's own
// record of its requests), the address says B, and B's cells are shown where B lies with
// the map over B.
func checkChooseRegion(t *testing.T, br *browser, a, b site) {
	evalJS[bool](t, br, `(performance.setResourceTimingBufferSize(10000), performance.clearResourceTimings(), true)`)
	evalJS[bool](t, br, fmt.Sprintf(`(() => { const s = document.getElementById('region'); s.value = %q;
		s.dispatchEvent(new Event('change')); return true; })()`, b.Region))
	br.wait(t, fmt.Sprintf(`document.body.dataset.region === %q`, b.Region))
	br.waitLayer(t, "cells")
	calls := apiCalls(t, br)
	seen := map[string]bool{}
	for _, c := range calls {
		seen[c.Path] = true
		if c.Region != string(b.Region) {
			t.Errorf("%s was asked with region=%q, want %s", c.URL, c.Region, b.Region)
		}
	}
	for _, p := range []string{"/api/v1/stations", "/api/v1/outlets", "/api/v1/communities", "/api/v1/coverage/cells", "/api/v1/coverage"} {
		if !seen[p] {
			t.Errorf("choosing region B made no call of %s (calls: %+v)", p, calls)
		}
	}
	if got := pageRegion(t, br); got != string(b.Region) {
		t.Errorf("the address says region=%q after choosing %s", got, b.Region)
	}
	checkCellsIn(t, br, b, a)
	c := evalJS[[2]float64](t, br, `(() => { const c = window.lifecircle.map.getCenter(); return [c.lng, c.lat]; })()`)
	if !b.Bound.Contains(orb.Point(c)) {
		t.Errorf("the map is centred at %v, not over region B %v", c, b.Bound)
	}
}

// checkClickFollows moves the map to A (B still chosen) and clicks there: the nearest
// query names no region, the answer says it lies in A, and the picker, the address and
// the cells follow A.
func checkClickFollows(t *testing.T, br *browser, a, b site) {
	evalJS[bool](t, br, fmt.Sprintf(`(window.lifecircle.map.jumpTo({ center: [%f, %f], zoom: 15 }), performance.clearResourceTimings(), true)`, a.Click[0], a.Click[1]))
	br.waitIdle(t)
	br.clickLonLat(t, a.Click[0], a.Click[1])
	br.wait(t, `document.querySelectorAll('#results li.result').length > 0`)
	br.wait(t, fmt.Sprintf(`document.body.dataset.region === %q`, a.Region))
	br.waitLayer(t, "cells")
	if got := evalJS[string](t, br, `document.querySelector('#results .answer-region')?.textContent ?? ''`); !strings.Contains(got, a.Name) {
		t.Errorf("the answer's region line %q does not name region A (%s)", got, a.Name)
	}
	for _, c := range apiCalls(t, br) {
		if c.Path == "/api/v1/nearest" && c.Region != "" {
			t.Errorf("the click asked %s: a point query should let the server find the point's region", c.URL)
		}
	}
	if got := evalJS[string](t, br, `document.getElementById('region').value`); got != string(a.Region) {
		t.Errorf("the picker shows %q after a click in region A (%s)", got, a.Region)
	}
	if got := pageRegion(t, br); got != string(a.Region) {
		t.Errorf("the address says region=%q after a click in region A", got)
	}
	checkCellsIn(t, br, a, b)
}

// checkUnknownRegion opens a link to a region the server does not hold: the page says
// the API's error, which names the regions there are.
func checkUnknownRegion(t *testing.T, br *browser, base string, a, b site) {
	br.do(t, 90*time.Second, chromedp.Navigate(base+"/?region=510199"))
	br.wait(t, `document.body.dataset.ready === 'true'`)
	st := evalJS[string](t, br, `document.getElementById('status').textContent`)
	if !evalJS[bool](t, br, `document.getElementById('status').classList.contains('error')`) {
		t.Errorf("status %q is not shown as an error", st)
	}
	for _, want := range []string{"510199", string(a.Region), string(b.Region)} {
		if !strings.Contains(st, want) {
			t.Errorf("status %q does not name %s", st, want)
		}
	}
	if got := evalJS[string](t, br, `document.getElementById('region').value`); got != "510199" {
		t.Errorf("the picker shows %q, want the region asked for, said unknown", got)
	}
}

// apiCall is one request of the page to /api/v1/…, from its resource timing entries.
type apiCall struct{ URL, Path, Region string }

// apiCalls lists the page's requests to /api/v1/ since the entries were last cleared.
func apiCalls(t *testing.T, br *browser) []apiCall {
	t.Helper()
	urls := evalJS[[]string](t, br, `performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/api/v1/'))`)
	out := make([]apiCall, 0, len(urls))
	for _, s := range urls {
		u, err := url.Parse(s)
		if err != nil {
			t.Fatalf("the page asked %q: %v", s, err)
		}
		out = append(out, apiCall{URL: s, Path: u.Path, Region: u.Query().Get("region")})
	}
	return out
}

// pageRegion is the region= of the page's address.
func pageRegion(t *testing.T, br *browser) string {
	t.Helper()
	return evalJS[string](t, br, `new URLSearchParams(location.search).get('region') ?? ''`)
}

// checkCellsIn checks that the coverage cells on the map are in, and its, extent and
// none lies in other's (H3 cells reach a little beyond the district: 0.01° of slack).
func checkCellsIn(t *testing.T, br *browser, in, other site) {
	t.Helper()
	js := `window.lifecircle.map.getSource('cells').getData().then((d) => {
		let b = null, n = 0;
		const add = (p) => { if (typeof p[0] !== 'number') { p.forEach(add); return; }
			b = b ? [Math.min(b[0], p[0]), Math.min(b[1], p[1]), Math.max(b[2], p[0]), Math.max(b[3], p[1])] : [p[0], p[1], p[0], p[1]]; };
		for (const f of d.features) { n++; add(f.geometry.coordinates); }
		return { N: n, Box: b ?? [0, 0, 0, 0] }; })`
	type extent struct {
		N   int
		Box [4]float64
	}
	ctx, cancel := context.WithTimeout(br.ctx, 30*time.Second)
	defer cancel()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[extent](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("extent of the cells: %v", err)
	}
	slack := 0.01
	want := orb.Bound{Min: orb.Point{in.Bound.Min[0] - slack, in.Bound.Min[1] - slack}, Max: orb.Point{in.Bound.Max[0] + slack, in.Bound.Max[1] + slack}}
	box := orb.Bound{Min: orb.Point{got.Box[0], got.Box[1]}, Max: orb.Point{got.Box[2], got.Box[3]}}
	if got.N == 0 || !want.Contains(box.Min) || !want.Contains(box.Max) {
		t.Errorf("%d cells span %v, want cells within region %s's %v", got.N, box, in.Region, in.Bound)
	}
	if box.Intersects(other.Bound) {
		t.Errorf("cells span %v, reaching region %s's %v", box, other.Region, other.Bound)
	}
}

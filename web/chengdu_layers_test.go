package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
)

// The supply the Chengdu test gives the demo's illustrative stations (floor area m²,
// staff) by level, so that the supply layer has something to show.
var demoSupply = map[geo.Level]struct {
	area  float64
	staff int
}{
	geo.LevelDistrict: {3000, 30}, geo.LevelStreet: {1500, 15}, geo.LevelCommunity: {600, 6},
	geo.LevelCompound: {200, 2}, geo.LevelBuilding: {80, 1},
}

// demoGridWorkers are the grid workers of the test's first grids; the others have two.
// Every grid has a worker and at most 200 households per worker (the health check's
// findings stay those of the demo).
var demoGridWorkers = []int{3, 2, 1}

// addSupplyAndGrids records floor area and staff for the demo's stations (kept
// illustrative) and imports one grid (网格) for each community, drawn as the community's
// boundary (so that no community is left uncovered by grids).
func addSupplyAndGrids(t *testing.T, db *postgis.DB) {
	t.Helper()
	ctx := context.Background()
	sts, err := db.Stations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range sts {
		s := demoSupply[sts[i].Level]
		sts[i].FloorAreaM2, sts[i].Staff = s.area, s.staff
	}
	b := postgis.Batch{Kind: "stations", FileName: "supply-test", Mode: postgis.ModeUpsert, Source: "illustrative", Read: len(sts)}
	if _, err := db.ImportStations(ctx, b, sts, postgis.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	cs, err := db.Communities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var gs []geo.Grid
	for _, c := range cs {
		if len(c.Boundary) == 0 {
			continue
		}
		i, workers := len(gs), 2
		if i < len(demoGridWorkers) {
			workers = demoGridWorkers[i]
		}
		gs = append(gs, geo.Grid{Code: fmt.Sprintf("G%03d", i+1), Name: fmt.Sprintf("测试网格%d", i+1), CommunityCode: c.Code,
			Households: 150 + 50*(i%6), Workers: workers, WorkersGiven: true, Polygon: c.Boundary})
	}
	gb := postgis.Batch{Kind: "grids", FileName: "grids-test", Mode: postgis.ModeReplace, Read: len(gs)}
	if _, err := db.ImportGrids(ctx, gb, gs, postgis.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
}

// getJSON decodes the JSON answer of GET url into v.
func getJSON(t testing.TB, u string, v any) {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", u, res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
}

// evalAsync evaluates a JavaScript expression giving a promise and returns its value.
func evalAsync[T any](t testing.TB, b *browser, js string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// choose picks the value of the target selector and waits for the map to load it.
func choose(t testing.TB, b *browser, value string) {
	t.Helper()
	evalJS[bool](t, b, fmt.Sprintf(`(() => { const s = document.getElementById('target'); s.value = %q;
		s.dispatchEvent(new Event('change')); return true; })()`, value))
	b.wait(t, `document.getElementById('status').textContent === ''`)
	b.waitIdle(t)
}

// sourceCounts returns how many features a GeoJSON source of the map holds and how many
// of them pass the JavaScript predicate keep (on the feature's properties p).
func sourceCounts(t testing.TB, b *browser, source, keep string) [2]int {
	t.Helper()
	return evalAsync[[2]int](t, b, fmt.Sprintf(`window.lifecircle.map.getSource(%q).getData().then((d) =>
		[d.features.length, d.features.filter((f) => ((p) => %s)(f.properties)).length])`, source, keep))
}

type cellMinutes struct {
	Features []struct {
		Properties struct {
			Minutes *float64 `json:"minutes"`
			Value   *float64 `json:"value"`
		} `json:"properties"`
	} `json:"features"`
}

// checkCircle picks the 15-minute health service circle: the selector offers every circle
// of GET /api/v1/circles, the map's minutes become the circle's, the legend names it, the
// cells drawn are the API's (count, and those within the minutes), and a click lists the
// circle's facilities each with the nearest the API gives from the clicked point.
func checkCircle(t *testing.T, b *browser, base string) {
	var circles struct {
		Circles []struct {
			Key     string  `json:"key"`
			NameZH  string  `json:"name_zh"`
			Minutes float64 `json:"minutes"`
		} `json:"circles"`
	}
	getJSON(t, base+"/api/v1/circles", &circles)
	if n := evalJS[int](t, b, `document.querySelectorAll('#target option[value^="circle:"]').length`); n != len(circles.Circles) || n == 0 {
		t.Errorf("the selector offers %d circles, the API lists %d", n, len(circles.Circles))
	}
	c := circles.Circles[0]
	choose(t, b, "circle:"+c.Key)
	b.waitLayer(t, "cells")
	if got := evalJS[string](t, b, `document.getElementById('minutes').value`); got != strconv.FormatFloat(c.Minutes, 'f', -1, 64) {
		t.Errorf("minutes %q after choosing %s, want the circle's %g", got, c.Key, c.Minutes)
	}
	if got := evalJS[string](t, b, `document.querySelector('#legend .legend-explain').textContent`); !strings.Contains(got, c.NameZH) {
		t.Errorf("legend %q does not name the circle %s", got, c.NameZH)
	}
	var cells cellMinutes
	getJSON(t, base+"/api/v1/coverage/cells?circle="+c.Key, &cells)
	within := 0
	for _, f := range cells.Features {
		if m := f.Properties.Minutes; m != nil && *m <= c.Minutes {
			within++
		}
	}
	got := sourceCounts(t, b, "cells", fmt.Sprintf(`typeof p.minutes === 'number' && p.minutes <= %g`, c.Minutes))
	t.Logf("circle %s: %d cells, %d within %g min", c.Key, got[0], got[1], c.Minutes)
	if got != [2]int{len(cells.Features), within} || within == 0 {
		t.Errorf("the map holds %d cells, %d within %g min; the API: %d, %d", got[0], got[1], c.Minutes, len(cells.Features), within)
	}
	checkCircleNearest(t, b, base, c.Key)
	saveScreenshot(t, "screenshots/chengdu-circle.png", b.screenshot(t, "body"))
	choose(t, b, "level:any")
}

// checkCircleNearest clicks the middle of the map and compares the facilities listed with
// GET /api/v1/nearest?circle= from the point the page clicked.
func checkCircleNearest(t *testing.T, b *browser, base, key string) {
	at := evalJS[[2]float64](t, b, `(() => { const c = window.lifecircle.map.getCenter(); return [c.lng, c.lat]; })()`)
	b.clickLonLat(t, at[0], at[1])
	b.wait(t, `document.querySelectorAll('#results li.circle-facility').length > 0`)
	b.waitIdle(t)
	clicked := evalAsync[[2]float64](t, b, `window.lifecircle.map.getSource('clicked').getData().then((d) => d.features[0].geometry.coordinates)`)
	var ans struct {
		Facilities []struct {
			Facility string `json:"facility"`
			Results  []struct {
				ID string `json:"id"`
			} `json:"results"`
		} `json:"facilities"`
	}
	q := url.Values{"circle": {key}, "k": {"1"}, "lon": {strconv.FormatFloat(clicked[0], 'f', -1, 64)}, "lat": {strconv.FormatFloat(clicked[1], 'f', -1, 64)}}
	getJSON(t, base+"/api/v1/nearest?"+q.Encode(), &ans)
	type row struct{ Facility, ID string }
	rows := evalJS[[]row](t, b, `[...document.querySelectorAll('#results li.circle-facility')].map((e) => ({ Facility: e.dataset.facility, ID: e.dataset.id }))`)
	if len(rows) != len(ans.Facilities) {
		t.Fatalf("the page lists %d facilities of the circle, the API %d", len(rows), len(ans.Facilities))
	}
	for i, f := range ans.Facilities {
		want := row{Facility: f.Facility}
		if len(f.Results) > 0 {
			want.ID = f.Results[0].ID
		}
		if rows[i] != want {
			t.Errorf("facility %d: the page lists %+v, the API %+v", i, rows[i], want)
		}
	}
}

type supplyTotal struct {
	Total struct {
		PerHouseholds *float64 `json:"per_households"`
	} `json:"total"`
	Rule struct {
		Min float64 `json:"min"`
	} `json:"rule"`
}

// checkSupply switches the supply layer on: for floor area and then staff, the cells the
// map holds are those of GET /api/v1/supply/cells (count, and those reaching some supply),
// the legend states the unit and the district's figure per 100 or 1 000 households of GET
// /api/v1/supply.
func checkSupply(t *testing.T, b *browser, base string) {
	b.do(t, 10*time.Second, chromedp.Click(chromedp.CSS(`[data-tab="layers"]`)), chromedp.Click(chromedp.CSS(`#layer-supply`)))
	for _, c := range []struct{ resource, title, unit string }{
		{"floor_area", "服务面积", "m²/人"}, {"staff", "工作人员", "人/千人"},
	} {
		evalJS[bool](t, b, fmt.Sprintf(`(() => { const s = document.getElementById('supply-resource'); s.value = %q;
			s.dispatchEvent(new Event('change')); return true; })()`, c.resource))
		b.wait(t, fmt.Sprintf(`(document.querySelector('#legend .supply-title')?.textContent ?? '').includes(%q)`, c.title))
		b.waitLayer(t, "supply-cells")
		minutes := evalJS[string](t, b, `document.getElementById('minutes').value`)
		var cells cellMinutes
		getJSON(t, base+"/api/v1/supply/cells?resource="+c.resource+"&minutes="+minutes, &cells)
		some := 0
		for _, f := range cells.Features {
			if v := f.Properties.Value; v != nil && *v > 0 {
				some++
			}
		}
		got := sourceCounts(t, b, "supply", `typeof p.value === 'number' && p.value > 0`)
		if got != [2]int{len(cells.Features), some} || some == 0 {
			t.Errorf("%s: the map holds %d cells, %d reaching some; the API %d, %d", c.resource, got[0], got[1], len(cells.Features), some)
		}
		if unit := evalJS[string](t, b, `document.querySelector('#legend .supply-unit').textContent`); !strings.Contains(unit, c.unit) {
			t.Errorf("%s: legend unit %q, want %s", c.resource, unit, c.unit)
		}
		var sum supplyTotal
		getJSON(t, base+"/api/v1/supply?resource="+c.resource+"&minutes="+minutes, &sum)
		checkSupplyTotal(t, b, c.resource, sum)
	}
	saveScreenshot(t, "screenshots/chengdu-supply.png", b.screenshot(t, "body"))
	b.do(t, 10*time.Second, chromedp.Click(chromedp.CSS(`#layer-supply`)))
}

// checkSupplyTotal compares the legend's district figure with the API's.
func checkSupplyTotal(t *testing.T, b *browser, resource string, sum supplyTotal) {
	type total struct{ Value, Text string }
	got := evalJS[total](t, b, `(() => { const e = document.querySelector('#legend .supply-total'); return { Value: e.dataset.value ?? '', Text: e.textContent }; })()`)
	per := sum.Total.PerHouseholds
	if per == nil {
		t.Fatalf("%s: the API gives no district figure per households", resource)
	}
	v, err := strconv.ParseFloat(got.Value, 64)
	rounded, std := oneDecimal(*per), oneDecimal(sum.Rule.Min)
	t.Logf("%s: legend %q", resource, got.Text)
	if err != nil || v != *per || !strings.Contains(got.Text, rounded) || !strings.Contains(got.Text, "标准 "+std) {
		t.Errorf("%s: legend says %q (value %q); the API: %v per households, standard %s", resource, got.Text, got.Value, *per, std)
	}
}

// oneDecimal formats v as the page's num(v, 1) does for values below 1 000.
func oneDecimal(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// gridProps are the properties of a grid of GET /api/v1/grids the test reads.
type gridProps struct {
	Code                string   `json:"code"`
	Name                string   `json:"name"`
	Households          int      `json:"households"`
	Workers             *int     `json:"workers"`
	HouseholdsPerWorker *float64 `json:"households_per_worker"`
}

// checkGrids switches the grid layer on: it draws the grids of GET /api/v1/grids, and a
// click on one tells its households, workers, households per worker and the share of its
// residents within the minutes of GET /api/v1/coverage?unit=grid.
func checkGrids(t *testing.T, b *browser, base string) {
	var grids struct {
		Features []struct{ Properties gridProps }
	}
	getJSON(t, base+"/api/v1/grids?limit=1000", &grids)
	b.do(t, 10*time.Second, chromedp.Click(chromedp.CSS(`#layer-grids`)))
	b.wait(t, fmt.Sprintf(`window.lifecircle.state.grids?.features.length === %d`, len(grids.Features)))
	if got := sourceCounts(t, b, "grids", "true"); got[0] != len(grids.Features) || got[0] < len(demoGridWorkers) {
		t.Errorf("the map holds %d grids, the API lists %d", got[0], len(grids.Features))
	}
	g := grids.Features[0].Properties
	evalJS[bool](t, b, fmt.Sprintf(`(() => { const m = window.lifecircle.map;
		m.getSource('grids').getData().then((d) => { const f = d.features.find((x) => x.properties.code === %q);
			const pts = f.geometry.coordinates.flat(2); const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
			m.fitBounds([[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]], { padding: 80, duration: 0 }); });
		return true; })()`, g.Code))
	b.waitLayer(t, "grids-line")
	// A point of the canvas where the grid, and no other, takes the click: rows from the
	// middle outwards, every 8 px.
	xy := evalJS[[]float64](t, b, fmt.Sprintf(`(() => { const m = window.lifecircle.map; const c = m.getCanvas();
		const r = m.getContainer().getBoundingClientRect(); const w = c.clientWidth, h = c.clientHeight;
		for (let i = 0; i < h / 8; i++) {
			const y = h / 2 + (i %% 2 ? 1 : -1) * Math.ceil(i / 2) * 8;
			for (let x = 4; x < w; x += 8) {
				const f = m.queryRenderedFeatures([x, y], { layers: ['grids-fill'] });
				if (f.length === 1 && f[0].properties.code === %q) return [r.left + x, r.top + y];
			}
		}
		return []; })()`, g.Code))
	if len(xy) != 2 {
		t.Fatalf("grid %s is not drawn where a click can reach it", g.Code)
	}
	b.do(t, 10*time.Second, chromedp.MouseClickXY(xy[0], xy[1]))
	b.wait(t, `document.querySelector('.maplibregl-popup.grid-info .grid-coverage') !== null`)
	checkGridPopup(t, b, base, g)
	saveScreenshot(t, "screenshots/chengdu-grids.png", b.screenshot(t, "body"))
	evalJS[bool](t, b, `(document.querySelector('.maplibregl-popup.grid-info .maplibregl-popup-close-button')?.click(), true)`)
	b.do(t, 10*time.Second, chromedp.Click(chromedp.CSS(`#layer-grids`)), chromedp.Click(chromedp.CSS(`[data-tab="query"]`)))
}

// checkGridPopup compares a grid's popup with the API's figures for it.
func checkGridPopup(t *testing.T, b *browser, base string, g gridProps) {
	minutes := evalJS[string](t, b, `document.getElementById('minutes').value`)
	var cov struct {
		Grids []struct {
			Code            string  `json:"code"`
			Population      float64 `json:"population"`
			PopulationShare float64 `json:"population_share"`
			AreaShare       float64 `json:"area_share"`
		} `json:"grids"`
	}
	getJSON(t, base+"/api/v1/coverage?level=any&unit=grid&minutes="+minutes, &cov)
	share := -1.0
	for _, r := range cov.Grids {
		if r.Code == g.Code {
			share = r.PopulationShare
			if r.Population == 0 {
				share = r.AreaShare
			}
		}
	}
	text := evalJS[string](t, b, `document.querySelector('.maplibregl-popup.grid-info').textContent`)
	t.Logf("grid %s popup: %q", g.Code, text)
	wants := []string{g.Name, fmt.Sprintf("%d 户", g.Households), fmt.Sprintf("%.0f%%", share*100)}
	if g.Workers != nil {
		wants = append(wants, fmt.Sprintf("网格员 %d 名", *g.Workers))
	}
	if g.HouseholdsPerWorker != nil {
		wants = append(wants, "每名网格员 "+oneDecimal(*g.HouseholdsPerWorker)+" 户")
	}
	if share < 0 {
		t.Errorf("grid %s has no coverage row", g.Code)
	}
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("grid %s popup %q lacks %q", g.Code, text, w)
		}
	}
}

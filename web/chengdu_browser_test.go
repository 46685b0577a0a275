package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/lifecircle/lifecircle/internal/testenv"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
)

// TestBrowserChengduDemo loads the demo exactly as `make demo` does — the real lifecircle
// binary runs `demo --serve=false` on a fresh test database: import osm of the bundled
// central-Chengdu extract, import district --crs gcj02 of its DataV boundaries, the derived
// neighbourhood units and the illustrative stations, compute — then serves that database
// and drives the map in headless Chromium: Chinese community names on the page, coverage
// cells drawn in several colours, the 示例数据 notes, the data health findings in the
// planner tab, a named service circle's cells and nearest facilities, the supply and grid
// layers (the test records the stations' floor area and staff and adds a few grids, so
// that they have something to show) against the API's own answers, the "30 分钟步行范围内
// 没有…" answer, and no script errors.
func TestBrowserChengduDemo(t *testing.T) {
	requireBrowserTest(t)
	url := startChengduDemo(t)
	b := openMap(t, url)

	b.runSteps(t, []step{
		{"stations illustrative, named once", func(t *testing.T, _ *browser) { checkDemoStations(t, url) }},
		{"centred on Chengdu", checkChengduCentre},
		{"cells in several colours", checkCellColours},
		{"Chinese community names", checkCommunityNames},
		{"illustrative data said", checkIllustrativeSaid},
		{"data health findings", checkHealthFindings},
		{"nothing within the search bound", checkBeyondBound},
		{"service circle", func(t *testing.T, b *browser) { checkCircle(t, b, url) }},
		{"supply layer", func(t *testing.T, b *browser) { checkSupply(t, b, url) }},
		{"grid layer", func(t *testing.T, b *browser) { checkGrids(t, b, url) }},
	})
}

// startChengduDemo builds lifecircle, runs its demo without the server on a new test
// database and serves that database; it returns the server's URL.
func startChengduDemo(t *testing.T) string {
	t.Helper()
	db, dbURL := postgistest.New(t)
	bin := filepath.Join(t.TempDir(), "lifecircle")
	build := exec.Command("go", "build", "-o", bin, "./cmd/lifecircle")
	build.Dir = testenv.RepoRoot(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	start := time.Now()
	out, err := exec.Command(bin, "--db", dbURL, "demo", "--serve=false").CombinedOutput()
	if err != nil {
		t.Fatalf("lifecircle demo: %v\n%s", err, out)
	}
	t.Logf("lifecircle demo --serve=false took %.1f s", time.Since(start).Seconds())
	addSupplyAndGrids(t, db)
	return serve(t, db)
}

// checkDemoStations reads every station the server lists: all illustrative (no OSM
// feature promoted), each named once with the 示例 prefix, no empty brackets, one district
// centre for each of the five districts and one street centre for each street.
func checkDemoStations(t *testing.T, url string) {
	type props struct {
		ID, Name, Level, Source, Status string
		StreetCode                      string `json:"street_code"`
	}
	list := func(path string) []props {
		res, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var fc struct{ Features []struct{ Properties props } }
		if err := json.NewDecoder(res.Body).Decode(&fc); err != nil {
			t.Fatal(err)
		}
		out := make([]props, len(fc.Features))
		for i, f := range fc.Features {
			out[i] = f.Properties
		}
		return out
	}
	levels := map[string]int{}
	for _, p := range list("/api/v1/stations?limit=1000") {
		levels[p.Level]++
		if p.Source != "illustrative" || !strings.HasPrefix(p.Name, "示例") || strings.Count(p.Name, "示例") != 1 || strings.Contains(p.Name, "（）") {
			t.Errorf("station %s %q source %s: want illustrative, named 示例… once, no empty brackets", p.ID, p.Name, p.Source)
		}
	}
	streets := map[string]bool{}
	for _, c := range list("/api/v1/communities?limit=1000") {
		streets[c.StreetCode] = true
	}
	if levels["district"] != 5 || levels["street"] != len(streets) {
		t.Errorf("stations per level %v: want a district centre in each of the 5 districts and one street centre in each of the %d streets", levels, len(streets))
	}
}

func checkChengduCentre(t *testing.T, b *browser) {
	c := evalJS[[2]float64](t, b, `(() => { const c = window.lifecircle.map.getCenter(); return [c.lng, c.lat]; })()`)
	if c[0] < 103.9 || c[0] > 104.2 || c[1] < 30.55 || c[1] > 30.8 {
		t.Errorf("map centred at %.4f, %.4f: not central Chengdu", c[0], c[1])
	}
}

// checkCellColours counts the walking-time bands (the legend's 0–5 … 20+ and unreached)
// among the cells drawn, and checks on a screenshot that they paint the map in several
// distinct colours.
func checkCellColours(t *testing.T, b *browser) {
	bands := evalJS[int](t, b, `(() => { const seen = new Set();
		for (const f of window.lifecircle.map.queryRenderedFeatures({ layers: ['cells'] })) {
			const m = f.properties.minutes; seen.add(typeof m === 'number' ? Math.min(4, Math.floor(m / 5)) : 'none'); }
		return seen.size; })()`)
	if bands < 3 {
		t.Errorf("the cells drawn fall in %d walking-time bands, want at least 3", bands)
	}
	page := b.screenshot(t, "body")
	saveScreenshot(t, "screenshots/chengdu-cells.png", page)
	if *update { // the README's screenshot is this map
		if err := os.WriteFile(filepath.Join(testenv.RepoRoot(t), "docs", "screenshot-chengdu.png"), page, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	shown := b.canvas(t)
	b.setVisible(t, "cells", false)
	hidden := b.canvas(t)
	b.setVisible(t, "cells", true)
	colours := cellColours(t, shown, hidden)
	t.Logf("%d walking-time bands drawn; %d legend colours cover ≥0.25%% of the map each", bands, colours)
	if colours < 3 {
		t.Errorf("the cells paint %d of the legend's colours (each over ≥0.25%% of the map), want at least 3", colours)
	}
}

// derivedName is a derived unit's name: its district's name, 示例社区 and a number.
var derivedName = regexp.MustCompile(`^(锦江区|青羊区|金牛区|武侯区|成华区)示例社区\d{2,}$`)

// checkCommunityNames searches the communities by a part of their names: the matches are
// named after the five districts, in Chinese; picking one flies there and labels it.
func checkCommunityNames(t *testing.T, b *browser) {
	evalJS[bool](t, b, `(() => { const i = document.getElementById('search'); i.value = '示例社区';
		i.dispatchEvent(new Event('input')); return true; })()`)
	b.wait(t, `document.querySelectorAll('#search-results li.search-result').length >= 3`)
	names := evalJS[[]string](t, b, `[...document.querySelectorAll('#search-results li.search-result .name')].map((e) => e.textContent)`)
	for _, n := range names {
		if !derivedName.MatchString(n) {
			t.Errorf("search lists %q: not a Chinese community name like 锦江区示例社区03", n)
		}
	}
	details := evalJS[string](t, b, `document.querySelector('#search-results li.search-result small').textContent`)
	if details != "社区（推导，示例数据）" {
		t.Errorf("a derived community's search entry says %q: want 社区（推导，示例数据）", details)
	}
	b.do(t, 10*time.Second, chromedp.Click(chromedp.CSS(`#search-results li.search-result`)))
	b.wait(t, `(document.querySelector('.maplibregl-popup.found')?.textContent ?? '').includes('示例社区')`)
	b.waitIdle(t)
	saveScreenshot(t, "screenshots/chengdu-search.png", b.screenshot(t, "body"))
}

// checkIllustrativeSaid: the legend and the print heading say the data are illustrative.
func checkIllustrativeSaid(t *testing.T, b *browser) {
	if got := evalJS[string](t, b, `document.getElementById('legend').textContent`); !strings.Contains(got, "示例数据") {
		t.Errorf("legend %q does not say 示例数据", got)
	}
	if got := evalJS[string](t, b, `document.getElementById('print-head').textContent`); !strings.Contains(got, "示例数据") {
		t.Errorf("print heading %q does not say 示例数据", got)
	}
}

// checkHealthFindings opens the planner tab: the data health check lists the findings of
// GET /api/v1/diagnostics, each with its severity and its Chinese message with the fix.
func checkHealthFindings(t *testing.T, b *browser) {
	b.do(t, 10*time.Second, chromedp.Click(chromedp.CSS(`[data-tab="plan"]`)))
	b.wait(t, `document.querySelectorAll('#health li.finding').length > 0`)
	type finding struct{ Code, Severity, Text string }
	fs := evalJS[[]finding](t, b, `[...document.querySelectorAll('#health li.finding')].map((e) => ({
		Code: e.dataset.code, Severity: e.querySelector('.severity').textContent, Text: e.querySelector('.message').textContent }))`)
	codes := map[string]bool{}
	for _, f := range fs {
		codes[f.Code] = true
		if (f.Severity != "错误" && f.Severity != "警告" && f.Severity != "提示") || !strings.Contains(f.Text, "修复") {
			t.Errorf("finding %s: severity %q, message %q; want 错误/警告/提示 and a message with the fix (修复…)", f.Code, f.Severity, f.Text)
		}
	}
	if !codes["network_fragmented"] {
		t.Errorf("findings %v lack network_fragmented (the Chengdu extract's network falls into 45 parts)", codes)
	}
	if got := evalJS[string](t, b, `document.querySelector('#health .health-summary').textContent`); !strings.Contains(got, "警告") {
		t.Errorf("health summary %q does not count the warnings", got)
	}
	b.waitIdle(t)
	saveScreenshot(t, "screenshots/chengdu-planner.png", b.screenshot(t, "body"))
	b.do(t, 10*time.Second, chromedp.Click(chromedp.CSS(`[data-tab="query"]`)))
}

// checkBeyondBound asks for the nearest barbers (two in the extract, both on fragments of
// the network) from the middle of the map: the answer says none lies within 30 minutes.
func checkBeyondBound(t *testing.T, b *browser) {
	choose(t, b, "category:barber")
	b.waitLayer(t, "cells")
	at := evalJS[[2]float64](t, b, `(() => { const c = window.lifecircle.map.getCenter(); return [c.lng, c.lat]; })()`)
	b.clickLonLat(t, at[0], at[1])
	b.wait(t, `document.querySelector('#results .beyond') !== null || document.querySelectorAll('#results li.result').length > 0`)
	got := evalJS[string](t, b, `document.querySelector('#results .beyond')?.textContent ?? ''`)
	if want := fmt.Sprintf("%d 分钟步行范围内", 30); !strings.Contains(got, want) || !strings.Contains(got, "理发") {
		t.Errorf("the nearest barbers from %.4f, %.4f: %q; want %q…没有理发…", at[0], at[1], got, want)
	}
	choose(t, b, "level:any")
}

// legendColours are the colours of the legend's walking-time bands (0–5, 5–10, 10–15,
// 15–20, 20+ minutes) and of unreached cells, from web/src/style.js's stops.
var legendColours = func() [][3]float64 {
	stops := [][3]float64{{0x1a, 0x98, 0x50}, {0x91, 0xcf, 0x60}, {0xfe, 0xe0, 0x8b}, {0xfc, 0x8d, 0x59}, {0xd7, 0x30, 0x27}}
	var out [][3]float64
	for i := 0; i+1 < len(stops); i++ { // the middle of each span, as the legend's bands show it
		out = append(out, [3]float64{(stops[i][0] + stops[i+1][0]) / 2, (stops[i][1] + stops[i+1][1]) / 2, (stops[i][2] + stops[i+1][2]) / 2})
	}
	return append(out, stops[len(stops)-1], [3]float64{0x8c, 0x8c, 0x8c})
}()

// cellOpacity is the cells' fill-opacity in web/src/style.js.
const cellOpacity = 0.55

// cellColours counts the legend colours the cells paint over at least 0.25 % of the map
// each: every pixel that differs between the screenshots with and without the cells is
// given the legend colour which, laid over the pixel without cells at the cells' opacity,
// comes nearest to it.
func cellColours(t testing.TB, withPNG, withoutPNG []byte) int {
	t.Helper()
	with, without := decodePNG(t, withPNG), decodePNG(t, withoutPNG)
	if with.Bounds() != without.Bounds() {
		t.Fatalf("screenshots differ in size: %v and %v", with.Bounds(), without.Bounds())
	}
	count := make([]int, len(legendColours))
	bd := with.Bounds()
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			r1, g1, b1, _ := with.At(x, y).RGBA()
			r0, g0, b0, _ := without.At(x, y).RGBA()
			if absDiff(r1, r0)+absDiff(g1, g0)+absDiff(b1, b0) <= 3*20*257 {
				continue
			}
			got, under := [3]float64{float64(r1 >> 8), float64(g1 >> 8), float64(b1 >> 8)}, [3]float64{float64(r0 >> 8), float64(g0 >> 8), float64(b0 >> 8)}
			best, bestD := 0, -1.0
			for i, c := range legendColours {
				d := 0.0
				for k := range 3 {
					e := cellOpacity*c[k] + (1-cellOpacity)*under[k] - got[k]
					d += e * e
				}
				if bestD < 0 || d < bestD {
					best, bestD = i, d
				}
			}
			count[best]++
		}
	}
	n, total := 0, bd.Dx()*bd.Dy()
	for _, c := range count {
		if c*400 >= total {
			n++
		}
	}
	t.Logf("pixels per legend colour (0–5, 5–10, 10–15, 15–20, 20+ min, unreached): %v of %d", count, total)
	return n
}

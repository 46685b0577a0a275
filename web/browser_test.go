package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromiumPath is Debian's Chromium, which the browser tests drive headless.
const chromiumPath = "/usr/bin/chromium"

// The desktop window and the phone width the page must work at.
const (
	desktopW, desktopH = 1280, 800
	phoneW, phoneH     = 375, 740
)

// TestBrowserMap loads the web map from a running server in headless Chromium and checks,
// step by step in one page: no console errors; the legend says what the colours mean; the
// coverage cells draw; a click shows the nearest service points with the walking route;
// isochrones; the planner panel; the communities' shading; the language switch; the
// search by a Chinese name; the print view; the layout at phone width with the
// attribution visible.
func TestBrowserMap(t *testing.T) {
	requireBrowserTest(t)
	d := startServer(t)
	b := openMap(t, d.URL)

	b.runSteps(t, []step{
		{"page loads in Chinese", checkChinese},
		{"no region picker with one region", checkOneRegion},
		{"legend in residents' terms", checkLegend},
		{"coverage cells draw", checkCells},
		{"click shows nearest and route", func(t *testing.T, b *browser) { checkNearest(t, b, d) }},
		{"isochrone mode", func(t *testing.T, b *browser) { checkIsochrone(t, b, d) }},
		{"planner panel", checkPlanner},
		{"community shading", checkCommunityShading},
		{"category target", checkCategory},
		{"language switch", checkLanguage},
		{"search finds a station", checkSearch},
		{"print view", checkPrint},
		{"phone width", checkPhone},
	})
}

// step is one check of a browser test, run as a subtest on the test's page.
type step struct {
	name string
	run  func(t *testing.T, b *browser)
}

// runSteps runs the steps in order on one page, stopping at the first that fails (later
// steps build on the page the earlier ones left), then fails the test if the page
// reported console errors or exceptions.
func (b *browser) runSteps(t *testing.T, steps []step) {
	t.Helper()
	for _, s := range steps {
		if !t.Run(s.name, func(t *testing.T) { s.run(t, b) }) {
			break
		}
	}
	if p := b.problems(); len(p) > 0 {
		t.Errorf("the page reported %d console errors or exceptions:\n%s", len(p), strings.Join(p, "\n"))
	}
}

// checkLegend reads the legend in Chinese: each colour band in residents' words, from
// "within 5 minutes' walk" to "more than 20", and what the target is.
func checkLegend(t *testing.T, b *browser) {
	bands := evalJS[[]string](t, b, `[...document.querySelectorAll('#legend .band')].map((e) => e.textContent)`)
	want := []string{"步行5分钟内可达", "步行5–10分钟", "步行10–15分钟", "步行15–20分钟", "步行超过20分钟"}
	if strings.Join(bands, "|") != strings.Join(want, "|") {
		t.Errorf("legend bands %q, want %q", bands, want)
	}
	if got := evalJS[string](t, b, `document.querySelector('#legend .legend-explain').textContent`); !strings.Contains(got, "任意站点") {
		t.Errorf("legend explanation %q does not name the target (任意站点)", got)
	}
}

// checkSearch types a part of a station's Chinese name into the search box, picks the
// station among the matches and checks the map flew there.
func checkSearch(t *testing.T, b *browser) {
	type station struct {
		Name string
		At   [2]float64
	}
	st := evalJS[station](t, b, `(() => {
		const f = window.lifecircle.state.facilities.stations.features.find((f) => /[\u4e00-\u9fff]{3}/.test(f.properties.name));
		return f ? { Name: f.properties.name, At: f.geometry.coordinates } : { Name: '', At: [0, 0] }; })()`)
	runes := []rune(st.Name)
	if len(runes) < 3 {
		t.Fatalf("no station with a Chinese name to search for (%q)", st.Name)
	}
	part := string(runes[1 : len(runes)-1]) // inside the name: a substring, not a prefix
	evalJS[bool](t, b, fmt.Sprintf(`(() => { const i = document.getElementById('search'); i.value = %q;
		i.dispatchEvent(new Event('input')); return true; })()`, part))
	b.wait(t, `document.querySelectorAll('#search-results li.search-result').length > 0`)
	pick := fmt.Sprintf(`(() => { const li = [...document.querySelectorAll('#search-results li.search-result')]
		.find((e) => e.querySelector('.name').textContent === %q); if (li) li.click(); return !!li; })()`, st.Name)
	if !evalJS[bool](t, b, pick) {
		names := evalJS[[]string](t, b, `[...document.querySelectorAll('#search-results .name')].map((e) => e.textContent)`)
		t.Fatalf("searching %q lists %q, not the station %q", part, names, st.Name)
	}
	b.wait(t, fmt.Sprintf(`(() => { const m = window.lifecircle.map; const c = m.getCenter();
		return !m.isMoving() && Math.abs(c.lng - %f) < 1e-5 && Math.abs(c.lat - %f) < 1e-5 && m.getZoom() >= 15.9; })()`, st.At[0], st.At[1]))
	if got := evalJS[string](t, b, `document.querySelector('.maplibregl-popup.found')?.textContent ?? ''`); !strings.Contains(got, st.Name) {
		t.Errorf("the found station's label %q lacks its name %q", got, st.Name)
	}
	if !evalJS[bool](t, b, `document.getElementById('search-results').hidden`) {
		t.Error("the matches stay open after a pick")
	}
}

// checkPrint emulates print media: the bar and the panel are hidden, the map and the
// legend stay, and a line says what the map shows.
func checkPrint(t *testing.T, b *browser) {
	if !evalJS[bool](t, b, `!!document.getElementById('print')`) {
		t.Fatal("no print button")
	}
	media := func(m string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
			return err
		})
	}
	b.do(t, 10*time.Second, media("print"))
	defer b.do(t, 10*time.Second, media(""))
	shown := `(s) => { const e = document.querySelector(s); const r = e.getBoundingClientRect();
		return getComputedStyle(e).display !== 'none' && r.width > 0 && r.height > 0; }`
	for _, c := range []struct {
		sel     string
		visible bool
	}{{"#bar", false}, {"#panel", false}, {"#map", true}, {"#legend", true}, {"#print-head", true}} {
		if got := evalJS[bool](t, b, fmt.Sprintf(`(%s)(%q)`, shown, c.sel)); got != c.visible {
			t.Errorf("printing: %s visible = %v, want %v", c.sel, got, c.visible)
		}
	}
	if got := evalJS[string](t, b, `document.getElementById('print-head').textContent`); !strings.Contains(got, "15分钟生活圈") || !strings.Contains(got, "分钟") {
		t.Errorf("print heading %q does not say what the map shows", got)
	}
}

// checkOneRegion: with one region the picker is hidden, the address names none, and no
// API call names one (the server answers for its only region).
func checkOneRegion(t *testing.T, b *browser) {
	if !evalJS[bool](t, b, `document.getElementById('region-field').hidden`) {
		t.Error("the region picker is shown with one region")
	}
	if got := pageRegion(t, b); got != "" {
		t.Errorf("the address says region=%q with one region", got)
	}
	calls := apiCalls(t, b)
	if len(calls) == 0 {
		t.Error("the page's record of its requests lists no API call")
	}
	for _, c := range calls {
		if c.Region != "" {
			t.Errorf("%s names a region with one region on the server", c.URL)
		}
	}
}

func checkChinese(t *testing.T, b *browser) {
	if got := evalJS[string](t, b, `document.getElementById('title').textContent`); got != "15分钟生活圈" {
		t.Errorf("title %q, want 15分钟生活圈", got)
	}
	attrib := evalJS[string](t, b, `document.querySelector('.maplibregl-ctrl-attrib').innerText`)
	if !strings.Contains(attrib, "© OpenStreetMap contributors") {
		t.Errorf("attribution %q lacks © OpenStreetMap contributors", attrib)
	}
	if n := evalJS[int](t, b, `document.querySelectorAll('#target option').length`); n < 6+20 {
		t.Errorf("target selector has %d options, want the 6 levels and the categories", n)
	}
}

// checkCells compares the map with the coverage cells shown and hidden: the cells must
// colour a good part of the map, much of it in the green of short walks.
func checkCells(t *testing.T, b *browser) {
	b.waitLayer(t, "cells")
	saveScreenshot(t, "screenshots/cells.png", b.screenshot(t, "#map"))
	shown := b.canvas(t)
	b.setVisible(t, "cells", false)
	hidden := b.canvas(t)
	b.setVisible(t, "cells", true)
	changed, greener, total := comparePixels(t, shown, hidden)
	t.Logf("cells colour %d of %d map pixels (%.0f%%), %d of them green", changed, total, 100*float64(changed)/float64(total), greener)
	if float64(changed) < 0.2*float64(total) {
		t.Errorf("the coverage cells coloured %d of %d pixels, want at least 20%%", changed, total)
	}
	if float64(greener) < 0.02*float64(total) {
		t.Errorf("only %d pixels turned green (short walks), want at least 2%% of %d", greener, total)
	}
}

func checkNearest(t *testing.T, b *browser, d district) {
	b.clickLonLat(t, d.Click[0], d.Click[1])
	b.wait(t, `document.querySelectorAll('#results li.result').length > 0`)
	b.waitIdle(t)
	n := evalJS[int](t, b, `document.querySelectorAll('#results li.result').length`)
	if n < 1 || n > 3 {
		t.Errorf("%d results listed, want 1–3", n)
	}
	detail := evalJS[string](t, b, `document.querySelector('#results li.result .detail').textContent`)
	if !strings.Contains(detail, "分钟") || !strings.Contains(detail, "米") {
		t.Errorf("first result %q does not give minutes and metres in Chinese", detail)
	}
	if got := evalJS[int](t, b, `window.lifecircle.map.querySourceFeatures('route').length`); got < 1 {
		t.Errorf("route source has %d features, want the walking routes", got)
	}
	if got := evalJS[int](t, b, `window.lifecircle.map.queryRenderedFeatures({layers: ['route-line']}).length`); got < 1 {
		t.Errorf("no route drawn on the map (%d rendered features)", got)
	}
	saveScreenshot(t, "screenshot-map.png", b.screenshot(t, "body"))
}

func checkIsochrone(t *testing.T, b *browser, d district) {
	b.do(t, 10*time.Second, chromedp.Click(chromedp.CSS(`[data-mode="isochrone"]`)))
	b.clickLonLat(t, d.Click[0], d.Click[1])
	b.wait(t, `document.querySelectorAll('#results ul.bands li').length === 3`)
	b.waitIdle(t)
	if got := evalJS[int](t, b, `window.lifecircle.map.queryRenderedFeatures({layers: ['isochrones']}).length`); got < 1 {
		t.Errorf("no isochrone drawn (%d rendered features)", got)
	}
	saveScreenshot(t, "screenshots/isochrone.png", b.screenshot(t, "body"))
	b.do(t, 10*time.Second, chromedp.Click(chromedp.CSS(`[data-mode="nearest"]`)))
}

func checkPlanner(t *testing.T, b *browser) {
	b.do(t, 10*time.Second, chromedp.Click(chromedp.CSS(`[data-tab="plan"]`)))
	b.wait(t, `document.querySelector('#network .formula') !== null && document.querySelector('#gaps h3') !== null`)
	formula := evalJS[string](t, b, `document.querySelector('#network .formula').textContent`)
	if strings.Count(formula, "+") != 3 {
		t.Errorf("network formula %q, want four counts joined by +", formula)
	}
	b.do(t, 10*time.Second, chromedp.Click(chromedp.CSS(`#plan-run`)))
	b.wait(t, `document.querySelector('#plan-result .summary') !== null`)
	if n := evalJS[int](t, b, `document.querySelectorAll('#plan-result li.site').length`); n < 1 || n > 3 {
		t.Errorf("%d suggested sites listed, want 1–3 (k = 3)", n)
	}
	if gaps := evalJS[int](t, b, `document.querySelectorAll('#gaps li.gap').length`); gaps > 0 {
		b.do(t, 10*time.Second, chromedp.Click(chromedp.CSS(`#gaps li.gap`)))
	}
	b.waitIdle(t)
	saveScreenshot(t, "screenshots/planner.png", b.screenshot(t, "body"))
}

func checkCommunityShading(t *testing.T, b *browser) {
	b.do(t, 10*time.Second, chromedp.Click(chromedp.CSS(`[data-tab="layers"]`)), chromedp.Click(chromedp.CSS(`#layer-communities`)))
	b.waitIdle(t)
	js := `window.lifecircle.map.queryRenderedFeatures({layers: ['community-shade']}).filter((f) => f.properties.beyond > 0).length`
	if n := evalJS[int](t, b, js); n < 1 {
		t.Errorf("no community shaded by the share of residents beyond 15 minutes (%d features)", n)
	}
	b.do(t, 10*time.Second, chromedp.Click(chromedp.CSS(`#layer-communities`)), chromedp.Click(chromedp.CSS(`[data-tab="query"]`)))
}

// checkCategory chooses the supermarkets: the legend names them, their outlets are drawn
// at this zoom, and the cells are coloured by the walk to them (farther, on the whole, than
// to any station: fewer cells in the green).
func checkCategory(t *testing.T, b *browser) {
	greenShare := func() float64 {
		js := `window.lifecircle.map.getSource('cells').getData().then((d) => d.features.filter(
			(f) => typeof f.properties.minutes === 'number' && f.properties.minutes <= 5).length / Math.max(d.features.length, 1))`
		ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
		defer cancel()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[float64](js, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("share of cells within 5 min: %v", err)
		}
		return v
	}
	before := greenShare()
	choose(t, b, "category:supermarket")
	if legend := evalJS[string](t, b, `document.getElementById('legend').textContent`); !strings.Contains(legend, "超市") {
		t.Errorf("legend %q does not name the chosen category 超市", legend)
	}
	if n := evalJS[int](t, b, `window.lifecircle.map.queryRenderedFeatures({layers: ['outlets-target']}).length`); n < 1 {
		t.Errorf("no supermarket drawn (%d rendered)", n)
	}
	if after := greenShare(); before <= 0 || after >= before {
		t.Errorf("share of cells within 5 min: %.2f for supermarkets, %.2f for any station; want some, and fewer for the rarer target", after, before)
	}
	choose(t, b, "level:any")
}

func checkLanguage(t *testing.T, b *browser) {
	b.do(t, 10*time.Second, chromedp.Click(chromedp.CSS(`#lang`)))
	b.wait(t, `document.getElementById('title').textContent === '15-minute living circle'`)
	checks := []struct{ js, want string }{
		{`document.documentElement.lang`, "en"},
		{`document.querySelector('[data-tab="plan"]').textContent`, "Planner"},
		{`document.querySelector('#lang').textContent`, "中文"},
		{`document.querySelector('#legend .legend-title').textContent`, "Walking time (min)"},
		{`document.querySelector('#legend .band').textContent`, "within 5 minutes' walk"},
		{`document.getElementById('search').placeholder`, "Find a station, outlet, community"},
	}
	for _, c := range checks {
		if got := evalJS[string](t, b, c.js); got != c.want {
			t.Errorf("%s = %q, want %q", c.js, got, c.want)
		}
	}
	b.do(t, 10*time.Second, chromedp.Click(chromedp.CSS(`#lang`)))
	b.wait(t, `document.getElementById('title').textContent === '15分钟生活圈'`)
}

func checkPhone(t *testing.T, b *browser) {
	b.do(t, 10*time.Second, chromedp.EmulateViewport(phoneW, phoneH, chromedp.EmulateMobile))
	b.waitIdle(t)
	if w := evalJS[int](t, b, `document.documentElement.scrollWidth`); w > phoneW {
		t.Errorf("page is %d px wide at a %d px screen: it scrolls sideways", w, phoneW)
	}
	visible := []string{"#map", "#target", "#lang", "#panel", ".maplibregl-ctrl-attrib"}
	for _, sel := range visible {
		js := fmt.Sprintf(`(() => { const r = document.querySelector(%q).getBoundingClientRect();
			return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= %d && r.top >= 0 && r.bottom <= %d; })()`, sel, phoneW, phoneH)
		if !evalJS[bool](t, b, js) {
			t.Errorf("%s is not wholly on the %d×%d screen", sel, phoneW, phoneH)
		}
	}
	saveScreenshot(t, "screenshots/phone.png", b.screenshot(t, "body"))
	b.do(t, 10*time.Second, chromedp.EmulateViewport(desktopW, desktopH))
}

// requireBrowserTest skips the test with -short, and when Chromium is missing (except on
// CI).
func requireBrowserTest(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped with -short: the browser tests start a server and Chromium")
	}
	requireChromium(t)
}

// openMap starts Chromium at desktop size on the map at url and waits until the page says
// it is ready and the coverage cells are drawn.
func openMap(t *testing.T, url string) *browser {
	b := newBrowser(t)
	b.do(t, 90*time.Second, chromedp.EmulateViewport(desktopW, desktopH), chromedp.Navigate(url+"/"))
	b.wait(t, `document.body.dataset.ready === 'true'`)
	b.waitLayer(t, "cells")
	return b
}

// requireChromium skips the test when Chromium is missing, except on CI.
func requireChromium(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		msg := fmt.Sprintf("%s not found (apt-get install chromium): %v", chromiumPath, err)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip("skipped: " + msg)
	}
}

// browser is one headless Chromium tab that records console errors and exceptions.
type browser struct {
	ctx  context.Context
	mu   sync.Mutex
	errs []string
}

func newBrowser(t *testing.T) *browser {
	b := &browser{}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("enable-unsafe-swiftshader", true), // WebGL 2 in software, for MapLibre
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(desktopW, desktopH),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithListener(b.listen))
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil { // starts the browser, without a timeout (see chromedp.Run)
		t.Fatalf("start %s: %v", chromiumPath, err)
	}
	b.ctx = ctx
	return b
}

// listen records console.error calls, uncaught exceptions and error log entries (failed
// loads among them). It runs on chromedp's reading goroutine: it must be quick.
func (b *browser) listen(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		parts := make([]string, 0, len(ev.Args))
		for _, a := range ev.Args {
			parts = append(parts, a.Description+string(a.Value))
		}
		msg = "console." + string(ev.Type) + ": " + strings.Join(parts, " ")
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg = "exception: " + d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
	case *log.EventEntryAdded:
		if ev.Entry.Level != log.EntryLevelError {
			return
		}
		msg = "log: " + ev.Entry.Text + " " + ev.Entry.URL
	default:
		return
	}
	b.mu.Lock()
	b.errs = append(b.errs, msg)
	b.mu.Unlock()
}

func (b *browser) problems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.errs...)
}

// do runs actions with a time limit.
func (b *browser) do(t testing.TB, limit time.Duration, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, limit)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

// wait waits (up to 60 s) until the JavaScript expression is true.
func (b *browser) wait(t testing.TB, expr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 70*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(60*time.Second),
		chromedp.WithPollingInterval(100*time.Millisecond))); err != nil {
		t.Fatalf("waiting for %s: %v (page problems: %v)", expr, err, b.problems())
	}
}

// waitIdle waits until the map has drawn everything it has and nothing moves, and then
// for two more animation frames, so that a screenshot shows the drawn frame.
func (b *browser) waitIdle(t testing.TB) {
	t.Helper()
	js := `new Promise((resolve) => { const m = window.lifecircle.map;
		m.once('idle', () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)))); m.triggerRepaint(); })`
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("waiting for the map to settle: %v", err)
	}
}

// waitLayer waits until the layer's source has loaded and the layer draws features, then
// until the map is idle: no fixed sleeps, however slow the machine.
func (b *browser) waitLayer(t testing.TB, layer string) {
	t.Helper()
	b.wait(t, fmt.Sprintf(`(() => { const m = window.lifecircle.map; const l = m.getLayer(%[1]q);
		return !!l && m.isSourceLoaded(l.source) && m.queryRenderedFeatures({ layers: [%[1]q] }).length > 0; })()`, layer))
	b.waitIdle(t)
}

// setVisible shows or hides a layer and waits until the map has drawn the change: the
// layer draws features again, or none.
func (b *browser) setVisible(t testing.TB, layer string, visible bool) {
	t.Helper()
	v := map[bool]string{true: "visible", false: "none"}[visible]
	evalJS[bool](t, b, fmt.Sprintf(`(window.lifecircle.map.setLayoutProperty(%q, 'visibility', %q), true)`, layer, v))
	if visible {
		b.waitLayer(t, layer)
		return
	}
	b.wait(t, fmt.Sprintf(`window.lifecircle.map.queryRenderedFeatures({ layers: [%q] }).length === 0`, layer))
	b.waitIdle(t)
}

// clickLonLat clicks the map at a WGS84 (lon, lat) point.
func (b *browser) clickLonLat(t testing.TB, lon, lat float64) {
	t.Helper()
	js := fmt.Sprintf(`(() => { const m = window.lifecircle.map; const p = m.project([%f, %f]);
		const r = m.getContainer().getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; })()`, lon, lat)
	xy := evalJS[[2]float64](t, b, js)
	b.do(t, 10*time.Second, chromedp.MouseClickXY(xy[0], xy[1]))
}

func (b *browser) screenshot(t testing.TB, sel string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("screenshot of %s: %v", sel, err)
	}
	return png
}

// canvas returns the map's canvas as PNG, as the map last drew it (the page keeps the
// drawing buffer): unlike a screenshot, it cannot show a frame the compositor has not
// caught up with yet.
func (b *browser) canvas(t testing.TB) []byte {
	t.Helper()
	url := evalJS[string](t, b, `window.lifecircle.map.getCanvas().toDataURL('image/png')`)
	data, ok := strings.CutPrefix(url, "data:image/png;base64,")
	if !ok {
		t.Fatalf("the map's canvas gave %.40q, not a PNG data URL", url)
	}
	png, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		t.Fatalf("decode the map's canvas: %v", err)
	}
	return png
}

func evalJS[T any](t testing.TB, b *browser, js string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// comparePixels decodes two screenshots of the same size and counts the pixels that
// differ clearly (the coverage cells' colour), those of them that turned green, and all.
func comparePixels(t testing.TB, withPNG, withoutPNG []byte) (changed, greener, total int) {
	t.Helper()
	with, without := decodePNG(t, withPNG), decodePNG(t, withoutPNG)
	if with.Bounds() != without.Bounds() {
		t.Fatalf("screenshots differ in size: %v and %v", with.Bounds(), without.Bounds())
	}
	bd := with.Bounds()
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			r1, g1, b1, _ := with.At(x, y).RGBA()
			r0, g0, b0, _ := without.At(x, y).RGBA()
			total++
			if absDiff(r1, r0)+absDiff(g1, g0)+absDiff(b1, b0) > 3*20*257 {
				changed++
				if g1 > r1+20*257 && g1 > b1+10*257 {
					greener++
				}
			}
		}
	}
	return changed, greener, total
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

func decodePNG(t testing.TB, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode screenshot: %v", err)
	}
	return img
}

// update rewrites the committed screenshots under testdata/ (go test ./web -update);
// without it they go to a temporary directory, so a test run leaves the tree untouched.
var update = flag.Bool("update", false, "rewrite the screenshots under testdata/")

// saveScreenshot writes a screenshot under testdata/ with -update, else under the test's
// temporary directory (its path is logged so a failing run can be inspected).
func saveScreenshot(t testing.TB, name string, png []byte) {
	t.Helper()
	dir := "testdata"
	if !*update {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	if !*update {
		t.Logf("screenshot %s (go test ./web -update rewrites testdata/%s)", path, name)
	}
}

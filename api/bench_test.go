package api_test

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lifecircle/lifecircle/api"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/internal/synth"
	"github.com/paulmach/orb"
)

// The benchmarks run the HTTP handler (routing, parsing, engine, encoding) on a synthetic
// district built in memory: 100 000 walk nodes by default, 1M with
//
//	go test ./api -run '^$' -bench . -lifecircle.nodes=1000000 -timeout 60m
//
// Each reports p50-ms and p99-ms of its requests besides ns/op.
var benchNodes = flag.Int("lifecircle.nodes", 100_000, "walk nodes of the synthetic district the api benchmarks use")

// benchFixture is a computed synthetic district behind a server, built once per size.
type benchFixture struct {
	s     *api.Server
	nodes []orb.Point
}

var (
	benchMu    sync.Mutex
	benchCache = map[int]*benchFixture{}
)

func benchDistrict(b *testing.B) *benchFixture {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if f, ok := benchCache[*benchNodes]; ok {
		return f
	}
	start := time.Now()
	d, err := synth.Generate(synth.Config{Seed: 1, Nodes: *benchNodes})
	if err != nil {
		b.Fatal(err)
	}
	opts := engine.Options{Categories: synth.DefaultCategories()}
	e, err := engine.New(engine.Data{Stations: d.Stations, Outlets: d.Outlets, Communities: d.Communities, Streets: d.Streets,
		Compounds: d.Compounds, Residential: d.Residential}, d.Nodes, d.Edges, opts)
	if err != nil {
		b.Fatal(err)
	}
	if err := e.Compute(context.Background()); err != nil {
		b.Fatal(err)
	}
	s, err := api.New(api.Options{Engine: opts})
	if err != nil {
		b.Fatal(err)
	}
	s.SetEngine(e)
	f := &benchFixture{s: s, nodes: make([]orb.Point, len(d.Nodes))}
	for i, n := range d.Nodes {
		f.nodes[i] = n.Point
	}
	b.Logf("district: %d nodes, %d cells, %d stations, %d outlets, built in %v", len(d.Nodes), len(e.Cells), len(d.Stations), len(d.Outlets), time.Since(start))
	benchCache[*benchNodes] = f
	return f
}

// runTimed serves b.N requests made by next and reports the median and 99th percentile.
func runTimed(b *testing.B, h http.Handler, next func(i int) *http.Request) {
	b.Helper()
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req := next(i)
		rec := httptest.NewRecorder()
		t := time.Now()
		h.ServeHTTP(rec, req)
		times = append(times, time.Since(t))
		if rec.Code != http.StatusOK {
			b.Fatalf("%s %s: %d %s", req.Method, req.URL, rec.Code, rec.Body.Bytes())
		}
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[min(len(times)-1, len(times)*99/100)].Microseconds())/1000, "p99-ms")
}

// jsonRequest is a POST of body to target, as JSON.
func jsonRequest(target, body string) *http.Request {
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return req
}

func (f *benchFixture) randomNode(rng *rand.Rand) orb.Point { return f.nodes[rng.IntN(len(f.nodes))] }

// runAtNodes times the requests at makes for walk nodes drawn at random (the stream seed).
func runAtNodes(b *testing.B, seed uint64, at func(p orb.Point) *http.Request) {
	b.Helper()
	f := benchDistrict(b)
	rng := rand.New(rand.NewPCG(1, seed))
	runTimed(b, f.s.Handler(), func(int) *http.Request { return at(f.randomNode(rng)) })
}

func BenchmarkNearest(b *testing.B) {
	runAtNodes(b, 1, func(p orb.Point) *http.Request {
		return httptest.NewRequest(http.MethodGet, fmt.Sprintf("/api/v1/nearest?lon=%f&lat=%f&category=supermarket&k=3&geometry=true", p[0], p[1]), nil)
	})
}

func BenchmarkRoute2km(b *testing.B) {
	f := benchDistrict(b)
	rng := rand.New(rand.NewPCG(1, 2))
	// 256 pairs of nodes 1.8–2.2 km apart as the crow flies that the network joins.
	var pairs [][2]orb.Point
	for len(pairs) < 256 {
		a, c := f.randomNode(rng), f.randomNode(rng)
		if d := geo.HaversineM(a, c); d > 1800 && d < 2200 {
			if _, err := f.s.Engine().Route(a, c); err == nil {
				pairs = append(pairs, [2]orb.Point{a, c})
			}
		}
	}
	runTimed(b, f.s.Handler(), func(i int) *http.Request {
		p := pairs[i%len(pairs)]
		return httptest.NewRequest(http.MethodGet, fmt.Sprintf("/api/v1/route?from=%f,%f&to=%f,%f", p[0][0], p[0][1], p[1][0], p[1][1]), nil)
	})
}

func BenchmarkIsochrone15(b *testing.B) {
	runAtNodes(b, 3, func(p orb.Point) *http.Request {
		return httptest.NewRequest(http.MethodGet, fmt.Sprintf("/api/v1/isochrone?lon=%f&lat=%f&minutes=15", p[0], p[1]), nil)
	})
}

func BenchmarkScenarioAddOne(b *testing.B) {
	runAtNodes(b, 4, func(p orb.Point) *http.Request {
		body := fmt.Sprintf(`{"add": [{"lon": %f, "lat": %f, "level": "community"}]}`, p[0], p[1])
		return jsonRequest("/api/v1/scenarios", body)
	})
}

func BenchmarkPlanSites10(b *testing.B) {
	f := benchDistrict(b)
	runTimed(b, f.s.Handler(), func(int) *http.Request {
		return jsonRequest("/api/v1/plan/sites", `{"level": "community", "minutes": 15, "k": 10}`)
	})
}

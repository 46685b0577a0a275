package engine_test

import (
	"errors"
	"math"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/paulmach/orb"
)

func TestNearestMatchesHandComputedTimes(t *testing.T) {
	e := fixture.LineEngine(t)
	speed := 4000.0 / 3600 // m/s
	street := e.Graph.NodePoint(0)
	dLon := e.Graph.NodePoint(1)[0] - street[0]
	tests := []struct {
		name    string
		from    orb.Point
		target  engine.Target
		wantID  string
		wantSec float64 // hand-computed: access + along-street metres over 4 km/h
	}{
		{"station from 500 m east, 20 m north", fixture.MetresNorth(orb.Point{street[0] + 5*dLon, street[1]}, 20),
			engine.Target{Kind: engine.KindLevel, Key: "community"}, "st1", (20 + 500) / speed},
		{"supermarket from 250 m east on the street", orb.Point{street[0] + 2.5*dLon, street[1]},
			engine.Target{Kind: engine.KindCategory, Key: "supermarket"}, "o1", 750 / speed},
		{"any station from the far end", e.Graph.NodePoint(20), engine.Target{Kind: engine.KindLevel, Key: engine.AnyLevel}, "st1", 2000 / speed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hits, err := e.Nearest(tc.from, tc.target, 3, true)
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) != 1 || hits[0].ID != tc.wantID {
				t.Fatalf("hits = %+v, want one hit %s", hits, tc.wantID)
			}
			if got := hits[0].Minutes * 60; math.Abs(got-tc.wantSec) > 0.5 {
				t.Errorf("time = %.2f s, want %.2f s", got, tc.wantSec)
			}
			if len(hits[0].Path) < 2 {
				t.Errorf("no path")
			}
			// Without paths the answer comes from the cached nearest field: same times.
			plain, err := e.Nearest(tc.from, tc.target, 3, false)
			if err != nil || len(plain) != 1 || plain[0].ID != tc.wantID || math.Abs(plain[0].Minutes*60-tc.wantSec) > 0.5 {
				t.Errorf("without path: %+v, %v", plain, err)
			}
		})
	}
}

func TestNearestErrors(t *testing.T) {
	e := fixture.LineEngine(t)
	tests := []struct {
		name   string
		p      orb.Point
		target engine.Target
		k      int
		code   geo.ErrorCode
	}{
		{"off network", fixture.MetresNorth(e.Graph.NodePoint(5), 800), engine.Target{Kind: engine.KindLevel, Key: "any"}, 1, geo.EUNPROCESSABLE},
		{"unknown category", e.Graph.NodePoint(5), engine.Target{Kind: engine.KindCategory, Key: "casino"}, 1, geo.EINVALID},
		{"unknown level", e.Graph.NodePoint(5), engine.Target{Kind: engine.KindLevel, Key: "province"}, 1, geo.EINVALID},
		{"k too large", e.Graph.NodePoint(5), engine.Target{Kind: engine.KindLevel, Key: "any"}, 51, geo.EINVALID},
		{"latitude out of range", orb.Point{104, 95}, engine.Target{Kind: engine.KindLevel, Key: "any"}, 1, geo.EINVALID},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.Nearest(tc.p, tc.target, tc.k, false)
			var ge *geo.Error
			if !errors.As(err, &ge) || ge.Code != tc.code {
				t.Fatalf("err = %v, want code %s", err, tc.code)
			}
		})
	}
}

func TestComputeSetsAndSummaries(t *testing.T) {
	e := fixture.LineEngine(t)
	// 2 configured categories + 5 levels + any.
	if got := len(e.Results); got != 8 {
		t.Fatalf("results = %d, want 8", got)
	}
	var pop float64
	for _, c := range e.Cells {
		pop += c.Population
	}
	if math.Abs(pop-10000) > 1e-6 {
		t.Errorf("cell population sums to %.3f, want the community's 10000", pop)
	}
	for _, s := range e.Summaries {
		if s.Kind == engine.KindCategory && s.Key == "pharmacy" && s.Within[2].Population != 0 {
			t.Errorf("pharmacy (no outlets) covers %v residents", s.Within[2].Population)
		}
		if s.Scope == coverage.ScopeCommunity && s.Code != "510104001001" {
			t.Errorf("unexpected community %q", s.Code)
		}
	}
}

func TestRouteAlongStreet(t *testing.T) {
	e := fixture.LineEngine(t)
	a, b := e.Graph.NodePoint(2), e.Graph.NodePoint(17)
	w, err := e.Route(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(w.Metres-1500) > 0.5 {
		t.Errorf("metres = %.2f, want 1500", w.Metres)
	}
	if math.Abs(w.Minutes-22.5) > 0.01 {
		t.Errorf("minutes = %.3f, want 22.5", w.Minutes)
	}
}

func TestIsochroneBandsGrow(t *testing.T) {
	e := fixture.LineEngine(t)
	bands, err := e.Isochrone(e.Graph.NodePoint(10), []float64{10, 5})
	if err != nil {
		t.Fatal(err)
	}
	if bands[0].Minutes != 5 || bands[1].Minutes != 10 {
		t.Fatalf("bands not sorted: %v, %v", bands[0].Minutes, bands[1].Minutes)
	}
	if bands[0].Cells == 0 || bands[1].Cells <= bands[0].Cells {
		t.Errorf("cells: 5 min %d, 10 min %d", bands[0].Cells, bands[1].Cells)
	}
	if bands[1].Population < bands[0].Population || bands[1].Population > 10000+1e-6 {
		t.Errorf("population: 5 min %.1f, 10 min %.1f", bands[0].Population, bands[1].Population)
	}
	if len(bands[1].Polygon) == 0 {
		t.Error("no polygon")
	}
}

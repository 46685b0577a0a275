package supply_test

import (
	"context"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/supply"
	"github.com/lifecircle/lifecircle/geo/walk"
)

// TestComputeBadInput: every mistake is an EINVALID error naming the field at fault.
func TestComputeBadInput(t *testing.T) {
	g := lineRoad(t)
	ok := supply.Params{Method: supply.Method2SFCA, MaxSeconds: 900}
	e2 := func(d supply.Decay) supply.Params {
		return supply.Params{Method: supply.MethodE2SFCA, MaxSeconds: 900, Decay: d}
	}
	zones := func(zs ...supply.Zone) supply.Params { return e2(supply.Decay{Kind: supply.DecayZones, Zones: zs}) }
	cells := func(pop float64) []supply.Cell { return handCells(g, 100, pop, 300) }
	stations := func(s float64) []supply.Station { return handStations(g, 100, s) }
	cases := []struct {
		name     string
		g        *walk.Graph
		cells    []supply.Cell
		stations []supply.Station
		p        supply.Params
		want     string
	}{
		{"no graph", nil, cells(1), stations(1), ok, "needs a walk graph"},
		{"zero catchment", g, cells(1), stations(1), supply.Params{Method: supply.Method2SFCA}, "catchment 0 s"},
		{"infinite catchment", g, cells(1), stations(1), supply.Params{Method: supply.Method2SFCA, MaxSeconds: math.Inf(1)}, "catchment +Inf s"},
		{"NaN catchment", g, cells(1), stations(1), supply.Params{Method: supply.Method2SFCA, MaxSeconds: math.NaN()}, "catchment NaN s"},
		{"no method", g, cells(1), stations(1), supply.Params{MaxSeconds: 900}, `unknown method ""`},
		{"unknown method", g, cells(1), stations(1), supply.Params{Method: "3sfca", MaxSeconds: 900}, `unknown method "3sfca"`},
		{"2sfca with a decay", g, cells(1), stations(1), supply.Params{Method: supply.Method2SFCA, MaxSeconds: 900, Decay: supply.Decay{Kind: supply.DecayGaussian}}, "takes no decay"},
		{"e2sfca without decay", g, cells(1), stations(1), e2(supply.Decay{}), "needs a decay"},
		{"unknown decay", g, cells(1), stations(1), e2(supply.Decay{Kind: "linear"}), `unknown decay "linear"`},
		{"gaussian with zones", g, cells(1), stations(1), e2(supply.Decay{Kind: supply.DecayGaussian, Zones: []supply.Zone{{UpToSeconds: 900, Weight: 1}}}), "takes no zones"},
		{"no zones", g, cells(1), stations(1), zones(), "at least one zone"},
		{"zones short of T", g, cells(1), stations(1), zones(supply.Zone{UpToSeconds: 600, Weight: 1}), "must end at the catchment 900 s"},
		{"zones not ascending", g, cells(1), stations(1), zones(supply.Zone{UpToSeconds: 600, Weight: 1}, supply.Zone{UpToSeconds: 600, Weight: 0.5}, supply.Zone{UpToSeconds: 900, Weight: 0.2}), "zone 2: bound 600 s"},
		{"zone weight rising", g, cells(1), stations(1), zones(supply.Zone{UpToSeconds: 600, Weight: 0.5}, supply.Zone{UpToSeconds: 900, Weight: 0.8}), "zone 2: weight 0.8"},
		{"zone weight 0", g, cells(1), stations(1), zones(supply.Zone{UpToSeconds: 900, Weight: 0}), "zone 1: weight 0"},
		{"negative population", g, cells(-1), stations(1), ok, "cell 1 (0): population -1"},
		{"NaN population", g, cells(math.NaN()), stations(1), ok, "cell 1 (0): population NaN"},
		{"negative supply", g, cells(1), stations(-5), ok, `station 1 (id "S2"): supply -5`},
		{"infinite supply", g, cells(1), stations(math.Inf(1)), ok, `station 1 (id "S2"): supply +Inf`},
		{"bad station point", g, cells(1), []supply.Station{{ID: "X", Point: orb.Point{200, 30}}}, ok, `station 0 (id "X"): point (200, 30)`},
		{"bad cell centre", g, []supply.Cell{{Center: orb.Point{104, 95}}}, stations(1), ok, "cell 0 (0): centre (104, 95)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := supply.Compute(context.Background(), tc.g, tc.cells, tc.stations, tc.p)
			if geo.ErrorCodeOf(err) != geo.EINVALID || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want EINVALID mentioning %q", err, tc.want)
			}
		})
	}
}

func TestComputeCancelled(t *testing.T) {
	g := lineRoad(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := supply.Compute(ctx, g, handCells(g, 1, 2, 3), handStations(g, 1, 2), supply.Params{Method: supply.Method2SFCA, MaxSeconds: 900})
	if geo.ErrorCodeOf(err) != geo.EUNAVAILABLE {
		t.Errorf("err = %v, want EUNAVAILABLE", err)
	}
}

// TestWorkersDoNotChangeTheResult runs the Chengdu case on 1, 2 and 5 workers.
func TestWorkersDoNotChangeTheResult(t *testing.T) {
	net := chengdu(t)
	cells := boxCells(net.g, chengduBox)
	stations := boxStations(net.g, chengduBox, 10)
	var first *supply.Result
	for _, w := range []int{1, 2, 5} {
		p := supply.Params{Method: supply.MethodE2SFCA, MaxSeconds: 900, Decay: supply.Decay{Kind: supply.DecayGaussian}, Workers: w}
		r, err := supply.Compute(context.Background(), net.g, cells, stations, p)
		if err != nil {
			t.Fatal(err)
		}
		r.Params.Workers = 0
		if first == nil {
			first = r
		} else if !reflect.DeepEqual(r, first) {
			t.Errorf("%d workers give another result than 1", w)
		}
	}
}

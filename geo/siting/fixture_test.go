package siting_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/local"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/paulmach/orb"
)

// walkSpeed is the default walking speed, m/s.
const walkSpeed = 4000.0 / 3600

// lineEngine is lineDistrict (a 2 km street along latitude 30°, the community station
// st1 at its west end) computed with the given residential areas, so that population sits
// only where they are (none: spread evenly by area).
func lineEngine(tb testing.TB, residential []geo.ResidentialArea) *engine.Engine {
	tb.Helper()
	nodes, edges, d := fixture.LineDistrict(20)
	d.Residential = residential
	return compute(tb, d, nodes, edges)
}

// compute builds and computes d on the network with the categories supermarket and
// pharmacy.
func compute(tb testing.TB, d engine.Data, nodes []geo.WalkNode, edges []geo.WalkEdge) *engine.Engine {
	tb.Helper()
	return fixture.Compute(tb, d, nodes, edges, engine.Options{Categories: []string{"supermarket", "pharmacy"}})
}

// square is a residential square of side metres centred on p (lon, lat).
func square(p orb.Point, side float64) geo.ResidentialArea {
	pl, h := local.NewPlane(p), side/2
	sw, ne := pl.LonLat(-h, -h), pl.LonLat(h, h)
	return geo.ResidentialArea{ID: "r1", Kind: "landuse", Polygon: fixture.Rect(sw[0], sw[1], ne[0], ne[1])}
}

// gridDistrict is fixture.GridNetwork's square street grid of n×n nodes 100 m apart at
// latitude 30°, one community over it (10 000 residents spread by area), a community
// station at the south-west corner, a building station at the north-east corner and a
// supermarket in the middle of the south side.
func gridDistrict(tb testing.TB, n int) ([]geo.WalkNode, []geo.WalkEdge, engine.Data) {
	tb.Helper()
	nodes, edges, boundary := fixture.GridNetwork(n - 1)
	at := func(x, y int) orb.Point { return nodes[fixture.GridID(n-1, y, x)-1].Point }
	d := engine.Data{
		Communities: []geo.Community{{Code: "510104001002", Name: "网格社区", StreetCode: "510104001", StreetName: "测试街道",
			Population: 10000, Boundary: boundary}},
		Stations: []geo.Station{
			{ID: "sw", Name: "西南站", Level: geo.LevelCommunity, Point: at(0, 0)},
			{ID: "ne", Name: "东北站", Level: geo.LevelBuilding, Point: at(n-1, n-1)},
		},
		Outlets: []geo.Outlet{{ID: "shop", Name: "超市", Category: "supermarket", Point: at(n/2, 0)}},
	}
	return nodes, edges, d
}

// requireError fails the test unless err is a *geo.Error of code whose message says says.
func requireError(tb testing.TB, err error, code geo.ErrorCode, says string) {
	tb.Helper()
	var ge *geo.Error
	if !errors.As(err, &ge) || ge.Code != code || !strings.Contains(err.Error(), says) {
		tb.Fatalf("err = %v, want code %s saying %q", err, code, says)
	}
}

// routeSeconds is the walk time from a to b by Engine.Route (an A* search, not the
// multi-source searches planning and coverage use); +Inf when there is no route.
func routeSeconds(tb testing.TB, e *engine.Engine, a, b orb.Point) float64 {
	tb.Helper()
	w, err := e.Route(a, b)
	if err != nil {
		if geo.ErrorCodeOf(err) == geo.ENOTFOUND {
			return math.Inf(1)
		}
		tb.Fatal(err)
	}
	return w.Minutes * 60
}

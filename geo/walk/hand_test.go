package walk_test

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
)

// handNet is a small network whose times are worked out by hand (4 km/h: 0.9 s per metre,
// steps 1.5×):
//
//	G ─(100 m north leg of the bent edge)─ W1 ─(100 m west leg)─ A
//	A ─100 m north─ B ─200 m north─ C ─60 m steps north─ D
//	island: E ─100 m north─ F, 5 km east of A
type handNet struct {
	*network
	A, B, C, D, W1, G, E, F orb.Point
	// P: 10 m east of AB, 50 m from A. P2: 5 m west of AB, 80 m from A.
	// Q: 20 m west of BC, 150 m from B. R: 10 m east of CD, 20 m from C.
	// S: 10 m west of the bent edge's north leg, 40 m north of W1 (140 m along from A).
	// Off: 600 m east of B. Isle: 5 m east of EF, 30 m from E.
	P, P2, Q, R, S, Off, Isle orb.Point
}

func newHandNet() *handNet {
	h := &handNet{network: newNetwork()}
	h.A = orb.Point{121.0, 31.0}
	h.B = north(h.A, 100)
	h.C = north(h.B, 200)
	h.D = north(h.C, 60)
	h.W1 = east(h.A, -100)
	h.G = north(h.W1, 100)
	h.E = east(h.A, 5000)
	h.F = north(h.E, 100)
	for i, p := range []orb.Point{h.A, h.B, h.C, h.D, h.G, h.E, h.F} {
		h.node(int64(i+1), p)
	}
	h.edge(10, 1, 2, "residential", 100)
	h.edge(11, 2, 3, "footway", 200)
	h.edge(12, 3, 4, "steps", 60)
	h.edge(13, 1, 5, "path", 200, h.W1)
	h.edge(14, 6, 7, "footway", 100)
	h.P = east(north(h.A, 50), 10)
	h.P2 = east(north(h.A, 80), -5)
	h.Q = east(north(h.B, 150), -20)
	h.R = east(north(h.C, 20), 10)
	h.S = east(north(h.W1, 40), -10)
	h.Off = east(h.B, 600)
	h.Isle = east(north(h.E, 30), 5)
	return h
}

// near reports whether got is within tol of want (absolute).
func near(got, want, tol float64) bool {
	if math.IsInf(want, 1) {
		return math.IsInf(got, 1)
	}
	return math.Abs(got-want) <= tol
}

// samePoint reports whether two (lon, lat) points are within tolM metres.
func samePoint(a, b orb.Point, tolM float64) bool { return geo.HaversineM(a, b) <= tolM }

func isInf(x float64) bool { return math.IsInf(x, 1) }

// nodeIndex returns g's internal index of the node with the given WalkNode.ID, or -1.
func nodeIndex(g *walk.Graph, id int64) int32 {
	for i := 0; i < g.NumNodes(); i++ {
		if g.NodeID(int32(i)) == id {
			return int32(i)
		}
	}
	return -1
}

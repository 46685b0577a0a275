package assess_test

import (
	"testing"

	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/internal/fixture"
)

// On the straight street the supermarket stands at 1 000 m; 5 minutes on foot is 333 m.
// A 333 m buffer and 5 minutes on foot agree on the street itself, but cells off the street
// are farther on foot (access leg) than in a straight line, so the buffer can only
// overstate coverage there, never miss any: a walk is never shorter than the straight line.
func TestCompareBufferNeverMissesOnAStraightStreet(t *testing.T) {
	e := fixture.LineEngine(t)
	tests := []struct {
		name    string
		radius  float64
		minutes float64
	}{
		{"333 m vs 5 min", 1000.0 / 3, 5},
		{"1000 m vs 15 min", 1000, 15},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := assess.CompareBuffer(e, engine.Target{Kind: engine.KindCategory, Key: "supermarket"}, tc.radius, tc.minutes)
			if err != nil {
				t.Fatal(err)
			}
			if c.WalkOnly != 0 {
				t.Errorf("%d cells reachable on foot lie outside the straight-line buffer: impossible", c.WalkOnly)
			}
			if c.WalkCovered == 0 || c.BufferCovered < c.WalkCovered {
				t.Errorf("buffer %d cells, on foot %d", c.BufferCovered, c.WalkCovered)
			}
			if c.BufferOnly != c.BufferCovered-c.WalkCovered {
				t.Errorf("buffer-only %d != %d − %d", c.BufferOnly, c.BufferCovered, c.WalkCovered)
			}
		})
	}
}

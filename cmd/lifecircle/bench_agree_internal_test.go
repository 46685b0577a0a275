package main

import (
	"math"
	"testing"

	"github.com/lifecircle/lifecircle/geo/coverage"
)

// TestCompareResults checks the benchmark's comparison of the two paths' answers.
func TestCompareResults(t *testing.T) {
	inf, nan := float32(math.Inf(1)), float32(math.NaN())
	set := func(sec []float32, near []int32) []coverage.Result {
		return []coverage.Result{{Kind: "level", Key: "community", Seconds: sec, Nearest: near}}
	}
	tests := []struct {
		name      string
		cur, base []coverage.Result
		want      agreement
		refused   bool
	}{
		{"equal", set([]float32{10, inf, nan}, []int32{0, -1, -1}), set([]float32{10, inf, nan}, []int32{0, -1, -1}), agreement{cells: 3}, false},
		{"rounding", set([]float32{100.0004}, []int32{1}), set([]float32{100}, []int32{1}), agreement{cells: 1, maxDiff: float64(float32(100.0004)) - 100}, false},
		{"a tie", set([]float32{60}, []int32{2}), set([]float32{60}, []int32{3}), agreement{cells: 1, nearest: 1}, false},
		{"reached by one only", set([]float32{60}, []int32{2}), set([]float32{inf}, []int32{-1}), agreement{cells: 1, onlyOne: 1}, true},
		{"too far apart", set([]float32{60.5}, []int32{2}), set([]float32{60}, []int32{2}), agreement{cells: 1, maxDiff: 0.5}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := compareResults(tc.cur, tc.base)
			if err != nil {
				t.Fatal(err)
			}
			if a != tc.want {
				t.Errorf("%+v, want %+v", a, tc.want)
			}
			if err := printAgreement(&discard{}, a); (err != nil) != tc.refused {
				t.Errorf("refused: %v, want %v", err, tc.refused)
			}
		})
	}
	if _, err := compareResults(set([]float32{1}, []int32{0}), nil); err == nil {
		t.Error("different numbers of sets compared without an error")
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

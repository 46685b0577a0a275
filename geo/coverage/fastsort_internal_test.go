package coverage

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomTimes returns n weighed times drawn from distinct values of float32 seconds
// (few distinct ones when ties, so that many are equal), some +Inf, −0 and +0, and
// negative ones, with random weights, and their keys, as groupAcc.add makes them.
func randomTimes(r *rand.Rand, n, distinct int) ([]weighedTime, []uint64) {
	vals := make([]float32, distinct)
	for k := range vals {
		switch r.IntN(10) {
		case 0:
			vals[k] = float32(math.Inf(1))
		case 1:
			vals[k] = float32(math.Copysign(0, -1))
		case 2:
			vals[k] = 0
		case 3:
			vals[k] = -float32(r.Float64() * 100)
		default:
			vals[k] = float32(r.Float64() * 1800)
		}
	}
	ts := make([]weighedTime, n)
	secs := make([]float32, n)
	for i := range ts {
		secs[i] = vals[r.IntN(distinct)]
		ts[i] = weighedTime{min: float64(secs[i]) / 60, pop: r.Float64(), area: r.Float64()}
	}
	return ts, timeKeys(ts, secs)
}

// timeKeys returns the keys of ts, whose times are secs.
func timeKeys(ts []weighedTime, secs []float32) []uint64 {
	keys := make([]uint64, len(ts))
	for i := range ts {
		keys[i] = uint64(secondsKey(secs[i]))<<32 | uint64(i)
	}
	return keys
}

// TestSortTimesIsSortFunc checks that sortTimes leaves the times, equal ones included,
// in the very order slices.SortFunc with cmp.Compare on min does, bit for bit.
func TestSortTimesIsSortFunc(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	var sc sortScratch
	cases := []struct {
		name        string
		n, distinct int
		shape       func(ts []weighedTime)
	}{
		{"empty", 0, 1, nil},
		{"one", 1, 1, nil},
		{"small distinct", 11, 1000, nil},
		{"small ties", 40, 3, nil},
		{"medium ties", 500, 20, nil},
		{"large distinct", 70000, 1 << 20, nil},
		{"large ties", 70000, 300, nil},
		{"all equal", 5000, 1, nil},
		{"sorted", 20000, 5000, func(ts []weighedTime) { slices.SortFunc(ts, byMin) }},
		{"reversed", 20000, 5000, func(ts []weighedTime) { slices.SortFunc(ts, byMin); slices.Reverse(ts) }},
		{"nearly sorted", 20000, 5000, func(ts []weighedTime) {
			slices.SortFunc(ts, byMin)
			for k := 0; k < 10; k++ {
				i, j := r.IntN(len(ts)), r.IntN(len(ts))
				ts[i], ts[j] = ts[j], ts[i]
			}
		}},
		{"organ pipe", 20000, 20000, func(ts []weighedTime) {
			slices.SortFunc(ts, byMin)
			slices.Reverse(ts[len(ts)/2:])
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for rep := 0; rep < 5; rep++ {
				ts, keys := randomTimes(r, c.n, c.distinct)
				if c.shape != nil {
					c.shape(ts)
					keys = timeKeys(ts, secondsOf(ts))
				}
				want := slices.Clone(ts)
				slices.SortFunc(want, byMin)
				got := sc.sortTimes(ts, keys)
				for i := range want {
					if !sameTime(got[i], want[i]) {
						t.Fatalf("rep %d: at %d of %d got %+v, slices.SortFunc %+v", rep, i, len(want), got[i], want[i])
					}
				}
			}
		})
	}
}

// secondsOf returns the float32 seconds of ts's times (min × 60 rounds back to them).
func secondsOf(ts []weighedTime) []float32 {
	secs := make([]float32, len(ts))
	for i, t := range ts {
		secs[i] = float32(t.min * 60)
	}
	return secs
}

func byMin(x, y weighedTime) int { return cmp.Compare(x.min, y.min) }

func sameTime(a, b weighedTime) bool {
	return math.Float64bits(a.min) == math.Float64bits(b.min) && a.pop == b.pop && a.area == b.area
}

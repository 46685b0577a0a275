package main

import (
	"fmt"
	"io"
	"math"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
)

// benchTolerance is how far apart, in seconds, the two code paths' cell times may be: the
// current searches sum the same costs in another order (float64), and both are stored as
// float32 seconds (about 0.00006 s at 15 minutes).
const benchTolerance = 1e-3

// agreement compares the cell times of the current path's results with the baseline's,
// set by set: the cells reached by one path only, the largest difference in seconds and
// the cells whose nearest facility differs (a tie between two facilities, when the times
// agree).
type agreement struct {
	cells, onlyOne, nearest int
	maxDiff                 float64
}

func compareResults(cur, base []coverage.Result) (agreement, error) {
	var a agreement
	if len(cur) != len(base) {
		return a, geo.Errorf(geo.EINTERNAL, "the current path searched %d sets, the baseline %d", len(cur), len(base))
	}
	for k := range cur {
		c, b := cur[k], base[k]
		if c.Kind != b.Kind || c.Key != b.Key || len(c.Seconds) != len(b.Seconds) {
			return a, geo.Errorf(geo.EINTERNAL, "set %d: current %s %s (%d cells), baseline %s %s (%d cells)", k, c.Kind, c.Key, len(c.Seconds), b.Kind, b.Key, len(b.Seconds))
		}
		for i, cs := range c.Seconds {
			bs := b.Seconds[i]
			a.cells++
			switch cr, br := reachedTime(cs), reachedTime(bs); {
			case cr != br:
				a.onlyOne++
			case cr:
				a.maxDiff = math.Max(a.maxDiff, math.Abs(float64(cs)-float64(bs)))
				if c.Nearest[i] != b.Nearest[i] {
					a.nearest++
				}
			}
		}
	}
	return a, nil
}

func reachedTime(s float32) bool { return !math.IsNaN(float64(s)) && !math.IsInf(float64(s), 0) }

// printAgreement says how the two paths' answers compare and refuses a difference
// beyond benchTolerance (a benchmark of wrong answers measures nothing).
func printAgreement(out io.Writer, a agreement) error {
	fmt.Fprintf(out, "answers: %d cell times (cells × sets) compared with the baseline's: largest difference %.6f s, reached by one path only %d, nearest facility differs %d (equal times: ties)\n",
		a.cells, a.maxDiff, a.onlyOne, a.nearest)
	if a.onlyOne > 0 || a.maxDiff > benchTolerance {
		return geo.Errorf(geo.EINTERNAL, "the current path's cell times differ from the baseline's (%d reached by one path only, largest difference %.6f s, tolerance %g s)", a.onlyOne, a.maxDiff, benchTolerance)
	}
	return nil
}

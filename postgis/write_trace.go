package postgis

import (
	"fmt"
	"os"
	"time"
)

// TEMPORARY: per-statement timing of the coverage write (LIFECIRCLE_WRITE_TRACE=1).
type writeTrace struct {
	on   bool
	last time.Time
	t0   time.Time
	msg  string
}

func newWriteTrace() *writeTrace {
	now := time.Now()
	return &writeTrace{on: os.Getenv("LIFECIRCLE_WRITE_TRACE") != "", last: now, t0: now}
}

func (t *writeTrace) step(name string) {
	if !t.on {
		return
	}
	now := time.Now()
	t.msg += fmt.Sprintf(" %s=%.0fms", name, float64(now.Sub(t.last).Microseconds())/1000)
	t.last = now
}

func (t *writeTrace) done() {
	if t.on {
		fmt.Fprintf(os.Stderr, "WRITETRACE%s total=%.0fms\n", t.msg, float64(time.Since(t.t0).Microseconds())/1000)
	}
}

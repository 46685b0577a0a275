package walk_test

import (
	"testing"
	"time"
)

// cpuClock measures the process's CPU time (user + system) over a benchmark loop, so that
// figures stay meaningful on a shared, busy machine.
type cpuClock struct{ start time.Duration }

func startCPU() cpuClock { return cpuClock{start: cpuNow()} }

// report adds the CPU milliseconds per operation to b's results.
func (c cpuClock) report(b *testing.B) {
	b.ReportMetric(float64(cpuNow()-c.start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

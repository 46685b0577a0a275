package walk_test

import (
	"syscall"
	"testing"
	"time"
)

// cpuClock measures the process's CPU time (user + system) over a benchmark loop, so that
// figures stay meaningful on a shared, busy machine.
type cpuClock struct{ start time.Duration }

func cpuNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func startCPU() cpuClock { return cpuClock{start: cpuNow()} }

// report adds the CPU milliseconds per operation to b's results.
func (c cpuClock) report(b *testing.B) {
	b.ReportMetric(float64(cpuNow()-c.start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

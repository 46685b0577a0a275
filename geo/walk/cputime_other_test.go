//go:build !unix

package walk_test

import "time"

// cpuNow is not measured on this platform: cpu-ms/op reads 0.
func cpuNow() time.Duration { return 0 }

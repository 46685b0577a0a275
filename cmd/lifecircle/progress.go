package main

import (
	"log/slog"
	"os"
	"sync"

	"github.com/schollz/progressbar/v3"
)

// progress returns a callback that shows how far a long task is: a bar on a terminal, a log
// line every tenth elsewhere. unit names what done and total count ("bytes", "records").
func (c *Config) progress(task, unit string) (report func(done, total int64), finish func()) {
	var mu sync.Mutex
	if c.Terminal {
		var bar *progressbar.ProgressBar
		report = func(done, total int64) {
			mu.Lock()
			defer mu.Unlock()
			if bar == nil {
				bar = progressbar.NewOptions64(total, progressbar.OptionSetDescription(task),
					progressbar.OptionSetWriter(os.Stderr), progressbar.OptionShowCount(),
					progressbar.OptionShowBytes(unit == "bytes"), progressbar.OptionThrottle(100_000_000),
					progressbar.OptionClearOnFinish())
			}
			_ = bar.Set64(done)
		}
		finish = func() {
			mu.Lock()
			defer mu.Unlock()
			if bar != nil {
				_ = bar.Finish()
			}
		}
		return report, finish
	}
	last := int64(-1)
	report = func(done, total int64) {
		if total <= 0 {
			return
		}
		tenth := done * 10 / total
		mu.Lock()
		defer mu.Unlock()
		if tenth != last {
			last = tenth
			c.Log.Info("progress", slog.String("task", task), slog.Int64("done", done), slog.Int64("total", total), slog.String("unit", unit))
		}
	}
	return report, func() {}
}

package main

import (
	"log/slog"
	"os"
	"sync"

	"github.com/schollz/progressbar/v3"
)

// progress returns a callback that shows how far a long task is: a bar on a terminal, a log
// line every tenth elsewhere. unit names what done and total count ("bytes", "records"),
// or is "" when they count different things phase by phase.
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
			attrs := []any{slog.String("task", task), slog.Int64("done", done), slog.Int64("total", total)}
			if unit != "" {
				attrs = append(attrs, slog.String("unit", unit))
			}
			c.Log.Info("progress", attrs...)
		}
	}
	return report, func() {}
}

// phases returns a callback for a task of several phases, each reported by name with its
// own done and total: every phase gets its own progress (c.progress), named prefix +
// phase. finish ends the last one.
func (c *Config) phases(prefix, unit string) (report func(phase string, done, total int64), finish func()) {
	var mu sync.Mutex
	phase := ""
	var step func(done, total int64)
	end := func() {}
	report = func(p string, done, total int64) {
		mu.Lock()
		defer mu.Unlock()
		if p != phase || step == nil {
			end()
			phase = p
			step, end = c.progress(prefix+p, unit)
		}
		step(done, total)
	}
	finish = func() {
		mu.Lock()
		defer mu.Unlock()
		end()
	}
	return report, finish
}

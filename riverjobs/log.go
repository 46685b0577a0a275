package riverjobs

import (
	"context"
	"log/slog"
)

// quieter passes on only the records at or above min: River logs its routine (client
// started, migrations to apply, job counts every few seconds) at info, which would drown
// the workers' one line per region; its warnings and errors still come through.
type quieter struct {
	slog.Handler
	min slog.Level
}

func (q quieter) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= q.min && q.Handler.Enabled(ctx, l)
}

func (q quieter) WithAttrs(attrs []slog.Attr) slog.Handler {
	return quieter{q.Handler.WithAttrs(attrs), q.min}
}

func (q quieter) WithGroup(name string) slog.Handler {
	return quieter{q.Handler.WithGroup(name), q.min}
}

// riverLog is the logger River gets: log's warnings and errors (debug too when log is at
// debug level).
func riverLog(log *slog.Logger) *slog.Logger {
	if log.Enabled(context.Background(), slog.LevelDebug) {
		return log
	}
	return slog.New(quieter{log.Handler(), slog.LevelWarn})
}

package guard

import (
	"fmt"
	"io"
)

// LimitError says that a stream went past a cap. What names the quantity ("the unpacked
// data", "one XML token"); Max is the cap in bytes; Offset is where (bytes into the
// stream) it was passed.
type LimitError struct {
	What   string
	Max    int64
	Offset int64
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s is longer than %s (at byte %d)", e.What, Bytes(e.Max), e.Offset)
}

// Bytes writes a byte count for a message: "512 MiB", "16 KiB", "900 B".
func Bytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d B", n)
}

// Cap is an io.Reader that yields at most Max bytes of R: reading past them fails with a
// *LimitError naming What. Unlike io.LimitReader it does not pretend the stream ended.
type Cap struct {
	R    io.Reader
	Max  int64
	What string
	n    int64
}

// Read implements io.Reader.
func (c *Cap) Read(p []byte) (int, error) {
	if c.n > c.Max {
		return 0, &LimitError{What: c.What, Max: c.Max, Offset: c.n}
	}
	if room := c.Max - c.n + 1; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := c.R.Read(p)
	c.n += int64(n)
	if c.n > c.Max {
		return n - int(c.n-c.Max), &LimitError{What: c.What, Max: c.Max, Offset: c.Max}
	}
	return n, err
}

// ReadAll reads r to its end, failing with a *LimitError naming what once it yields more
// than max bytes.
func ReadAll(r io.Reader, max int64, what string) ([]byte, error) {
	return io.ReadAll(&Cap{R: r, Max: max, What: what})
}

// Default sets a limit that is zero or negative (not given) to d.
func Default[T int | int64](v *T, d T) {
	if *v <= 0 {
		*v = d
	}
}

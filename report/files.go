package report

import (
	"io"
	"os"

	"github.com/lifecircle/lifecircle/geo"
)

// writeFile creates path and fills it with fn, reporting a failure to create, write or
// close it as an EINVALID error naming the file (a directory the user gave).
func writeFile(path string, fn func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "cannot write %s", path)
	}
	if err := fn(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return geo.WrapError(geo.EINVALID, err, "cannot write %s", path)
	}
	return nil
}

package report

import (
	"io"
	"os"
	"path/filepath"

	"github.com/lifecircle/lifecircle/geo"
)

// namedFile is one file of a report and what goes into it.
type namedFile[T any] struct {
	name string
	body T
}

// writeFiles writes each file into dir with write, in order, and returns the paths
// written (up to the first failure).
func writeFiles[T any](dir string, files []namedFile[T], write func(io.Writer, T) error) ([]string, error) {
	var paths []string
	for _, f := range files {
		path := filepath.Join(dir, f.name)
		if err := writeFile(path, func(w io.Writer) error { return write(w, f.body) }); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

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

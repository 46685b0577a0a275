package importers

import (
	"io"
	"os"
	"path/filepath"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/internal/guard"
)

// withFile opens the file at path and hands read its base name (for messages) and its
// content, closing it afterwards. A file that cannot be opened is an EINVALID error naming
// path.
func withFile(path string, read func(name string, r io.Reader) error) error {
	f, err := os.Open(path)
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "cannot open %s", path)
	}
	defer f.Close()
	return read(filepath.Base(path), f)
}

// readCapped reads r whole, refusing more than max bytes (Limits.MaxFileBytes).
func readCapped(name string, r io.Reader, max int64) ([]byte, error) {
	data, err := guard.ReadAll(r, max, "the file")
	if err == nil {
		return data, nil
	}
	if lerr := limitError(name, err, "MaxFileBytes"); lerr != err {
		return nil, lerr
	}
	return nil, geo.WrapError(geo.EINVALID, err, "%s: cannot read the file", name)
}

package ogr

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
)

// DefaultMaxUnzipped is the default cap on a zip's total uncompressed size: 2 GiB, far
// above any district's boundaries and far below what would fill a disk.
const DefaultMaxUnzipped int64 = 2 << 30

// maxZipEntries caps how many files a zip may hold.
const maxZipEntries = 20000

// unzip checks the zip at path — total uncompressed size at most limit, at most
// maxZipEntries entries, no entry escaping the folder — from its central directory before
// anything is written, then unpacks it into dir, stopping should an entry inflate past the
// size its header declares.
func unzip(file, path, dir string, limit int64) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "%s: not a readable zip archive", file)
	}
	defer zr.Close()
	if err := checkZip(file, zr.File, limit); err != nil {
		return err
	}
	for _, f := range zr.File {
		if err := extract(file, f, dir); err != nil {
			return err
		}
	}
	return nil
}

// checkZip checks the central directory: sizes, entry count and names.
func checkZip(file string, files []*zip.File, limit int64) error {
	if len(files) > maxZipEntries {
		return geo.Errorf(geo.EINVALID, "%s: the zip holds %d files, more than the %d allowed", file, len(files), maxZipEntries)
	}
	var total uint64
	for _, f := range files {
		total += f.UncompressedSize64
		if total > uint64(limit) || f.UncompressedSize64 > uint64(limit) {
			return geo.Errorf(geo.EINVALID, "%s: the zip would unpack to more than %s (%s at %q): refused as a possible zip bomb; raise the cap if the file is genuine", file, sizeText(uint64(limit)), sizeText(total), f.Name)
		}
		if _, err := safeName(f.Name); err != nil {
			return geo.WrapError(geo.EINVALID, err, "%s: zip entry %q", file, f.Name)
		}
	}
	return nil
}

// safeName returns the entry's path relative to the unpacking folder, refusing absolute
// paths and any ".." that would leave it.
func safeName(name string) (string, error) {
	n := strings.ReplaceAll(name, `\`, "/")
	if strings.HasPrefix(n, "/") || filepath.IsAbs(n) || (len(n) > 1 && n[1] == ':') {
		return "", errors.New("absolute path in the zip")
	}
	clean := filepath.Clean(filepath.FromSlash(n))
	if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return "", errors.New("path leaves the zip's folder (\"..\")")
	}
	return clean, nil
}

// extract writes one entry under dir, at most its declared size.
func extract(file string, f *zip.File, dir string) error {
	rel, _ := safeName(f.Name)
	dst := filepath.Join(dir, rel)
	if f.FileInfo().IsDir() || strings.HasSuffix(f.Name, "/") {
		return os.MkdirAll(dst, 0o755)
	}
	if !f.Mode().IsRegular() && f.Mode()&os.ModeType != 0 {
		return geo.Errorf(geo.EINVALID, "%s: zip entry %q is not a regular file (%s)", file, f.Name, f.Mode().Type())
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return geo.WrapError(geo.EUNAVAILABLE, err, "%s: cannot unpack", file)
	}
	rc, err := f.Open()
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "%s: zip entry %q", file, f.Name)
	}
	defer rc.Close()
	out, err := os.Create(dst)
	if err != nil {
		return geo.WrapError(geo.EUNAVAILABLE, err, "%s: cannot unpack", file)
	}
	n, err := io.Copy(out, io.LimitReader(rc, int64(f.UncompressedSize64)+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	switch {
	case errors.Is(err, zip.ErrFormat):
		return geo.WrapError(geo.EINVALID, err, "%s: zip entry %q is damaged or inflates past the %d bytes its header declares: refused", file, f.Name, f.UncompressedSize64)
	case err != nil:
		return geo.WrapError(geo.EINVALID, err, "%s: zip entry %q is damaged", file, f.Name)
	case uint64(n) > f.UncompressedSize64:
		return geo.Errorf(geo.EINVALID, "%s: zip entry %q inflates past the %d bytes its header declares: refused", file, f.Name, f.UncompressedSize64)
	}
	return nil
}

func sizeText(n uint64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}

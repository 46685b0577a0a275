package raster

import (
	"bufio"
	"context"
	"encoding/binary"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
)

// band is band 1 of a raster dumped as raw Float64 (ENVI), to be read in bands of rows.
type band struct {
	path  string
	order binary.ByteOrder
	width int
}

// pixels reads rows of a band, one at a time.
type pixels struct {
	f     *os.File
	r     *bufio.Reader
	order binary.ByteOrder
	row   []byte
}

// dumpPixels writes band 1 of path as raw Float64 (GDAL's ENVI format) into dir.
// Converting to Float64 keeps every Int16/Int32/Float32 value and the nodata value
// exactly.
func dumpPixels(ctx context.Context, file, path, dir string, width int) (*band, error) {
	bin := filepath.Join(dir, "band1.bin")
	if _, err := runGDAL(ctx, file, "gdal_translate", "-q", "-of", "ENVI", "-ot", "Float64", "-b", "1", path, bin); err != nil {
		return nil, err
	}
	hdr, err := os.ReadFile(filepath.Join(dir, "band1.hdr"))
	if err != nil {
		return nil, geo.WrapError(geo.EINVALID, err, "%s: gdal_translate wrote no ENVI header", file)
	}
	var order binary.ByteOrder = binary.LittleEndian
	for _, line := range strings.Split(string(hdr), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && strings.TrimSpace(k) == "byte order" && strings.TrimSpace(v) == "1" {
			order = binary.BigEndian
		}
	}
	return &band{path: bin, order: order, width: width}, nil
}

// open returns a reader of the band's rows from row on.
func (b *band) open(file string, row int) (*pixels, error) {
	f, err := os.Open(b.path)
	if err != nil {
		return nil, geo.WrapError(geo.EINVALID, err, "%s: gdal_translate wrote no pixels", file)
	}
	if _, err := f.Seek(int64(row)*int64(8*b.width), io.SeekStart); err != nil {
		f.Close()
		return nil, geo.WrapError(geo.EINVALID, err, "%s: row %d of the pixels cannot be read", file, row+1)
	}
	return &pixels{f: f, r: bufio.NewReaderSize(f, 1<<20), order: b.order, row: make([]byte, 8*b.width)}, nil
}

// next reads the next row into out (len width).
func (p *pixels) next(out []float64) error {
	if _, err := io.ReadFull(p.r, p.row); err != nil {
		return err
	}
	for i := range out {
		out[i] = math.Float64frombits(p.order.Uint64(p.row[8*i:]))
	}
	return nil
}

func (p *pixels) close() error { return p.f.Close() }

// isNoData reports whether v is band 1's nodata (compared in the band's own type, so a
// Float32 nodata matches exactly) or NaN.
func isNoData(v float64, nodata *float64, typ string) bool {
	if math.IsNaN(v) {
		return true
	}
	if nodata == nil {
		return false
	}
	if typ == "Float32" {
		return float32(v) == float32(*nodata)
	}
	return v == *nodata
}

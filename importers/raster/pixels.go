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

// pixels is band 1 of a raster as raw Float64, read one row at a time.
type pixels struct {
	f     *os.File
	r     *bufio.Reader
	order binary.ByteOrder
	row   []byte
}

// dumpPixels writes band 1 of path as raw Float64 (GDAL's ENVI format) into dir and opens
// it. Converting to Float64 keeps every Int16/Int32/Float32 value and the nodata value
// exactly.
func dumpPixels(ctx context.Context, file, path, dir string, width int) (*pixels, error) {
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
	f, err := os.Open(bin)
	if err != nil {
		return nil, geo.WrapError(geo.EINVALID, err, "%s: gdal_translate wrote no pixels", file)
	}
	return &pixels{f: f, r: bufio.NewReaderSize(f, 1<<20), order: order, row: make([]byte, 8*width)}, nil
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

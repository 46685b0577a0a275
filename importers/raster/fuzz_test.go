package raster

import (
	"context"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/uber/h3-go/v4"
)

// The fuzz targets of what this package reads itself, in memory: gdalinfo's JSON (the
// GeoTIFF's own decoding is GDAL's, in a child process) and the pixel rows GDAL dumps, added
// onto H3 cells by area. Seeds beyond these are under testdata/fuzz.

func FuzzParseInfo(f *testing.F) {
	f.Add([]byte(`{"size":[4,4],"geoTransform":[104.06,0.001,0,30.66,0,-0.001],"coordinateSystem":{"wkt":"GEOGCRS[\"WGS 84\",ID[\"EPSG\",4326]]"},"bands":[{"type":"Float32","noDataValue":-99999}]}`))
	f.Add([]byte(`{"size":[1000000,1000000],"geoTransform":[0,0,0,0,0,0],"coordinateSystem":{"wkt":" "},"bands":[{"type":"Int16","noDataValue":"NaN","scale":2}]}`))
	f.Add([]byte(`{"size":[-1,2],"geoTransform":[1,2,3],"bands":[{"noDataValue":"-Infinity"},{}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := parseInfo("fuzz.tif", data)
		if err != nil {
			var ge *geo.Error
			if !errors.As(err, &ge) || ge.Code != geo.EINVALID {
				t.Fatalf("%v is not an EINVALID *geo.Error", err)
			}
			return
		}
		if in.Width <= 0 || in.Height <= 0 || in.GT[1]*in.GT[5]-in.GT[2]*in.GT[4] == 0 {
			t.Fatalf("a raster of no area accepted: %+v", in)
		}
	})
}

// FuzzAggregateRows reads a raster made of the input — an 8-byte header (width, height
// and resolution; pixel size and origin near Chengdu) then Float64 pixels — row by row as
// aggregateFile does (in bands, as readBands does), and checks that the cells add up to the pixels counted.
func FuzzAggregateRows(f *testing.F) {
	px := func(vals ...float64) []byte {
		b := []byte{3, 2, 9, 10, 40, 30, 0, 0}
		for _, v := range vals {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
		return b
	}
	f.Add(px(1, 2, 3, 4, 5, 6))
	f.Add(px(-1, math.NaN(), 0, 1e300, math.Inf(1), -99999))
	f.Add(append([]byte{16, 16, 15, 255, 255, 255, 255, 255}, make([]byte, 16*16*8)...))
	// One file per fuzzing process, rewritten by each input: the band is read from a file as
	// aggregateFile reads GDAL's dump, without a temporary directory per exec.
	dir, err := os.MkdirTemp("", "fuzz-raster-")
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { os.RemoveAll(dir) })
	bin := filepath.Join(dir, "band1.bin")
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 8 {
			return
		}
		w, h := 1+int(data[0]%16), 1+int(data[1]%16)
		res := 6 + int(data[2]%7) // 6–12, the resolutions coverage is computed on (most)
		pixel := (1 + float64(data[3])) * 1e-5
		lon0, lat0 := 104+float64(data[4])*1e-3, 30.5+float64(data[5])*1e-3
		in := &info{Width: w, Height: h, GT: [6]float64{lon0, pixel, float64(int8(data[6])) * 1e-7, lat0, float64(int8(data[7])) * 1e-7, -pixel}, Type: "Float64"}
		if in.GT[1]*in.GT[5]-in.GT[2]*in.GT[4] == 0 {
			return
		}
		nodata := -99999.0
		in.NoData = &nodata
		rows := data[8:]
		if need := 8 * w * h; len(rows) < need {
			rows = append(rows, make([]byte, need-len(rows))...)
		}
		if err := os.WriteFile(bin, rows[:8*w*h], 0o600); err != nil {
			t.Fatal(err)
		}
		b := &band{path: bin, order: binary.LittleEndian, width: w}
		loc := affine(in.GT)
		cells := map[h3.Cell]float64{}
		file := File{Name: "fuzz.tif", Width: w, Height: h, NoData: in.NoData, Type: in.Type, PixelM: pixelMetres(loc, in)}
		if err := file.readBands(context.Background(), b, loc, res, lat0, cells); err != nil {
			t.Fatal(err)
		}
		var sum float64
		for _, v := range cells {
			if !(v >= 0) || math.IsInf(v, 0) && !math.IsInf(file.Total, 0) {
				t.Fatalf("cell population %v", v)
			}
			sum += v
		}
		if file.Pixels != int64(w*h) || file.NoDataPixels+file.Negative+file.Zero > file.Pixels {
			t.Fatalf("counted %+v of %d×%d pixels", file, w, h)
		}
		if !math.IsInf(file.Total, 0) && math.Abs(sum-file.Total) > 1e-6*math.Max(1, file.Total) {
			t.Fatalf("cells add up to %v, the pixels to %v", sum, file.Total)
		}
	})
}

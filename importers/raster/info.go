package raster

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/ogr"
)

// info is what gdalinfo -json says of a raster that this package needs.
type info struct {
	Width, Height int
	GT            [6]float64 // x = GT0 + col·GT1 + row·GT2, y = GT3 + col·GT4 + row·GT5 (pixel corners)
	CRS           ogr.SourceCRS
	Type          string   // band 1's data type, e.g. "Float32", "Int16"
	NoData        *float64 // band 1's nodata value, nil when none (NaN is NaN)
	Bands         int
}

// gdalInfoJSON is the part of `gdalinfo -json` read here.
type gdalInfoJSON struct {
	Size             []int     `json:"size"`
	GeoTransform     []float64 `json:"geoTransform"`
	CoordinateSystem *struct {
		WKT string `json:"wkt"`
	} `json:"coordinateSystem"`
	Bands []struct {
		Type        string          `json:"type"`
		NoDataValue json.RawMessage `json:"noDataValue"`
		Scale       *float64        `json:"scale"`
		Offset      *float64        `json:"offset"`
	} `json:"bands"`
}

// readInfo runs gdalinfo -json on path and checks what the aggregation needs: a
// geotransform, a CRS, a first band without scale or offset.
func readInfo(ctx context.Context, file, path string) (*info, error) {
	out, err := runGDAL(ctx, file, "gdalinfo", "-json", path)
	if err != nil {
		return nil, err
	}
	return parseInfo(file, out)
}

// parseInfo reads gdalinfo -json's output (see readInfo).
func parseInfo(file string, out []byte) (*info, error) {
	var j gdalInfoJSON
	if err := json.Unmarshal(out, &j); err != nil {
		return nil, geo.WrapError(geo.EINVALID, err, "%s: gdalinfo wrote unreadable JSON", file)
	}
	if len(j.Size) != 2 || len(j.Bands) == 0 {
		return nil, geo.Errorf(geo.EINVALID, "%s: not a raster with a band (GDAL reads no size or band)", file)
	}
	if len(j.GeoTransform) != 6 {
		return nil, geo.Errorf(geo.EINVALID, "%s: the raster has no geotransform: where its pixels lie is unknown", file)
	}
	if j.CoordinateSystem == nil || strings.TrimSpace(j.CoordinateSystem.WKT) == "" {
		return nil, geo.Errorf(geo.EINVALID, "%s: the raster states no coordinate system: assign one with `gdal_translate -a_srs EPSG:4326` (WorldPop) or the one its source names", file)
	}
	b := j.Bands[0]
	if (b.Scale != nil && *b.Scale != 1) || (b.Offset != nil && *b.Offset != 0) {
		return nil, geo.Errorf(geo.EINVALID, "%s: band 1 has a scale or offset: unscale it first (gdal_translate -unscale)", file)
	}
	in := &info{Width: j.Size[0], Height: j.Size[1], CRS: ogr.ParseWKT(j.CoordinateSystem.WKT), Type: b.Type, Bands: len(j.Bands)}
	copy(in.GT[:], j.GeoTransform)
	var err error
	if in.NoData, err = noData(b.NoDataValue); err != nil {
		return nil, geo.WrapError(geo.EINVALID, err, "%s: band 1's nodata value", file)
	}
	if in.Width <= 0 || in.Height <= 0 || in.GT[1]*in.GT[5]-in.GT[2]*in.GT[4] == 0 {
		return nil, geo.Errorf(geo.EINVALID, "%s: the raster has no area (%d × %d pixels, geotransform %v)", file, in.Width, in.Height, in.GT)
	}
	return in, nil
}

// noData reads gdalinfo's noDataValue: a number, "NaN", "Infinity", "-Infinity", or absent.
func noData(raw json.RawMessage) (*float64, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var v float64
	if err := json.Unmarshal(raw, &v); err == nil {
		return &v, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, err
	}
	switch strings.ToLower(s) {
	case "nan":
		v = math.NaN()
	case "infinity", "inf":
		v = math.Inf(1)
	case "-infinity", "-inf":
		v = math.Inf(-1)
	default:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", s)
		}
		v = f
	}
	return &v, nil
}

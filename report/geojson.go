package report

import (
	"encoding/json"
	"io"
	"math"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// The GeoJSON files GeoJSON writes.
const (
	StationsGeoJSON    = "stations.geojson"
	CommunitiesGeoJSON = "communities-coverage.geojson"
	GapsGeoJSON        = "gaps.geojson"
)

// geojsonRound keeps 7 decimals of a degree (about 1 cm).
const geojsonRound = 1e7

// GeoJSON writes the report's layers into dir as GeoJSON FeatureCollections in WGS84
// (lon, lat; RFC 7946), with property names in English for GIS tools:
// stations.geojson (one point per station), communities-coverage.geojson (each community
// with a boundary: its residents and the shares within each threshold of any station)
// and gaps.geojson (each gap's uncovered cells merged into a multipolygon). Shares are
// 0–1, populations residents, times minutes. It returns the paths written.
func GeoJSON(dir string, in Input) ([]string, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	return writeFiles(dir, []namedFile[*geojson.FeatureCollection]{
		{StationsGeoJSON, stationsLayer(in)},
		{CommunitiesGeoJSON, communitiesLayer(in)},
		{GapsGeoJSON, gapsLayer(in)},
	}, writeGeoJSON)
}

func writeGeoJSON(w io.Writer, fc *geojson.FeatureCollection) error {
	b, err := json.Marshal(fc)
	if err != nil {
		return geo.WrapError(geo.EINTERNAL, err, "encode GeoJSON")
	}
	if _, err := w.Write(append(b, '\n')); err != nil {
		return geo.WrapError(geo.EINVALID, err, "write GeoJSON")
	}
	return nil
}

// rounded returns a copy of g with coordinates rounded to geojsonRound, leaving g alone.
func rounded(g orb.Geometry) orb.Geometry {
	return orb.Round(orb.Clone(g), geojsonRound)
}

// jnum is v for JSON: nil for NaN and ±Inf (which JSON cannot hold), else v rounded to
// the decimals.
func jnum(v float64, decimals int) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	f := math.Pow(10, float64(decimals))
	return math.Round(v*f) / f
}

// stationsLayer is one point per station.
func stationsLayer(in Input) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	for _, s := range in.Engine.Stations {
		f := geojson.NewFeature(rounded(s.Point))
		f.Properties = geojson.Properties{
			"id": s.ID, "name": s.Name, "level": string(s.Level), "tier": s.Level.Tier(), "level_zh": s.Level.NameZH(),
			"parent_code": s.ParentCode, "address": s.Address, "floor_area_m2": jnum(s.FloorAreaM2, 1),
			"staff": s.Staff, "source": s.Source,
		}
		fc.Append(f)
	}
	return fc
}

// communitiesLayer is each community with a boundary and its coverage by any station.
func communitiesLayer(in Input) *geojson.FeatureCollection {
	_, mins := in.coverageTargets()
	byCode := map[string][]assess.CoverageRow{}
	for _, m := range mins {
		rep, ok := in.coverageOf(anyStation(), m)
		if !ok {
			continue
		}
		for _, r := range rep.Communities {
			byCode[r.Code] = append(byCode[r.Code], r)
		}
	}
	noStation := map[string]bool{}
	for _, c := range in.Network.CommunitiesWithoutStation {
		noStation[c.Code] = true
	}
	fc := geojson.NewFeatureCollection()
	for _, c := range in.Engine.Communities {
		if len(c.Boundary) == 0 {
			continue
		}
		f := geojson.NewFeature(rounded(c.Boundary))
		f.Properties = geojson.Properties{"code": c.Code, "name": c.Name, "street_code": c.StreetCode,
			"street_name": c.StreetName, "has_station": !noStation[c.Code]}
		rows := byCode[c.Code]
		for i, r := range rows {
			ml := minuteLabel(mins[i])
			f.Properties["share_within_"+ml] = jnum(r.PopulationShare, 4)
			f.Properties["population_beyond_"+ml] = jnum(r.PopulationBeyond, 1)
			if r.AreaWeighted {
				f.Properties["share_within_"+ml] = jnum(r.AreaShare, 4)
			}
		}
		if len(rows) > 0 {
			r := rows[len(rows)-1]
			f.Properties["population"] = jnum(r.Population, 1)
			f.Properties["cells"] = r.Cells
			f.Properties["median_min"] = jnum(r.MedianMin, 2)
			f.Properties["by_area"] = r.AreaWeighted
		}
		fc.Append(f)
	}
	return fc
}

// gapsLayer is each gap's uncovered area.
func gapsLayer(in Input) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	for i, g := range in.Gaps {
		f := geojson.NewFeature(rounded(g.Polygon))
		f.Properties = geojson.Properties{"rank": i + 1, "kind": g.Kind, "code": g.Code, "name": g.Name,
			"population": jnum(g.Population, 1), "population_beyond": jnum(g.PopulationBeyond, 1),
			"share_beyond": jnum(g.ShareBeyond, 4), "uncovered_cells": g.UncoveredCells, "by_area": g.AreaWeighted,
			"target_kind": in.GapTarget.Kind, "target_key": in.GapTarget.Key, "minutes": in.GapMinutes}
		fc.Append(f)
	}
	return fc
}

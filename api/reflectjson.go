package api

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"sort"
	"strings"
	"unicode"

	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/paulmach/orb"
)

// The engine's report types (coverage, gaps, network, standards, plans, scenarios) are
// answered as the engine builds them, through report: field names in snake_case
// (PopulationShare → population_share, P90Min → p90_min), NaN and ±Inf as null, points as
// [lon, lat] and other geometries as GeoJSON geometry objects, all in the request's crs.

// object is a JSON object that keeps its keys in struct field order.
type object []member

type member struct {
	key   string
	value any
}

// MarshalJSON implements json.Marshaler.
func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(m.key)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(m.value)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

var (
	pointType      = reflect.TypeFor[orb.Point]()
	geometryType   = reflect.TypeFor[orb.Geometry]()
	marshalerType  = reflect.TypeFor[json.Marshaler]()
	emptyInterface = reflect.TypeFor[any]()
)

// report converts v to a JSON-ready value with geometries in sys.
func report(sys crs.System, v any) any { return reportValue(sys, reflect.ValueOf(v)) }

func reportValue(sys crs.System, v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	t := v.Type()
	switch {
	case t == pointType:
		return outPair(sys, v.Interface().(orb.Point))
	case t.Implements(geometryType) && t.Kind() != reflect.Interface:
		return geometry(outGeometry(sys, v.Interface().(orb.Geometry)))
	case t.Implements(marshalerType) && t != emptyInterface && t.Kind() != reflect.Interface:
		return v.Interface()
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return reportValue(sys, v.Elem())
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil
		}
		return f
	case reflect.Struct:
		return reportStruct(sys, v)
	case reflect.Slice, reflect.Array:
		return reportSlice(sys, v)
	case reflect.Map:
		return reportMap(sys, v)
	}
	return v.Interface()
}

func reportSlice(sys crs.System, v reflect.Value) any {
	if v.Kind() == reflect.Slice && v.IsNil() {
		return []any{}
	}
	out := make([]any, v.Len())
	for i := range out {
		out[i] = reportValue(sys, v.Index(i))
	}
	return out
}

func reportMap(sys crs.System, v reflect.Value) any {
	keys := v.MapKeys()
	sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
	o := make(object, 0, len(keys))
	for _, k := range keys {
		o = append(o, member{key: k.String(), value: reportValue(sys, v.MapIndex(k))})
	}
	return o
}

func reportStruct(sys crs.System, v reflect.Value) object {
	t := v.Type()
	var o object
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		if f.Anonymous && f.Type.Kind() == reflect.Struct && !f.Type.Implements(geometryType) {
			o = append(o, reportStruct(sys, v.Field(i))...)
			continue
		}
		o = append(o, member{key: snakeCase(f.Name), value: reportValue(sys, v.Field(i))})
	}
	return o
}

// snakeCase turns a Go field name into snake_case: PopulationShare → population_share,
// OSMStationsToReview → osm_stations_to_review, AreaM2 → area_m2, P90Min → p90_min,
// CompoundsBeyond5Min → compounds_beyond_5_min, NameZH → name_zh, FacilityID → facility_id.
func snakeCase(s string) string {
	r := []rune(s)
	var b strings.Builder
	for i, c := range r {
		if i > 0 && underscoreBefore(r, i) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

func underscoreBefore(r []rune, i int) bool {
	prev, c := r[i-1], r[i]
	switch {
	case unicode.IsUpper(c):
		if unicode.IsLower(prev) || unicode.IsDigit(prev) {
			return true
		}
		return unicode.IsUpper(prev) && i+1 < len(r) && unicode.IsLower(r[i+1])
	case unicode.IsDigit(c):
		return unicode.IsLower(prev)
	}
	return false
}

// outGeometry converts any orb geometry to sys, copying it.
func outGeometry(sys crs.System, g orb.Geometry) orb.Geometry {
	switch g := g.(type) {
	case orb.Point:
		return outPoint(sys, g)
	case orb.LineString:
		return outLine(sys, g)
	case orb.Ring:
		return orb.Ring(outLine(sys, orb.LineString(g)))
	case orb.Polygon:
		return outPolygon(sys, g)
	case orb.MultiPolygon:
		return outMulti(sys, g)
	case orb.MultiPoint:
		return orb.MultiPoint(outLine(sys, orb.LineString(g)))
	case orb.MultiLineString:
		out := make(orb.MultiLineString, len(g))
		for i, l := range g {
			out[i] = outLine(sys, l)
		}
		return out
	case orb.Bound:
		return orb.Bound{Min: outPoint(sys, g.Min), Max: outPoint(sys, g.Max)}
	}
	return g
}

package importers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/internal/guard"
)

// geoJSONTop is the top level of a GeoJSON text: a FeatureCollection, a Feature or (not
// accepted) a bare geometry.
type geoJSONTop struct {
	Type     string            `json:"type"`
	Features []json.RawMessage `json:"features"`
}

// readGeoJSONBytes reads a FeatureCollection or a single Feature; each feature is a
// record numbered from 1 whose properties give the fields.
func readGeoJSONBytes(b *builder, data []byte, res *Result) error {
	text, enc, err := decodeText(b.file, data, b.spec.encoding)
	if err != nil {
		return err
	}
	res.Encoding = enc
	var top geoJSONTop
	if err := json.Unmarshal(text, &top); err != nil {
		return jsonError(b.file, text, err)
	}
	var features []json.RawMessage
	switch {
	case strings.EqualFold(top.Type, "FeatureCollection"):
		if len(top.Features) == 0 {
			return geo.Errorf(geo.EINVALID, "%s: the FeatureCollection has no features", b.file)
		}
		features = top.Features
	case strings.EqualFold(top.Type, "Feature"):
		features = []json.RawMessage{text}
	case isGeometryType(top.Type):
		return geo.Errorf(geo.EINVALID, "%s: the file is a bare %s geometry, not a Feature or FeatureCollection: it has no properties to read %s from (wrap it in a Feature)", b.file, top.Type, b.spec.kind)
	case top.Type == "":
		return geo.Errorf(geo.EINVALID, "%s: not GeoJSON: the top-level object has no \"type\"", b.file)
	default:
		return geo.Errorf(geo.EINVALID, "%s: not GeoJSON: unknown type \"%s\" (expected FeatureCollection or Feature)", b.file, guard.Echo(top.Type, guard.EchoRunes))
	}
	return b.addFeatures(features)
}

// addFeatures parses and validates the features one by one, letting go of each one's
// text once read. When every feature has a geometry of the wrong type for the kind, the
// whole file is rejected with one error.
func (b *builder) addFeatures(features []json.RawMessage) error {
	b.progress.start(int64(len(features)))
	b.reserve(len(features))
	cols := map[string]*columns{} // by property names: features mostly share them
	wrong, wrongType := 0, ""
	for i, raw := range features {
		features[i] = nil
		rec, bad := b.parseFeature(i+1, raw, cols)
		b.progress.report(int64(i))
		if bad != nil {
			b.rejectRecord(i+1, 0, bad.col, bad.val, bad.reason)
			continue
		}
		if rec.geom != nil && !b.fits(rec.geom.typ) {
			wrong, wrongType = wrong+1, rec.geom.typ
		}
		if err := b.add(rec); err != nil {
			return err
		}
	}
	if wrong == len(features) {
		return geo.Errorf(geo.EINVALID, "%s: every feature is a %s, but %s need %s geometries", b.file, wrongType, b.spec.kind, b.needName())
	}
	return nil
}

func (b *builder) fits(typ string) bool {
	if b.spec.geometry == needPoint {
		return typ == "Point"
	}
	return isAreaType(typ)
}

func (b *builder) needName() string {
	if b.spec.geometry == needPoint {
		return "Point"
	}
	return "Polygon or MultiPolygon"
}

// parseFeature reads one feature into a record, or says why it cannot; cols caches the
// columns of each set of property names.
func (b *builder) parseFeature(num int, raw json.RawMessage, cols map[string]*columns) (*record, *problem) {
	var f struct {
		Type       string          `json:"type"`
		ID         json.RawMessage `json:"id"`
		Geometry   json.RawMessage `json:"geometry"`
		Properties json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, &problem{"", "", "malformed feature: " + err.Error()}
	}
	if !strings.EqualFold(f.Type, "Feature") {
		return nil, &problem{"type", f.Type, "not a Feature"}
	}
	keys, vals, err := properties(f.Properties)
	if err != nil {
		return nil, &problem{"properties", "", "malformed properties: " + err.Error()}
	}
	key := strings.Join(keys, "\x00")
	c, ok := cols[key]
	if !ok {
		c = b.spec.resolve(keys)
		cols[key] = c
	}
	rec := &record{num: num, cols: c, vals: vals, feature: true, fid: jsonScalar(f.ID)}
	if g := bytes.TrimSpace(f.Geometry); len(g) > 0 && !bytes.Equal(g, []byte("null")) {
		geom, reason := parseGeometry(g)
		if reason != "" {
			return nil, &problem{"geometry", "", reason}
		}
		rec.geom = geom
	}
	return rec, nil
}

// properties returns a feature's property names (sorted) and their values as text.
func properties(raw json.RawMessage) ([]string, []string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil, nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, nil, err
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	vals := make([]string, len(keys))
	for i, k := range keys {
		vals[i] = valueText(m[k])
	}
	return keys, vals, nil
}

// valueText writes a JSON value as a cell would hold it: numbers as written, null empty.
func valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return fmt.Sprint(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// jsonScalar returns a feature id (string or number) as text; "" for anything else.
func jsonScalar(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] == '{' || raw[0] == '[' || bytes.Equal(raw, []byte("null")) {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

// jsonError turns a JSON decoding error into an EINVALID error naming the file and the
// byte offset.
func jsonError(file string, text []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn) && syn.Offset >= int64(len(bytes.TrimRight(text, " \t\r\n"))):
		return geo.WrapError(geo.EINVALID, err, "%s: truncated JSON: the file ends at byte %d before the JSON is complete", file, syn.Offset)
	case errors.As(err, &syn):
		return geo.WrapError(geo.EINVALID, err, "%s: malformed JSON at byte %d", file, syn.Offset)
	case errors.As(err, &typ):
		return geo.WrapError(geo.EINVALID, err, "%s: not GeoJSON: unexpected %s at byte %d", file, typ.Value, typ.Offset)
	}
	return geo.WrapError(geo.EINVALID, err, "%s: not GeoJSON", file)
}

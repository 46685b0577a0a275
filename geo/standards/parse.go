package standards

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
)

// Parse reads a standards file (JSON, schema in data/standards/README.md) and checks its
// structure: unknown fields, missing keys, names and sources, duplicate keys, minutes,
// ranges, station levels and ratio bounds. Category keys are checked by Validate. Every
// problem is an EINVALID *geo.Error naming where in the file it is.
func Parse(b []byte) (*Rules, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var r Rules
	if err := dec.Decode(&r); err != nil {
		return nil, jsonError(b, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, geo.Errorf(geo.EINVALID, "standards file: unexpected data after the top-level object")
	}
	if err := r.check(); err != nil {
		return nil, err
	}
	return &r, nil
}

// jsonError turns a decoding error into an EINVALID error with a line and column when
// the decoder gives an offset.
func jsonError(b []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := geo.LineColumn(b, syn.Offset-1) // Offset counts the offending byte
		return geo.WrapError(geo.EINVALID, err, "standards file: line %d, column %d: invalid JSON", line, col)
	case errors.As(err, &typ):
		line, col := geo.LineColumn(b, typ.Offset) // just after the offending value
		return geo.Errorf(geo.EINVALID, "standards file: line %d, column %d: field %q must be %s, not %s",
			line, col, typ.Field, kindName(typ.Type), typ.Value)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return geo.WrapError(geo.EINVALID, err, "standards file: empty or cut short")
	}
	if strings.Contains(err.Error(), "unknown field") {
		return geo.WrapError(geo.EINVALID, err, "standards file (misspelt field? the schema is in data/standards/README.md)")
	}
	return geo.WrapError(geo.EINVALID, err, "standards file")
}

// kindName names a JSON value kind for a planner: "a number", "text", ….
func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Float32, reflect.Float64, reflect.Int, reflect.Int64, reflect.Int32:
		return "a number"
	case reflect.String:
		return "text in quotes"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list [...]"
	case reflect.Struct, reflect.Map, reflect.Pointer:
		return "an object {...}"
	}
	return t.String()
}

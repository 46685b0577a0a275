package data

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
)

//go:embed circles.json
var circlesJSON string

// CirclesName is the file name of the bundled circle file, for messages.
const CirclesName = "circles.json"

// Circles returns the bundled circle file (circles.json), as a fresh copy the caller may
// modify.
func Circles() []byte { return []byte(circlesJSON) }

// CircleFile is a circle file: named service circles, such as 15分钟健康服务圈 or the
// GB 50180 life circles, each the facilities that must be within its minutes' walk.
//
// Planners add their own by copying circles.json, adding an entry to "circles" (a key of
// their choice, name_zh, minutes, source, and facilities naming category keys of
// categories.json and/or station levels) and giving the copy to lifecircle (the CLI flag
// --circles FILE). ParseCircles rejects a copy with a mistake, naming the circle, the
// facility and the key or field at fault.
type CircleFile struct {
	Name    string   `json:"name"`
	Notes   []string `json:"notes,omitempty"`
	Circles []Circle `json:"circles"`
}

// Circle is one named service circle: residents are in it when every one of its
// facilities is within Minutes' walk (a circle of one facility is an "any of" set).
type Circle struct {
	Key        string           `json:"key"` // unique in the file, used in URLs and tables
	NameZH     string           `json:"name_zh"`
	NameEN     string           `json:"name_en,omitempty"`
	Minutes    float64          `json:"minutes"` // walking minutes, 0 < m ≤ 120
	Source     string           `json:"source"`  // where the circle comes from
	Check      bool             `json:"check,omitempty"`
	Note       string           `json:"note,omitempty"`
	Facilities []CircleFacility `json:"facilities"`
}

// CircleFacility is met where an outlet of one of its Categories or a party-mass station
// of one of its Levels is within the circle's minutes. At least one of the two is given.
type CircleFacility struct {
	Key        string      `json:"key"` // unique in its circle
	NameZH     string      `json:"name_zh,omitempty"`
	NameEN     string      `json:"name_en,omitempty"`
	Categories []string    `json:"categories,omitempty"` // keys of the category file
	Levels     []geo.Level `json:"levels,omitempty"`     // district, street, community, compound, building
	Note       string      `json:"note,omitempty"`
}

// Seconds returns the circle's walking time limit in seconds.
func (c Circle) Seconds() float64 { return c.Minutes * 60 }

// ParseCircles reads a circle file named name (for messages) and checks it against cats,
// the category file in use: unknown fields, missing keys, names, sources and facilities,
// duplicate keys, minutes outside (0, 120], unknown category keys and station levels.
// Every problem is an EINVALID *geo.Error naming the file, the circle, the facility and
// the field or key.
func ParseCircles(name string, b []byte, cats *geo.Categories) (*CircleFile, error) {
	if cats == nil {
		return nil, geo.Errorf(geo.EINVALID, "circle file %s: no category set to check its keys against", name)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var f CircleFile
	if err := dec.Decode(&f); err != nil {
		return nil, circleJSONError(name, b, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, geo.Errorf(geo.EINVALID, "circle file %s: unexpected data after the top-level object", name)
	}
	if len(f.Circles) == 0 {
		return nil, geo.Errorf(geo.EINVALID, "circle file %s: no circles", name)
	}
	seen := map[string]int{}
	for i, c := range f.Circles {
		where := fmt.Sprintf("circle file %s: circle %d (%q)", name, i+1, c.Key)
		if j, dup := seen[c.Key]; dup && c.Key != "" {
			return nil, geo.Errorf(geo.EINVALID, "%s: key also used by circle %d", where, j+1)
		}
		seen[c.Key] = i
		if err := c.check(where, cats); err != nil {
			return nil, err
		}
	}
	return &f, nil
}

// check validates one circle and its facilities.
func (c Circle) check(where string, cats *geo.Categories) error {
	switch {
	case c.Key == "":
		return geo.Errorf(geo.EINVALID, "%s: key is empty", where)
	case strings.TrimSpace(c.NameZH) == "":
		return geo.Errorf(geo.EINVALID, "%s: name_zh is empty", where)
	case !(c.Minutes > 0 && c.Minutes <= 120):
		return geo.Errorf(geo.EINVALID, "%s: minutes %v is outside (0, 120]", where, c.Minutes)
	case strings.TrimSpace(c.Source) == "":
		return geo.Errorf(geo.EINVALID, "%s: source is empty; say where the circle comes from", where)
	case len(c.Facilities) == 0:
		return geo.Errorf(geo.EINVALID, "%s: no facilities", where)
	}
	seen := map[string]bool{}
	for j, f := range c.Facilities {
		fw := fmt.Sprintf("%s, facility %d (%q)", where, j+1, f.Key)
		if seen[f.Key] {
			return geo.Errorf(geo.EINVALID, "%s: key listed twice in the circle", fw)
		}
		seen[f.Key] = true
		if err := f.check(fw, cats); err != nil {
			return err
		}
	}
	return nil
}

// check validates one facility's key, categories and levels.
func (f CircleFacility) check(where string, cats *geo.Categories) error {
	if f.Key == "" {
		return geo.Errorf(geo.EINVALID, "%s: key is empty", where)
	}
	if len(f.Categories) == 0 && len(f.Levels) == 0 {
		return geo.Errorf(geo.EINVALID, "%s: give categories, levels or both", where)
	}
	for k, key := range f.Categories {
		if _, ok := cats.Get(key); !ok {
			known := cats.Keys()
			slices.Sort(known)
			return geo.Errorf(geo.EINVALID, "%s: unknown category %q (known: %s)", where, key, strings.Join(known, ", "))
		}
		if slices.Contains(f.Categories[:k], key) {
			return geo.Errorf(geo.EINVALID, "%s: category %q listed twice", where, key)
		}
	}
	for k, l := range f.Levels {
		if !l.Valid() {
			names := make([]string, 0, 5)
			for _, v := range geo.Levels() {
				names = append(names, string(v))
			}
			return geo.Errorf(geo.EINVALID, "%s: unknown station level %q (use %s)", where, l, strings.Join(names, ", "))
		}
		if slices.Contains(f.Levels[:k], l) {
			return geo.Errorf(geo.EINVALID, "%s: level %q listed twice", where, l)
		}
	}
	return nil
}

// circleJSONError turns a decoding error into an EINVALID error naming the file, with a
// line and column when the decoder gives an offset.
func circleJSONError(name string, b []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := geo.LineColumn(b, syn.Offset-1)
		return geo.WrapError(geo.EINVALID, err, "circle file %s: line %d, column %d: invalid JSON", name, line, col)
	case errors.As(err, &typ):
		line, col := geo.LineColumn(b, typ.Offset)
		return geo.Errorf(geo.EINVALID, "circle file %s: line %d, column %d: field %q cannot hold %s", name, line, col, typ.Field, typ.Value)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return geo.WrapError(geo.EINVALID, err, "circle file %s: empty or cut short", name)
	}
	return geo.WrapError(geo.EINVALID, err, "circle file %s (a misspelt field? compare with the bundled circles.json)", name)
}

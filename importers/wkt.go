package importers

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// parseGeometryText reads a geometry column: GeoJSON geometry text ("{…}") or WKT/EWKT
// (POLYGON, MULTIPOLYGON or POINT, optionally "SRID=4326;" first and Z/M values, which
// are dropped). Coordinates are taken as (lon, lat).
func parseGeometryText(s string) (*featureGeometry, error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "{") {
		g, reason := parseGeometry([]byte(s))
		if reason != "" {
			return nil, errors.New(reason)
		}
		return g, nil
	}
	return parseWKT(s)
}

// wktParser reads WKT text left to right.
type wktParser struct {
	s string
	i int
}

func parseWKT(s string) (*featureGeometry, error) {
	if strings.HasPrefix(strings.ToUpper(s), "SRID=") {
		if _, rest, ok := strings.Cut(s, ";"); ok {
			s = rest
		}
	}
	p := &wktParser{s: s}
	tag := strings.ToUpper(p.word())
	if dim := strings.ToUpper(p.peekWord()); dim == "Z" || dim == "M" || dim == "ZM" {
		p.word()
	}
	g := &featureGeometry{}
	var err error
	switch tag {
	case "POINT":
		g.typ = "Point"
		err = p.point(g)
	case "POLYGON":
		g.typ = "Polygon"
		err = p.polygons(g, false)
	case "MULTIPOLYGON":
		g.typ = "MultiPolygon"
		err = p.polygons(g, true)
	case "":
		return nil, errors.New("not WKT: expected POLYGON, MULTIPOLYGON or GeoJSON")
	default:
		return nil, fmt.Errorf("unsupported WKT type %s: expected POLYGON or MULTIPOLYGON", tag)
	}
	if err == nil && p.skipSpace() < len(p.s) {
		err = p.errorf("unexpected text after the geometry")
	}
	if err != nil {
		return nil, err
	}
	return g, nil
}

func (p *wktParser) point(g *featureGeometry) error {
	if p.empty() {
		return nil
	}
	if err := p.expect('('); err != nil {
		return err
	}
	pt, err := p.position()
	if err != nil {
		return err
	}
	g.point = pt
	return p.expect(')')
}

// polygons reads "(ring, …)" for a POLYGON or "((ring, …), …)" for a MULTIPOLYGON.
func (p *wktParser) polygons(g *featureGeometry, multi bool) error {
	if p.empty() {
		return nil
	}
	if !multi {
		poly, err := p.polygon()
		g.area = orb.MultiPolygon{poly}
		return err
	}
	return p.list(func() error {
		poly, err := p.polygon()
		g.area = append(g.area, poly)
		return err
	})
}

func (p *wktParser) polygon() (orb.Polygon, error) {
	var poly orb.Polygon
	err := p.list(func() error {
		var ring orb.Ring
		err := p.list(func() error {
			pt, err := p.position()
			ring = append(ring, pt)
			return err
		})
		poly = append(poly, ring)
		return err
	})
	return poly, err
}

// list reads "( item, item, … )".
func (p *wktParser) list(item func() error) error {
	if err := p.expect('('); err != nil {
		return err
	}
	for {
		if err := item(); err != nil {
			return err
		}
		p.skipSpace()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
			continue
		}
		return p.expect(')')
	}
}

// position reads "x y [z [m]]" and keeps (x, y).
func (p *wktParser) position() (orb.Point, error) {
	var nums []float64
	for len(nums) < 4 {
		p.skipSpace()
		start := p.i
		for p.i < len(p.s) && strings.IndexByte("0123456789+-.eE", p.s[p.i]) >= 0 {
			p.i++
		}
		if p.i == start {
			break
		}
		v, err := strconv.ParseFloat(p.s[start:p.i], 64)
		if err != nil || math.IsInf(v, 0) {
			return orb.Point{}, p.errorf("bad number %q", p.s[start:p.i])
		}
		nums = append(nums, v)
	}
	if len(nums) < 2 {
		return orb.Point{}, p.errorf("a position needs two numbers")
	}
	return orb.Point{nums[0], nums[1]}, nil
}

func (p *wktParser) empty() bool {
	if strings.ToUpper(p.peekWord()) == "EMPTY" {
		p.word()
		return true
	}
	return false
}

func (p *wktParser) expect(c byte) error {
	p.skipSpace()
	if p.i >= len(p.s) || p.s[p.i] != c {
		return p.errorf("expected %q", c)
	}
	p.i++
	return nil
}

func (p *wktParser) skipSpace() int {
	for p.i < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.i]) >= 0 {
		p.i++
	}
	return p.i
}

// word reads letters; peekWord does so without moving on.
func (p *wktParser) word() string {
	p.skipSpace()
	start := p.i
	for p.i < len(p.s) && (p.s[p.i]|0x20 >= 'a' && p.s[p.i]|0x20 <= 'z') {
		p.i++
	}
	return p.s[start:p.i]
}

func (p *wktParser) peekWord() string {
	i := p.i
	w := p.word()
	p.i = i
	return w
}

func (p *wktParser) errorf(format string, args ...any) error {
	return fmt.Errorf("WKT at character %d: %s", p.i+1, fmt.Sprintf(format, args...))
}

package importers

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/internal/guard"
	"github.com/uber/h3-go/v4"
)

// PopulationCell is one row of a population grid: residents of one H3 cell.
type PopulationCell = geo.PopulationCell

// PopulationOptions steer how a population grid is read.
type PopulationOptions struct {
	Encoding string // as Options.Encoding: "", "auto", "utf-8", "gbk" or "gb18030"
	Limits   Limits // MaxFileBytes and MaxFieldBytes apply; the zero value takes the defaults
}

// The H3 resolutions a population grid may have: those coverage is computed on (see
// geo/engine's Options.Resolution).
const (
	minGridResolution = 6
	maxGridResolution = 13
)

// maxCellPopulation bounds the residents of one H3 cell: more than the densest city blocks
// hold on a resolution-6 cell (36 km²), so a larger value is no count.
const maxCellPopulation = 1e7

// ReadPopulationFile reads a population grid CSV (header h3,population — also 人口/常住人口)
// in UTF-8 or GBK. Every row is checked: a valid H3 cell index at a resolution coverage
// uses (6–13, the same for every row), a number in [0, 10⁷], no cell twice. Bad rows are
// Rejects; an unusable file is an EINVALID error.
func ReadPopulationFile(ctx context.Context, path string, encoding string) ([]PopulationCell, []Reject, error) {
	var cells []PopulationCell
	var rejects []Reject
	err := withFile(path, func(name string, r io.Reader) (err error) {
		cells, rejects, err = ReadPopulationFrom(ctx, name, r, PopulationOptions{Encoding: encoding})
		return err
	})
	return cells, rejects, err
}

// ReadPopulation is ReadPopulationFile on bytes already read; name is used in messages.
func ReadPopulation(ctx context.Context, name string, data []byte, encoding string) ([]PopulationCell, []Reject, error) {
	return ReadPopulationFrom(ctx, name, bytes.NewReader(data), PopulationOptions{Encoding: encoding})
}

// ReadPopulationFrom is ReadPopulationFile on a reader; name is used in messages. A panic
// while reading is recovered into an EINTERNAL error naming the file.
func ReadPopulationFrom(ctx context.Context, name string, r io.Reader, opts PopulationOptions) (cells []PopulationCell, rejects []Reject, err error) {
	defer guard.Recover(name, &err)
	lim := opts.Limits.withDefaults()
	data, err := readCapped(name, r, lim.MaxFileBytes)
	if err != nil {
		return nil, nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, geo.Errorf(geo.EINVALID, "%s: the file is empty", name)
	}
	text, _, err := decodeText(name, data, opts.Encoding)
	if err != nil {
		return nil, nil, err
	}
	cr := csv.NewReader(bytes.NewReader(text))
	cr.Comma = sniffDelimiter(text)
	cr.FieldsPerRecord = -1
	if err := checkFieldLengths(name, text, cr.Comma, lim.MaxFieldBytes); err != nil {
		return nil, nil, err
	}
	header, err := cr.Read()
	if err != nil {
		return nil, nil, geo.WrapError(geo.EINVALID, err, "%s: cannot read the header row", name)
	}
	hCol, pCol := findColumn(header, "h3", "cell", "h3_index", "网格"), findColumn(header, "population", "pop", "人口", "常住人口", "人数")
	if hCol < 0 || pCol < 0 {
		return nil, nil, geo.Errorf(geo.EINVALID, "%s: a population grid needs columns h3 and population (found %s)", name, guard.EchoList(header, guard.EchoRunes))
	}
	g := gridReader{name: name, hCol: hCol, pCol: pCol, seen: map[h3.Cell]int{}}
	return g.read(ctx, cr)
}

// gridReader reads the rows of one population grid.
type gridReader struct {
	name       string
	hCol, pCol int
	seen       map[h3.Cell]int // cell -> record
	res, first int             // the grid's resolution, from the first good record
	cells      []PopulationCell
	rejects    []Reject
}

func (g *gridReader) read(ctx context.Context, r *csv.Reader) ([]PopulationCell, []Reject, error) {
	for rec := 1; ; rec++ {
		if rec%10000 == 0 && ctx.Err() != nil {
			return nil, nil, geo.WrapError(geo.EUNAVAILABLE, ctx.Err(), "%s: cancelled", g.name)
		}
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var perr *csv.ParseError
		switch {
		case errors.As(err, &perr):
			g.reject(rec, perr.StartLine, "", "", "malformed CSV row: "+perr.Err.Error())
			continue
		case err != nil:
			return nil, nil, geo.WrapError(geo.EINVALID, err, "%s: cannot read record %d", g.name, rec)
		}
		line, _ := r.FieldPos(0)
		g.row(rec, line, row)
	}
	if len(g.cells)+len(g.rejects) == 0 {
		return nil, nil, geo.Errorf(geo.EINVALID, "%s: no records after the header", g.name)
	}
	return g.cells, g.rejects, nil
}

func (g *gridReader) reject(rec, line int, field, value, reason string) {
	g.rejects = append(g.rejects, Reject{File: g.name, Record: rec, Line: line, Field: field, Value: shorten(value), Reason: reason})
}

// row checks one record and keeps its cell.
func (g *gridReader) row(rec, line int, row []string) {
	hv, pv := cellAt(row, g.hCol), cellAt(row, g.pCol)
	c := h3.Cell(h3.IndexFromString(strings.ToLower(strings.TrimSpace(hv))))
	if !c.IsValid() {
		g.reject(rec, line, "h3", hv, "not an H3 cell index")
		return
	}
	if res := c.Resolution(); res < minGridResolution || res > maxGridResolution {
		g.reject(rec, line, "h3", hv, fmt.Sprintf("H3 resolution %d: a population grid must be at a resolution coverage is computed on (%d–%d)", res, minGridResolution, maxGridResolution))
		return
	} else if g.first > 0 && res != g.res {
		g.reject(rec, line, "h3", hv, fmt.Sprintf("H3 resolution %d, while record %d is at resolution %d: a grid has one resolution", res, g.first, g.res))
		return
	}
	p, ok := parseNumber(pv)
	switch {
	case !ok || p < 0:
		g.reject(rec, line, "population", pv, "unparseable or negative number")
		return
	case p > maxCellPopulation:
		g.reject(rec, line, "population", pv, fmt.Sprintf("implausibly many residents for one cell (more than %.0f)", float64(maxCellPopulation)))
		return
	}
	if first, dup := g.seen[c]; dup {
		g.reject(rec, line, "h3", hv, fmt.Sprintf("cell given twice: record %d has it too", first))
		return
	}
	if g.first == 0 {
		g.res, g.first = c.Resolution(), rec
	}
	g.seen[c] = rec
	g.cells = append(g.cells, PopulationCell{H3: c.String(), Population: p})
}

func findColumn(header []string, names ...string) int {
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, bom)))
		for _, n := range names {
			if h == n {
				return i
			}
		}
	}
	return -1
}

func cellAt(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

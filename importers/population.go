package importers

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/uber/h3-go/v4"
)

// PopulationCell is one row of a population grid: residents of one H3 cell.
type PopulationCell struct {
	H3         string // H3 index as hexadecimal text
	Population float64
}

// ReadPopulationFile reads a population grid CSV (header h3,population — also 人口/常住人口)
// in UTF-8 or GBK. Every row is checked: a valid H3 cell index, a non-negative number, no
// cell twice. Bad rows are Rejects; an unusable file is an EINVALID error.
func ReadPopulationFile(ctx context.Context, path string, encoding string) ([]PopulationCell, []Reject, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, geo.WrapError(geo.EINVALID, err, "cannot open %s", path)
	}
	return ReadPopulation(ctx, filepath.Base(path), data, encoding)
}

// ReadPopulation is ReadPopulationFile on bytes already read; name is used in messages.
func ReadPopulation(ctx context.Context, name string, data []byte, encoding string) ([]PopulationCell, []Reject, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, geo.Errorf(geo.EINVALID, "%s: the file is empty", name)
	}
	text, _, err := decodeText(name, data, encoding)
	if err != nil {
		return nil, nil, err
	}
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = sniffDelimiter(text)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, nil, geo.WrapError(geo.EINVALID, err, "%s: cannot read the header row", name)
	}
	hCol, pCol := findColumn(header, "h3", "cell", "h3_index", "网格"), findColumn(header, "population", "pop", "人口", "常住人口", "人数")
	if hCol < 0 || pCol < 0 {
		return nil, nil, geo.Errorf(geo.EINVALID, "%s: a population grid needs columns h3 and population (found %s)", name, strings.Join(header, ", "))
	}
	return readPopulationRows(ctx, name, r, hCol, pCol)
}

func readPopulationRows(ctx context.Context, name string, r *csv.Reader, hCol, pCol int) ([]PopulationCell, []Reject, error) {
	var cells []PopulationCell
	var rejects []Reject
	seen := map[string]int{}
	for rec := 1; ; rec++ {
		if rec%10000 == 0 && ctx.Err() != nil {
			return nil, nil, geo.WrapError(geo.EUNAVAILABLE, ctx.Err(), "%s: cancelled", name)
		}
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			return nil, nil, geo.WrapError(geo.EINVALID, err, "%s line %d", name, line)
		}
		bad := func(field, value, reason string) {
			rejects = append(rejects, Reject{File: name, Record: rec, Line: line, Field: field, Value: value, Reason: reason})
		}
		hv, pv := cellAt(row, hCol), cellAt(row, pCol)
		c := h3.Cell(h3.IndexFromString(strings.ToLower(strings.TrimSpace(hv))))
		if !c.IsValid() {
			bad("h3", hv, "not an H3 cell index")
			continue
		}
		p, ok := parseNumber(pv)
		if !ok || p < 0 {
			bad("population", pv, "unparseable or negative number")
			continue
		}
		if first, dup := seen[c.String()]; dup {
			bad("h3", hv, fmt.Sprintf("cell given twice: record %d has it too", first))
			continue
		}
		seen[c.String()] = rec
		cells = append(cells, PopulationCell{H3: c.String(), Population: p})
	}
	if len(cells)+len(rejects) == 0 {
		return nil, nil, geo.Errorf(geo.EINVALID, "%s: no records after the header", name)
	}
	return cells, rejects, nil
}

func findColumn(header []string, names ...string) int {
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
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

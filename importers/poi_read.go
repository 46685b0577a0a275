package importers

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
)

// poiTable is an export read as a table: its service (from the header) and its rows.
type poiTable struct {
	svc  POIService
	cols map[string]int // lower-case column name → index
	rows []poiRow
}

// newPOITable reads a header row; ok is false when it is no service's.
func newPOITable(head []string) (*poiTable, bool) {
	t := &poiTable{cols: map[string]int{}}
	set := map[string]bool{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, bom)))
		if _, dup := t.cols[h]; !dup {
			t.cols[h] = i
		}
		set[h] = true
	}
	t.svc = poiService(set)
	return t, t.svc != ""
}

// add reads one data row, numbered num.
func (t *poiTable) add(num int, rec []string) {
	m := make(map[string]string, len(t.cols))
	for col, i := range t.cols {
		if i < len(rec) {
			m[col] = strings.TrimSpace(rec[i])
		}
	}
	t.rows = append(t.rows, rowOf(t.svc, num, m))
}

// readPOICSV reads a CSV export's rows when its header is a service's; ok is false
// otherwise. Records are numbered from 1 after the header.
func readPOICSV(text []byte) (t *poiTable, ok bool, err error) {
	r := csv.NewReader(bytes.NewReader(text))
	r.FieldsPerRecord, r.LazyQuotes = -1, true
	head, err := r.Read()
	if err != nil {
		return nil, false, nil
	}
	if t, ok = newPOITable(head); !ok {
		return nil, false, nil
	}
	for num := 1; ; num++ {
		rec, err := r.Read()
		if err == io.EOF {
			return t, true, nil
		}
		if err != nil {
			return t, true, err
		}
		t.add(num, rec)
	}
}

// errNotPOI stops reading a workbook whose header is no service's.
var errNotPOI = errors.New("not a POI export")

// readPOIXLSX reads the sheet (spec.sheet, or the first) of a workbook when its first
// non-blank row is a service's header; ok is false otherwise. Records are numbered as
// the other XLSX readers number them: the sheet row less the header's row.
func readPOIXLSX(name string, data []byte, spec *kindSpec) (t *poiTable, ok bool, err error) {
	w, err := openWorkbook(name, data, spec.limits)
	if err != nil {
		return nil, false, err
	}
	sheet, err := (&builder{file: name, spec: spec}).pickSheet(w.sheets)
	if err != nil {
		return nil, false, err
	}
	headRow := 0
	err = w.rows(sheet, func(int) {}, func(row int, cells []string) error {
		switch {
		case blank(cells):
		case t == nil:
			if t, ok = newPOITable(cells); !ok {
				return errNotPOI
			}
			headRow = row
		default:
			t.add(row-headRow, cells)
		}
		return nil
	})
	if errors.Is(err, errNotPOI) || t == nil {
		return nil, false, nil
	}
	return t, true, err
}

// readPOIJSON reads a JSON array of POI objects or a service's answer holding one (Amap's
// {"pois":[…]}, Baidu's {"results":[…]}, Tencent's {"data":[…]}); ok is false when the
// objects are no service's. Records are numbered from 1 in array order.
func readPOIJSON(text []byte) (t *poiTable, ok bool) {
	var list []map[string]any
	if json.Unmarshal(text, &list) != nil {
		var top struct {
			POIs    []map[string]any `json:"pois"`
			Results []map[string]any `json:"results"`
			Data    []map[string]any `json:"data"`
		}
		if json.Unmarshal(text, &top) != nil {
			return nil, false
		}
		list = append(append(top.POIs, top.Results...), top.Data...)
	}
	if len(list) == 0 {
		return nil, false
	}
	for i, obj := range list {
		m := flatten(obj)
		if i == 0 {
			head := make([]string, 0, len(m))
			for k := range m {
				head = append(head, k)
			}
			if t, ok = newPOITable(head); !ok {
				return nil, false
			}
		}
		t.rows = append(t.rows, rowOf(t.svc, i+1, m))
	}
	return t, true
}

// flatten turns a POI object into column → text: a nested location {"lat":…,"lng":…}
// gives lng and lat, and Baidu's detail_info its tag.
func flatten(obj map[string]any) map[string]string {
	m := map[string]string{}
	for k, v := range obj {
		k = strings.ToLower(k)
		nested, isObj := v.(map[string]any)
		switch {
		case isObj && k == "location":
			m["lng"], m["lat"] = valueText(nested["lng"]), valueText(nested["lat"])
		case isObj && k == "detail_info":
			if tag, ok := nested["tag"]; ok && m["tag"] == "" {
				m["tag"] = valueText(tag)
			}
		default:
			if _, set := m[k]; !set || m[k] == "" {
				m[k] = valueText(v)
			}
		}
	}
	return m
}

// readPOI reads a CSV, XLSX or JSON file whose columns are an Amap, Baidu or Tencent POI
// export (ok false otherwise). Its coordinates are in the service's CRS unless opts.CRS
// says otherwise; the summary's warnings say which was assumed.
func readPOI(name, format string, data []byte, spec *kindSpec, opts Options) (*Result, bool, error) {
	t, enc, ok, err := readPOITable(name, format, data, spec)
	if !ok || err != nil {
		return nil, ok, err
	}
	if len(t.rows) == 0 {
		return nil, true, geo.Errorf(geo.EINVALID, "%s: no records: the file has a header but no data", name)
	}
	res := &Result{File: name, Format: format, Encoding: enc, POIService: t.svc}
	sys := spec.crs
	if opts.CRS.IsZero() {
		sys = t.svc.defaultCRS()
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s POI export: coordinates assumed to be %s (the service's own); give --crs to say otherwise", t.svc, sys))
	}
	res.CRS = string(sys)
	poiOutlets(name, t.svc, sys, t.rows, spec.categories, res)
	return res, true, nil
}

// readPOITable reads the file as a table in its format, with the text encoding found.
func readPOITable(name, format string, data []byte, spec *kindSpec) (t *poiTable, enc string, ok bool, err error) {
	if format == formatXLSX {
		t, ok, err = readPOIXLSX(name, data, spec)
		return t, "utf-8", ok, err
	}
	text, enc, err := decodeText(name, data, spec.encoding)
	if err != nil {
		return nil, "", false, err
	}
	if format == formatGeoJSON {
		t, ok = readPOIJSON(text)
		return t, enc, ok, nil
	}
	if t, ok, err = readPOICSV(text); err != nil {
		return nil, "", true, geo.WrapError(geo.EINVALID, err, "%s: malformed CSV", name)
	}
	return t, enc, ok, nil
}

package ogr

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// layerInfo is what `ogrinfo -so` says of one layer.
type layerInfo struct {
	Name      string
	Geometry  string // GDAL's geometry type name, "None" for a table
	Count     int64  // -1 when GDAL does not say
	Extent    orb.Bound
	HasExtent bool
	WKT       string // the layer's CRS as WKT2; "" when it has none
	Fields    []string
}

// datasetInfo is what `ogrinfo -so -al` says of a dataset.
type datasetInfo struct {
	Driver string
	Layers []layerInfo
}

// ogrinfo runs `ogrinfo -ro -so -al -nomd` (or on one layer) and parses its summary. GDAL
// 3.6, Debian 12's, has no -json for ogrinfo; the text summary is stable across versions.
func ogrinfo(ctx context.Context, file, src string, open []string, layer string) (*datasetInfo, error) {
	args := append([]string{"-ro", "-so", "-nomd", "-wkt_format", "WKT2"}, open...)
	args = append(args, src)
	if layer != "" {
		args = append(args, layer)
	} else {
		args = append(args, "-al")
	}
	out, err := run(ctx, file, toolOgrinfo, args...)
	if err != nil {
		return nil, err
	}
	return parseOgrinfo(string(out)), nil
}

var (
	reDriver = regexp.MustCompile("using driver `([^']+)' successful")
	reExtent = regexp.MustCompile(`^Extent(?: \([^)]*\))?: \(([-+0-9.eE]+), ([-+0-9.eE]+)\) - \(([-+0-9.eE]+), ([-+0-9.eE]+)\)`)
	reField  = regexp.MustCompile(`^(.+): [A-Za-z0-9]+(?:\([A-Za-z0-9]+\))? \(\d+\.\d+\)`)
)

// parseOgrinfo reads ogrinfo's summary output.
func parseOgrinfo(out string) *datasetInfo {
	info := &datasetInfo{}
	lines := strings.Split(strings.ReplaceAll(out, "\r\n", "\n"), "\n")
	var cur *layerInfo
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if m := reDriver.FindStringSubmatch(l); m != nil {
			info.Driver = m[1]
			continue
		}
		if name, ok := strings.CutPrefix(l, "Layer name: "); ok {
			info.Layers = append(info.Layers, layerInfo{Name: strings.TrimSpace(name), Count: -1})
			cur = &info.Layers[len(info.Layers)-1]
			continue
		}
		if cur == nil {
			continue
		}
		i = cur.parseLine(lines, i)
	}
	return info
}

// parseLine reads line i of a layer's summary (and the WKT lines after it) and returns
// the index of the last line used.
func (li *layerInfo) parseLine(lines []string, i int) int {
	l := lines[i]
	switch {
	case strings.HasPrefix(l, "Geometry: "):
		if li.Geometry == "" {
			li.Geometry = strings.TrimPrefix(l, "Geometry: ")
		}
	case strings.HasPrefix(l, "Geometry ("):
		if j := strings.Index(l, "): "); j > 0 && li.Geometry == "" {
			li.Geometry = l[j+3:]
		}
	case strings.HasPrefix(l, "Feature Count: "):
		if n, err := strconv.ParseInt(strings.TrimSpace(strings.TrimPrefix(l, "Feature Count: ")), 10, 64); err == nil {
			li.Count = n
		}
	case reExtent.MatchString(l):
		if !li.HasExtent {
			li.Extent, li.HasExtent = parseExtent(reExtent.FindStringSubmatch(l))
		}
	case strings.HasPrefix(l, "Layer SRS WKT:"):
		var wkt []string
		for i+1 < len(lines) {
			i++
			wkt = append(wkt, lines[i])
			if balanced(strings.Join(wkt, "\n")) {
				break
			}
		}
		if w := strings.TrimSpace(strings.Join(wkt, "\n")); w != "(unknown)" && li.WKT == "" {
			li.WKT = w
		}
	case strings.HasPrefix(l, "Data axis to CRS axis mapping:"), strings.HasPrefix(l, "FID Column"),
		strings.HasPrefix(l, "Geometry Column"), strings.HasPrefix(l, "SRS WKT"):
	default:
		if m := reField.FindStringSubmatch(l); m != nil && !strings.HasPrefix(l, " ") {
			li.Fields = append(li.Fields, m[1])
		}
	}
	return i
}

func parseExtent(m []string) (orb.Bound, bool) {
	var v [4]float64
	for k := range v {
		f, err := strconv.ParseFloat(m[k+1], 64)
		if err != nil {
			return orb.Bound{}, false
		}
		v[k] = f
	}
	return orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}, true
}

// balanced reports whether every bracket opened in the WKT text is closed (quotes
// skipped), or the text is "(unknown)".
func balanced(s string) bool {
	if strings.TrimSpace(s) == "(unknown)" {
		return true
	}
	depth, opened := 0, false
	scanBrackets(s, func(_, d int, c byte) bool {
		depth, opened = d, opened || c == '[' || c == '('
		return true
	})
	return opened && depth <= 0
}

package ogr

import (
	"strconv"
	"strings"

	"github.com/lifecircle/lifecircle/geo/crs"
)

// SourceCRS is a layer's coordinate reference as the file states it (a Shapefile's .prj,
// a GeoPackage's srs, a FileGDB's spatial reference, GeoJSON's "crs" member).
type SourceCRS struct {
	EPSG       int       // the EPSG code GDAL identified; 0 when none
	Name       string    // the CRS's own name, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 105E"
	WKT        string    // OGC WKT2; "" when the file states no CRS
	Geographic bool      // lon/lat degrees (GEOGCRS), not projected metres
	Datum      crs.Datum // the datum, from the EPSG code or the WKT's names
}

// Known reports whether the file states a CRS.
func (s SourceCRS) Known() bool { return s.WKT != "" }

// Describe names the CRS for messages: "EPSG:4544 (CGCS2000 / …)" or its WKT name.
func (s SourceCRS) Describe() string {
	switch {
	case s.EPSG != 0 && s.Name != "":
		return "EPSG:" + strconv.Itoa(s.EPSG) + " (" + s.Name + ")"
	case s.EPSG != 0:
		return "EPSG:" + strconv.Itoa(s.EPSG)
	case s.Name != "":
		return "\"" + s.Name + "\" (no EPSG code)"
	}
	return "no CRS"
}

// srsArg is how to give the CRS to GDAL's -s_srs: the EPSG code when known, else the WKT.
func (s SourceCRS) srsArg() string {
	if s.EPSG != 0 {
		return "EPSG:" + strconv.Itoa(s.EPSG)
	}
	return s.WKT
}

// ParseWKT reads a CRS's WKT2 (or WKT1, or ESRI) text as GDAL prints it: whether it is
// geographic, its name, the EPSG code of the outermost object (0 when GDAL identified
// none) and its datum. A BOUNDCRS or COMPOUNDCRS is read through its source/first
// component.
func ParseWKT(wkt string) SourceCRS {
	s := SourceCRS{WKT: strings.TrimSpace(wkt)}
	body := s.WKT
	kw := keyword(body)
	if kw == "BOUNDCRS" || kw == "COMPOUNDCRS" || kw == "COMPD_CS" {
		inner := body[strings.IndexByte(body, '[')+1:]
		if kw == "BOUNDCRS" {
			if i := strings.Index(inner, "SOURCECRS["); i >= 0 {
				inner = inner[i+len("SOURCECRS["):]
			}
		}
		body = firstObject(strings.TrimSpace(inner))
		kw = keyword(body)
	}
	switch kw {
	case "GEOGCRS", "GEOGCS", "GEODCRS", "GEOGRAPHICCRS":
		s.Geographic = true
	}
	s.Name = firstQuoted(body)
	s.EPSG = topLevelEPSG(body)
	s.Datum = crs.FamilyOf(s.EPSG).Datum
	if s.Datum == crs.DatumUnknown {
		s.Datum = crs.DatumFromName(body)
	}
	return s
}

// scanBrackets walks the bytes of WKT text s outside quotes, with the bracket depth after
// each ('[' and '(' open, ']' and ')' close), until visit returns false.
func scanBrackets(s string, visit func(i, depth int, c byte) bool) {
	depth, quoted := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			quoted = !quoted
			continue
		case quoted:
			continue
		case c == '[' || c == '(':
			depth++
		case c == ']' || c == ')':
			depth--
		}
		if !visit(i, depth, c) {
			return
		}
	}
}

// firstObject returns the first complete WKT object of s (up to its closing bracket).
func firstObject(s string) string {
	end := len(s)
	scanBrackets(s, func(i, depth int, c byte) bool {
		if depth == 0 && (c == ']' || c == ')') {
			end = i + 1
			return false
		}
		return true
	})
	return s[:end]
}

// keyword returns the WKT keyword before the first bracket.
func keyword(wkt string) string {
	i := strings.IndexByte(wkt, '[')
	if i < 0 {
		return ""
	}
	return strings.ToUpper(strings.TrimSpace(wkt[:i]))
}

func firstQuoted(s string) string {
	i := strings.IndexByte(s, '"')
	if i < 0 {
		return ""
	}
	j := strings.IndexByte(s[i+1:], '"')
	if j < 0 {
		return ""
	}
	return s[i+1 : i+1+j]
}

// topLevelEPSG returns N of the ID["EPSG",N] (WKT2) or AUTHORITY["EPSG","N"] (WKT1) that
// belongs to the outermost object of wkt, 0 when there is none.
func topLevelEPSG(wkt string) int {
	code := 0
	scanBrackets(wkt, func(i, depth int, c byte) bool {
		if depth != 1 || (c != ',' && c != ' ' && c != '\n') {
			return true
		}
		rest := strings.TrimLeft(wkt[i+1:], " \n\t,")
		for _, p := range []string{`ID["EPSG",`, `AUTHORITY["EPSG","`} {
			if tail, ok := strings.CutPrefix(rest, p); ok {
				end := strings.IndexAny(tail, `"],`)
				if n, err := strconv.Atoi(strings.TrimSpace(tail[:max(end, 0)])); err == nil {
					code = n
				}
			}
		}
		return true
	})
	return code
}

package postgis

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"math"
	"slices"

	"github.com/lifecircle/lifecircle/geo/coverage"
)

// The COPY statements of the encoded rows: region and run_id last (encodedRows.write).
const (
	copyCellsSQL = "COPY cells (id, h3, community_code, street_code, population, area_m2, on_network, access_m, centre, geom, region, run_id) FROM STDIN (FORMAT binary)"
	copySetsSQL  = "COPY coverage_cell_sets (cell_id, minutes, facility_ids, region, run_id) FROM STDIN (FORMAT binary)"
)

// encodeCells encodes e's cells as rows of copyCellsSQL: id (the cell's number), H3,
// community and street (NULL: none), population, area (m²), on the network, access
// distance (m; NULL when infinite), centre and hexagon, (lon, lat) WGS84.
func encodeCells(e *coverage.Run) *encodedRows {
	return encodeRows(len(e.Cells), 12, func(b []byte, i int) []byte {
		c, s := &e.Cells[i], e.CellSnaps[i]
		b = appendInt32(b, int32(i))
		b = appendText(b, c.H3.String(), false)
		b = appendText(b, e.CellCommunity[i], true)
		b = appendText(b, e.CellStreet[i], true)
		b = appendFloat8(b, c.Population, false)
		b = appendFloat8(b, c.AreaM2, false)
		b = appendBool(b, s.OnNetwork)
		if math.IsInf(s.AccessM, 0) {
			b = appendNull(b)
		} else {
			b = appendFloat8(b, s.AccessM, false)
		}
		b = appendPointWKB(b, c.Center[0], c.Center[1])
		return appendPolygonWKB(b, coverage.CellPolygon(c.H3))
	})
}

// cellsDigest is the SHA-256 of e's cells as encodeCells writes them but their hexagons,
// which follow from their H3 cells: of those only the first, middle and last cell's are
// in it, so that a change of how hexagons are made (coverage.CellPolygon) shows.
func cellsDigest(e *coverage.Run) []byte {
	n := len(e.Cells)
	rows := encodeRows(n, 0, func(b []byte, i int) []byte {
		c, s := &e.Cells[i], e.CellSnaps[i]
		b = binary.BigEndian.AppendUint64(appendInt32(b, int32(i)), uint64(c.H3))
		b = appendText(b, e.CellCommunity[i], true)
		b = appendText(b, e.CellStreet[i], true)
		b = appendFloat8(appendFloat8(b, c.Population, false), c.AreaM2, false)
		b = appendFloat8(appendBool(b, s.OnNetwork), s.AccessM, false)
		b = appendPointWKB(b, c.Center[0], c.Center[1])
		if i == 0 || i == n/2 || i == n-1 {
			b = appendPolygonWKB(b, coverage.CellPolygon(c.H3))
		}
		return b
	})
	sum := sha256.Sum256(append([]byte("lifecircle cells v1\n"), rows.digest()...))
	return sum[:]
}

// encodeCellSets encodes e's per-cell minutes as rows of copySetsSQL: the cell's number,
// every set's minutes (real[]; NULL: not reached or off-network) and nearest facility
// (text[]; NULL: none), in the order of e.Results (coverage_sets.ord).
func encodeCellSets(e *coverage.Run) *encodedRows {
	return encodeRows(len(e.Cells), 5, func(b []byte, i int) []byte {
		b = appendInt32(b, int32(i))
		b, minutes := arrayStart(b, oidFloat4, len(e.Results))
		for k := range e.Results {
			if m, _ := cellMinutes(e, k, i); m >= 0 {
				b = binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(b, 4), math.Float32bits(m))
			} else {
				b = appendNull(b)
				binary.BigEndian.PutUint32(b[minutes+8:], 1)
			}
		}
		binary.BigEndian.PutUint32(b[minutes:], uint32(len(b)-minutes-4))
		b, facs := arrayStart(b, oidText, len(e.Results))
		for k := range e.Results {
			if _, f := cellMinutes(e, k, i); f != "" {
				b = appendText(b, f, false)
			} else {
				b = appendNull(b)
				binary.BigEndian.PutUint32(b[facs+8:], 1)
			}
		}
		binary.BigEndian.PutUint32(b[facs:], uint32(len(b)-facs-4))
		return b
	})
}

// arrayStart appends the head of a one-dimensional array field of n elements of type oid
// (its length and has-NULL flag to be set) and returns where the field starts.
func arrayStart(b []byte, oid uint32, n int) ([]byte, int) {
	at := len(b)
	for _, v := range []uint32{0, 1, 0, oid, uint32(n), 1} { // length, dimensions, flags, type, size, lower bound
		b = binary.BigEndian.AppendUint32(b, v)
	}
	return b, at
}

// summaryRow is threshold k of summary s.
type summaryRow struct{ s, k int }

// sortedSummaryRows returns e's summary rows (a summary and threshold each) in the order of
// coverage_summary's key (scope, code, kind, key, threshold, by byte, as the C and C.UTF-8
// collations order): the key's index then takes each row next to the one before instead of
// somewhere in the middle, which took twice as long.
func sortedSummaryRows(e *coverage.Run) []summaryRow {
	order := make([]int, len(e.Summaries))
	for i := range order {
		order[i] = i
	}
	byKey := func(a, b int) int {
		x, y := &e.Summaries[a], &e.Summaries[b]
		return cmp.Or(cmp.Compare(x.Scope, y.Scope), cmp.Compare(x.Code, y.Code), cmp.Compare(x.Kind, y.Kind), cmp.Compare(x.Key, y.Key))
	}
	if !slices.IsSortedFunc(order, byKey) {
		slices.SortStableFunc(order, byKey)
	}
	var rows []summaryRow
	for _, s := range order {
		at := len(rows)
		for k := range e.Summaries[s].Within {
			rows = append(rows, summaryRow{s, k})
		}
		w := e.Summaries[s].Within
		slices.SortStableFunc(rows[at:], func(a, b summaryRow) int { return cmp.Compare(int32(w[a.k].Minutes), int32(w[b.k].Minutes)) })
	}
	return rows
}

// encodeSummaries encodes e's summaries as rows of summaryColumns (region and run_id
// moved last), in the key's order, and returns how many.
func encodeSummaries(e *coverage.Run) (*encodedRows, int64) {
	rows := sortedSummaryRows(e)
	return encodeRows(len(rows), len(summaryColumns), func(b []byte, i int) []byte {
		s, k := &e.Summaries[rows[i].s], rows[i].k
		w := s.Within[k]
		b = appendText(b, s.Scope, false)
		b = appendText(b, s.Code, false)
		b = appendText(b, s.Name, true)
		b = appendText(b, s.Kind, false)
		b = appendText(b, s.Key, false)
		b = appendInt32(b, int32(w.Minutes))
		b = appendInt32(b, int32(s.Cells))
		b = appendInt32(b, int32(s.OffNetworkCells))
		b = appendFloat8(b, s.Population, false)
		b = appendFloat8(b, w.Population, false)
		b = appendFloat8(b, w.PopulationShare, true)
		b = appendFloat8(b, s.AreaM2, false)
		b = appendFloat8(b, w.AreaM2, false)
		for _, v := range []float64{w.AreaShare, s.MeanMin, s.MedianMin, s.P90Min} {
			b = appendFloat8(b, v, true)
		}
		return appendFloat8(b, s.BeyondPopulation[k], false)
	}), int64(len(rows))
}

// copySummariesSQL is the COPY of encodeSummaries' rows.
func copySummariesSQL() string {
	cols := append(slices.Clone(summaryColumns[2:]), summaryColumns[:2]...)
	sql := "COPY coverage_summary ("
	for i, c := range cols {
		if i > 0 {
			sql += ", "
		}
		sql += c
	}
	return sql + ") FROM STDIN (FORMAT binary)"
}

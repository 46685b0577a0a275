package importers

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
)

// entry is a record that reached validation: where it is, whether it was rejected, and
// the geometry still to be checked against the whole file and converted to WGS84.
type entry struct {
	num, line int
	bad       bool
	hasRep    bool      // rep is set
	rep       orb.Point // input (lon, lat) of a point, or the centre of an area's bounds
	repCols   [2]string // the lon and lat columns of a point, or an area's one column
	repVals   [2]string // their values (none for an area: its centre is named)
	rangeErr  *problem  // a coordinate outside [-180, 180] × [-90, 90]
	point     orb.Point
	area      orb.MultiPolygon
	repair    bool // self-intersecting, kept for ST_MakeValid
}

// problem is a reject waiting for the whole-file checks.
type problem struct{ col, val, reason string }

// seenID is where an id was first used.
type seenID struct{ num, line int }

// builder validates records one by one and, at the end, the whole file's points; it then
// hands back the values.
type builder struct {
	ctx      context.Context
	spec     *kindSpec
	file     string
	base     string // derived ids are base:record
	xlsx     bool
	progress progress
	read     int
	entries  []entry
	ids      map[string]seenID
	rejects  []Reject
	err      error  // a check cancelled
	vals     values // value i is entry i's
}

func newBuilder(ctx context.Context, spec *kindSpec, file string, opts Options) *builder {
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	return &builder{ctx: ctx, spec: spec, file: file, base: base, ids: map[string]seenID{},
		progress: progress{fn: opts.Progress}, vals: spec.values(0)}
}

// maxReserve bounds how many records reserve prepares for.
const maxReserve = 1 << 18

// reserve prepares the builder for about n records, to spare growing its slices.
func (b *builder) reserve(n int) {
	n = max(0, min(n, maxReserve))
	b.entries = make([]entry, 0, n)
	b.ids = make(map[string]seenID, n)
	b.vals = b.spec.values(n)
}

// add validates one record. It fails only when the context is done (polled every 1024
// records, and by long polygon checks).
func (b *builder) add(rec *record) error {
	b.read++
	if b.read%1024 == 0 {
		if err := b.ctx.Err(); err != nil {
			return geo.WrapError(geo.EUNAVAILABLE, err, "%s: reading stopped", b.file)
		}
	}
	b.entries = append(b.entries, entry{num: rec.num, line: rec.line})
	c := &rowCheck{b: b, rec: rec, e: &b.entries[len(b.entries)-1]}
	if !c.checkText() { // the other checks would repeat the bad text in their messages
		b.vals.addZero()
		return nil
	}
	b.vals.add(c)
	return b.err
}

// rejectRecord counts a record that could not even be read (malformed CSV row, malformed
// GeoJSON feature) and rejects it.
func (b *builder) rejectRecord(num, line int, col, val, reason string) {
	b.read++
	b.rejects = append(b.rejects, Reject{File: b.file, Record: num, Line: line, Field: col,
		Value: shorten(val), Reason: reason})
}

// where names a record in a message: "record 3 (line 4)", "record 3 (row 4)", "feature 3".
func (b *builder) where(num, line int) string {
	switch {
	case line > 0 && b.xlsx:
		return fmt.Sprintf("record %d (row %d)", num, line)
	case line > 0:
		return fmt.Sprintf("record %d (line %d)", num, line)
	}
	return fmt.Sprintf("feature %d", num)
}

// finish runs the whole-file checks, converts the good records to WGS84 and fills res,
// moving the good values down in place rather than copying them.
func (b *builder) finish(res *Result) error {
	if b.read == 0 {
		return geo.Errorf(geo.EINVALID, "%s: no records: the file has a header but no data", b.file)
	}
	b.checkLocations()
	good := 0
	for i := range b.entries {
		e := &b.entries[i]
		if e.bad {
			continue
		}
		b.convert(e)
		b.emit(i, good, res)
		good++
	}
	b.vals.into(res, good)
	sort.SliceStable(b.rejects, func(i, j int) bool { return b.rejects[i].Record < b.rejects[j].Record })
	res.Read, res.Rejects = b.read, b.rejects
	b.progress.end()
	return nil
}

// emit moves the value of entry i, with its WGS84 geometry, to place k (k ≤ i) and notes
// its record.
func (b *builder) emit(i, k int, res *Result) {
	e := &b.entries[i]
	res.Records = append(res.Records, e.num)
	b.vals.emit(i, k, e)
	if e.repair {
		res.NeedsRepair = append(res.NeedsRepair, k)
	}
}

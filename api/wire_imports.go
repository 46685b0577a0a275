package api

import (
	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
)

// ImportAnswer is what an import stored, with the records left out under SkipInvalid and
// what the command line prints beyond the counts: the store's notes, a POI export's
// POIs of no category by type, an attribute table's join.
type ImportAnswer struct {
	Region   string `json:"region"` // the region the rows went to
	Kind     string `json:"kind"`
	File     string `json:"file"`
	BatchID  int64  `json:"batch_id"`
	Read     int    `json:"read"`
	Inserted int    `json:"inserted"`
	Updated  int    `json:"updated"`
	Deleted  int    `json:"deleted"`
	// ReplacedCandidates counts the candidate stations the file replaced (stations, replace mode)
	ReplacedCandidates int          `json:"replaced_candidates,omitempty"`
	Rejected           int          `json:"rejected"`
	Rejects            []rejectJSON `json:"rejects,omitempty"`
	Warnings           []string     `json:"warnings,omitempty"` // datum shifts, encodings guessed, layers chosen
	Notes              []string     `json:"notes,omitempty"`    // what the store checked or skipped and why
	POI                *poiJSON     `json:"poi,omitempty"`      // a map service's POI export
	AttributeTable     bool         `json:"attribute_table,omitempty"`
	Join               *joinJSON    `json:"join,omitempty"` // an attribute table and the boundaries it met
	Note               string       `json:"note"`
}

// poiJSON is a POI export's service and its POIs: mapped to a category, and of none by type.
type poiJSON struct {
	Service        string             `json:"service"`
	Mapped         int                `json:"mapped"`
	Unmapped       int                `json:"unmapped"`
	UnmappedByType []unmappedTypeJSON `json:"unmapped_by_type,omitempty"` // most frequent first
}

type unmappedTypeJSON struct {
	Type  string `json:"type"`
	Count int    `json:"count"`
}

// joinJSON is an attribute table's join: the rows that matched nothing, the units that
// got no row.
type joinJSON struct {
	Rows         int                `json:"rows"`
	Units        int                `json:"units"`
	Matched      int                `json:"matched"`
	Pending      bool               `json:"pending"` // no boundaries yet: the rows wait for them
	Unmatched    []unmatchedRowJSON `json:"unmatched"`
	UnitsWithout []string           `json:"units_without"` // codes, sorted
}

type unmatchedRowJSON struct {
	File       string `json:"file"`
	Record     int    `json:"record"`
	Code       string `json:"code"`
	Name       string `json:"name"`
	ParentCode string `json:"parent_code"`
}

// importAnswer describes what an import stored.
func importAnswer(p *district.Prepared, s geo.ImportSummary) ImportAnswer {
	o := p.Outcome(s)
	a := ImportAnswer{Kind: p.Batch.Kind, File: p.Batch.FileName, BatchID: s.BatchID, Read: s.Read, Inserted: s.Inserted,
		Updated: s.Updated, Deleted: s.Deleted, ReplacedCandidates: s.ReplacedCandidates, Rejected: len(p.Rejects()), Rejects: rejectsJSON(p.Rejects()),
		Warnings: p.Result.Warnings, Notes: o.Notes, AttributeTable: o.AttributeTable, Join: joinOf(o.Join),
		Note: "stored; POST /api/v1/compute to recompute coverage with it"}
	if o.POIService != "" {
		a.POI = &poiJSON{Service: string(o.POIService), Mapped: o.Mapped}
		for _, u := range o.Unmapped {
			a.POI.Unmapped += u.Count
			a.POI.UnmappedByType = append(a.POI.UnmappedByType, unmappedTypeJSON{Type: u.Type, Count: u.Count})
		}
	}
	return a
}

func joinOf(j *geo.AttributeJoin) *joinJSON {
	if j == nil {
		return nil
	}
	out := &joinJSON{Rows: j.Rows, Units: j.Units, Matched: j.Matched, Pending: j.Pending,
		Unmatched: []unmatchedRowJSON{}, UnitsWithout: append([]string{}, j.UnitsWithout...)}
	for _, r := range j.Unmatched {
		out.Unmatched = append(out.Unmatched, unmatchedRowJSON{File: r.File, Record: r.Record, Code: r.Code, Name: r.Name, ParentCode: r.ParentCode})
	}
	return out
}

package district

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers"
)

// ImportRequest is one file to import: read from Path, or given as Name and Data (an
// upload).
type ImportRequest struct {
	Kind importers.Kind // district, streets, communities, stations, outlets, compounds or grids
	Path string         // the file to read; "" when Data holds it
	Name string         // with Data: the file's name, whose extension gives the format
	Data []byte
	// Read says how to read the file: its CRS (coordinates are (lon, lat) in it and stored
	// as WGS84), encoding, sheet, field names, categories and progress. Read.Repair also
	// has the store mend invalid polygons.
	Read        importers.Options
	Mode        geo.ImportMode
	SkipInvalid bool // store the good records and report the bad ones instead of failing
	// Strict fails an attribute table (communities without boundaries) with a row that
	// matches no community boundary.
	Strict bool
	// Progress, when set, hears the store's steps (geo.ImportOptions.Progress).
	Progress func(step string, done, total int64)
}

// Prepared is a file read and accepted by the reject policy, ready to store.
type Prepared struct {
	Batch  geo.Batch         // the batch record the store writes
	Result *importers.Result // the values read, WGS84 (lon, lat)
	kind   importers.Kind
	repair bool
	strict bool

	progress func(step string, done, total int64)
}

// Rejects returns the bad records left out (only under SkipInvalid; otherwise a file with
// any is refused).
func (p *Prepared) Rejects() []importers.Reject { return p.Result.Rejects }

// Import reads req's file, applies the reject policy and stores the records in one
// transaction through st: Prepare, then Store.
func Import(ctx context.Context, st ImportStore, req ImportRequest) (*Prepared, geo.ImportSummary, error) {
	p, err := Prepare(ctx, req)
	if err != nil {
		return nil, geo.ImportSummary{}, err
	}
	s, err := p.Store(ctx, st)
	return p, s, err
}

// Prepare reads req's file with the importers' validation and applies the reject policy:
// a file that cannot be read at all is an EINVALID error; bad records refuse the whole
// file (a *RejectedError) unless req.SkipInvalid, when they are left out and listed in
// the Prepared. It hashes the file (SHA-256) for the batch record. Nothing is stored.
func Prepare(ctx context.Context, req ImportRequest) (*Prepared, error) {
	name, sum, res, err := read(ctx, req)
	if err != nil {
		return nil, err
	}
	if len(res.Rejects) > 0 && !req.SkipInvalid {
		return nil, newRejectedError(name, res.Rejects)
	}
	b := geo.Batch{Kind: string(req.Kind), FileName: name, SHA256: sum, CRS: res.CRS,
		Mode: req.Mode, Read: res.Read, Rejected: len(res.Rejects)}
	return &Prepared{Batch: b, Result: res, kind: req.Kind, repair: req.Read.Repair, strict: req.Strict,
		progress: req.Progress}, nil
}

// read hashes and reads the file: from Path (hashed first, so a missing file is named as
// such) or from Data.
func read(ctx context.Context, req ImportRequest) (name, sum string, res *importers.Result, err error) {
	if req.Path != "" {
		if sum, err = HashFile(req.Path); err != nil {
			return "", "", nil, err
		}
		res, err = importers.ReadFile(ctx, req.Kind, req.Path, req.Read)
		return filepath.Base(req.Path), sum, res, err
	}
	h := sha256.Sum256(req.Data)
	res, err = importers.Read(ctx, req.Kind, req.Name, bytes.NewReader(req.Data), req.Read)
	return req.Name, hex.EncodeToString(h[:]), res, err
}

// Store writes the prepared records and the batch record through st, in one transaction.
func (p *Prepared) Store(ctx context.Context, st ImportStore) (geo.ImportSummary, error) {
	o := geo.ImportOptions{Repair: p.repair, Records: p.Result.Records, Strict: p.strict, Progress: p.progress}
	res := p.Result
	switch p.kind {
	case importers.KindDistricts:
		return st.ImportDistricts(ctx, p.Batch, res.Districts, o)
	case importers.KindStreets:
		return st.ImportStreetFile(ctx, p.Batch, res.Streets, o)
	case importers.KindCommunities:
		if p.AttributeTable() {
			return st.ImportCommunityAttributes(ctx, p.Batch, res.Communities, o)
		}
		return st.ImportCommunities(ctx, p.Batch, res.Communities, o)
	case importers.KindStations:
		return st.ImportStations(ctx, p.Batch, res.Stations, o)
	case importers.KindOutlets:
		return st.ImportOutlets(ctx, p.Batch, res.Outlets, o)
	case importers.KindCompounds:
		return st.ImportCompounds(ctx, p.Batch, res.Compounds, o)
	case importers.KindGrids:
		return st.ImportGrids(ctx, p.Batch, res.Grids, o)
	}
	return geo.ImportSummary{}, geo.Errorf(geo.EINVALID, "unknown import kind %q (district, streets, communities, stations, outlets, compounds or grids)", p.kind)
}

// HashFile returns the hex SHA-256 digest of the file at path, for the batch record; a
// folder (a FileGDB .gdb) is hashed over its files' relative names and contents, in name
// order. An unreadable file is EINVALID.
func HashFile(path string) (string, error) {
	h := sha256.New()
	st, err := os.Stat(path)
	if err != nil {
		return "", geo.WrapError(geo.EINVALID, err, "open %s", path)
	}
	if !st.IsDir() {
		if err := hashInto(h, path); err != nil {
			return "", err
		}
		return hex.EncodeToString(h.Sum(nil)), nil
	}
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(path, p)
		io.WriteString(h, rel+"\x00")
		return hashInto(h, p)
	})
	if err != nil {
		return "", geo.WrapError(geo.EINVALID, err, "read %s", path)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashInto adds the contents of the file at path to h.
func hashInto(h io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "open %s", path)
	}
	defer f.Close()
	if _, err := io.Copy(h, f); err != nil {
		return geo.WrapError(geo.EINVALID, err, "read %s", path)
	}
	return nil
}

// Outcome is what an import tells the person importing beyond the counts — the same for
// the command line and the upload answer: the store's notes, a POI export's service and
// its POIs of no category by type, and an attribute table's join.
type Outcome struct {
	Notes          []string
	POIService     importers.POIService // "" unless the file is a map service's POI export
	Mapped         int                  // POI export: POIs that landed in a category
	Unmapped       []UnmappedType       // POI export: the POIs of no category, by type, most frequent first
	AttributeTable bool                 // communities without boundaries: the rows join the boundaries
	Join           *geo.AttributeJoin   // attribute rows and the boundaries they met (nil when no join ran)
}

// UnmappedType counts the POIs of one type that map to no category.
type UnmappedType struct {
	Type  string // the Amap typecode and type text, or the Baidu/Tencent tag path
	Count int
}

// Outcome describes what the stored import s of p tells beyond its counts.
func (p *Prepared) Outcome(s geo.ImportSummary) Outcome {
	o := Outcome{Notes: s.Notes, POIService: p.Result.POIService, AttributeTable: p.AttributeTable(), Join: s.Join}
	if o.POIService != "" {
		o.Mapped = len(p.Result.Outlets)
		types, counts := importers.UnmappedByType(p.Result.Unmapped)
		for i, t := range types {
			o.Unmapped = append(o.Unmapped, UnmappedType{Type: t, Count: counts[i]})
		}
	}
	return o
}

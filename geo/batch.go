package geo

// Batch describes one import for the record of imports: what was read, from which file,
// and how it meets the rows earlier imports stored.
type Batch struct {
	Kind     string // communities, stations, outlets, compounds, streets, osm, population
	FileName string // the file's base name, or a word for what is not from a file ("derived")
	SHA256   string // hex digest of the file's bytes; "" when not from a file
	CRS      string // the file's coordinate system (wgs84, gcj02, bd09)
	Mode     ImportMode
	// Source is what the rows are: "file" (default), "derived", "illustrative" …; replace
	// mode replaces this source's rows only.
	Source   string
	Read     int // records read from the file
	Rejected int // records left out (skip-invalid)
}

// RowSource returns the source recorded on the rows the batch stores: Source, or "file"
// when it is empty.
func (b Batch) RowSource() string {
	if b.Source == "" {
		return "file"
	}
	return b.Source
}

// ImportMode says what an import does with rows already stored.
type ImportMode string

// Import modes. Replace removes the rows an earlier import of the same source put there;
// upsert inserts new keys and updates existing ones, leaving other rows alone.
const (
	ModeReplace ImportMode = "replace"
	ModeUpsert  ImportMode = "upsert"
)

// Valid reports whether m is one of the import modes.
func (m ImportMode) Valid() bool { return m == ModeReplace || m == ModeUpsert }

// ImportOptions tune how one batch is stored.
type ImportOptions struct {
	Repair  bool  // mend invalid polygons (ST_MakeValid) instead of failing
	Records []int // the file's record number of each value, for messages; nil: 1, 2, 3 …
	Strict  bool  // attribute tables: a row that matches no unit fails the import
	// Progress, when set, hears the store's steps: each step's name with done 0 of total 1
	// as it starts and 1 of 1 as it ends, or, for a step over many items (the streets
	// whose boundaries are derived), the items done so far of all.
	Progress func(step string, done, total int64)
}

// Record returns the file's record number of value i: Records[i], or i+1 past the end of
// Records.
func (o ImportOptions) Record(i int) int {
	if i >= 0 && i < len(o.Records) {
		return o.Records[i]
	}
	return i + 1
}

// ImportSummary counts what an import did.
type ImportSummary struct {
	BatchID  int64
	Read     int
	Inserted int
	Updated  int
	Deleted  int // rows of the same source an import in replace mode removed
	Rejected int
	Notes    []string       // what the import checked or skipped and why, for the caller to show
	Join     *AttributeJoin // attribute tables and the boundaries they join to: what matched
	// ReplacedCandidates counts the candidate stations (found in OpenStreetMap) a station
	// file in replace mode replaced: those within CandidateReplaceM of one of its stations
	// of the same level.
	ReplacedCandidates int
}

// CandidateReplaceM is how near (metres, on the WGS84 spheroid) a station of a planner's
// file, imported in replace mode, must be to a candidate station of the same level to
// replace it.
const CandidateReplaceM = 100

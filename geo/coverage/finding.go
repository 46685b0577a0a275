package coverage

// Finding is one data health finding (geo/health's Finding) as a run keeps it: what the
// check said about the data the run was computed on. Figure is in Unit; Count, when not
// zero, is how many items the finding gathers.
type Finding struct {
	Code        string
	Severity    string // "error", "warning" or "info"
	SubjectKind string
	SubjectID   string
	SubjectName string
	Figure      float64
	Unit        string
	Count       int
	MessageZH   string
	MessageEN   string
}

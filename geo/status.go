package geo

// Status says whether a planner vouches for a station or an outlet.
type Status string

// The two statuses. Confirmed rows come from a planner's file, from a layer the program
// made and marked (illustrative, derived, scenario) or were confirmed by hand; candidates
// were found in OpenStreetMap and await review.
const (
	StatusConfirmed Status = "confirmed"
	StatusCandidate Status = "candidate"
)

// The sources a station or outlet may record.
const (
	SourceFile         = "file"         // a planner's file (its batch is in the record of imports)
	SourceOSM          = "osm"          // found in an OpenStreetMap extract
	SourceScenario     = "scenario"     // added by a what-if scenario
	SourceIllustrative = "illustrative" // the demo's illustrative layer: not data
	SourceDerived      = "derived"      // derived by the demo from other data
)

// StatusFor returns the status a row of this source has unless told otherwise: candidate
// for SourceOSM, confirmed for every other source.
func StatusFor(source string) Status {
	if source == SourceOSM {
		return StatusCandidate
	}
	return StatusConfirmed
}

// Valid reports whether s is one of the two statuses.
func (s Status) Valid() bool { return s == StatusConfirmed || s == StatusCandidate }

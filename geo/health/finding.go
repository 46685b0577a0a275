package health

import (
	"cmp"
	"slices"
)

// Severity says how far a finding undermines the results.
type Severity string

// The severities, most serious first (see the package documentation for the rules).
const (
	// SeverityError: the data is certainly wrong and the results built on it are
	// meaningless for at least the finding's subject; fix it before trusting them.
	SeverityError Severity = "error"
	// SeverityWarning: the results are incomplete or doubtful for the finding's subject.
	SeverityWarning Severity = "warning"
	// SeverityInfo: a fact a planner should know, not by itself a fault.
	SeverityInfo Severity = "info"
)

// rank orders severities: error 0, warning 1, info 2, anything else 3.
func (s Severity) rank() int {
	switch s {
	case SeverityError:
		return 0
	case SeverityWarning:
		return 1
	case SeverityInfo:
		return 2
	}
	return 3
}

// Code names a kind of finding. Codes are stable: clients may key on them.
type Code string

// The finding codes.
const (
	CodeCommunityWithoutBoundary    Code = "community_without_boundary"
	CodeUnitOutsideStudyArea        Code = "unit_outside_study_area"
	CodeFacilityOutsideStudyArea    Code = "facility_outside_study_area"
	CodeFacilityOffNetwork          Code = "facility_off_network"
	CodeFacilityOnSmallComponent    Code = "facility_on_small_component"
	CodeNetworkFragmented           Code = "network_fragmented"
	CodePopulationDensityOutlier    Code = "population_density_outlier"
	CodePopulationMissing           Code = "population_missing"
	CodeCandidateStationUnconfirmed Code = "candidate_station_unconfirmed"
	CodeStaleDerivedRows            Code = "stale_derived_rows"
	CodeSearchBoundReached          Code = "search_bound_reached"
	CodeGridCommunityUnknown        Code = "grid_community_unknown"
	CodeGridWithoutWorker           Code = "grid_without_worker"
	CodeGridWorkersUnknown          Code = "grid_workers_unknown"
	CodeGridWorkerOverloaded        Code = "grid_worker_overloaded"
	// CodeGridWorkerLoadNotChecked says that the standards in use give no
	// households-per-grid-worker bound, so the grids' load was not checked.
	CodeGridWorkerLoadNotChecked   Code = "grid_worker_load_not_checked"
	CodeCommunityNotCoveredByGrids Code = "community_not_covered_by_grids"
	// CodeIllustrativeData says that stations or communities are the demo's made-up layer.
	CodeIllustrativeData Code = "illustrative_data"
	// CodeChecksNeedCompute says which checks did not run because the engine was loaded
	// but not computed (they read the cells and walk times).
	CodeChecksNeedCompute Code = "checks_need_compute"
)

// Units of a finding's figure.
const (
	UnitKm                  = "km"
	UnitM                   = "m"
	UnitShare               = "share" // a fraction in [0, 1]
	UnitNodes               = "nodes"
	UnitResidents           = "residents"
	UnitResidentsKm2        = "residents/km2"
	UnitKm2                 = "km2"
	UnitCommunities         = "communities"
	UnitCompounds           = "compounds"
	UnitStations            = "stations"
	UnitRows                = "rows"
	UnitChecks              = "checks"
	UnitHouseholds          = "households"
	UnitGrids               = "grids"
	UnitHouseholdsPerWorker = "households/worker"
)

// Kinds of subject.
const (
	SubjectDistrict  = "district"  // the whole district's data
	SubjectNetwork   = "network"   // the walk network
	SubjectCommunity = "community" // ID: its 12-digit code
	SubjectCompound  = "compound"  // ID: the compound's ID
	SubjectGrid      = "grid"      // ID: the grid's code; Name: its name
	SubjectStation   = "station"   // ID: the station's ID
	SubjectOutlet    = "outlet"    // ID: the outlet's ID
	SubjectCell      = "cell"      // ID: the H3 index in text; Name: the community holding it
	SubjectSet       = "set"       // a facility set: ID "category:KEY" or "level:KEY"
	SubjectStations  = "stations"  // the district's stations as a whole
	SubjectDerived   = "derived"   // derived rows of one kind: ID the kind, e.g. "street"
	SubjectEngine    = "engine"    // the loaded engine itself
)

// Subject is what a finding is about.
type Subject struct {
	Kind string `json:"kind"` // one of the Subject… kinds
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Finding is one thing the health check found. Figure is the number the severity was
// decided on, in Unit; Count, when not zero, is how many items the finding gathers (cells
// above a bound, components, stations). Both messages name the subject, give the figure
// and say how to fix it.
type Finding struct {
	Code      Code     `json:"code"`
	Severity  Severity `json:"severity"`
	Subject   Subject  `json:"subject"`
	Figure    float64  `json:"figure"`
	Unit      string   `json:"unit"`
	Count     int      `json:"count,omitempty"`
	MessageZH string   `json:"message_zh"`
	MessageEN string   `json:"message_en"`
}

// Sort orders findings by severity (errors first), then code, then subject (kind, ID,
// name), keeping the given order among equals.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Severity.rank(), b.Severity.rank()),
			cmp.Compare(a.Code, b.Code),
			cmp.Compare(a.Subject.Kind, b.Subject.Kind),
			cmp.Compare(a.Subject.ID, b.Subject.ID),
			cmp.Compare(a.Subject.Name, b.Subject.Name),
		)
	})
}

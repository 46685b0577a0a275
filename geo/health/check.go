package health

import (
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
)

// Check runs every check on e — loaded (engine.New or engine.Load) or computed — with the
// facts only the caller knows and the thresholds of opts, and returns the findings sorted
// (Sort). On an engine not yet computed, the checks of the cells and walk times
// (population_density_outlier, search_bound_reached) cannot run: one info finding
// checks_need_compute says so. Check reads e and never changes it. A nil engine and
// invalid options are EINVALID.
func Check(e *engine.Engine, facts Facts, opts Options) ([]Finding, error) {
	if e == nil || e.Graph == nil {
		return nil, geo.Errorf(geo.EINVALID, "health check: no engine to check (load the district first)")
	}
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	o := opts.withDefaults()
	n := newNetwork(e.Graph)
	var fs []Finding
	fs = append(fs, communitiesWithoutBoundary(e)...)
	fs = append(fs, unitsOutside(e, o)...)
	fs = append(fs, facilityFindings(e, n, o)...)
	fs = append(fs, fragmented(n, o)...)
	fs = append(fs, populationMissing(e)...)
	fs = append(fs, candidates(e.AllStations(), facts, e.Options.IncludeCandidates)...)
	fs = append(fs, staleRows(facts)...)
	fs = append(fs, illustrative(e)...)
	fs = append(fs, gridFindings(e, o)...)
	if e.Results != nil {
		fs = append(fs, gridCoverageFindings(e)...)
		fs = append(fs, densityOutliers(e, o)...)
		fs = append(fs, searchBound(e, o)...)
	} else {
		fs = append(fs, needCompute())
	}
	Sort(fs)
	return fs, nil
}

// needCompute is the info that the checks of the cells did not run.
func needCompute() Finding {
	return Finding{
		Code: CodeChecksNeedCompute, Severity: SeverityInfo, Subject: Subject{Kind: SubjectEngine},
		Figure: 2, Unit: UnitChecks, Count: 2,
		MessageZH: "尚未计算：人口密度异常（population_density_outlier）和搜索上限（search_bound_reached）两项检查需要 H3 单元和步行时间，未运行。修复：计算后再检查一次。",
		MessageEN: "Not computed yet: the checks population_density_outlier and search_bound_reached read the cells and walk times and did not run. Fix: check again after computing.",
	}
}

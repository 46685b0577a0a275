package health

import (
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
)

// Check runs every check on e — loaded (engine.New or engine.Load) or computed — with the
// facts only the caller knows and the thresholds of opts, and returns the findings sorted
// (Sort): the checks of the units, the facilities and the network. Check reads e and
// never changes it. A nil engine and
// invalid options are EINVALID.
func Check(e *engine.Engine, _ Facts, opts Options) ([]Finding, error) {
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
	Sort(fs)
	return fs, nil
}

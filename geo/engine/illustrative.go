package engine

import "github.com/lifecircle/lifecircle/geo"

// Illustrative counts what of the district is not data: stations of the demo's
// illustrative layer (Source "illustrative", candidates included) and communities derived
// from the walk network (Source "derived"). Both zero for a planner's own data.
func (e *Engine) Illustrative() (stations, derivedCommunities int) {
	for _, s := range e.AllStations() {
		if s.Source == geo.SourceIllustrative {
			stations++
		}
	}
	for _, c := range e.Communities {
		if c.Source == geo.SourceDerived {
			derivedCommunities++
		}
	}
	return stations, derivedCommunities
}

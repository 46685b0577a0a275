package district

import "github.com/lifecircle/lifecircle/importers"

// AttributeTable reports whether the prepared file is an attribute table: communities of
// which none has a boundary (a civil-affairs list of codes, names and counts). Its rows
// are joined to the community boundaries by code, else by name within the street, instead
// of being stored as communities without a place.
func (p *Prepared) AttributeTable() bool {
	if p.kind != importers.KindCommunities || len(p.Result.Communities) == 0 {
		return false
	}
	for _, c := range p.Result.Communities {
		if len(c.Boundary) > 0 {
			return false
		}
	}
	return true
}

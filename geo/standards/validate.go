package standards

import (
	"fmt"
	"sort"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
)

// Validate checks that every facility's categories are keys of c (the category file in
// use). It returns an EINVALID *geo.Error naming the circle, the facility and the
// unknown key.
func (r *Rules) Validate(c *geo.Categories) error {
	if c == nil {
		return geo.Errorf(geo.EINVALID, "standards file: no category set to validate against")
	}
	for i, circle := range r.Circles {
		for j, f := range circle.Facilities {
			for _, k := range f.Categories {
				if _, ok := c.Get(k); ok {
					continue
				}
				known := c.Keys()
				sort.Strings(known)
				where := fmt.Sprintf("circle %d (%q), facility %d (%q)", i+1, circle.Key, j+1, f.Key)
				return invalid(where, "unknown category %q (known: %s)", k, strings.Join(known, ", "))
			}
		}
	}
	return nil
}

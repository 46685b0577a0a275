package report

import (
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"
)

// mergeCells returns the outline of the union of cells as closed rings of WGS84 (lon, lat)
// points, outer rings and holes alike, so draw them with fill-rule evenodd.
func mergeCells(cells []h3.Cell) []orb.Ring {
	var rings []orb.Ring
	for _, p := range coverage.MergeCells(cells) {
		rings = append(rings, p...)
	}
	return rings
}

package walk

import "github.com/paulmach/orb"

// minSnapOrder is the fewest points SnapAll sorts along a Hilbert curve before
// snapping: fewer are snapped in their own order.
const minSnapOrder = 1024

// snapOrder returns an order of the indexes of ps in which to snap them: the valid
// (lon, lat) points along a Hilbert curve over their bound (hilbertOrder), then the
// others; nil (the order of ps) when there are fewer than minSnapOrder points.
func snapOrder(ps []orb.Point) []int32 {
	if len(ps) < minSnapOrder {
		return nil
	}
	valid := make([]orb.Point, 0, len(ps))
	index := make([]int32, 0, len(ps))
	var invalid []int32
	for i, p := range ps {
		if validPoint(p) {
			valid = append(valid, p)
			index = append(index, int32(i))
		} else {
			invalid = append(invalid, int32(i))
		}
	}
	order := hilbertOrder(valid)
	for k, j := range order {
		order[k] = index[j]
	}
	return append(order, invalid...)
}

package osmimport

import "slices"

// assembleRings joins ways, each a list of node ids, into closed rings: closed ways are
// rings of their own, open ways are chained end to end (either way round). It reports
// false when some way cannot be closed into a ring of at least four nodes (three distinct
// plus the closing one). Ways with fewer than two nodes are ignored.
func assembleRings(ways [][]int64) ([][]int64, bool) {
	pending := make([][]int64, 0, len(ways))
	for _, w := range ways {
		if len(w) >= 2 {
			pending = append(pending, w)
		}
	}
	var rings [][]int64
	for len(pending) > 0 {
		ring := slices.Clone(pending[0])
		pending = pending[1:]
		for ring[0] != ring[len(ring)-1] {
			var ok bool
			ring, pending, ok = extendRing(ring, pending)
			if !ok {
				return nil, false
			}
		}
		if len(ring) < 4 {
			return nil, false
		}
		rings = append(rings, ring)
	}
	return rings, len(rings) > 0
}

// extendRing appends to ring the first pending way that starts or ends where ring ends,
// and returns the ways still pending.
func extendRing(ring []int64, pending [][]int64) ([]int64, [][]int64, bool) {
	end := ring[len(ring)-1]
	for i, w := range pending {
		switch end {
		case w[0]:
			ring = append(ring, w[1:]...)
		case w[len(w)-1]:
			for j := len(w) - 2; j >= 0; j-- {
				ring = append(ring, w[j])
			}
		default:
			continue
		}
		return ring, slices.Delete(pending, i, i+1), true
	}
	return ring, pending, false
}

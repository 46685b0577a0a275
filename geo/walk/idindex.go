package walk

// idIndex maps WalkNode.ID to internal node index: open addressing with linear probing,
// key and value side by side so that a lookup usually costs one cache miss. It lives
// only while a graph is built.
type idIndex struct {
	slots []idSlot
	mask  uint64
}

type idSlot struct {
	id  int64
	idx int32 // -1: empty
}

// newIDIndex returns an empty index for n ids.
func newIDIndex(n int) *idIndex {
	size := 16
	for size < 2*n {
		size *= 2
	}
	ix := &idIndex{slots: make([]idSlot, size), mask: uint64(size - 1)}
	for i := range ix.slots {
		ix.slots[i].idx = -1
	}
	return ix
}

// slot returns the place of id: its own slot, or the empty one where it would go.
func (ix *idIndex) slot(id int64) *idSlot {
	h := (uint64(id) * 0x9E3779B97F4A7C15) >> 20
	for {
		s := &ix.slots[h&ix.mask]
		if s.idx < 0 || s.id == id {
			return s
		}
		h++
	}
}

// add records id at idx; it returns the index already recorded for id, or -1.
func (ix *idIndex) add(id int64, idx int32) int32 {
	s := ix.slot(id)
	if s.idx >= 0 {
		return s.idx
	}
	s.id, s.idx = id, idx
	return -1
}

// get returns the index of id and whether it is known.
func (ix *idIndex) get(id int64) (int32, bool) {
	s := ix.slot(id)
	return s.idx, s.idx >= 0
}

package walk

// heapItem is one queued label: a node and its key (seconds).
type heapItem struct {
	key  float64
	node int32
}

// heapBuf is a 4-ary min-heap with lazy insertion: improving a node's label pushes it
// again, and the search skips entries whose key is stale when they come out. This
// avoids the per-node position array (and its scattered writes) of decrease-key.
type heapBuf struct {
	items []heapItem
}

// newHeapBuf returns an empty heap.
func newHeapBuf() *heapBuf { return &heapBuf{items: make([]heapItem, 0, 4096)} }

// len returns the number of queued entries.
func (h *heapBuf) len() int { return len(h.items) }

// minKey returns the smallest queued key; the heap must not be empty.
func (h *heapBuf) minKey() float64 { return h.items[0].key }

// push queues node v with key k.
func (h *heapBuf) push(v int32, k float64) {
	h.items = append(h.items, heapItem{})
	items := h.items
	i := len(items) - 1
	for i > 0 {
		p := (i - 1) >> 2
		if items[p].key <= k {
			break
		}
		items[i] = items[p]
		i = p
	}
	items[i] = heapItem{key: k, node: v}
}

// pop removes and returns the entry with the smallest key.
func (h *heapBuf) pop() (int32, float64) {
	items := h.items
	top := items[0]
	last := items[len(items)-1]
	items = items[:len(items)-1]
	h.items = items
	n := len(items)
	if n == 0 {
		return top.node, top.key
	}
	i := 0
	for {
		c := 4*i + 1
		if c >= n {
			break
		}
		m, mk := c, items[c].key
		if c+3 < n {
			if k := items[c+1].key; k < mk {
				m, mk = c+1, k
			}
			if k := items[c+2].key; k < mk {
				m, mk = c+2, k
			}
			if k := items[c+3].key; k < mk {
				m, mk = c+3, k
			}
		} else {
			for j := c + 1; j < n; j++ {
				if k := items[j].key; k < mk {
					m, mk = j, k
				}
			}
		}
		if mk >= last.key {
			break
		}
		items[i] = items[m]
		i = m
	}
	items[i] = last
	return top.node, top.key
}

// reset empties the heap, keeping its capacity.
func (h *heapBuf) reset() { h.items = h.items[:0] }

package walk

import "sort"

// KField holds, for every node, the k nearest sources by walking time (k distinct sources
// at most), from one multi-label search over the whole network. It answers nearest queries
// with a snap and a few comparisons instead of a graph search, for serving many of them.
// It is immutable once built.
type KField struct {
	g       *Graph
	k       int
	limit   float64
	sources []Snap
	src     []int32   // labels of node u at u*k … u*k+k-1: source index, -1 empty; ascending time
	sec     []float32 // seconds from the source's origin to the node
	met     []float32 // metres walked on that walk
	byEdge  map[int32][]int32
}

// kLabel is one queued label of the multi-label search.
type kLabel struct {
	sec, met float64
	node     int32
	src      int32
}

// NearestField runs a multi-label search from sources (snaps of (lon, lat) WGS84 points)
// keeping, for every node, the k (1–8) nearest distinct sources within maxSeconds.
func (g *Graph) NearestField(sources []Snap, k int, maxSeconds float64) *KField {
	k = min(max(k, 1), 8)
	n := g.NumNodes()
	kf := &KField{g: g, k: k, limit: sanitizeLimit(maxSeconds), sources: sources, src: make([]int32, n*k),
		sec: make([]float32, n*k), met: make([]float32, n*k), byEdge: map[int32][]int32{}}
	for i := range kf.src {
		kf.src[i] = -1
	}
	var h kHeap
	for j, s := range sources {
		if !g.usable(s) {
			continue
		}
		en := g.endsOf(s)
		kf.byEdge[s.Edge] = append(kf.byEdge[s.Edge], int32(j))
		h.push(kLabel{en.access + en.secSrc, en.accessMetres + en.mSrc, en.src, int32(j)})
		h.push(kLabel{en.access + en.secDst, en.accessMetres + en.mDst, en.dst, int32(j)})
	}
	for len(h) > 0 {
		l := h.pop()
		if l.sec > kf.limit || !kf.settle(l) {
			continue
		}
		lo, hi := g.off[l.node], g.off[l.node+1]
		for i, a := range g.arcs[lo:hi] {
			nd := l.sec + float64(a.cost)
			if nd <= kf.limit && kf.open(a.to, l.src) {
				h.push(kLabel{nd, l.met + g.edges[g.adjEdge[lo+int32(i)]].lenM, a.to, l.src})
			}
		}
	}
	return kf
}

// settle records l as the next label of its node, unless the node is full or already has
// that source.
func (kf *KField) settle(l kLabel) bool {
	base := int(l.node) * kf.k
	for i := 0; i < kf.k; i++ {
		switch kf.src[base+i] {
		case l.src:
			return false
		case -1:
			kf.src[base+i], kf.sec[base+i], kf.met[base+i] = l.src, float32(l.sec), float32(l.met)
			return true
		}
	}
	return false
}

// open reports whether node could still take a label from src.
func (kf *KField) open(node, src int32) bool {
	base := int(node) * kf.k
	for i := 0; i < kf.k; i++ {
		switch kf.src[base+i] {
		case src:
			return false
		case -1:
			return true
		}
	}
	return false
}

// Nearest returns up to k (at most the field's k) sources nearest to the point that
// snapped as s, ascending by time (ties by index), within the field's limit. Times include
// both access legs; off-network points find nothing.
func (kf *KField) Nearest(s Snap, k int) []Hit {
	g := kf.g
	if !g.usable(s) || k <= 0 {
		return nil
	}
	k = min(k, kf.k)
	en := g.endsOf(s)
	best := map[int32]Hit{}
	offer := func(j int32, sec, met float64) {
		if h, ok := best[j]; (!ok || sec < h.Seconds) && sec <= kf.limit {
			best[j] = Hit{Index: int(j), Seconds: sec, Metres: met}
		}
	}
	for _, end := range [2]struct {
		node     int32
		sec, met float64
	}{{en.src, en.secSrc, en.mSrc}, {en.dst, en.secDst, en.mDst}} {
		base := int(end.node) * kf.k
		for i := 0; i < kf.k && kf.src[base+i] >= 0; i++ {
			offer(kf.src[base+i], float64(kf.sec[base+i])+end.sec+en.access, float64(kf.met[base+i])+end.met+en.accessMetres)
		}
	}
	for _, j := range kf.byEdge[s.Edge] {
		ej := g.endsOf(kf.sources[j])
		sec, met := g.direct(ej, en)
		offer(j, ej.access+sec+en.access, ej.accessMetres+met+en.accessMetres)
	}
	hits := make([]Hit, 0, len(best))
	for _, h := range best {
		hits = append(hits, h)
	}
	sort.Slice(hits, func(a, b int) bool {
		return hits[a].Seconds < hits[b].Seconds || (hits[a].Seconds == hits[b].Seconds && hits[a].Index < hits[b].Index)
	})
	return hits[:min(k, len(hits))]
}

// K returns how many nearest sources the field keeps per node.
func (kf *KField) K() int { return kf.k }

// kHeap is a binary min-heap of labels by time.
type kHeap []kLabel

func (h *kHeap) push(l kLabel) {
	*h = append(*h, l)
	q := *h
	for i := len(q) - 1; i > 0; {
		p := (i - 1) / 2
		if !(q[i].sec < q[p].sec) {
			break
		}
		q[i], q[p] = q[p], q[i]
		i = p
	}
}

func (h *kHeap) pop() kLabel {
	q := *h
	top := q[0]
	last := len(q) - 1
	q[0] = q[last]
	q = q[:last]
	for i := 0; ; {
		c := 2*i + 1
		if c >= len(q) {
			break
		}
		if c+1 < len(q) && q[c+1].sec < q[c].sec {
			c++
		}
		if !(q[c].sec < q[i].sec) {
			break
		}
		q[i], q[c] = q[c], q[i]
		i = c
	}
	*h = q
	return top
}

package walk

// ComponentSizes returns the number of nodes of each connected component of the network,
// indexed by component id (the ids ComponentOf returns, 0 … n−1, in no meaningful order).
// Edges are walkable both ways, so a component is exactly the set of nodes that can walk
// to each other. The labels are computed once when the graph is built; each call counts
// them again in O(nodes) into a fresh slice, so call it once per check and keep the
// answer.
func (g *Graph) ComponentSizes() []int {
	var n int32
	for _, c := range g.comp {
		n = max(n, c+1)
	}
	sizes := make([]int, n)
	for _, c := range g.comp {
		sizes[c]++
	}
	return sizes
}

// ComponentOf returns the id of the connected component holding the edge s was snapped
// onto (an index into ComponentSizes), whether or not s is within the snap distance; -1
// when s has no edge of g (Edge −1: an invalid point or a graph without segments).
func (g *Graph) ComponentOf(s Snap) int32 {
	if !g.validEdge(s.Edge) {
		return -1
	}
	return g.edgeComponent(s.Edge)
}

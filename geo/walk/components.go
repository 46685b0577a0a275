package walk

// components labels every node with the index of its connected component (edges are
// walkable both ways, so these are exact reachability classes), by breadth-first search
// over the CSR adjacency.
func (g *Graph) components() []int32 {
	n := len(g.nodeID)
	comp := make([]int32, n)
	for i := range comp {
		comp[i] = -1
	}
	queue := make([]int32, 0, 1024)
	var next int32
	for s := range comp {
		if comp[s] >= 0 {
			continue
		}
		comp[s] = next
		queue = append(queue[:0], int32(s))
		for len(queue) > 0 {
			u := queue[len(queue)-1]
			queue = queue[:len(queue)-1]
			for _, a := range g.arcs[g.off[u]:g.off[u+1]] {
				if comp[a.to] < 0 {
					comp[a.to] = next
					queue = append(queue, a.to)
				}
			}
		}
		next++
	}
	return comp
}

// edgeComponent returns the component of edge e's nodes.
func (g *Graph) edgeComponent(e int32) int32 { return g.comp[g.edges[e].src] }

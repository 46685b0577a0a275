package siting

import (
	"cmp"
	"container/heap"
	"slices"
	"strings"

	"github.com/lifecircle/lifecircle/geo/engine"
)

// groupScore ranks a site's group: the most members without a centre, then the most
// residents newly covered, then the most residents within; ties to the earlier cell.
type groupScore struct {
	centreless    int
	newly, within float64
	cell          int
}

func (a groupScore) better(b groupScore) bool {
	switch {
	case a.centreless != b.centreless:
		return a.centreless > b.centreless
	case a.newly != b.newly:
		return a.newly > b.newly
	case a.within != b.within:
		return a.within > b.within
	}
	return a.cell < b.cell
}

// choose picks the groups greedily (lazy evaluation: a site's best group only gets worse
// as communities are taken, so a site whose re-evaluated score is still its queued one is
// the best there is).
func (u *sharedUnits) choose(e *engine.Engine, opts []sharedOption, maxGroup int) []SharedGroup {
	used := make([]bool, len(u.comms))
	q := &scoreQueue{}
	for o := range opts {
		if _, s, ok := u.bestGroup(opts[o], used, maxGroup); ok {
			q.items = append(q.items, queued{o, s})
		}
	}
	heap.Init(q)
	var groups []SharedGroup
	for q.Len() > 0 {
		top := heap.Pop(q).(queued)
		members, s, ok := u.bestGroup(opts[top.opt], used, maxGroup)
		if !ok {
			continue
		}
		if s != top.score {
			heap.Push(q, queued{top.opt, s})
			continue
		}
		groups = append(groups, u.groupOf(e, opts[top.opt], members))
		for _, m := range members {
			used[opts[top.opt].units[m]] = true
		}
	}
	return groups
}

// bestGroup returns the best group (indexes into o.members) site o can form from the
// unused units: a connected set of 2–maxGroup of them with a member without a centre.
func (u *sharedUnits) bestGroup(o sharedOption, used []bool, maxGroup int) ([]int, groupScore, bool) {
	var free []int
	for m, un := range o.units {
		if !used[un] {
			free = append(free, m)
		}
	}
	if len(free) > maxGroupChoice {
		slices.SortStableFunc(free, func(a, b int) int { return cmp.Compare(o.members[b].NewlyCovered, o.members[a].NewlyCovered) })
		free = free[:maxGroupChoice]
		slices.Sort(free)
	}
	var best []int
	var bestScore groupScore
	for size := 2; size <= min(maxGroup, len(free)); size++ {
		eachSubset(len(free), size, func(pick []int) {
			set := make([]int, len(pick))
			for x, p := range pick {
				set[x] = free[p]
			}
			if s, ok := u.scoreOf(o, set); ok && (best == nil || s.better(bestScore)) {
				best, bestScore = set, s
			}
		})
	}
	return best, bestScore, best != nil
}

// scoreOf scores the members set of o; false when they are not connected or all have a
// centre.
func (u *sharedUnits) scoreOf(o sharedOption, set []int) (groupScore, bool) {
	s := groupScore{cell: o.cell}
	for _, m := range set {
		if !o.members[m].HasCentre {
			s.centreless++
		}
		s.newly += o.members[m].NewlyCovered
		s.within += o.members[m].Within
	}
	return s, s.centreless > 0 && u.connected(o, set)
}

// connected reports whether the units of the members set of o form one connected piece
// of the adjacency graph.
func (u *sharedUnits) connected(o sharedOption, set []int) bool {
	reached := []int{set[0]}
	for k := 0; k < len(reached); k++ {
		for _, m := range set {
			if !slices.Contains(reached, m) && u.adjacent(o.units[reached[k]], o.units[m]) {
				reached = append(reached, m)
			}
		}
	}
	return len(reached) == len(set)
}

// eachSubset calls fn with every ascending choice of k of 0…n-1 (the slice is reused).
func eachSubset(n, k int, fn func(pick []int)) {
	pick := make([]int, k)
	var rec func(at, from int)
	rec = func(at, from int) {
		if at == k {
			fn(pick)
			return
		}
		for i := from; i <= n-(k-at); i++ {
			pick[at] = i
			rec(at+1, i+1)
		}
	}
	rec(0, 0)
}

// groupOf turns the members set of o into a group, members by code.
func (u *sharedUnits) groupOf(e *engine.Engine, o sharedOption, set []int) SharedGroup {
	g := SharedGroup{Point: e.Cells[o.cell].Center, H3: e.Cells[o.cell].H3.String()}
	if un := u.unitOf[o.cell]; un >= 0 {
		g.Community = e.Communities[u.comms[un]].Code
	}
	for _, m := range set {
		g.Members = append(g.Members, o.members[m])
		g.Population += o.members[m].Population
		g.NewlyCovered += o.members[m].NewlyCovered
	}
	slices.SortFunc(g.Members, func(a, b SharedMember) int { return strings.Compare(a.Code, b.Code) })
	return g
}

// queued is a site in the greedy queue with its score when last evaluated.
type queued struct {
	opt   int
	score groupScore
}

// scoreQueue is a max-heap of queued sites by score.
type scoreQueue struct{ items []queued }

func (q *scoreQueue) Len() int           { return len(q.items) }
func (q *scoreQueue) Less(i, j int) bool { return q.items[i].score.better(q.items[j].score) }
func (q *scoreQueue) Swap(i, j int)      { q.items[i], q.items[j] = q.items[j], q.items[i] }
func (q *scoreQueue) Push(x any)         { q.items = append(q.items, x.(queued)) }
func (q *scoreQueue) Pop() any {
	it := q.items[len(q.items)-1]
	q.items = q.items[:len(q.items)-1]
	return it
}

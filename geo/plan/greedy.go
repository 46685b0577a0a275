package plan

// Greedy chooses up to k candidates of p, each time the one adding the most weight not yet
// covered (ties: the lowest index), evaluating gains lazily (CELF). It stops early when no
// candidate adds any weight, so Chosen may hold fewer than k sites; k ≤ 0 chooses none.
// The result covers at least (1 − 1/e) ≈ 63 % of the best possible k sites' weight.
func Greedy(p Problem, k int) Solution {
	c := normalise(p)
	return c.describe(c.greedy(k, nil))
}

// greedy returns the greedy choice of up to k candidates among those allowed (nil: all).
func (c *clean) greedy(k int, allowed []int) []int {
	q := newGainQueue(len(c.covers))
	push := func(j int) {
		if c.full[j] > 0 {
			q.push(entry{gain: c.full[j], j: int32(j), round: 0})
		}
	}
	if allowed == nil {
		for j := range c.covers {
			push(j)
		}
	} else {
		for _, j := range allowed {
			push(j)
		}
	}
	count := make([]int32, len(c.w))
	var chosen []int
	for round := int32(0); int(round) < k && q.len() > 0; {
		top := q.pop()
		if top.round != round {
			top.gain, top.round = c.gainOver(c.covers[top.j], count), round
			if top.gain > 0 {
				q.push(top)
			}
			continue
		}
		chosen = append(chosen, int(top.j))
		c.add(int(top.j), count, 1)
		round++
	}
	return chosen
}

// describe returns the Solution of the chosen candidates in their order: each one's
// marginal gain over those before it and the running total.
func (c *clean) describe(chosen []int) Solution {
	s := Solution{Chosen: chosen, Gains: make([]float64, len(chosen)), Cumulative: make([]float64, len(chosen)), Total: c.total}
	count := make([]int32, len(c.w))
	for i, j := range chosen {
		s.Gains[i] = c.gainOver(c.covers[j], count)
		c.add(j, count, 1)
		s.Covered += s.Gains[i]
		s.Cumulative[i] = s.Covered
	}
	return s
}

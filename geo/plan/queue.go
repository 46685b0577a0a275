package plan

// entry is a candidate in the lazy greedy queue: gain is an upper bound on its marginal
// gain, exact when round is the current round.
type entry struct {
	gain  float64
	j     int32
	round int32
}

// before orders the queue: larger gain first, then lower candidate index, so the greedy
// choice is deterministic.
func (a entry) before(b entry) bool {
	if a.gain != b.gain {
		return a.gain > b.gain
	}
	return a.j < b.j
}

// gainQueue is a binary max-heap of entries.
type gainQueue struct{ items []entry }

func newGainQueue(n int) *gainQueue { return &gainQueue{items: make([]entry, 0, n)} }

func (q *gainQueue) len() int { return len(q.items) }

func (q *gainQueue) push(e entry) {
	q.items = append(q.items, e)
	i := len(q.items) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !e.before(q.items[p]) {
			break
		}
		q.items[i] = q.items[p]
		i = p
	}
	q.items[i] = e
}

func (q *gainQueue) pop() entry {
	top := q.items[0]
	last := q.items[len(q.items)-1]
	q.items = q.items[:len(q.items)-1]
	n := len(q.items)
	if n == 0 {
		return top
	}
	i := 0
	for {
		m := 2*i + 1
		if m >= n {
			break
		}
		if r := m + 1; r < n && q.items[r].before(q.items[m]) {
			m = r
		}
		if !q.items[m].before(last) {
			break
		}
		q.items[i] = q.items[m]
		i = m
	}
	q.items[i] = last
	return top
}

package importers

// values is the checked values of one kind of record, in the file's order: value i is
// entry i's (a rejected record keeps its place with the zero value).
type values interface {
	add(c *rowCheck) // checks the record and appends its value
	addZero()        // appends the zero value for a record rejected before its checks
	emit(i, k int, e *entry)
	into(res *Result, n int)
}

// column is the values of one kind: check builds a value from a record, place sets its
// WGS84 geometry from its entry, out hands the good values to the Result.
type column[T any] struct {
	vals  []T
	check func(*rowCheck) T
	place func(*T, *entry)
	out   func(*Result, []T)
}

// columnOf returns the constructor of a kind's values, prepared for about n records.
func columnOf[T any](check func(*rowCheck) T, place func(*T, *entry), out func(*Result, []T)) func(n int) values {
	return func(n int) values {
		return &column[T]{vals: make([]T, 0, n), check: check, place: place, out: out}
	}
}

func (c *column[T]) add(rc *rowCheck) { c.vals = append(c.vals, c.check(rc)) }

func (c *column[T]) addZero() {
	var zero T
	c.vals = append(c.vals, zero)
}

// emit moves value i, with entry e's WGS84 geometry, to place k (k ≤ i).
func (c *column[T]) emit(i, k int, e *entry) {
	c.vals[k] = c.vals[i]
	c.place(&c.vals[k], e)
}

// into hands the first n values to res, capped so that appending to them copies.
func (c *column[T]) into(res *Result, n int) { c.out(res, c.vals[:n:n]) }

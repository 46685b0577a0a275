package coverage

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
)

// This file is slices.SortFunc's pattern-defeating quicksort (Go 1.26,
// src/slices/zsortanyfunc.go, generated there from sort/gen_sort_variants.go), specialised
// to uint64 keys compared by their upper 32 bits only, the comparison inlined. Every step
// leaves its range arranged as slices.SortFunc's does on a slice whose elements compare
// as the keys' upper halves (the partition and the insertion sort reach the same
// arrangement without unpredictable branches or pairwise swaps), so equal elements end in
// the same order (see sortTimes). Do not "improve" the algorithm: any change reorders
// equal walk times and with them the last bits of the summaries' sums.
// TestSortTimesIsSortFunc compares it with the toolchain's slices.SortFunc; should a
// later Go change that, the test fails and this copy keeps the summaries as they were.

// sortKeysUpper sorts keys by their upper 32 bits (slices.SortFunc's algorithm); buf
// is a reusable buffer it grows to len(keys).
func sortKeysUpper(keys []uint64, buf *[]int32) {
	if cap(*buf) < len(keys) {
		*buf = make([]int32, len(keys))
	}
	pdqsortKeys(keys, 0, len(keys), bits.Len(uint(len(keys))), (*buf)[:len(keys)])
}

// sortScratch holds the buffer sortTimes reuses from one group to the next.
type sortScratch struct {
	pos    []int32
	sorted []weighedTime
}

// sortTimes returns ts sorted by time, exactly as slices.SortFunc(ts, func(x, y
// weighedTime) int { return cmp.Compare(x.min, y.min) }) orders them — equal times in
// the same order, so that sums over the result are the same to the bit — but faster:
// it sorts keys, 8 bytes a time, with that same algorithm. keys[i] is ts[i]'s time key
// (secondsKey, which compares as the times do) above i; it is sorted in place. The
// result is sc's buffer, valid until the next call.
func (sc *sortScratch) sortTimes(ts []weighedTime, keys []uint64) []weighedTime {
	if len(ts) > math.MaxUint32 || len(keys) != len(ts) {
		slices.SortFunc(ts, func(x, y weighedTime) int { return cmp.Compare(x.min, y.min) })
		return ts
	}
	sortKeysUpper(keys, &sc.pos)
	sc.sorted = slices.Grow(sc.sorted[:0], len(ts))
	for _, k := range keys {
		sc.sorted = append(sc.sorted, ts[uint32(k)])
	}
	return sc.sorted
}

// secondsKey maps a walk time in float32 seconds (not NaN) to a uint32 that orders as
// the times in minutes (float64(sec) / 60) do: equal exactly when they are equal (−0 =
// +0), less exactly when they are less. float64(float32) / 60 is strictly increasing, as
// a float64 quotient rounds far finer than float32 values are apart, so the float32
// seconds order as the minutes; their bits, sign-flipped, order as unsigned integers.
func secondsKey(sec float32) uint32 {
	b := math.Float32bits(sec + 0) // + 0 makes −0 +0
	if b>>31 != 0 {
		return ^b
	}
	return b | 1<<31
}

type sortedHint int // hint for pdqsort when choosing the pivot

const (
	unknownHint sortedHint = iota
	increasingHint
	decreasingHint
)

// sortXorshift is slices' xorshift (https://www.jstatsoft.org/article/view/v008i14/xorshift.pdf).
type sortXorshift uint64

func (r *sortXorshift) Next() uint64 {
	*r ^= *r << 13
	*r ^= *r >> 7
	*r ^= *r << 17
	return uint64(*r)
}

func nextPowerOfTwo(length int) uint {
	return 1 << bits.Len(uint(length))
}

// insertionSortKeys sorts data[a:b] using insertion sort: each element moves left past
// the greater ones before it, shifted rather than swapped (the same arrangement, equal
// keys in their order, with half the writes).
func insertionSortKeys(data []uint64, a, b int) {
	for i := a + 1; i < b; i++ {
		x, k := data[i], data[i]>>32
		j := i
		for ; j > a && k < data[j-1]>>32; j-- {
			data[j] = data[j-1]
		}
		data[j] = x
	}
}

// siftDownKeys implements the heap property on data[lo:hi].
// first is an offset into the array where the root of the heap lies.
func siftDownKeys(data []uint64, lo, hi, first int) {
	root := lo
	for {
		child := 2*root + 1
		if child >= hi {
			break
		}
		if child+1 < hi && (data[first+child]>>32 < data[first+child+1]>>32) {
			child++
		}
		if !(data[first+root]>>32 < data[first+child]>>32) {
			return
		}
		data[first+root], data[first+child] = data[first+child], data[first+root]
		root = child
	}
}

func heapSortKeys(data []uint64, a, b int) {
	first := a
	lo := 0
	hi := b - a

	// Build heap with greatest element at top.
	for i := (hi - 1) / 2; i >= 0; i-- {
		siftDownKeys(data, i, hi, first)
	}

	// Pop elements, largest first, into end of data.
	for i := hi - 1; i >= 0; i-- {
		data[first], data[first+i] = data[first+i], data[first]
		siftDownKeys(data, lo, i, first)
	}
}

// pdqsortKeys sorts data[a:b].
// The algorithm based on pattern-defeating quicksort(pdqsort), but without the optimizations from BlockQuicksort.
// pdqsort paper: https://arxiv.org/pdf/2106.05123.pdf
// C++ implementation: https://github.com/orlp/pdqsort
// Rust implementation: https://docs.rs/pdqsort/latest/pdqsort/
// limit is the number of allowed bad (very unbalanced) pivots before falling back to heapsort.
func pdqsortKeys(data []uint64, a, b, limit int, buf []int32) {
	const maxInsertion = 12

	var (
		wasBalanced    = true // whether the last partitioning was reasonably balanced
		wasPartitioned = true // whether the slice was already partitioned
	)

	for {
		length := b - a

		if length <= maxInsertion {
			insertionSortKeys(data, a, b)
			return
		}

		// Fall back to heapsort if too many bad choices were made.
		if limit == 0 {
			heapSortKeys(data, a, b)
			return
		}

		// If the last partitioning was imbalanced, we need to breaking patterns.
		if !wasBalanced {
			breakPatternsKeys(data, a, b)
			limit--
		}

		pivot, hint := choosePivotKeys(data, a, b)
		if hint == decreasingHint {
			reverseRangeKeys(data, a, b)
			// The chosen pivot was pivot-a elements after the start of the array.
			// After reversing it is pivot-a elements before the end of the array.
			// The idea came from Rust's implementation.
			pivot = (b - 1) - (pivot - a)
			hint = increasingHint
		}

		// The slice is likely already sorted.
		if wasBalanced && wasPartitioned && hint == increasingHint {
			if partialInsertionSortKeys(data, a, b) {
				return
			}
		}

		// Probably the slice contains many duplicate elements, partition the slice into
		// elements equal to and elements greater than the pivot.
		if a > 0 && !(data[a-1]>>32 < data[pivot]>>32) {
			mid := partitionEqualKeys(data, a, b, pivot)
			a = mid
			continue
		}

		mid, alreadyPartitioned := partitionKeys(data, a, b, pivot, buf)
		wasPartitioned = alreadyPartitioned

		leftLen, rightLen := mid-a, b-mid
		balanceThreshold := length / 8
		if leftLen < rightLen {
			wasBalanced = leftLen >= balanceThreshold
			pdqsortKeys(data, a, mid, limit, buf)
			a = mid + 1
		} else {
			wasBalanced = rightLen >= balanceThreshold
			pdqsortKeys(data, mid+1, b, limit, buf)
			b = mid
		}
	}
}

// partitionKeys does one quicksort partition, leaving data[a:b] as slices' Hoare
// partition does (partitionCmpFunc) but without its unpredictable branches. Let p =
// data[pivot], moved to data[a]; of data[a+1:b], s elements are less than p. Hoare's
// scans swap the k-th element not less than p from the left with the k-th element less
// than p from the right for as long as the first lies left of the second, which is
// exactly for the m elements not less than p in data[a+1:a+1+s], paired in order with
// the m less than p in data[a+1+s:b]. So one pass lists the positions of both kinds
// (not-less ascending from buf's start, less from its end), and the first m pairs are
// swapped; then p goes to a+s. alreadyPartitioned is m == 0, as Hoare's first scans
// report. buf holds at least b-a-1 positions.
func partitionKeys(data []uint64, a, b, pivot int, buf []int32) (newpivot int, alreadyPartitioned bool) {
	data[a], data[pivot] = data[pivot], data[a]
	p := data[a] >> 32
	n := b - a - 1
	buf = buf[:n]
	nb, ns := 0, 0 // not less than p, less than p
	for i := a + 1; i < b; i++ {
		big := 0
		if data[i]>>32 >= p {
			big = 1
		}
		buf[nb] = int32(i)
		buf[n-1-ns] = int32(i)
		nb += big
		ns += 1 - big
	}
	mid := a + ns
	m := 0
	for m < nb && int(buf[m]) <= mid {
		m++
	}
	// The k-th less-than-p element from the right is the (ns-1-k)-th from the left,
	// stored at buf[n-1-(ns-1-k)].
	for k := 0; k < m; k++ {
		x, y := buf[k], buf[n-ns+k]
		data[x], data[y] = data[y], data[x]
	}
	data[mid], data[a] = data[a], data[mid]
	return mid, m == 0
}

// partitionEqualKeys partitions data[a:b] into elements equal to data[pivot] followed by elements greater than data[pivot].
// It assumed that data[a:b] does not contain elements smaller than the data[pivot].
func partitionEqualKeys(data []uint64, a, b, pivot int) (newpivot int) {
	data[a], data[pivot] = data[pivot], data[a]
	i, j := a+1, b-1 // i and j are inclusive of the elements remaining to be partitioned

	for {
		for i <= j && !(data[a]>>32 < data[i]>>32) {
			i++
		}
		for i <= j && (data[a]>>32 < data[j]>>32) {
			j--
		}
		if i > j {
			break
		}
		data[i], data[j] = data[j], data[i]
		i++
		j--
	}
	return i
}

// partialInsertionSortKeys partially sorts a slice, returns true if the slice is sorted at the end.
func partialInsertionSortKeys(data []uint64, a, b int) bool {
	const (
		maxSteps         = 5  // maximum number of adjacent out-of-order pairs that will get shifted
		shortestShifting = 50 // don't shift any elements on short arrays
	)
	i := a + 1
	for j := 0; j < maxSteps; j++ {
		for i < b && !(data[i]>>32 < data[i-1]>>32) {
			i++
		}

		if i == b {
			return true
		}

		if b-a < shortestShifting {
			return false
		}

		data[i], data[i-1] = data[i-1], data[i]

		// Shift the smaller one to the left.
		if i-a >= 2 {
			for j := i - 1; j >= 1; j-- {
				if !(data[j]>>32 < data[j-1]>>32) {
					break
				}
				data[j], data[j-1] = data[j-1], data[j]
			}
		}
		// Shift the greater one to the right.
		if b-i >= 2 {
			for j := i + 1; j < b; j++ {
				if !(data[j]>>32 < data[j-1]>>32) {
					break
				}
				data[j], data[j-1] = data[j-1], data[j]
			}
		}
	}
	return false
}

// breakPatternsKeys scatters some elements around in an attempt to break some patterns
// that might cause imbalanced partitions in quicksort.
func breakPatternsKeys(data []uint64, a, b int) {
	length := b - a
	if length >= 8 {
		random := sortXorshift(length)
		modulus := nextPowerOfTwo(length)

		for idx := a + (length/4)*2 - 1; idx <= a+(length/4)*2+1; idx++ {
			other := int(uint(random.Next()) & (modulus - 1))
			if other >= length {
				other -= length
			}
			data[idx], data[a+other] = data[a+other], data[idx]
		}
	}
}

// choosePivotKeys chooses a pivot in data[a:b].
//
// [0,8): chooses a static pivot.
// [8,shortestNinther): uses the simple median-of-three method.
// [shortestNinther,∞): uses the Tukey ninther method.
func choosePivotKeys(data []uint64, a, b int) (pivot int, hint sortedHint) {
	const (
		shortestNinther = 50
		maxSwaps        = 4 * 3
	)

	l := b - a

	var (
		swaps int
		i     = a + l/4*1
		j     = a + l/4*2
		k     = a + l/4*3
	)

	if l >= 8 {
		if l >= shortestNinther {
			// Tukey ninther method, the idea came from Rust's implementation.
			i = medianAdjacentKeys(data, i, &swaps)
			j = medianAdjacentKeys(data, j, &swaps)
			k = medianAdjacentKeys(data, k, &swaps)
		}
		// Find the median among i, j, k and stores it into j.
		j = medianKeys(data, i, j, k, &swaps)
	}

	switch swaps {
	case 0:
		return j, increasingHint
	case maxSwaps:
		return j, decreasingHint
	default:
		return j, unknownHint
	}
}

// order2Keys returns x,y where data[x] <= data[y], where x,y=a,b or x,y=b,a.
func order2Keys(data []uint64, a, b int, swaps *int) (int, int) {
	if data[b]>>32 < data[a]>>32 {
		*swaps++
		return b, a
	}
	return a, b
}

// medianKeys returns x where data[x] is the median of data[a],data[b],data[c], where x is a, b, or c.
func medianKeys(data []uint64, a, b, c int, swaps *int) int {
	a, b = order2Keys(data, a, b, swaps)
	b, c = order2Keys(data, b, c, swaps)
	a, b = order2Keys(data, a, b, swaps)
	return b
}

// medianAdjacentKeys finds the median of data[a - 1], data[a], data[a + 1] and stores the index into a.
func medianAdjacentKeys(data []uint64, a int, swaps *int) int {
	return medianKeys(data, a-1, a, a+1, swaps)
}

func reverseRangeKeys(data []uint64, a, b int) {
	i := a
	j := b - 1
	for i < j {
		data[i], data[j] = data[j], data[i]
		i++
		j--
	}
}

package postgis

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/paulmach/orb"
)

// encodedRows are n rows of a binary COPY stream encoded ahead of their statement, on
// every core, in chunks of rowChunk rows: each row's fields but the region and the run id,
// which the stream adds after them (the COPY's column list ends with region, run_id), so
// that the rows are encoded while the transaction's earlier statements run and the
// digest of what a run stores does not depend on the run's id.
type encodedRows struct {
	chunks []rowChunk
	fields int // fields per row, region and run id included
}

// rowChunk is a run of encoded rows: buf holds them back to back, ends[i] is where row i
// of the chunk ends.
type rowChunk struct {
	buf  []byte
	ends []int
}

// rowsPerChunk rows go into one chunk; fixed, so that digest does not depend on the cores.
const rowsPerChunk = 4096

// encodeRows encodes rows 0 … n-1 with enc (which appends row i's fields, each with its
// 4-byte length, to b), fields-2 fields each, on every core.
func encodeRows(n, fields int, enc func(b []byte, i int) []byte) *encodedRows {
	r := &encodedRows{chunks: make([]rowChunk, (n+rowsPerChunk-1)/rowsPerChunk), fields: fields}
	next := make(chan int, len(r.chunks))
	for c := range r.chunks {
		next <- c
	}
	close(next)
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(r.chunks))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				lo, hi := c*rowsPerChunk, min(n, (c+1)*rowsPerChunk)
				ch := rowChunk{ends: make([]int, 0, hi-lo)}
				for i := lo; i < hi; i++ {
					ch.buf = enc(ch.buf, i)
					ch.ends = append(ch.ends, len(ch.buf))
					if i == lo { // room for the chunk's rows if they are about as long as its first
						ch.buf = slices.Grow(ch.buf, len(ch.buf)*(hi-lo)*9/8)
					}
				}
				r.chunks[c] = ch
			}
		}()
	}
	wg.Wait()
	return r
}

// digest is the SHA-256 of the rows' encoded fields (chunk by chunk: the hash of the
// chunks' hashes), the same for the same rows in the same order.
func (r *encodedRows) digest() []byte {
	sums := make([][sha256.Size]byte, len(r.chunks))
	var wg sync.WaitGroup
	for c := range r.chunks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sums[c] = sha256.Sum256(r.chunks[c].buf)
		}()
	}
	wg.Wait()
	h := sha256.New()
	for _, s := range sums {
		h.Write(s[:])
	}
	return h.Sum(nil)
}

// write streams the rows into cw, each followed by region and the run id.
func (r *encodedRows) write(cw *copyWriter, region string, run int64) {
	tail := binary.BigEndian.AppendUint32(nil, uint32(len(region)))
	tail = append(tail, region...)
	tail = binary.BigEndian.AppendUint32(tail, 8)
	tail = binary.BigEndian.AppendUint64(tail, uint64(run))
	head := binary.BigEndian.AppendUint16(nil, uint16(r.fields))
	for _, ch := range r.chunks {
		start := 0
		for _, end := range ch.ends {
			cw.w.Write(head)
			cw.w.Write(ch.buf[start:end])
			cw.w.Write(tail)
			start = end
		}
	}
}

// Appenders of binary COPY fields (each with its 4-byte length; -1: NULL).

func appendNull(b []byte) []byte { return binary.BigEndian.AppendUint32(b, 0xffffffff) }

func appendInt32(b []byte, v int32) []byte {
	return binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(b, 4), uint32(v))
}

func appendBool(b []byte, v bool) []byte {
	b = binary.BigEndian.AppendUint32(b, 1)
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

// appendText appends s; NULL when s is "" and null is set.
func appendText(b []byte, s string, null bool) []byte {
	if null && s == "" {
		return appendNull(b)
	}
	return append(binary.BigEndian.AppendUint32(b, uint32(len(s))), s...)
}

// appendFloat8 appends v; NULL when v is NaN or infinite and nullable.
func appendFloat8(b []byte, v float64, nullable bool) []byte {
	if nullable && (math.IsNaN(v) || math.IsInf(v, 0)) {
		return appendNull(b)
	}
	return binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint32(b, 8), math.Float64bits(v))
}

// appendPointWKB appends the point (x, y) as a geometry value: little-endian WKB, as
// orb's wkb.Marshal writes it (PostGIS takes the column's SRID).
func appendPointWKB(b []byte, x, y float64) []byte {
	b = binary.BigEndian.AppendUint32(b, 21)
	b = append(b, 1)
	b = binary.LittleEndian.AppendUint32(b, 1)
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(y))
}

// appendPolygonWKB appends p as a geometry value: little-endian WKB, as orb's
// wkb.Marshal writes it.
func appendPolygonWKB(b []byte, p orb.Polygon) []byte {
	size := 1 + 4 + 4
	for _, r := range p {
		size += 4 + 16*len(r)
	}
	b = binary.BigEndian.AppendUint32(b, uint32(size))
	b = append(b, 1)
	b = binary.LittleEndian.AppendUint32(b, 3)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(p)))
	for _, r := range p {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(r)))
		for _, q := range r {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(q[0]))
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(q[1]))
		}
	}
	return b
}

package walk

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"
	"unsafe"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
)

// snapshotMagic opens every graph snapshot; the trailing digit is the format version,
// bumped whenever Graph's arrays or the layout change (3: the segment index is stored,
// the adjacency and the node points are not, every array starts at a multiple of 8 bytes
// and the header gives the total size).
const snapshotMagic = "LCWALKG3"

// snapshotByteOrder is written after the magic: the arrays are stored in the writing
// machine's byte order and read back only on a machine of the same order.
const snapshotByteOrder uint32 = 0x01020304

// snapshotHeadBytes is the size of the fixed header: the magic, the byte order mark, 4
// bytes of padding and the snapshot's total size in bytes (uint64).
const snapshotHeadBytes = 24

// maxSnapshotBytes bounds the size a header may announce (64 GiB).
const maxSnapshotBytes = 1 << 36

// ErrSnapshotMismatch says a snapshot was written by another format version, byte order
// or walking model: it is not an error of the data, the caller builds the graph again.
var ErrSnapshotMismatch = errors.New("walk graph snapshot: other format, byte order or walking model")

// WriteSnapshot writes g's arrays, segment index included, to w in a binary format that
// ReadSnapshot reads back into a graph equal to g: same internal order, costs, geometry
// and segment index, so every search and snap gives the same answer as on g. The layout:
// the header (magic, byte order, total size), then each array as its length (uint64)
// and its elements' bytes, padded to a multiple of 8 bytes. What Snapshot.Graph makes
// again faster than it reads is left out: the adjacency (buildCSR, from the edges), the
// segment → edge table, and the node points when every node is the end point of an
// edge's geometry (as Build makes them).
func (g *Graph) WriteSnapshot(w io.Writer) error {
	arrays := g.snapshotArrays()
	total := snapshotHeadBytes
	for _, a := range arrays {
		total += 8 + padded(a.len())
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	head := make([]byte, snapshotHeadBytes)
	copy(head, snapshotMagic)
	binary.NativeEndian.PutUint32(head[len(snapshotMagic):], snapshotByteOrder)
	binary.NativeEndian.PutUint64(head[16:], uint64(total))
	bw.Write(head)
	var n [8]byte
	for _, a := range arrays {
		binary.NativeEndian.PutUint64(n[:], uint64(a.elems))
		bw.Write(n[:])
		bw.Write(a.bytes)
		if _, err := bw.Write(make([]byte, padded(a.len())-a.len())); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// snapshotArray is one array of a snapshot: its element count and its bytes.
type snapshotArray struct {
	elems int
	bytes []byte
}

func (a snapshotArray) len() int { return len(a.bytes) }

// padded returns n rounded up to a multiple of 8.
func padded(n int) int { return (n + 7) &^ 7 }

// snapshotArrays returns the arrays WriteSnapshot writes, in their order: the header
// numbers, the graph's arrays, then the segment index (its grid's parameters — empty
// when g has no index —, offsets and items).
func (g *Graph) snapshotArrays() []snapshotArray {
	head := []float64{g.model.SpeedKmh, g.model.StepsFactor, g.model.MaxSnapM, g.secPerM, g.hCoef,
		g.bounds.Min[0], g.bounds.Min[1], g.bounds.Max[0], g.bounds.Max[1]}
	var ixHead []float64
	var start, items []int32
	if ix := g.index; ix != nil {
		b := ix.grid.bound
		ixHead = []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1], ix.grid.cellM, float64(ix.grid.maxCells)}
		start, items = ix.start, ix.items
	}
	nodePt := g.nodePt
	if risingBy(g.geomOff, 2) && slices.EqualFunc(nodePt, nodePoints(g.edges, g.geomOff, g.pts, len(nodePt)), samePoint) {
		nodePt = nil // Snapshot.Graph makes them again from the geometry
	}
	return []snapshotArray{
		bytesOf(head), bytesOf(g.nodeID), bytesOf(nodePt),
		bytesOf(g.edgeID), bytesOf(g.edges), bytesOf(g.geomOff), bytesOf(g.pts), bytesOf(g.comp),
		bytesOf(ixHead), bytesOf(start), bytesOf(items),
	}
}

// nodePoints returns the points of n nodes as the end points of their edges' geometry
// (edge e runs from pts[geomOff[e]] at node src to pts[geomOff[e+1]-1] at node dst); a
// node no edge ends at gets the zero point. Every edge must have two points or more.
func nodePoints(edges []edgeRec, geomOff []int32, pts []orb.Point, n int) []orb.Point {
	ps := make([]orb.Point, n)
	for e, r := range edges {
		ps[r.src], ps[r.dst] = pts[geomOff[e]], pts[geomOff[e+1]-1]
	}
	return ps
}

// samePoint reports whether a and b are the same bits.
func samePoint(a, b orb.Point) bool {
	return math.Float64bits(a[0]) == math.Float64bits(b[0]) && math.Float64bits(a[1]) == math.Float64bits(b[1])
}

// bytesOf returns s's elements as their bytes in memory.
func bytesOf[T snapshotElem](s []T) snapshotArray {
	if len(s) == 0 {
		return snapshotArray{}
	}
	var zero T
	return snapshotArray{elems: len(s), bytes: unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*int(unsafe.Sizeof(zero)))}
}

// ReadSnapshot reads a graph written by WriteSnapshot and checks it was built with the
// walking model m; ErrSnapshotMismatch when it was not (or by another format version),
// an EINVALID error when the snapshot is cut short or inconsistent. It is DecodeSnapshot
// then Snapshot.Graph.
func ReadSnapshot(r io.Reader, m geo.WalkModel) (*Graph, error) {
	s, err := DecodeSnapshot(r, m)
	if err != nil {
		return nil, err
	}
	return s.Graph()
}

// Snapshot is a decoded, checked graph snapshot: the graph but the parts the snapshot
// does not hold.
type Snapshot struct {
	g    *Graph
	once sync.Once
}

// Graph makes the parts of the graph a snapshot does not hold (they take less time to
// make than to read: the adjacency, the segment → edge table, maybe the node points) and
// returns the graph.
func (s *Snapshot) Graph() (*Graph, error) {
	s.once.Do(func() {
		g := s.g
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			g.buildCSR()
		}()
		if g.nodePt == nil {
			g.nodePt = nodePoints(g.edges, g.geomOff, g.pts, len(g.nodeID))
		}
		if ix := g.index; ix != nil {
			ix.segEdge = segmentEdges(g.geomOff, len(g.pts))
		}
		wg.Wait()
	})
	return s.g, nil
}

// DecodeSnapshot reads a snapshot written by WriteSnapshot, checking it as ReadSnapshot
// says; Snapshot.Graph finishes the graph. It reads exactly the snapshot's bytes from r,
// into one buffer that the graph's arrays then share (no copy, no per-array allocation).
func DecodeSnapshot(r io.Reader, m geo.WalkModel) (*Snapshot, error) {
	head := make([]byte, snapshotHeadBytes)
	if _, err := io.ReadFull(r, head); err != nil {
		return nil, snapshotError(err)
	}
	if string(head[:len(snapshotMagic)]) != snapshotMagic || binary.NativeEndian.Uint32(head[len(snapshotMagic):]) != snapshotByteOrder {
		return nil, ErrSnapshotMismatch
	}
	total := binary.NativeEndian.Uint64(head[16:])
	if total < snapshotHeadBytes || total > maxSnapshotBytes || total%8 != 0 {
		return nil, snapshotError(fmt.Errorf("snapshot of %d bytes", total))
	}
	buf, err := readAligned(r, head, total)
	if err != nil {
		return nil, snapshotError(err)
	}
	return decodeSnapshot(&decoder{buf: buf, off: snapshotHeadBytes}, m)
}

// snapshotFirstRead bounds the buffer allocated before a snapshot's bytes arrive: a
// damaged header's size then costs at most this much before the read fails (a snapshot
// of the 1M-node metro is about 111 MB, read in one go).
const snapshotFirstRead = 128 << 20

// readAligned returns the total bytes of a snapshot, head first and the rest from r, in
// one 8-byte aligned buffer (as every array in it) grown as the bytes come.
func readAligned(r io.Reader, head []byte, total uint64) ([]byte, error) {
	words := make([]uint64, min(total, snapshotFirstRead)/8)
	buf := unsafe.Slice((*byte)(unsafe.Pointer(&words[0])), len(words)*8)
	copy(buf, head)
	done := uint64(len(head))
	for {
		n, err := io.ReadFull(r, buf[done:])
		done += uint64(n)
		if err != nil {
			return nil, err
		}
		if done == total {
			return buf, nil
		}
		more := make([]uint64, min(total, 2*done)/8)
		copy(more, words)
		words = more
		buf = unsafe.Slice((*byte)(unsafe.Pointer(&words[0])), len(words)*8)
	}
}

// decodeSnapshot takes the arrays of a snapshot from d and checks them.
func decodeSnapshot(d *decoder, m geo.WalkModel) (*Snapshot, error) {
	head := takeArray[float64](d)
	if d.err != nil || len(head) != 9 {
		return nil, snapshotError(d.err)
	}
	if (geo.WalkModel{SpeedKmh: head[0], StepsFactor: head[1], MaxSnapM: head[2]}) != m {
		return nil, ErrSnapshotMismatch
	}
	g := &Graph{model: m, secPerM: head[3], hCoef: head[4],
		bounds: orb.Bound{Min: orb.Point{head[5], head[6]}, Max: orb.Point{head[7], head[8]}}}
	g.nodeID, g.nodePt = takeArray[int64](d), takeArray[orb.Point](d)
	g.edgeID, g.edges, g.geomOff = takeArray[int64](d), takeArray[edgeRec](d), takeArray[int32](d)
	g.pts, g.comp = takeArray[orb.Point](d), takeArray[int32](d)
	ixHead, start, items := takeArray[float64](d), takeArray[int32](d), takeArray[int32](d)
	if d.err == nil && d.off != len(d.buf) {
		d.err = fmt.Errorf("%d bytes after the last array", len(d.buf)-d.off)
	}
	if d.err != nil {
		return nil, snapshotError(d.err)
	}
	if err := g.checkSnapshot(); err != nil {
		return nil, err
	}
	var err error
	if g.index, err = decodeSegIndex(g, ixHead, start, items); err != nil {
		return nil, err
	}
	return &Snapshot{g: g}, nil
}

// decoder hands out the arrays of a snapshot held in buf, from off on; err is the first
// error met (later takes return nil).
type decoder struct {
	buf []byte
	off int
	err error
}

// takeArray returns the next array of d as a slice of buf (nil when empty).
func takeArray[T snapshotElem](d *decoder) []T {
	if d.err != nil {
		return nil
	}
	if len(d.buf)-d.off < 8 {
		d.err = io.ErrUnexpectedEOF
		return nil
	}
	n := binary.NativeEndian.Uint64(d.buf[d.off:])
	d.off += 8
	var zero T
	size := uint64(unsafe.Sizeof(zero))
	if n > uint64(len(d.buf)-d.off)/size {
		d.err = fmt.Errorf("array of %d elements in %d bytes", n, len(d.buf)-d.off)
		return nil
	}
	if n == 0 {
		return nil
	}
	s := unsafe.Slice((*T)(unsafe.Pointer(&d.buf[d.off])), n)
	d.off += padded(int(n * size))
	return s
}

// decodeSegIndex returns the segment index stored as ixHead (its grid's parameters),
// start and items, checked against g; nil when ixHead is empty (g has no segment).
func decodeSegIndex(g *Graph, ixHead []float64, start, items []int32) (*segIndex, error) {
	if len(ixHead) == 0 {
		if len(start) != 0 || len(items) != 0 {
			return nil, snapshotError(fmt.Errorf("segment index missing"))
		}
		return nil, nil
	}
	if len(ixHead) != 6 || ixHead[5] != math.Trunc(ixHead[5]) || !(ixHead[5] >= 1 && ixHead[5] <= math.MaxInt32) {
		return nil, snapshotError(fmt.Errorf("segment index grid of %d numbers", len(ixHead)))
	}
	b := orb.Bound{Min: orb.Point{ixHead[0], ixHead[1]}, Max: orb.Point{ixHead[2], ixHead[3]}}
	grid, err := newSegGrid(b, ixHead[4], int(ixHead[5]))
	if err != nil {
		return nil, snapshotError(err)
	}
	if len(start) != grid.cells()+1 || start[0] != 0 || int(start[len(start)-1]) != len(items) {
		return nil, snapshotError(fmt.Errorf("segment index of %d offsets for %d cells", len(start), grid.cells()))
	}
	if (len(g.pts) < 2 && len(items) > 0) || !rising(start) || !allBelow(items, int32(len(g.pts)-1)) {
		return nil, snapshotError(fmt.Errorf("segment index out of order or range"))
	}
	return &segIndex{grid: grid, start: start, items: items}, nil
}

// checkSnapshot checks the arrays' lengths agree and every index is in range, so a
// damaged snapshot is refused rather than read out of bounds by a search or by
// Snapshot.Graph. nodePt may be missing when every edge has two points or more.
func (g *Graph) checkSnapshot() error {
	n, m := len(g.nodeID), len(g.edgeID)
	if (g.nodePt != nil && len(g.nodePt) != n) || len(g.comp) != n || len(g.edges) != m || len(g.geomOff) != m+1 ||
		g.geomOff[0] != 0 || int(g.geomOff[m]) != len(g.pts) {
		return snapshotError(fmt.Errorf("array lengths disagree"))
	}
	minPts := int32(0)
	if g.nodePt == nil {
		minPts = 2
	}
	ok := make([]bool, 2)
	inParallel(2, 1, func(lo, hi int) {
		for k := lo; k < hi; k++ {
			if k == 0 {
				ok[k] = edgesIn(g.edges, int32(n))
			} else {
				ok[k] = risingBy(g.geomOff, minPts)
			}
		}
	})
	if !ok[0] || !ok[1] {
		return snapshotError(fmt.Errorf("an edge's node out of range or its geometry out of order"))
	}
	if !allBelow(g.comp, int32(n)) {
		return snapshotError(fmt.Errorf("a node's component out of range"))
	}
	return nil
}

// allBelow reports whether every value of s is in [0, n).
func allBelow(s []int32, n int32) bool {
	bad := false
	for _, v := range s {
		bad = bad || uint32(v) >= uint32(n)
	}
	return !bad
}

// edgesIn reports whether every edge's ends are nodes in [0, n).
func edgesIn(edges []edgeRec, n int32) bool {
	bad := false
	for _, e := range edges {
		bad = bad || uint32(e.src) >= uint32(n) || uint32(e.dst) >= uint32(n)
	}
	return !bad
}

// rising reports whether s never falls.
func rising(s []int32) bool { return risingBy(s, 0) }

// risingBy reports whether every value of s is at least step above the one before.
func risingBy(s []int32, step int32) bool {
	bad := false
	for i := 1; i < len(s); i++ {
		bad = bad || int64(s[i])-int64(s[i-1]) < int64(step)
	}
	return !bad
}

func snapshotError(err error) error {
	if err == nil {
		err = io.ErrUnexpectedEOF
	}
	return geo.WrapError(geo.EINVALID, err, "walk graph snapshot")
}

// snapshotElem are the fixed-size element types of Graph's arrays (no pointers, no
// padding, alignment at most 8), written as their bytes in memory.
type snapshotElem interface {
	int32 | int64 | float64 | orb.Point | arc | edgeRec
}

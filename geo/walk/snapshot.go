package walk

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"unsafe"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
)

// snapshotMagic opens every graph snapshot; the trailing digit is the format version,
// bumped whenever Graph's arrays change.
const snapshotMagic = "LCWALKG2"

// snapshotByteOrder is written after the magic: the arrays are stored in the writing
// machine's byte order and read back only on a machine of the same order.
const snapshotByteOrder uint32 = 0x01020304

// ErrSnapshotMismatch says a snapshot was written by another format version, byte order
// or walking model: it is not an error of the data, the caller builds the graph again.
var ErrSnapshotMismatch = errors.New("walk graph snapshot: other format, byte order or walking model")

// WriteSnapshot writes g's arrays (everything Build computed but the segment index,
// which ReadSnapshot rebuilds) to w in a binary format that ReadSnapshot reads back into a
// graph equal to g: same internal order, costs and geometry, so every search and snap
// gives the same answer as on g.
func (g *Graph) WriteSnapshot(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString(snapshotMagic)
	head := []float64{g.model.SpeedKmh, g.model.StepsFactor, g.model.MaxSnapM, g.secPerM, g.hCoef,
		g.bounds.Min[0], g.bounds.Min[1], g.bounds.Max[0], g.bounds.Max[1]}
	var n [4]byte
	binary.NativeEndian.PutUint32(n[:], snapshotByteOrder)
	bw.Write(n[:])
	writeArray(bw, head)
	for _, a := range []func(io.Writer) error{
		arrayWriter(g.nodeID), arrayWriter(g.nodePt), arrayWriter(g.off), arrayWriter(g.arcs), arrayWriter(g.adjEdge),
		arrayWriter(g.edgeID), arrayWriter(g.edges), arrayWriter(g.geomOff), arrayWriter(g.pts), arrayWriter(g.comp),
	} {
		if err := a(bw); err != nil {
			return err
		}
	}
	return bw.Flush()
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

// Snapshot is a decoded graph snapshot whose segment index is not built yet.
type Snapshot struct{ g *Graph }

// Graph builds the segment index (the one part of the graph a snapshot does not hold)
// and returns the graph.
func (s *Snapshot) Graph() (*Graph, error) {
	var err error
	if s.g.index, err = newSegIndex(s.g); err != nil {
		return nil, err
	}
	return s.g, nil
}

// DecodeSnapshot reads the arrays of a snapshot written by WriteSnapshot, checking them as
// ReadSnapshot says; Snapshot.Graph finishes the graph.
func DecodeSnapshot(r io.Reader, m geo.WalkModel) (*Snapshot, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	magic := make([]byte, len(snapshotMagic)+4)
	if _, err := io.ReadFull(br, magic); err != nil {
		return nil, snapshotError(err)
	}
	if string(magic[:len(snapshotMagic)]) != snapshotMagic || binary.NativeEndian.Uint32(magic[len(snapshotMagic):]) != snapshotByteOrder {
		return nil, ErrSnapshotMismatch
	}
	head, err := readArray[float64](br)
	if err != nil || len(head) != 9 {
		return nil, snapshotError(err)
	}
	if (geo.WalkModel{SpeedKmh: head[0], StepsFactor: head[1], MaxSnapM: head[2]}) != m {
		return nil, ErrSnapshotMismatch
	}
	g := &Graph{model: m, secPerM: head[3], hCoef: head[4],
		bounds: orb.Bound{Min: orb.Point{head[5], head[6]}, Max: orb.Point{head[7], head[8]}}}
	if err := g.readArrays(br); err != nil {
		return nil, err
	}
	if err := g.checkSnapshot(); err != nil {
		return nil, err
	}
	return &Snapshot{g: g}, nil
}

func (g *Graph) readArrays(r io.Reader) error {
	var err error
	read := func(f func() error) {
		if err == nil {
			err = f()
		}
	}
	read(func() (e error) { g.nodeID, e = readArray[int64](r); return })
	read(func() (e error) { g.nodePt, e = readArray[orb.Point](r); return })
	read(func() (e error) { g.off, e = readArray[int32](r); return })
	read(func() (e error) { g.arcs, e = readArray[arc](r); return })
	read(func() (e error) { g.adjEdge, e = readArray[int32](r); return })
	read(func() (e error) { g.edgeID, e = readArray[int64](r); return })
	read(func() (e error) { g.edges, e = readArray[edgeRec](r); return })
	read(func() (e error) { g.geomOff, e = readArray[int32](r); return })
	read(func() (e error) { g.pts, e = readArray[orb.Point](r); return })
	read(func() (e error) { g.comp, e = readArray[int32](r); return })
	if err != nil {
		return snapshotError(err)
	}
	return nil
}

// checkSnapshot checks the arrays' lengths agree and every index is in range, so a
// damaged snapshot is refused rather than read out of bounds by a search.
func (g *Graph) checkSnapshot() error {
	n, m := len(g.nodeID), len(g.edgeID)
	if len(g.nodePt) != n || len(g.off) != n+1 || len(g.comp) != n || len(g.edges) != m || len(g.geomOff) != m+1 ||
		len(g.arcs) != len(g.adjEdge) || int(g.off[n]) != len(g.arcs) || int(g.geomOff[m]) != len(g.pts) {
		return snapshotError(fmt.Errorf("array lengths disagree"))
	}
	for _, a := range g.arcs {
		if a.to < 0 || int(a.to) >= n {
			return snapshotError(fmt.Errorf("arc to node %d of %d", a.to, n))
		}
	}
	for _, e := range g.adjEdge {
		if e < 0 || int(e) >= m {
			return snapshotError(fmt.Errorf("arc of edge %d of %d", e, m))
		}
	}
	for i, e := range g.edges {
		if e.src < 0 || int(e.src) >= n || e.dst < 0 || int(e.dst) >= n || g.geomOff[i] > g.geomOff[i+1] {
			return snapshotError(fmt.Errorf("edge %d out of range", i))
		}
	}
	for u := range n {
		if g.off[u] > g.off[u+1] {
			return snapshotError(fmt.Errorf("adjacency of node %d out of order", u))
		}
	}
	return nil
}

func snapshotError(err error) error {
	if err == nil {
		err = io.ErrUnexpectedEOF
	}
	return geo.WrapError(geo.EINVALID, err, "walk graph snapshot")
}

// snapshotElem are the fixed-size element types of Graph's arrays (no pointers, no
// padding), written as their bytes in memory.
type snapshotElem interface {
	int32 | int64 | float64 | orb.Point | arc | edgeRec
}

func arrayWriter[T snapshotElem](s []T) func(io.Writer) error {
	return func(w io.Writer) error { return writeArray(w, s) }
}

// writeArray writes the length of s (uint64) and its elements' bytes.
func writeArray[T snapshotElem](w io.Writer, s []T) error {
	var n [8]byte
	binary.NativeEndian.PutUint64(n[:], uint64(len(s)))
	if _, err := w.Write(n[:]); err != nil {
		return err
	}
	if len(s) == 0 {
		return nil
	}
	_, err := w.Write(unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*int(unsafe.Sizeof(s[0]))))
	return err
}

// readArray reads an array written by writeArray.
func readArray[T snapshotElem](r io.Reader) ([]T, error) {
	var n [8]byte
	if _, err := io.ReadFull(r, n[:]); err != nil {
		return nil, err
	}
	l := binary.NativeEndian.Uint64(n[:])
	var zero T
	if l > math.MaxInt32*2 || l*uint64(unsafe.Sizeof(zero)) > 1<<36 {
		return nil, fmt.Errorf("array of %d elements", l)
	}
	s := make([]T, l)
	if l == 0 {
		return s, nil
	}
	_, err := io.ReadFull(r, unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*int(unsafe.Sizeof(zero))))
	return s, err
}

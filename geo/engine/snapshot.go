package engine

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io"
	"math"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
)

// GraphStore is a Source that keeps snapshots of built walk graphs with the network, so
// a compute reads the built graph instead of the network rows and building it again: one
// build per network version. postgis.DB is one.
type GraphStore interface {
	// NetworkVersion returns a number that changes whenever the walk network changes.
	NetworkVersion(ctx context.Context) (int64, error)
	// ReadGraph calls read with the snapshot stored under key for the network version,
	// and says whether there was one.
	ReadGraph(ctx context.Context, key string, version int64, read func(io.Reader) error) (bool, error)
	// SaveGraph stores what write writes under key for the network version, replacing
	// any snapshot of key; it stores nothing when the network is no longer at version.
	SaveGraph(ctx context.Context, key string, version int64, write func(io.Writer) error) error
}

// snapshotFormat names the engine's part of a snapshot (the clip record before the
// graph); bumped when it or what the key covers changes.
const snapshotFormat = "engine-snapshot-1"

// graphKey names the graph built from a network with opts: the walking model, the halo
// and the districts' boundaries the network is clipped to decide it.
func graphKey(ds []geo.District, opts Options) string {
	h := sha256.New()
	h.Write([]byte(snapshotFormat))
	f := func(v float64) { h.Write(binary.LittleEndian.AppendUint64(nil, math.Float64bits(v))) }
	f(opts.Walk.SpeedKmh)
	f(opts.Walk.StepsFactor)
	f(opts.Walk.MaxSnapM)
	f(opts.Halo())
	for _, d := range ds {
		f(float64(len(d.Boundary)))
		for _, poly := range d.Boundary {
			f(float64(len(poly)))
			for _, ring := range poly {
				f(float64(len(ring)))
				for _, p := range ring {
					f(p[0])
					f(p[1])
				}
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// loadGraph returns the walk graph of src for d and opts: read from its snapshot when gs
// holds one for the current network (phase "load network", then "build graph" for the
// adjacency and tables a snapshot leaves out), else loaded and built (phases "load network" and "build graph") and
// saved as the snapshot (phase "save graph snapshot"; a damaged snapshot is built again
// and replaced, and a save that fails is named in its phase, not an error of the load).
func loadGraph(ctx context.Context, src Source, gs GraphStore, d Data, opts Options, t *timer) (*walk.Graph, *Clip, error) {
	version, err := gs.NetworkVersion(ctx)
	if err != nil {
		return nil, nil, err
	}
	key := graphKey(d.Districts, opts)
	var snap *walk.Snapshot
	var clip *Clip
	found, err := gs.ReadGraph(ctx, key, version, func(r io.Reader) error {
		var err error
		if clip, err = readClip(r); err == nil {
			snap, err = walk.DecodeSnapshot(r, opts.Walk)
		}
		return err
	})
	switch {
	case errors.Is(err, walk.ErrSnapshotMismatch), geo.ErrorCodeOf(err) == geo.EINVALID:
		found = false // another format, or damaged: build again, and the save below replaces it
	case err != nil:
		return nil, nil, err
	}
	if found {
		t.done("load network")
		g, err := snap.Graph() // the adjacency and tables left out of the snapshot, timed as the build
		t.done("build graph")
		return g, clip, err
	}
	nodes, edges, err := src.LoadNetwork(ctx)
	if err != nil {
		return nil, nil, err
	}
	t.done("load network")
	g, clip, err := buildGraph(d, nodes, edges, opts)
	if err != nil {
		return nil, nil, err
	}
	t.done("build graph")
	err = gs.SaveGraph(ctx, key, version, func(w io.Writer) error {
		if err := writeClip(w, clip); err != nil {
			return err
		}
		return g.WriteSnapshot(w)
	})
	if err != nil { // the snapshot only saves the next load's build: the graph is good
		t.done("save graph snapshot failed, the next compute builds again: " + err.Error())
		return g, clip, nil
	}
	t.done("save graph snapshot")
	return g, clip, nil
}

// writeClip writes clip (nil: the whole network) as a presence flag and its numbers.
func writeClip(w io.Writer, c *Clip) error {
	v := make([]float64, 7)
	if c != nil {
		v = []float64{1, c.HaloM, float64(c.Nodes), float64(c.Edges), float64(c.DroppedNodes), float64(c.DroppedEdges), float64(c.DistrictCount)}
	}
	var b []byte
	for _, x := range v {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	_, err := w.Write(b)
	return err
}

func readClip(r io.Reader) (*Clip, error) {
	b := make([]byte, 7*8)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, geo.WrapError(geo.EINVALID, err, "walk graph snapshot: clip record")
	}
	v := make([]float64, 7)
	for i := range v {
		v[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	if v[0] == 0 {
		return nil, nil
	}
	return &Clip{HaloM: v[1], Nodes: int(v[2]), Edges: int(v[3]), DroppedNodes: int(v[4]), DroppedEdges: int(v[5]), DistrictCount: int(v[6])}, nil
}

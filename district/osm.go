package district

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/osmimport"
)

// OSMStore stores an OpenStreetMap import: in one transaction it takes the lock of OSM
// imports, hands check what earlier OSM imports stored (an error from check rolls back and
// is returned), then replaces the walk network and the rows with source 'osm' — all of
// them the store's region's: other regions keep theirs. *postgis.DB is one.
type OSMStore interface {
	ReplaceOSM(ctx context.Context, b geo.Batch, d geo.OSMData, m geo.WalkModel, check func(geo.OSMStored) error) (geo.OSMSummary, error)
}

// OSMRequest is one OpenStreetMap extract to import.
type OSMRequest struct {
	Path string
	Read osmimport.Options // categories and progress
	Walk geo.WalkModel
	// SkipInvalid leaves out nodes with bad coordinates (out of range, NaN, (0, 0)) and
	// imports the rest; without it one such node refuses the file.
	SkipInvalid bool
	// AllowShrink accepts an import that leaves the network empty or keeps at most
	// ShrinkLimit of the stored edges; without it such an import is refused.
	AllowShrink bool
}

// ShrinkLimit is the share of the stored walk edges a re-import must keep (more than it)
// unless OSMRequest.AllowShrink.
const ShrinkLimit = 0.5

// OSMImport is a finished OpenStreetMap import.
type OSMImport struct {
	File    string
	Stats   osmimport.Stats // what the read found, kept and skipped
	Summary geo.OSMSummary  // what was stored
	Stored  geo.OSMStored   // what the import replaced
	Outside OSMOutside      // what lay outside the region's districts and was left to its neighbours
}

// ImportOSM reads the extract at req.Path (hashed for the batch record), refuses bad nodes
// unless req.SkipInvalid, and stores it through st, refusing inside the store's
// transaction an import that would empty the network or lose most of it (ShrinkLimit)
// unless req.AllowShrink. Refusals are EINVALID errors that name the file, the bad nodes,
// the ways with missing nodes and the edges kept against the edges stored; nothing changes.
// When st holds the region's districts (DistrictLister), the outlets, station candidates
// and communities outside them are left out (OSMImport.Outside counts them); the walk
// network is stored whole.
func ImportOSM(ctx context.Context, st OSMStore, req OSMRequest) (*OSMImport, error) {
	name := filepath.Base(req.Path)
	sum, err := HashFile(req.Path)
	if err != nil {
		return nil, err
	}
	res, err := osmimport.ReadFile(ctx, req.Path, req.Read)
	if err != nil {
		return nil, err
	}
	if bad := res.Stats.Skipped[osmimport.SkipBadCoordinates]; bad > 0 && !req.SkipInvalid {
		return nil, geo.Errorf(geo.EINVALID, "%s: %s; fix the file or pass --skip-invalid to leave them out; nothing was imported",
			name, badNodes(res.Stats))
	}
	out := &OSMImport{File: name, Stats: res.Stats}
	d := geo.OSMData{Nodes: res.Nodes, Edges: res.Edges, Outlets: res.Outlets, Stations: res.Stations,
		Residential: res.Residential, Communities: res.Communities, Buildings: res.Buildings}
	if dl, ok := st.(DistrictLister); ok {
		ds, err := dl.Districts(ctx)
		if err != nil {
			return nil, err
		}
		out.Outside = clipToDistricts(&d, ds)
	}
	b := geo.Batch{Kind: "osm", FileName: name, SHA256: sum, CRS: "wgs84", Read: len(res.Edges)}
	check := func(stored geo.OSMStored) error {
		out.Stored = stored
		if req.AllowShrink {
			return nil
		}
		return shrinkCheck(name, res.Stats, stored)
	}
	if out.Summary, err = st.ReplaceOSM(ctx, b, d, req.Walk, check); err != nil {
		return nil, err
	}
	return out, nil
}

// shrinkCheck refuses an import that keeps no edge, or at most ShrinkLimit of the stored
// ones.
func shrinkCheck(file string, s osmimport.Stats, stored geo.OSMStored) error {
	kept := s.Edges
	if kept > 0 && (stored.Edges == 0 || float64(kept) > ShrinkLimit*float64(stored.Edges)) {
		return nil
	}
	what := "leave the walk network empty"
	if kept > 0 {
		what = fmt.Sprintf("lose more than %.0f %% of the walk network", 100*(1-ShrinkLimit))
	}
	return geo.Errorf(geo.EINVALID, "%s: the import would %s: it keeps %d walk edges of the %d stored (%d nodes of %d) and would replace %d outlets, %d stations, %d residential areas and %d communities from OSM (it has %d, %d, %d, %d)%s; pass --allow-shrink to replace them anyway; nothing was imported",
		file, what, kept, stored.Edges, s.Nodes, stored.Nodes, stored.Outlets, stored.Stations, stored.Residential, stored.Communities,
		s.Outlets, s.Stations, s.Residential, s.Communities, readProblems(s))
}

// readProblems says what the read left out, for a shrink refusal.
func readProblems(s osmimport.Stats) string {
	var parts []string
	parts = append(parts, fmt.Sprintf("%d ways read, %d walkable", s.WaysRead, s.WalkableWays))
	if n := s.Skipped[osmimport.SkipWayMissingNodes]; n > 0 {
		parts = append(parts, fmt.Sprintf("%d walkable ways with %d node references missing from the file",
			n, s.Skipped[osmimport.SkipMissingNodeRefs]))
	}
	if s.Skipped[osmimport.SkipBadCoordinates] > 0 {
		parts = append(parts, badNodes(s))
	}
	return "; " + strings.Join(parts, "; ")
}

// badNodes names the nodes with bad coordinates (the first osmimport.MaxBadNodes).
func badNodes(s osmimport.Stats) string {
	n := s.Skipped[osmimport.SkipBadCoordinates]
	ids := make([]string, len(s.BadNodes))
	for i, id := range s.BadNodes {
		ids[i] = fmt.Sprintf("%d", id)
	}
	more := ""
	if int64(len(ids)) < n {
		more = fmt.Sprintf(" (first %d)", len(ids))
	}
	return fmt.Sprintf("%d node(s) with coordinates out of range, NaN or at (0, 0): node %s%s", n, strings.Join(ids, ", "), more)
}

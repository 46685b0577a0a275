package district

import (
	"context"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/derive"
)

// The demo's derivation parameters.
const (
	demoMinBlockM2     = 20_000 // smallest block that becomes a neighbourhood unit
	demoSettledBufferM = 150    // residential land grown by this much is the settled area
	demoMinPopulation  = 200    // every derived unit gets at least this many residents
)

// Derived says what DeriveDemoLayers did, for the caller to report.
type Derived struct {
	// OSMAreasRemoved is how many OSM administrative areas (which carry no population)
	// gave way to derived neighbourhood units.
	OSMAreasRemoved int
	// DerivedUnits is set when neighbourhood units were derived (no community with a
	// boundary came from a file); Units and Streets count them.
	DerivedUnits   bool
	Units, Streets int
	// BlocksOutside counts the blocks of land left out because they lie in no imported
	// district (only when districts are imported).
	BlocksOutside int
	// StationsKept counts the stored stations, kept as they are because some came from a
	// file; 0 when the illustrative layer was added instead.
	StationsKept int
	// Illustrative counts the illustrative stations added (source=illustrative).
	Illustrative int
}

// DeriveDemoLayers fills in what a bare OpenStreetMap extract lacks for the demo: when no
// community with a boundary came from a file, the OSM administrative areas give way to
// neighbourhood units derived from the major roads (geo/derive.Neighbourhoods, stored as
// source "derived"), district by district when districts are imported (named after the
// district, e.g. 锦江区示例社区03, as many streets as a file gave the district, else one
// per eight units); when no station came from a file, the illustrative station layer is
// added (geo/derive.IllustrativeStations, source "illustrative", status confirmed so that
// the demo shows coverage; every listing and the compute summary say they are
// illustrative). Station candidates found in OpenStreetMap are never promoted: they stay
// candidates and count nowhere. Each store runs in
// replace mode, so a second demo in the store's region replaces what the first derived
// there, rows imported from files stay, and other regions are not touched. On an error it returns what was done until then.
func DeriveDemoLayers(ctx context.Context, st DemoStore) (Derived, error) {
	var d Derived
	comms, err := st.Communities(ctx)
	if err != nil {
		return d, err
	}
	if !anyFileBoundary(comms) {
		if comms, err = deriveUnits(ctx, st, &d); err != nil {
			return d, err
		}
	}
	return d, addIllustrativeStations(ctx, st, comms, &d)
}

// deriveUnits replaces the OSM administrative areas by derived neighbourhood units and
// their streets, and returns the units.
func deriveUnits(ctx context.Context, st DemoStore, d *Derived) ([]geo.Community, error) {
	var err error
	if d.OSMAreasRemoved, err = st.DeleteCommunities(ctx, "osm"); err != nil {
		return nil, err
	}
	blocks, err := st.DeriveBlocks(ctx, demoMinBlockM2, demoSettledBufferM)
	if err != nil {
		return nil, err
	}
	areas, err := demoAreas(ctx, st)
	if err != nil {
		return nil, err
	}
	dv := derive.Neighbourhoods(blocks, derive.NeighbourhoodOptions{Areas: areas, MinPopulation: demoMinPopulation})
	units, streets := dv.Communities, dv.Streets
	d.BlocksOutside = dv.Outside
	b := geo.Batch{Kind: "streets", FileName: "derived", Mode: geo.ModeReplace, Source: "derived", Read: len(streets)}
	if _, err := st.ImportStreets(ctx, b, streets); err != nil {
		return nil, err
	}
	b = geo.Batch{Kind: "communities", FileName: "derived", Mode: geo.ModeReplace, Source: "derived", Read: len(units)}
	if _, err := st.ImportCommunities(ctx, b, units, geo.ImportOptions{Repair: true}); err != nil {
		return nil, err
	}
	d.DerivedUnits, d.Units, d.Streets = true, len(units), len(streets)
	return units, nil
}

// addIllustrativeStations adds the illustrative station layer over comms unless a stored
// station came from a file.
func addIllustrativeStations(ctx context.Context, st DemoStore, comms []geo.Community, d *Derived) error {
	stations, err := st.Stations(ctx)
	if err != nil {
		return err
	}
	for _, s := range stations {
		if s.Source == geo.SourceFile {
			d.StationsKept = len(stations)
			return nil
		}
	}
	res, err := st.ResidentialAreas(ctx)
	if err != nil {
		return err
	}
	outlets, err := st.Outlets(ctx)
	if err != nil {
		return err
	}
	names, err := districtNames(ctx, st)
	if err != nil {
		return err
	}
	layer := derive.IllustrativeStations(comms, names, res, outlets)
	for i := range layer {
		// illustrative stations count, so that the demo shows coverage; their source says
		// on every answer that they are made up. OSM candidates stay candidates.
		layer[i].Source, layer[i].Status = geo.SourceIllustrative, geo.StatusConfirmed
	}
	b := geo.Batch{Kind: "stations", FileName: "illustrative", Mode: geo.ModeReplace, Source: "illustrative", Read: len(layer)}
	if _, err := st.ImportStations(ctx, b, layer, geo.ImportOptions{}); err != nil {
		return err
	}
	d.Illustrative = len(layer)
	return nil
}

func anyFileBoundary(cs []geo.Community) bool {
	for _, c := range cs {
		if len(c.Boundary) > 0 && c.Source == "file" {
			return true
		}
	}
	return false
}

// demoAreas are the imported districts the units are derived in, each with the number of
// streets a file gave it (0: derived from the unit count).
func demoAreas(ctx context.Context, st DemoStore) ([]derive.Area, error) {
	ds, err := st.Districts(ctx)
	if err != nil {
		return nil, err
	}
	streets, err := st.Streets(ctx)
	if err != nil {
		return nil, err
	}
	perDistrict := map[string]int{}
	for _, s := range streets {
		perDistrict[s.DistrictCode]++
	}
	areas := make([]derive.Area, 0, len(ds))
	for _, d := range ds {
		if len(d.Boundary) > 0 {
			areas = append(areas, derive.Area{Code: d.Code, Name: d.Name, Boundary: d.Boundary, Streets: perDistrict[d.Code]})
		}
	}
	return areas, nil
}

// districtNames names the imported districts by their code and by the made-up code of the
// units derived in them.
func districtNames(ctx context.Context, st DemoStore) (map[string]string, error) {
	ds, err := st.Districts(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, 2*len(ds))
	for _, d := range ds {
		names[d.Code], names[derive.DerivedCode(d.Code)] = d.Name, d.Name
	}
	return names, nil
}

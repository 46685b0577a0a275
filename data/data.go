package data

import "embed"

//go:embed categories.json
var categoriesJSON string

//go:embed standards/*.json
var standardsFS embed.FS

// gb50180Path is the bundled GB 50180-2018 rules file inside standardsFS.
const gb50180Path = "standards/gb50180-2018.json"

// Categories returns the bundled category file (categories.json: a JSON array of
// geo.Category), as a fresh copy the caller may modify.
func Categories() []byte { return []byte(categoriesJSON) }

// Standards returns the bundled GB 50180-2018 rules file (standards/gb50180-2018.json),
// as a fresh copy the caller may modify. The package tests ensure it is present.
func Standards() []byte {
	b, err := standardsFS.ReadFile(gb50180Path)
	if err != nil {
		return nil
	}
	return b
}

//go:embed osm/chengdu-central.osm.pbf
var sampleOSM []byte

// SampleOSMName is the file name of the bundled OpenStreetMap extract.
const SampleOSMName = "chengdu-central.osm.pbf"

// SampleOSM returns the bundled real OpenStreetMap extract (central Chengdu, 2018, PBF;
// © OpenStreetMap contributors, ODbL 1.0 — see osm/README.md), used by `lifecircle demo`.
func SampleOSM() []byte { return sampleOSM }

//go:embed admin/chengdu-central-districts-gcj02.json
var sampleDistricts []byte

// SampleDistrictsName is the file name of the bundled district boundaries.
const SampleDistrictsName = "chengdu-central-districts-gcj02.json"

// SampleDistricts returns the bundled DataV boundaries of the five central districts of
// Chengdu the extract lies across (锦江区 510104, 青羊区 510105, 金牛区 510106, 武侯区
// 510107, 成华区 510108), GCJ-02 as DataV publishes them — see admin/README.md. The demo
// imports them with `import district --crs gcj02`.
func SampleDistricts() []byte { return sampleDistricts }

//go:embed stations.json
var stationsJSON string

// Stations returns the bundled station rules (stations.json: the name patterns that make an
// OpenStreetMap feature a station candidate, the exclusions, the level hints and unit
// words; see importers/osmimport.ParseStationRules), as a fresh copy the caller may modify.
func Stations() []byte { return []byte(stationsJSON) }

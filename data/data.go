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

//go:embed osm/andorra-latest.osm.bz2
var sampleOSM []byte

// SampleOSMName is the file name of the bundled OpenStreetMap extract.
const SampleOSMName = "andorra-latest.osm.bz2"

// SampleOSM returns the bundled real OpenStreetMap extract (Andorra, March 2018, bzip2
// compressed OSM XML; © OpenStreetMap contributors, ODbL 1.0 — see osm/README.md), used
// by `lifecircle demo`.
func SampleOSM() []byte { return sampleOSM }

//go:embed stations.json
var stationsJSON string

// Stations returns the bundled station rules (stations.json: the name patterns that make an
// OpenStreetMap feature a station candidate, the exclusions, the level hints and unit
// words; see importers/osmimport.ParseStationRules), as a fresh copy the caller may modify.
func Stations() []byte { return []byte(stationsJSON) }

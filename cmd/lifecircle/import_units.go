package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers"
	"github.com/spf13/cobra"
)

// maxListed bounds the unmatched rows and units the summary lists.
const maxListed = 20

// addUnitFlags adds what the administrative units' imports take: the study area's alias
// and, for communities, --strict.
func addUnitFlags(c *cobra.Command, kind importers.Kind, fl *importFlags) {
	switch kind {
	case importers.KindDistricts:
		c.Aliases = []string{"districts"}
		c.Short = "Import the study area's district (county) boundaries (6-digit codes; DataV GeoJSON) from GeoJSON, CSV or XLSX"
	case importers.KindStreets:
		c.Short = "Import streets and townships (9-digit codes), with or without boundaries, from CSV, XLSX or GeoJSON"
	case importers.KindGrids:
		c.Short = "Import grids (网格) below the communities — code, name, community code, households, population, grid workers (网格员), polygon — from CSV, XLSX, GeoJSON or GIS files"
	case importers.KindCommunities:
		c.Flags().BoolVar(&fl.strict, "strict", false, "an attribute table (no boundaries) fails when a row matches no community boundary")
	}
}

// gridExample shows a grids import.
const gridExample = `  lifecircle import grids 网格.geojson                     # 网格编码, 网格名称, 社区编码, 户数, 人口, 网格员
  lifecircle import grids 网格.shp --crs EPSG:4544`

func unitExample(kind importers.Kind) string {
	if kind == importers.KindDistricts {
		return `  lifecircle import district 510100_full.json --crs gcj02   # DataV (adcode, name, parent)`
	}
	return `  lifecircle import streets streets.csv                     # code, name, areaCode (NBS)
  lifecircle import streets 街道边界.geojson --crs gcj02`
}

// printUnitSummary prints the notes of an import and, for attribute tables and the
// boundaries they join to, what matched.
func printUnitSummary(out io.Writer, p *district.Prepared, s geo.ImportSummary) {
	for _, n := range s.Notes {
		fmt.Fprintf(out, "note: %s\n", n)
	}
	if p.AttributeTable() {
		fmt.Fprintf(out, "%s is an attribute table (no boundaries): its rows are joined to the community boundaries by code, else by name within the street\n", p.Batch.FileName)
	}
	j := s.Join
	if j == nil {
		return
	}
	if j.Pending {
		fmt.Fprintf(out, "attributes: %d row(s) kept; no community boundaries are loaded yet: they are joined when boundaries are imported\n", j.Rows)
		return
	}
	fmt.Fprintf(out, "attributes: %d of %d row(s) matched a community boundary; %d row(s) matched none; %d of %d communities got no row\n",
		j.Matched, j.Rows, len(j.Unmatched), len(j.UnitsWithout), j.Units)
	for i, r := range j.Unmatched {
		if i == maxListed {
			fmt.Fprintf(out, "  … and %d more unmatched row(s)\n", len(j.Unmatched)-maxListed)
			break
		}
		fmt.Fprintf(out, "  unmatched: %s record %d: %s %s (street %s)\n", r.File, r.Record, r.Code, r.Name, r.ParentCode)
	}
	if n := len(j.UnitsWithout); n > 0 {
		list := j.UnitsWithout[:min(n, maxListed)]
		more := ""
		if n > maxListed {
			more = fmt.Sprintf(" … and %d more", n-maxListed)
		}
		fmt.Fprintf(out, "  communities without a row: %s%s\n", strings.Join(list, ", "), more)
	}
}

package api

import (
	"strconv"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
)

// networkCSV is the per-street table of the network report: one row per street.
func networkCSV(rep assess.NetworkReport) [][]string {
	head := []string{"street_code", "street_name", "has_centre", "centres"}
	for _, l := range geo.Levels() {
		head = append(head, "stations_"+string(l))
	}
	head = append(head, "communities", "communities_with_station", "population", "population_within_15")
	rows := [][]string{head}
	for _, st := range rep.Streets {
		row := []string{st.Code, st.Name, strconv.FormatBool(st.HasCentre), strings.Join(st.Centres, " ")}
		for _, l := range geo.Levels() {
			row = append(row, strconv.Itoa(st.Stations[l]))
		}
		row = append(row, strconv.Itoa(st.Communities), strconv.Itoa(st.CommunitiesWithStation),
			csvNum(st.Population), csvNum(st.PopulationWithin15))
		rows = append(rows, row)
	}
	return rows
}

// standardsCSV is the compliance report as one row per community and rule.
func standardsCSV(rep assess.ComplianceReport) [][]string {
	rows := [][]string{{"community_code", "community_name", "circle", "rule", "name_zh", "name_en", "value",
		"threshold", "unit", "verdict", "note"}}
	for _, c := range rep.Communities {
		for _, r := range c.Results {
			rows = append(rows, []string{c.Code, c.Name, r.Circle, r.Rule, r.NameZH, r.NameEN, csvNum(r.Value),
				csvNum(r.Threshold), r.Unit, r.Verdict, r.Note})
		}
	}
	return rows
}

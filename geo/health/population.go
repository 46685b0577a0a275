package health

import (
	"fmt"

	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
)

// populationMissing flags the communities and compounds with neither a population nor a
// household count. A community counts its compounds' residents too
// (engine.CommunityPopulation). When every community (every compound) lacks them, one
// finding about the district says so instead of one per unit. Communities are warnings —
// their cells count no resident, so coverage of residents leaves them out — compounds
// infos (their community's count still spreads over their cells; only the compound gaps
// miss them). Figure: the unit's area in km² (0 without a boundary), or the number of
// units for the district.
// Skipped when a population grid is imported: the grid then gives every cell's residents.
func populationMissing(e *engine.Engine) []Finding {
	if len(e.Grid) > 0 {
		return nil
	}
	var comm, comp []Finding
	for i, c := range e.Communities {
		if e.CommunityPopulation(i) > 0 {
			continue
		}
		comm = append(comm, unitMissing(SeverityWarning, Subject{Kind: SubjectCommunity, ID: c.Code, Name: c.Name}, c.Boundary,
			"社区%s（%s）既无人口也无户数：它的 H3 单元按 0 人计，居民覆盖率不含它。修复：导入带人口或户数列的社区文件，或导入人口网格。",
			"Community %s (%s) has neither a population nor a household count: its cells count no resident and the coverage of residents leaves it out. Fix: import the communities from a file with a population or households column, or import a population grid."))
	}
	for _, c := range e.Compounds {
		if c.Population > 0 || c.Households > 0 {
			continue
		}
		comp = append(comp, unitMissing(SeverityInfo, Subject{Kind: SubjectCompound, ID: c.ID, Name: c.Name}, c.Polygon,
			"小区%s（%s）既无人口也无户数：小区服务盲区不会列出它。修复：导入带人口或户数列的小区文件。",
			"Compound %s (%s) has neither a population nor a household count: the compound gaps never list it. Fix: import the compounds from a file with a population or households column."))
	}
	if len(comm) > 0 && len(comm) == len(e.Communities) {
		comm = []Finding{allMissing(len(comm), SeverityWarning, UnitCommunities,
			"%d 个社区都没有人口或户数：居民覆盖率无从计算，时间按面积加权。修复：导入带人口或户数列的社区文件，或导入人口网格。",
			"None of the %d communities has a population or household count: coverage of residents cannot be measured and times are weighed by area. Fix: import the communities from a file with a population or households column, or import a population grid.")}
	}
	if len(comp) > 0 && len(comp) == len(e.Compounds) {
		comp = []Finding{allMissing(len(comp), SeverityInfo, UnitCompounds,
			"%d 个小区都没有人口或户数：小区服务盲区无从列出。修复：导入带人口或户数列的小区文件。",
			"None of the %d compounds has a population or household count: the compound gaps cannot be listed. Fix: import the compounds from a file with a population or households column.")}
	}
	return append(comm, comp...)
}

// unitMissing is the population_missing finding of one unit with its boundary: figure
// its area in km²; zh and en take the unit's name and its area (or that it has no
// boundary), in that order.
func unitMissing(sev Severity, s Subject, boundary orb.MultiPolygon, zh, en string) Finding {
	km2 := areaKm2(boundary)
	return Finding{Code: CodePopulationMissing, Severity: sev, Subject: s, Figure: km2, Unit: UnitKm2,
		MessageZH: fmt.Sprintf(zh, zhName(s.Name, s.ID), areaZH(len(boundary) > 0, km2)),
		MessageEN: fmt.Sprintf(en, enName(s.Name, s.ID), areaEN(len(boundary) > 0, km2))}
}

// areaZH and areaEN give a unit's area for a message, or say it has no boundary.
func areaZH(bounded bool, km2 float64) string {
	if !bounded {
		return "无边界"
	}
	return fmt.Sprintf("%.2f 平方公里", km2)
}

func areaEN(bounded bool, km2 float64) string {
	if !bounded {
		return "no boundary"
	}
	return fmt.Sprintf("%.2f km²", km2)
}

// allMissing is the one finding for a district none of whose n units (unit: communities
// or compounds) has a count; zh and en format n.
func allMissing(n int, sev Severity, unit, zh, en string) Finding {
	return Finding{
		Code: CodePopulationMissing, Severity: sev, Subject: Subject{Kind: SubjectDistrict, ID: unit},
		Figure: float64(n), Unit: unit, Count: n,
		MessageZH: fmt.Sprintf(zh, n),
		MessageEN: fmt.Sprintf(en, n),
	}
}

// densityOutliers flags, per community (and once for the cells outside every community),
// the cells holding more than Options.MaxDensity residents per km²: one finding naming the
// densest cell, figure its density, Count how many of the community's cells exceed the
// bound. Warning: the community's residents are crowded into too little land (a boundary
// or residential land far too small, or a wrong count).
func densityOutliers(e *engine.Engine, o Options) []Finding {
	type worst struct {
		cell    int
		density float64
		count   int
	}
	by := map[int]*worst{}
	var order []int
	for i, c := range e.Cells {
		if !(c.AreaM2 > 0) {
			continue
		}
		d := c.Population / (c.AreaM2 / 1e6)
		if !(d > o.MaxDensity) {
			continue
		}
		g := e.CellComm[i]
		w, ok := by[g]
		if !ok {
			w = &worst{cell: i}
			by[g] = w
			order = append(order, g)
		}
		w.count++
		if d > w.density {
			w.cell, w.density = i, d
		}
	}
	out := make([]Finding, 0, len(order))
	for _, g := range order {
		w := by[g]
		out = append(out, densityFinding(e, g, w.cell, w.density, w.count, o))
	}
	return out
}

func densityFinding(e *engine.Engine, comm, cell int, density float64, count int, o Options) Finding {
	id := e.Cells[cell].H3.String()
	name, code := "", ""
	inZH, inEN := "（不属于任何社区）", "(in no community)"
	groupZH, groupEN := "社区之外", "outside every community"
	if comm >= 0 {
		c := e.Communities[comm]
		name, code = c.Name, c.Code
		inZH, inEN = "（社区"+zhName(c.Name, c.Code)+"）", "(community "+enName(c.Name, c.Code)+")"
		groupZH, groupEN = "该社区", "in this community"
	}
	return Finding{
		Code: CodePopulationDensityOutlier, Severity: SeverityWarning,
		Subject: Subject{Kind: SubjectCell, ID: id, Name: label(name, code)},
		Figure:  density, Unit: UnitResidentsKm2, Count: count,
		MessageZH: fmt.Sprintf("H3 单元 %s%s每平方公里 %.0f 人，超过 %.0f；%s共有 %d 个 H3 单元超过此值。修复：核对该社区的人口或户数与边界（人口被摊到过小的边界或居住用地上），或人口网格的数值。",
			id, inZH, density, o.MaxDensity, groupZH, count),
		MessageEN: fmt.Sprintf("Cell %s %s holds %.0f residents per km², above %.0f; %d cells %s exceed it. Fix: check the community's population or households and its boundary (residents spread over too small a boundary or residential land), or the population grid's values.",
			id, inEN, density, o.MaxDensity, count, groupEN),
	}
}

// label is "code name", or whichever of them is known.
func label(name, code string) string {
	switch {
	case code == "":
		return name
	case name == "":
		return code
	}
	return code + " " + name
}

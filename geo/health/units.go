package health

import (
	"fmt"

	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
)

// communitiesWithoutBoundary flags every community without a boundary: Compute lays no
// cell for it, so its recorded residents are in no coverage figure. Figure: those
// residents (engine.CommunityPopulation). Warning.
func communitiesWithoutBoundary(e *engine.Engine) []Finding {
	var out []Finding
	for i, c := range e.Communities {
		if len(c.Boundary) > 0 {
			continue
		}
		pop := e.CommunityPopulation(i)
		out = append(out, Finding{
			Code: CodeCommunityWithoutBoundary, Severity: SeverityWarning,
			Subject: Subject{Kind: SubjectCommunity, ID: c.Code, Name: c.Name},
			Figure:  pop, Unit: UnitResidents,
			MessageZH: fmt.Sprintf("社区%s没有边界：研究区内没有它的 H3 单元，其 %.0f 名居民不计入任何覆盖率。修复：用带边界的文件（GeoJSON，或带 WKT 几何列的 CSV/XLSX）重新导入社区。",
				zhName(c.Name, c.Code), pop),
			MessageEN: fmt.Sprintf("Community %s has no boundary: no cell of the study area is its, and its %.0f residents count in no coverage figure. Fix: import the communities again from a file with boundaries (GeoJSON, or CSV/XLSX with a WKT geometry column).",
				enName(c.Name, c.Code), pop),
		})
	}
	return out
}

// unitsOutside flags every community and compound whose boundary lies mostly outside the
// walk network's extent — the bounding box of its ways widened by the walking model's snap
// distance, as far as a cell centre can be from a way and still be walked from — by more
// than Options.MaxUnitOutsideShare of its area: its cells there are off the network or
// unreachable, so its coverage reads too low whatever is built. From
// Options.UnitErrorOutsideShare on (wholly outside but for a sliver) it is an error with
// the figure in km from the unit's centroid to the nearest walkable way; below that a
// warning with the share of its area outside.
func unitsOutside(e *engine.Engine, o Options) []Finding {
	var out []Finding
	for _, c := range e.Communities {
		if len(c.Boundary) > 0 {
			out = appendOutside(out, e, o, Subject{Kind: SubjectCommunity, ID: c.Code, Name: c.Name}, c.Boundary)
		}
	}
	for _, c := range e.Compounds {
		if len(c.Polygon) > 0 {
			out = appendOutside(out, e, o, Subject{Kind: SubjectCompound, ID: c.ID, Name: c.Name}, c.Polygon)
		}
	}
	return out
}

func appendOutside(out []Finding, e *engine.Engine, o Options, s Subject, mp orb.MultiPolygon) []Finding {
	share := outsideShare(mp, padBound(e.Graph.Bounds(), e.Options.Walk.MaxSnapM))
	if share <= o.MaxUnitOutsideShare {
		return out
	}
	what := map[string][2]string{SubjectCommunity: {"社区", "Community"}, SubjectCompound: {"小区", "Compound"}}[s.Kind]
	fix := [2]string{"修复：导入覆盖该范围的 OpenStreetMap 路网，或检查边界坐标（经纬度是否颠倒、坐标系是否为 WGS84、是否属于本区）。",
		"Fix: import an OpenStreetMap extract that covers it, or check the boundary's coordinates (lon and lat swapped? WGS84? this district's?)."}
	if share < o.UnitErrorOutsideShare {
		return append(out, Finding{
			Code: CodeUnitOutsideStudyArea, Severity: SeverityWarning, Subject: s, Figure: share, Unit: UnitShare,
			MessageZH: fmt.Sprintf("%s%s的面积有 %.1f%% 在步行路网范围之外，那部分的 H3 单元不在路网上或到达不了，覆盖率偏低。%s", what[0], zhName(s.Name, s.ID), 100*share, fix[0]),
			MessageEN: fmt.Sprintf("%s %s lies %.1f %% outside the walk network's extent: the cells there are off the network or unreachable, so its coverage reads too low. %s", what[1], enName(s.Name, s.ID), 100*share, fix[1]),
		})
	}
	km := e.Graph.Snap(centroid(mp)).AccessM / 1000
	return append(out, Finding{
		Code: CodeUnitOutsideStudyArea, Severity: SeverityError, Subject: s, Figure: finite(km), Unit: UnitKm,
		MessageZH: fmt.Sprintf("%s%s有 %.1f%% 在步行路网范围之外，其中心距最近的步行道路 %.1f 公里：它的覆盖率（0%% 或接近 0）没有意义，计算它也白费时间。%s", what[0], zhName(s.Name, s.ID), 100*share, km, fix[0]),
		MessageEN: fmt.Sprintf("%s %s lies %.1f %% outside the walk network's extent, its centre %.1f km from the nearest walkable way: its coverage (0 %% or nearly) means nothing and computing it wastes time. %s", what[1], enName(s.Name, s.ID), 100*share, km, fix[1]),
	})
}

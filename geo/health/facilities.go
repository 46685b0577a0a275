package health

import (
	"fmt"

	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/walk"
	"github.com/paulmach/orb"
)

// facility is a station or an outlet with where it joins the network.
type facility struct {
	subject Subject
	point   orb.Point // WGS84 (lon, lat)
	snap    walk.Snap
}

// network is what the facility checks need of the walk network's components.
type network struct {
	g       *walk.Graph
	sizes   []int // nodes per component
	largest int   // nodes of the largest component
}

func newNetwork(g *walk.Graph) network {
	n := network{g: g, sizes: g.ComponentSizes()}
	for _, s := range n.sizes {
		n.largest = max(n.largest, s)
	}
	return n
}

// facilities lists the stations, then the outlets, with their snaps.
func facilities(e *engine.Engine) []facility {
	out := make([]facility, 0, len(e.Stations)+len(e.Outlets))
	for i, s := range e.Stations {
		out = append(out, facility{Subject{Kind: SubjectStation, ID: s.ID, Name: s.Name}, s.Point, e.StationSnaps[i]})
	}
	for i, o := range e.Outlets {
		out = append(out, facility{Subject{Kind: SubjectOutlet, ID: o.ID, Name: o.Name}, o.Point, e.OutletSnaps[i]})
	}
	return out
}

// facilityFindings checks every station and outlet, and gives each at most one finding,
// the first that applies:
//
//   - facility_outside_study_area, error: coordinates that are no (lon, lat) pair
//     (figure 0), or farther than Options.FacilityFarKm from the study area (figure km);
//   - facility_outside_study_area, warning: farther than Options.FacilityOutsideM from it
//     (figure km);
//   - facility_off_network, warning: farther than the walking model's snap distance from
//     every walkable way, so it reaches no cell (figure: the distance, m);
//   - facility_on_small_component, warning: snapped onto a connected component with fewer
//     nodes than Options.SmallComponentShare of the largest one's, so it reaches only the
//     cells of that fragment (figure: the component's nodes).
//
// The study area is the union of the community boundaries, else the network's extent.
func facilityFindings(e *engine.Engine, n network, o Options) []Finding {
	area := newStudyArea(e.Communities, e.Graph.Bounds())
	var out []Finding
	for _, f := range facilities(e) {
		if fd, ok := checkFacility(e, f, area, n, o); ok {
			out = append(out, fd)
		}
	}
	return out
}

func checkFacility(e *engine.Engine, f facility, area studyArea, n network, o Options) (Finding, bool) {
	if !validPoint(f.point) {
		return invalidPoint(f), true
	}
	if d := area.distanceM(f.point); d > o.FacilityOutsideM {
		return outsideFinding(f, d, area, o), true
	}
	if !f.snap.OnNetwork {
		return offNetwork(f, e.Options.Walk.MaxSnapM), true
	}
	if c := n.g.ComponentOf(f.snap); c >= 0 && float64(n.sizes[c]) < o.SmallComponentShare*float64(n.largest) {
		return smallComponent(f, n.sizes[c], n), true
	}
	return Finding{}, false
}

// kindWords names a facility's kind in Chinese and English.
func kindWords(s Subject) (zh, en string) {
	if s.Kind == SubjectStation {
		return "服务站", "Station"
	}
	return "服务网点", "Outlet"
}

func invalidPoint(f facility) Finding {
	zh, en := kindWords(f.subject)
	return Finding{
		Code: CodeFacilityOutsideStudyArea, Severity: SeverityError, Subject: f.subject, Unit: UnitKm,
		MessageZH: fmt.Sprintf("%s%s的坐标 (%g, %g) 不是经度、纬度。修复：在源文件中更正坐标后重新导入。", zh, zhName(f.subject.Name, f.subject.ID), f.point[0], f.point[1]),
		MessageEN: fmt.Sprintf("%s %s has coordinates (%g, %g) that are not a longitude, latitude pair. Fix: correct them in the source file and import it again.", en, enName(f.subject.Name, f.subject.ID), f.point[0], f.point[1]),
	}
}

func outsideFinding(f facility, d float64, area studyArea, o Options) Finding {
	zh, en := kindWords(f.subject)
	whereZH, whereEN := "社区边界的并集", "the union of the community boundaries"
	if !area.byBoundaries() {
		whereZH, whereEN = "步行路网的范围", "the walk network's extent"
	}
	km := d / 1000
	fd := Finding{Code: CodeFacilityOutsideStudyArea, Severity: SeverityWarning, Subject: f.subject, Figure: km, Unit: UnitKm}
	if km > o.FacilityFarKm {
		fd.Severity = SeverityError
		fd.MessageZH = fmt.Sprintf("%s%s位于 (%.4f, %.4f)，距研究区（%s）%.1f 公里，不可能属于本区：坐标有误。修复：检查坐标（经纬度是否颠倒、坐标系是否为 WGS84/GCJ-02/BD-09、文件是否属于本区）后重新导入。",
			zh, zhName(f.subject.Name, f.subject.ID), f.point[0], f.point[1], whereZH, km)
		fd.MessageEN = fmt.Sprintf("%s %s at (%.4f, %.4f) lies %.1f km from the study area (%s): it cannot belong to this district, its coordinates are wrong. Fix: check them (lon and lat swapped? WGS84, GCJ-02 or BD-09? a file of another city?) and import it again.",
			en, enName(f.subject.Name, f.subject.ID), f.point[0], f.point[1], km, whereEN)
		return fd
	}
	fd.MessageZH = fmt.Sprintf("%s%s距研究区（%s）%.1f 公里，超过 %.0f 米：步行 15 分钟到不了区内任何居民。修复：确认它属于本区并检查坐标，或补充它所服务社区的边界。",
		zh, zhName(f.subject.Name, f.subject.ID), whereZH, km, o.FacilityOutsideM)
	fd.MessageEN = fmt.Sprintf("%s %s lies %.1f km from the study area (%s), beyond %.0f m: no resident of it is within a 15-minute walk. Fix: make sure it belongs to this district and check its coordinates, or import the boundary of the community it serves.",
		en, enName(f.subject.Name, f.subject.ID), km, whereEN, o.FacilityOutsideM)
	return fd
}

func offNetwork(f facility, maxSnapM float64) Finding {
	zh, en := kindWords(f.subject)
	m := f.snap.AccessM
	return Finding{
		Code: CodeFacilityOffNetwork, Severity: SeverityWarning, Subject: f.subject, Figure: finite(m), Unit: UnitM,
		MessageZH: fmt.Sprintf("%s%s距最近的步行道路 %.0f 米，超过接入距离 %.0f 米：它不计入任何步行时间。修复：检查坐标，或导入包含其周边道路的 OpenStreetMap 路网。",
			zh, zhName(f.subject.Name, f.subject.ID), m, maxSnapM),
		MessageEN: fmt.Sprintf("%s %s is %.0f m from the nearest walkable way, beyond the %.0f m snap distance: it counts in no walk time. Fix: check its coordinates, or import an OpenStreetMap extract with the ways around it.",
			en, enName(f.subject.Name, f.subject.ID), m, maxSnapM),
	}
}

func smallComponent(f facility, size int, n network) Finding {
	zh, en := kindWords(f.subject)
	return Finding{
		Code: CodeFacilityOnSmallComponent, Severity: SeverityWarning, Subject: f.subject, Figure: float64(size), Unit: UnitNodes,
		MessageZH: fmt.Sprintf("%s%s接入的路网碎片只有 %d 个节点（最大连通部分有 %d 个）：它只能到达这片碎片上的 H3 单元，覆盖率偏低。修复：检查坐标，或在 OpenStreetMap 中补上把这片道路接到路网的连接（桥、通道、小路）后重新导入。",
			zh, zhName(f.subject.Name, f.subject.ID), size, n.largest),
		MessageEN: fmt.Sprintf("%s %s joins a fragment of the walk network of %d nodes (the largest connected part has %d): it reaches only that fragment's cells, so its coverage reads too low. Fix: check its coordinates, or add the missing links (bridges, passages, paths) to OpenStreetMap and import the extract again.",
			en, enName(f.subject.Name, f.subject.ID), size, n.largest),
	}
}

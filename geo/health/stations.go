package health

import (
	"fmt"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
)

// maxListed is how many station IDs a finding that gathers many stations names.
const maxListed = 5

// candidates reports the stations that are candidates no planner has confirmed (by
// Facts.Candidate; nil: those detected from OpenStreetMap): no answer counts them unless
// the engine includes candidates, and the message says which. One warning for the district, figure and Count their number, the first
// maxListed IDs named.
func candidates(stations []geo.Station, f Facts, counted bool) []Finding {
	is, byZH, byEN := f.Candidate, "", ""
	if is == nil {
		is = func(s geo.Station) bool { return s.Source == "osm" }
		byZH, byEN = "（未给出状态，按来源判断：从 OpenStreetMap 识别的站点均为候选）", " (no statuses given: every station detected from OpenStreetMap is taken as a candidate)"
	}
	var ids []string
	for _, s := range stations {
		if is(s) {
			ids = append(ids, s.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	listed := strings.Join(ids[:min(len(ids), maxListed)], ", ")
	if len(ids) > maxListed {
		listed += ", …"
	}
	effectZH, effectEN := "，在确认之前不计入任何结果（覆盖、缺口、网络、达标、最近服务点）", ", and no answer counts them until they are confirmed (coverage, gaps, network, standards, nearest)"
	if counted {
		effectZH, effectEN = "，本次按 --include-candidates 把它们当作真实站点计入", ", and this run counts them as real (--include-candidates)"
	}
	return []Finding{{
		Code: CodeCandidateStationUnconfirmed, Severity: SeverityWarning, Subject: Subject{Kind: SubjectStations},
		Figure: float64(len(ids)), Unit: UnitStations, Count: len(ids),
		MessageZH: fmt.Sprintf("%d / %d 个服务站是未经确认的候选站点%s（%s）%s。修复：逐一核实，用 lifecircle stations confirm 确认或删除后重新计算。", len(ids), len(stations), byZH, listed, effectZH),
		MessageEN: fmt.Sprintf("%d of %d stations are candidates no planner has confirmed%s (%s)%s. Fix: review each, confirm it (lifecircle stations confirm) or delete it, then compute again.", len(ids), len(stations), byEN, listed, effectEN),
	}}
}

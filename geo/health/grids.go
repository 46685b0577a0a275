package health

import (
	"fmt"

	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/standards"
)

// gridFindings flags grids (网格) whose community is not loaded (error: it lies in no
// community the results know), grids without a grid worker (warning), grids over the
// standards' households-per-grid-worker bound (warning; households from the file, else the
// grid's residents over the persons per household once computed), and, as infos, the
// grids whose file gave no worker count and, when the standards give no bound, that the
// load was not checked.
func gridFindings(e *engine.Engine, o Options) []Finding {
	var out []Finding
	unknown, loaded := 0, 0
	load, hasLoad := gridLoadRule(o.Standards)
	for _, k := range e.Units.GridsByCode() {
		g := e.Grids[k]
		s := Subject{Kind: SubjectGrid, ID: g.Code, Name: g.Name}
		if _, ok := e.Units.Community(g.CommunityCode); !ok {
			out = append(out, Finding{Code: CodeGridCommunityUnknown, Severity: SeverityError, Subject: s, Unit: UnitGrids, Figure: 1,
				MessageZH: fmt.Sprintf("网格%s所属社区 %s 未导入：它不在任何社区内，网格统计无从归属。修复：导入该社区，或改正网格的社区编码后重新导入网格。", zhName(g.Name, g.Code), g.CommunityCode),
				MessageEN: fmt.Sprintf("Grid %s names community %s, which is not loaded: it lies in no community the results know. Fix: import that community, or correct the grid's community code and import the grids again.", enName(g.Name, g.Code), g.CommunityCode)})
		}
		switch {
		case !g.WorkersGiven:
			unknown++
		case g.Workers == 0:
			out = append(out, Finding{Code: CodeGridWithoutWorker, Severity: SeverityWarning, Subject: s, Figure: float64(g.Households), Unit: UnitHouseholds,
				MessageZH: fmt.Sprintf("网格%s没有网格员（户数 %d）：每个网格至少应有 1 名网格员。修复：配备网格员，并在网格文件的“网格员”列填写人数后重新导入。", zhName(g.Name, g.Code), g.Households),
				MessageEN: fmt.Sprintf("Grid %s has no grid worker (%d households): every grid needs at least one. Fix: assign a grid worker and give the count in the grids file's 网格员 column, then import it again.", enName(g.Name, g.Code), g.Households)})
		case hasLoad:
			out = appendOverloaded(out, e, load, k, s)
		default:
			loaded++
		}
	}
	if unknown > 0 {
		out = append(out, Finding{Code: CodeGridWorkersUnknown, Severity: SeverityInfo, Subject: Subject{Kind: SubjectDistrict}, Figure: float64(unknown), Unit: UnitGrids, Count: unknown,
			MessageZH: fmt.Sprintf("%d 个网格的文件未给出网格员人数：这些网格的网格员配备未作评估。修复：在网格文件中填写“网格员”列（没有网格员填 0）。", unknown),
			MessageEN: fmt.Sprintf("%d grid(s) give no grid-worker count: their grid workers are not assessed. Fix: fill in the grids file's 网格员 column (0 for none).", unknown)})
	}
	if loaded > 0 {
		out = append(out, loadNotChecked(loaded))
	}
	return out
}

// gridLoad is the bound on households per grid worker and the rule it comes from.
type gridLoad struct {
	max  float64
	rule standards.Ratio
}

// gridLoadRule reads the bound from the standards' households_per_grid_worker ratio (for
// grids): its warn_above, else its max; false when there is none.
func gridLoadRule(r *standards.Rules) (gridLoad, bool) {
	if r == nil {
		return gridLoad{}, false
	}
	q, ok := r.Ratio(standards.RatioHouseholdsPerGridWorker)
	if !ok || q.AppliesTo != "grid" {
		return gridLoad{}, false
	}
	bound, ok := q.UpperBound()
	return gridLoad{max: bound, rule: q}, ok
}

// loadNotChecked is the info that n grids with workers were not checked for their load.
func loadNotChecked(n int) Finding {
	return Finding{Code: CodeGridWorkerLoadNotChecked, Severity: SeverityInfo, Subject: Subject{Kind: SubjectDistrict}, Figure: float64(n), Unit: UnitGrids, Count: n,
		MessageZH: fmt.Sprintf("规划标准中没有“每名网格员服务户数”（%s，适用于网格，给出 warn_above 或 max）指标：%d 个有网格员的网格未核查网格员负荷。修复：在标准文件（--standards）中加入该指标。", standards.RatioHouseholdsPerGridWorker, n),
		MessageEN: fmt.Sprintf("The planning standards give no households-per-grid-worker ratio (%s, applies_to grid, with warn_above or max): the load of %d grid(s) with workers is not checked. Fix: add the ratio to the standards file (--standards).", standards.RatioHouseholdsPerGridWorker, n)}
}

// appendOverloaded flags grid k when its households per grid worker exceed the bound,
// naming the rule's figure and source.
func appendOverloaded(out []Finding, e *engine.Engine, load gridLoad, k int, s Subject) []Finding {
	g := e.Grids[k]
	hh, est := float64(g.Households), ""
	if hh == 0 {
		var pop float64
		for _, i := range e.Units.GridCells(k) {
			pop += e.Cells[i].Population
		}
		hh, est = pop/e.Options.PersonsPerHousehold, fmt.Sprintf(" (estimated from %.0f residents at %.2f per household)", pop, e.Options.PersonsPerHousehold)
	}
	per := hh / float64(g.Workers)
	if per <= load.max {
		return out
	}
	q := load.rule
	return append(out, Finding{Code: CodeGridWorkerOverloaded, Severity: SeverityWarning, Subject: s, Figure: per, Unit: UnitHouseholdsPerWorker,
		MessageZH: fmt.Sprintf("网格%s每名网格员服务 %.0f 户（%.0f 户、%d 名网格员%s），超过规划标准“%s”的 %g 户（依据：%s）。修复：增配网格员或细分网格。", zhName(g.Name, g.Code), per, hh, g.Workers, zhEstimated(est), q.NameZH, load.max, q.Source),
		MessageEN: fmt.Sprintf("Grid %s has %.0f households per grid worker (%.0f households%s, %d worker(s)), more than the %g of the standards' %s (source: %s). Fix: add grid workers or split the grid.", enName(g.Name, g.Code), per, hh, est, g.Workers, load.max, ratioName(q), q.Source)})
}

// ratioName is a ratio's English name, else its key.
func ratioName(q standards.Ratio) string {
	if q.NameEN != "" {
		return q.NameEN
	}
	return q.Key
}

func zhEstimated(en string) string {
	if en == "" {
		return ""
	}
	return "，户数按居民人数估算"
}

// gridCoverageFindings flags, once grids are loaded and cells laid, every community with
// cells whose centres no grid holds: warning, figure the residents of those cells.
func gridCoverageFindings(e *engine.Engine) []Finding {
	if len(e.Grids) == 0 {
		return nil
	}
	var out []Finding
	for _, ci := range e.Units.CommunitiesByCode() {
		c := e.Communities[ci]
		var area, pop, total float64
		n := 0
		for _, i := range e.Units.CommunityCells(ci) {
			total += e.Cells[i].AreaM2
			if e.Units.CellGridCode(i) == "" {
				n++
				area += e.Cells[i].AreaM2
				pop += e.Cells[i].Population
			}
		}
		if n == 0 {
			continue
		}
		out = append(out, Finding{Code: CodeCommunityNotCoveredByGrids, Severity: SeverityWarning,
			Subject: Subject{Kind: SubjectCommunity, ID: c.Code, Name: c.Name}, Figure: pop, Unit: UnitResidents, Count: n,
			MessageZH: fmt.Sprintf("社区%s有 %.2f 平方公里（占 %.0f%%，%d 个单元）不在任何网格内，涉及约 %.0f 名居民。修复：补划网格，使网格覆盖整个社区，然后重新导入网格。", zhName(c.Name, c.Code), area/1e6, 100*area/total, n, pop),
			MessageEN: fmt.Sprintf("Community %s has %.2f km² (%.0f %%, %d cells) in no grid, with about %.0f residents. Fix: draw grids over the rest of the community and import the grids again.", enName(c.Name, c.Code), area/1e6, 100*area/total, n, pop)})
	}
	return out
}

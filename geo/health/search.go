package health

import (
	"fmt"
	"math"

	"github.com/lifecircle/lifecircle/geo/engine"
)

// searchBound reports, per facility set with at least one facility, the cells not reached
// within the engine's search bound (Options.MaxMinutes): the search stops there, so their
// times are unknown — beyond the bound, or no facility connected to them. Figure: their
// share of the on-network cells; Count: the cells. A warning above
// Options.MaxUnreachedShare, else an info. Sets without facilities (categories configured
// but not imported) are not reported: none of their cells can be reached, by definition.
func searchBound(e *engine.Engine, o Options) []Finding {
	var out []Finding
	for k, r := range e.Results {
		if k >= len(e.Sets) || len(e.Sets[k].Points) == 0 {
			continue
		}
		unreached, onNetwork := 0, 0
		for _, s := range r.Seconds {
			switch {
			case math.IsNaN(float64(s)):
			case math.IsInf(float64(s), 1):
				unreached++
				onNetwork++
			default:
				onNetwork++
			}
		}
		if unreached == 0 {
			continue
		}
		out = append(out, boundFinding(r.Kind, r.Key, unreached, onNetwork, e.Options.MaxMinutes, o))
	}
	return out
}

func boundFinding(kind, key string, unreached, onNetwork int, maxMin float64, o Options) Finding {
	share := float64(unreached) / float64(onNetwork)
	sev := SeverityInfo
	if share > o.MaxUnreachedShare {
		sev = SeverityWarning
	}
	what := kind + ":" + key
	return Finding{
		Code: CodeSearchBoundReached, Severity: sev, Subject: Subject{Kind: SubjectSet, ID: what, Name: key},
		Figure: share, Unit: UnitShare, Count: unreached,
		MessageZH: fmt.Sprintf("%d 个 H3 单元（在路网上的 H3 单元的 %.1f%%）在 %.0f 分钟内到不了任何「%s」：搜索到此为止，它们的步行时间未知，中位数和 90 分位数可能为无穷。修复：若属实，这是服务空白；否则检查这些设施是否在路网上、路网是否连通，或加大最长步行时间（--max-minutes）。",
			unreached, 100*share, maxMin, what),
		MessageEN: fmt.Sprintf("%d cells (%.1f %% of the cells on the network) reach no %q within %.0f minutes: the search stops there, their walk times are unknown and medians and 90th percentiles may be infinite. Fix: if true, it is a service gap; otherwise check that the facilities are on the network and the network is connected, or raise the search bound (--max-minutes).",
			unreached, 100*share, what, maxMin),
	}
}

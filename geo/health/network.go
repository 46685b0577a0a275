package health

import "fmt"

// fragmented reports a walk network of more than one connected component: figure the
// share of its nodes outside the largest one, Count the number of components. A warning
// above Options.MaxFragmentShare, else an info; nothing for a connected network.
func fragmented(n network, o Options) []Finding {
	if len(n.sizes) <= 1 {
		return nil
	}
	total := n.g.NumNodes()
	share := float64(total-n.largest) / float64(total)
	sev := SeverityInfo
	if share > o.MaxFragmentShare {
		sev = SeverityWarning
	}
	return []Finding{{
		Code: CodeNetworkFragmented, Severity: sev, Subject: Subject{Kind: SubjectNetwork, ID: "walk"},
		Figure: share, Unit: UnitShare, Count: len(n.sizes),
		MessageZH: fmt.Sprintf("步行路网分成 %d 个互不连通的部分：最大部分有 %d / %d 个节点，%.1f%% 的节点在它之外。碎片上的设施和 H3 单元只能互相到达。修复：导入范围更大或更完整的 OpenStreetMap 数据，或补上缺失的连接（桥、地下通道、小路）。",
			len(n.sizes), n.largest, total, 100*share),
		MessageEN: fmt.Sprintf("The walk network falls into %d unconnected parts: the largest holds %d of %d nodes, %.1f %% of the nodes lie outside it. Facilities and cells on a fragment reach only each other. Fix: import a larger or more complete OpenStreetMap extract, or add the missing links (bridges, underpasses, paths).",
			len(n.sizes), n.largest, total, 100*share),
	}}
}

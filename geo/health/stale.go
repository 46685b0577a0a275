package health

import "fmt"

// staleRows reports each kind of derived rows the caller counted as stale (left from
// inputs since replaced): a warning, figure and Count the rows. Kinds with no rows, or a
// negative count, give nothing.
func staleRows(f Facts) []Finding {
	var out []Finding
	for _, s := range f.Stale {
		if s.Count <= 0 {
			continue
		}
		out = append(out, Finding{
			Code: CodeStaleDerivedRows, Severity: SeverityWarning, Subject: Subject{Kind: SubjectDerived, ID: s.Kind},
			Figure: float64(s.Count), Unit: UnitRows, Count: s.Count,
			MessageZH: fmt.Sprintf("%d 条派生的「%s」记录来自已被替换的输入，其数字已过时。修复：重新派生（或删除）它们后重新计算。", s.Count, s.Kind),
			MessageEN: fmt.Sprintf("%d derived %q rows come from inputs since replaced: their figures are out of date. Fix: derive them again (or delete them), then compute again.", s.Count, s.Kind),
		})
	}
	return out
}

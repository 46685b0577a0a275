package standards

// Ratio is a numeric rule on a community or district value, such as service floor area
// per 100 households. A value outside [Min, Max] fails; one outside [WarnBelow,
// WarnAbove] is flagged. Absent bounds do not apply.
type Ratio struct {
	Key       string   `json:"key"`
	NameZH    string   `json:"name_zh"`
	NameEN    string   `json:"name_en,omitempty"`
	AppliesTo string   `json:"applies_to"` // "community", "district" or "grid"
	Min       *float64 `json:"min,omitempty"`
	Max       *float64 `json:"max,omitempty"`
	WarnBelow *float64 `json:"warn_below,omitempty"`
	WarnAbove *float64 `json:"warn_above,omitempty"`
	Unit      string   `json:"unit"`
	UnitZH    string   `json:"unit_zh,omitempty"` // the unit in Chinese, for Chinese reports
	Source    string   `json:"source"`
	Check     bool     `json:"check,omitempty"`
	Note      string   `json:"note,omitempty"`
}

// Verdict is the outcome of assessing a value against a Ratio.
type Verdict string

// The verdicts, from best to worst.
const (
	VerdictOK   Verdict = "ok"
	VerdictWarn Verdict = "warn"
	VerdictFail Verdict = "fail"
)

// RatioHouseholdsPerGridWorker is the key of the rule on households per grid worker
// (网格员), applying to grids.
const RatioHouseholdsPerGridWorker = "households_per_grid_worker"

// UpperBound is the bound a value is first flagged above: WarnAbove, else Max; false when
// the ratio has no positive one.
func (r Ratio) UpperBound() (float64, bool) {
	for _, b := range []*float64{r.WarnAbove, r.Max} {
		if b != nil && *b > 0 {
			return *b, true
		}
	}
	return 0, false
}

// Assess judges v, in the ratio's Unit: VerdictFail outside [Min, Max], else VerdictWarn
// outside [WarnBelow, WarnAbove], else VerdictOK.
func (r Ratio) Assess(v float64) Verdict {
	switch {
	case r.Min != nil && v < *r.Min, r.Max != nil && v > *r.Max:
		return VerdictFail
	case r.WarnBelow != nil && v < *r.WarnBelow, r.WarnAbove != nil && v > *r.WarnAbove:
		return VerdictWarn
	}
	return VerdictOK
}

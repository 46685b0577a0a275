package standards

// checkRatios verifies the ratios: keys unique, a known scope, a unit and source, at
// least one bound, and bounds in order.
func (r *Rules) checkRatios() error {
	_, err := checkKeyed(r.Ratios, "ratio", "duplicate ratio key", func(q *Ratio) string { return q.Key }, func(q *Ratio, where string) error { return q.check(where) })
	return err
}

// check verifies one ratio.
func (q Ratio) check(where string) error {
	if err := keyAndName(where, q.Key, q.NameZH); err != nil {
		return err
	}
	switch {
	case q.AppliesTo != "community" && q.AppliesTo != "district" && q.AppliesTo != "grid":
		return invalid(where, `"applies_to" is %q; use "community", "district" or "grid"`, q.AppliesTo)
	case q.Unit == "":
		return invalid(where, `"unit" is missing`)
	case q.Source == "":
		return invalid(where, `"source" is missing`)
	case q.Min == nil && q.Max == nil && q.WarnBelow == nil && q.WarnAbove == nil:
		return invalid(where, `give at least one of "min", "max", "warn_below", "warn_above"`)
	case q.Min != nil && q.Max != nil && *q.Min > *q.Max:
		return invalid(where, `"min" (%g) is more than "max" (%g)`, *q.Min, *q.Max)
	case q.WarnBelow != nil && q.WarnAbove != nil && *q.WarnBelow > *q.WarnAbove:
		return invalid(where, `"warn_below" (%g) is more than "warn_above" (%g)`, *q.WarnBelow, *q.WarnAbove)
	}
	return nil
}

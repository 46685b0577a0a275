package health

import "math"

// zhName names a subject in a Chinese message: 「name」(id), or (id) alone.
func zhName(name, id string) string {
	if name == "" {
		return "（" + id + "）"
	}
	return "「" + name + "」（" + id + "）"
}

// enName names a subject in an English message: "name" (id), or id alone.
func enName(name, id string) string {
	if name == "" {
		return id
	}
	return "\"" + name + "\" (" + id + ")"
}

// finite returns x, or 0 when x is NaN or infinite (JSON has no such numbers; the
// message then says what happened).
func finite(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}

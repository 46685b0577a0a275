package csvcheck

import "strconv"

// FormulaLike reports whether a spreadsheet would take cell for a formula: it starts
// with =, +, @, a tab, a carriage return, or a minus that does not begin a number.
func FormulaLike(cell string) bool {
	if cell == "" {
		return false
	}
	switch cell[0] {
	case '=', '+', '@', '\t', '\r':
		return true
	case '-':
		_, err := strconv.ParseFloat(cell, 64)
		return err != nil
	}
	return false
}

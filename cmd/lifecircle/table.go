package main

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/width"
)

// textTable is a table for the terminal: columns as wide as their widest cell in
// terminal columns (an East Asian wide or full-width character takes two), numbers
// right-aligned.
type textTable struct {
	header []string
	right  []bool // by column: right-aligned
	rows   [][]string
}

// add appends a row of cells (fmt's %v of each).
func (t *textTable) add(cells ...any) {
	row := make([]string, len(cells))
	for i, c := range cells {
		row[i] = fmt.Sprint(c)
	}
	t.rows = append(t.rows, row)
}

// write prints the header and the rows, columns two spaces apart.
func (t *textTable) write(w io.Writer) {
	widths := make([]int, len(t.header))
	for _, row := range append([][]string{t.header}, t.rows...) {
		for i, c := range row {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	for _, row := range append([][]string{t.header}, t.rows...) {
		var b strings.Builder
		for i, c := range row {
			gap := strings.Repeat(" ", widths[i]-displayWidth(c))
			if i > 0 {
				b.WriteString("  ")
			}
			if t.right[i] {
				b.WriteString(gap + c)
			} else if i < len(row)-1 {
				b.WriteString(c + gap)
			} else {
				b.WriteString(c)
			}
		}
		fmt.Fprintln(w, b.String())
	}
}

// displayWidth is the number of terminal columns s takes.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

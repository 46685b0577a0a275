package geo

// PopulationCell is the residents of one H3 cell: a row of a population grid.
type PopulationCell struct {
	H3         string // H3 index as hexadecimal text
	Population float64
}

package supply

// Status says whether a station's ratio R_j is defined, and why not.
type Status string

// The station statuses, in the order they are decided.
const (
	StatusOK            Status = "ok"
	StatusOffNetwork    Status = "off_network"    // its point is farther than the snap distance from the network: it reaches no cell
	StatusUnknownSupply Status = "unknown_supply" // its supply is not known (NaN): it adds nothing
	StatusNoResidents   Status = "no_residents"   // no residents (no weighted demand) within T: R_j is undefined and it adds nothing
)

// StationRatio is step 1's answer for one station.
type StationRatio struct {
	Status Status
	// Ratio is R_j = S_j / WeightedDemand, supply per resident (m² or staff per person);
	// 0 unless Status is StatusOK.
	Ratio float64
	// CatchmentPopulation is the residents of the cells within T (unweighted), and
	// CatchmentCells their number (cells without residents included).
	CatchmentPopulation float64
	CatchmentCells      int
	// WeightedDemand is Σ P_i·W(t_ij) over those cells (equal to CatchmentPopulation for
	// 2SFCA).
	WeightedDemand float64
}

// CellAccess is step 2's answer for one cell.
type CellAccess struct {
	Population float64 // the cell's residents, as given
	// Access is A_i, the supply per resident within reach (m² or staff per person); 0 for
	// cells that reach no station with a defined ratio, and for off-network cells.
	Access float64
	// Stations is the number of on-network stations within T (whatever their status);
	// UnknownSupply those of them whose supply is not known, so Access is a lower bound
	// when it is not 0.
	Stations      int
	UnknownSupply int
	OffNetwork    bool // the cell's centre is off the walk network: it reaches nothing
}

// Result is a computation's answer. Cells and Stations are parallel to the input.
type Result struct {
	Params  Params // as given
	Formula string // Params.Formula()

	Cells    []CellAccess
	Stations []StationRatio

	// Station indexes (into the input) whose ratio is undefined, by reason.
	OffNetwork    []int
	UnknownSupply []int
	NoResidents   []int // "no residents within T"

	// On-network cells that reach no station within T, and their residents.
	CellsWithoutStation      int
	PopulationWithoutStation float64
	// Cells whose centre is off the walk network, and their residents.
	OffNetworkCells      int
	OffNetworkPopulation float64

	Population float64 // residents of all cells
	// MeanAccess is the population-weighted mean of A_i over all cells (0 without
	// residents); off-network cells count with A_i = 0.
	MeanAccess float64
}

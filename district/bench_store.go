package district

import "context"

// BenchStore is what the compute benchmark asks of the store between its timed computes.
type BenchStore interface {
	// Autovacuum reports whether the server vacuums on its own and its settings.
	Autovacuum(ctx context.Context) (bool, string, error)
	// VacuumCoverage vacuums the tables a compute writes.
	VacuumCoverage(ctx context.Context) error
	// ForgetCells makes the next coverage write store the cells again.
	ForgetCells(ctx context.Context) error
}

// BenchAutovacuum reports whether st's server vacuums on its own (its settings as text).
func BenchAutovacuum(ctx context.Context, st BenchStore) (bool, string, error) {
	return st.Autovacuum(ctx)
}

// BenchBetweenRuns prepares st for the benchmark's next compute, untimed: vacuum the
// coverage tables (vacuum: the server does not), forget the cells so that the write
// stores them again (newCells).
func BenchBetweenRuns(ctx context.Context, st BenchStore, vacuum, newCells bool) error {
	if vacuum {
		if err := st.VacuumCoverage(ctx); err != nil {
			return err
		}
	}
	if newCells {
		return st.ForgetCells(ctx)
	}
	return nil
}

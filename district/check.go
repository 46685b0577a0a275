package district

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/health"
)

// FactStore tells the health check what the engine does not hold. *postgis.DB is one.
type FactStore interface {
	// StaleDerivedRows counts, by kind ("street", "community", "station"), the derived
	// rows left from inputs since replaced.
	StaleDerivedRows(ctx context.Context) (map[string]int, error)
}

// CheckStore is what a data health check reads: the district and the facts.
type CheckStore interface {
	engine.Source
	FactStore
}

// CheckOptions configure Check.
type CheckOptions struct {
	Engine engine.Options // the model the district is loaded (and computed) with
	Health health.Options // the checks' thresholds; zero fields take their defaults
	// Compute computes the coverage before checking, so that the checks of the cells and
	// walk times run too (slower: every walk search); without it they are listed as not run.
	Compute bool
}

// Checked is a data health check's answer.
type Checked struct {
	Engine   *engine.Engine // the district checked (computed when CheckOptions.Compute)
	Findings []health.Finding
	Summary  health.Summary
}

// Check loads the district from st (WGS84) — and computes it when opts.Compute — and runs
// the data health check (geo/health) on it with the facts st gives. Nothing is written.
func Check(ctx context.Context, st CheckStore, opts CheckOptions) (*Checked, error) {
	e, err := engine.Load(ctx, st, opts.Engine)
	if err != nil {
		return nil, err
	}
	if opts.Compute {
		if err := e.Compute(ctx); err != nil {
			return nil, err
		}
	}
	return CheckEngine(ctx, st, e, opts.Health)
}

// CheckEngine runs the data health check on e (loaded or computed) with the facts st
// gives. Nothing is written; e is not changed.
func CheckEngine(ctx context.Context, st FactStore, e *engine.Engine, o health.Options) (*Checked, error) {
	facts, err := Facts(ctx, st)
	if err != nil {
		return nil, err
	}
	fs, err := health.Check(e, facts, o)
	if err != nil {
		return nil, err
	}
	return &Checked{Engine: e, Findings: fs, Summary: health.Summarise(fs)}, nil
}

// Facts gathers from st what the health check needs beyond the engine: the stale derived
// rows by kind (in the kinds' order). Station statuses are not kept yet: Candidate stays
// nil, so the stations detected from OpenStreetMap count as candidates (and the finding
// says so).
func Facts(ctx context.Context, st FactStore) (health.Facts, error) {
	stale, err := st.StaleDerivedRows(ctx)
	if err != nil {
		return health.Facts{}, err
	}
	var f health.Facts
	for _, kind := range slices.Sorted(maps.Keys(stale)) {
		f.Stale = append(f.Stale, health.StaleRows{Kind: kind, Count: stale[kind]})
	}
	return f, nil
}

// maxRefusalListed is how many error findings a refused recompute names.
const maxRefusalListed = 10

// refusal is the EUNPROCESSABLE error of a recompute the check's errors stop: it lists
// the error findings (the first maxRefusalListed) and says how to go on anyway.
func refusal(fs []health.Finding) error {
	var errs []string
	for _, f := range fs {
		if f.Severity == health.SeverityError {
			errs = append(errs, fmt.Sprintf("%s %s: %s", f.Code, SubjectText(f.Subject), f.MessageEN))
		}
	}
	n := len(errs)
	if n > maxRefusalListed {
		errs = append(errs[:maxRefusalListed], fmt.Sprintf("… and %d more (lifecircle check lists them all)", n-maxRefusalListed))
	}
	return geo.Errorf(geo.EUNPROCESSABLE, "compute refused: the data health check found %d error(s), every figure built on them would be meaningless:\n  %s\nfix the data, or compute anyway with --force",
		n, strings.Join(errs, "\n  "))
}

// SubjectText names a finding's subject for people: kind, then ID and name when given.
func SubjectText(s health.Subject) string {
	out := s.Kind
	if s.ID != "" {
		out += " " + s.ID
	}
	if s.Name != "" {
		out += " (" + s.Name + ")"
	}
	return out
}

// storedFindings flattens fs as a run keeps them.
func storedFindings(fs []health.Finding) []coverage.Finding {
	out := make([]coverage.Finding, len(fs))
	for i, f := range fs {
		out[i] = coverage.Finding{Code: string(f.Code), Severity: string(f.Severity),
			SubjectKind: f.Subject.Kind, SubjectID: f.Subject.ID, SubjectName: f.Subject.Name,
			Figure: f.Figure, Unit: f.Unit, Count: f.Count, MessageZH: f.MessageZH, MessageEN: f.MessageEN}
	}
	return out
}

package main

import (
	"fmt"
	"io"
	"strconv"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/health"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/spf13/cobra"
)

// checkFlags control `lifecircle check`.
type checkFlags struct {
	strict  bool
	compute bool
	computeFlags
}

func newCheckCmd(cfg *Config) *cobra.Command {
	f := &checkFlags{}
	cmd := modelCmd(&cobra.Command{
		Use:   "check",
		Short: "Data health check (数据体检): list what makes the results look precise while being wrong",
		Long: `check loads the region's district (--region) and runs the data health check on it:
communities without boundaries, units and facilities outside the study area, facilities
off the walk network or on a fragment of it, a fragmented network, missing or implausible
population, unconfirmed candidate stations, stale derived rows. With --compute it computes
the coverage first, so the checks of the cells (density outliers, cells beyond the search
bound) run too. Each finding is printed once: severity, code, subject, the figure the
severity was decided on, the message in Chinese then in English (each says how to fix it).

Exit status: 0 no errors (and, with --strict, no warnings), 1 warnings with --strict,
2 errors. compute refuses to run on errors unless --force.`,
		Example: "  lifecircle check\n  lifecircle check --strict\n  lifecircle check --compute",
	}, &f.computeFlags, func(cmd *cobra.Command) error { return runCheck(cmd, cfg, f) })
	cmd.Flags().BoolVar(&f.strict, "strict", false, "exit with status 1 when there are warnings")
	cmd.Flags().BoolVar(&f.compute, "compute", false, "compute the coverage first, so the checks of the cells run too")
	return cmd
}

func runCheck(cmd *cobra.Command, cfg *Config, f *checkFlags) error {
	ctx := cmd.Context()
	rules, err := cfg.Standards() // the grid-worker bound of the health check
	if err != nil {
		return err
	}
	return cfg.withRegionModel(ctx, cmd.OutOrStdout(), &f.computeFlags, func(db *postgis.DB, opts engine.Options) error {
		c, err := district.Check(ctx, db, district.CheckOptions{Engine: opts, Compute: f.compute, Health: health.Options{Standards: rules}})
		if err != nil {
			return err
		}
		w := cmd.OutOrStdout()
		printFindings(w, c.Findings, health.SeverityInfo)
		fmt.Fprintln(w, summaryLine(c.Summary))
		if code := health.Exit(c.Summary, f.strict); code != 0 {
			return exitStatus(code)
		}
		return nil
	})
}

// exitStatus is an error that only sets the process's exit status: what went wrong has
// been printed already.
type exitStatus int

func (e exitStatus) Error() string   { return "exit status " + strconv.Itoa(int(e)) }
func (e exitStatus) ExitStatus() int { return int(e) }

// printFindings prints each finding of fs at least as severe as least (errors, warnings,
// infos): severity, code, subject and figure on one line, then the Chinese and the
// English message.
func printFindings(w io.Writer, fs []health.Finding, least health.Severity) {
	for _, f := range fs {
		if !atLeast(f.Severity, least) {
			continue
		}
		fmt.Fprintf(w, "%-7s %s  %s  %s\n", f.Severity, f.Code, district.SubjectText(f.Subject), figureText(f))
		fmt.Fprintf(w, "        %s\n        %s\n", f.MessageZH, f.MessageEN)
	}
}

// atLeast reports whether s is as severe as least or more.
func atLeast(s, least health.Severity) bool {
	rank := map[health.Severity]int{health.SeverityError: 0, health.SeverityWarning: 1, health.SeverityInfo: 2}
	r, ok := rank[s]
	return ok && r <= rank[least]
}

// figureText is a finding's figure with its unit.
func figureText(f health.Finding) string {
	return strconv.FormatFloat(f.Figure, 'g', 4, 64) + " " + f.Unit
}

// summaryLine counts the findings by severity.
func summaryLine(s health.Summary) string {
	return fmt.Sprintf("data health: %d error(s), %d warning(s), %d info(s)", s.Errors, s.Warnings, s.Infos)
}

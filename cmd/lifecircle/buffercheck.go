package main

import (
	"fmt"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/spf13/cobra"
)

// bufferFlags control `lifecircle buffer-check`.
type bufferFlags struct {
	category, level string
	radius, minutes float64
	computeFlags
}

func newBufferCheckCmd(cfg *Config) *cobra.Command {
	f := &bufferFlags{}
	cmd := modelCmd(&cobra.Command{
		Use:   "buffer-check",
		Short: "Show what a straight-line buffer (the common shortcut) gets wrong against walking times",
		Long: `buffer-check compares, over every H3 cell of the study area, "within --radius metres in a
straight line of a facility" with "within --minutes on foot along the walk network", and
prints the share of cells the buffer counts as covered that are not (overstated), and the
reverse (missed). Without --category or --level it checks every kind that has facilities.`,
		Example: "  lifecircle buffer-check --radius 1000 --minutes 15\n  lifecircle buffer-check --level community --radius 300 --minutes 5",
	}, &f.computeFlags, func(cmd *cobra.Command) error { return runBufferCheck(cmd, cfg, f) })
	cmd.Flags().StringVar(&f.category, "category", "", "outlet category to check")
	cmd.Flags().StringVar(&f.level, "level", "", "station level to check (or any)")
	cmd.Flags().Float64Var(&f.radius, "radius", 1000, "buffer radius in metres")
	cmd.Flags().Float64Var(&f.minutes, "minutes", 15, "walking minutes the buffer stands in for")
	return cmd
}

func runBufferCheck(cmd *cobra.Command, cfg *Config, f *bufferFlags) error {
	ctx := cmd.Context()
	e, err := computedEngine(ctx, cfg, &f.computeFlags, cmd.OutOrStdout())
	if err != nil {
		return err
	}
	targets, err := bufferTargets(e, f)
	if err != nil {
		return err
	}
	w := cmd.OutOrStdout()
	fmt.Fprintf(w, "%-28s %9s %9s %9s %11s %9s\n", "kind/key", "cells", "buffer", "on foot", "overstated", "missed")
	for _, t := range targets {
		c, err := assess.CompareBuffer(e, t, f.radius, f.minutes)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%-28s %9d %9d %9d %10.1f%% %8.1f%%\n", t.Kind+"/"+t.Key, c.Cells, c.BufferCovered, c.WalkCovered,
			100*c.OverstatedShare(), 100*c.MissedShare())
	}
	fmt.Fprintf(w, "buffer: centre within %.0f m in a straight line; on foot: within %.0f min on the network.\n", f.radius, f.minutes)
	fmt.Fprintln(w, "overstated: share of the buffer's cells not reachable on foot in time; missed: share of the reachable cells outside the buffer.")
	return nil
}

func bufferTargets(e *engine.Engine, f *bufferFlags) ([]engine.Target, error) {
	switch {
	case f.category != "" && f.level != "":
		return nil, geo.Errorf(geo.EINVALID, "give --category or --level, not both")
	case f.category != "":
		return []engine.Target{{Kind: engine.KindCategory, Key: f.category}}, nil
	case f.level != "":
		return []engine.Target{{Kind: engine.KindLevel, Key: f.level}}, nil
	}
	var out []engine.Target
	for _, s := range e.Sets {
		if len(s.Points) > 0 {
			out = append(out, engine.Target{Kind: s.Kind, Key: s.Key})
		}
	}
	return out, nil
}

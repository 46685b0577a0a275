package main

import (
	"context"
	"fmt"
	"io"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/siting"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/spf13/cobra"
)

// sharedFlags control `lifecircle plan shared-centres`.
type sharedFlags struct {
	level    string
	minutes  float64
	minShare float64
	maxGroup int
	computeFlags
}

func newPlanCmd(cfg *Config) *cobra.Command {
	return group("plan", "Plan new centres", newPlanSharedCmd(cfg))
}

func newPlanSharedCmd(cfg *Config) *cobra.Command {
	f := &sharedFlags{}
	cmd := modelCmd(&cobra.Command{
		Use:   "shared-centres",
		Short: "Groups of adjacent communities one new centre each could serve (多社区一中心)",
		Long: `shared-centres loads and computes the district (as compute does, without writing it back)
and proposes groups of 2 to --max-group adjacent communities (sharing about 20 m of boundary
or more) where one new centre of --level, at a cell centre, reaches at least --min-share of
every member's residents within --minutes on foot. Every group holds a community without a
centre of the level inside its boundary; those with the most such members, then the most
residents newly covered, come first; groups share no community.`,
		Example: "  lifecircle plan shared-centres\n  lifecircle plan shared-centres --minutes 10 --min-share 0.9 --max-group 3 --lang en",
	}, &f.computeFlags, func(cmd *cobra.Command) error { return runPlanShared(cmd, cfg, f) })
	fs := cmd.Flags()
	fs.StringVar(&f.level, "level", "community", "level of the new centres (and of the centres communities already have)")
	fs.Float64Var(&f.minutes, "minutes", 15, "walking minutes, 1–60")
	fs.Float64Var(&f.minShare, "min-share", siting.DefaultMinShare, "share of every member's residents the centre must reach, (0, 1]")
	fs.IntVar(&f.maxGroup, "max-group", siting.DefaultMaxGroup, fmt.Sprintf("communities per group, 2–%d", siting.MaxGroupLimit))
	return cmd
}

func runPlanShared(cmd *cobra.Command, cfg *Config, f *sharedFlags) error {
	ctx := cmd.Context()
	level, err := geo.ParseLevel(f.level)
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "--level")
	}
	e, err := computedEngine(ctx, cfg, &f.computeFlags, cmd.OutOrStdout())
	if err != nil {
		return err
	}
	req := siting.SharedRequest{Level: level, Minutes: f.minutes, MinShare: f.minShare, MaxGroup: f.maxGroup}
	res, err := siting.SharedCentres(ctx, e, req)
	if err != nil {
		return err
	}
	printShared(cmd.OutOrStdout(), cfg, res)
	return nil
}

// computedEngine loads the district from the database and computes its coverage in
// memory under the compute flags (nothing is written back).
func computedEngine(ctx context.Context, cfg *Config, f *computeFlags, out io.Writer) (*engine.Engine, error) {
	var e *engine.Engine
	err := cfg.withRegionModel(ctx, out, f, func(db *postgis.DB, opts engine.Options) error {
		c, err := district.Compute(ctx, db, opts)
		if c != nil {
			e = c.Engine
		}
		return err
	})
	return e, err
}

// printShared prints the plan: the request as used, the counts, then each group.
func printShared(w io.Writer, cfg *Config, p siting.SharedPlan) {
	fmt.Fprint(w, cfg.say("shared centres of level %s: %.0f min, at least %.0f%% of each member's residents, up to %d communities per group\n",
		p.Level.NameZH(), p.Minutes, 100*p.MinShare, p.MaxGroup))
	fmt.Fprint(w, cfg.say("%d communities considered (%d without a centre of their own, %d adjacent pairs); %d left out (no cells with residents); %d candidate sites searched\n",
		p.Communities, p.WithoutCentre, p.AdjacentPairs, p.LeftOut, p.Candidates))
	if p.ByArea {
		fmt.Fprint(w, cfg.say("the district has no population: residents below are m² of area\n"))
	}
	fmt.Fprint(w, cfg.say("%d groups, %d communities, %.0f residents newly covered\n", len(p.Groups), p.Grouped, p.NewlyCovered))
	for i, g := range p.Groups {
		fmt.Fprint(w, cfg.say("group %d: site %.6f, %.6f (cell %s), %.0f residents newly covered\n", i+1, g.Point[0], g.Point[1], g.H3, g.NewlyCovered))
		for _, m := range g.Members {
			centre := cfg.say("no centre")
			if m.HasCentre {
				centre = cfg.say("has a centre")
			}
			fmt.Fprint(w, cfg.say("  %s %s (%s): %.0f of %.0f residents within (%.1f%%)\n", m.Code, m.Name, centre, m.Within, m.Population, 100*m.Share))
		}
	}
}

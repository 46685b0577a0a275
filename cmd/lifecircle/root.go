package main

import (
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/spf13/cobra"
)

const rootLong = `lifecircle plans a district's 15-minute living circle (15分钟生活圈).

It keeps communities, party-mass service stations (党群服务中心/站, the "1+11+N+X"
network), convenience outlets and an OpenStreetMap walk network in PostGIS, computes how
many minutes every home needs to walk to each kind of service, and answers over HTTP.

A typical run:
  lifecircle migrate
  lifecircle import osm city.osm.pbf
  lifecircle import communities communities.geojson
  lifecircle import stations stations.xlsx --crs gcj02
  lifecircle import outlets outlets.csv --encoding gbk
  lifecircle check
  lifecircle compute
  lifecircle serve                 (http://127.0.0.1:8080/; --addr :8080 for every interface)

The database comes from --db or DATABASE_URL (default: the local PostgreSQL, database
"lifecircle"). One database holds many regions (a district's 6-digit code, or a study
area's name): every command works on the one --region names (default $LIFECIRCLE_REGION,
else "default"), and never touches another; lifecircle regions lists them, lifecircle
region delete R --yes removes one.`

func newRootCmd() *cobra.Command {
	cfg := &Config{}
	root := &cobra.Command{
		Use:           "lifecircle",
		Short:         "Plan the 15-minute living circle: walk-time coverage of service stations and outlets",
		Long:          rootLong,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return cfg.finish(cmd)
		},
	}
	cfg.bindGlobal(root)
	root.AddCommand(newRegionsCmd(cfg), newRegionCmd(cfg))
	root.AddCommand(newServeCmd(cfg), newMigrateCmd(cfg), newImportCmd(cfg), newComputeCmd(cfg), newCheckCmd(cfg), newStatusCmd(cfg), newBenchCmd(cfg), newDemoCmd(cfg), newReportCmd(cfg), newBufferCheckCmd(cfg), newStationsCmd(cfg), newPlanCmd(cfg), newSupplyCmd(cfg))
	root.AddCommand(newRunCmd(cfg))
	root.AddCommand(newWorkerCmd(cfg))
	benchCmd(root).AddCommand(newBenchNationalCmd(cfg))
	strict(root)
	return root
}

// group is a command that only groups its subcommands (strict gives it its help and
// the errors of an unknown subcommand).
func group(use, short string, subs ...*cobra.Command) *cobra.Command {
	cmd := &cobra.Command{Use: use, Short: short, Args: cobra.NoArgs}
	cmd.AddCommand(subs...)
	return cmd
}

// modelCmd finishes c as a subcommand over the district's model: no positional
// arguments, the compute flags (model) bound beside c's own, run given the command.
func modelCmd(c *cobra.Command, model *computeFlags, run func(cmd *cobra.Command) error) *cobra.Command {
	c.Args = cobra.NoArgs
	c.RunE = func(cmd *cobra.Command, _ []string) error { return run(cmd) }
	model.bind(c)
	return c
}

// strict makes usage mistakes errors (EINVALID, exit status 2) on cmd and every command
// under it: an unknown flag, the wrong number of arguments (lifecircle region delete), and
// an unknown subcommand of a command that only groups others (lifecircle nosuch,
// lifecircle import nosuchkind x). Such a group given no
// subcommand still shows its help.
func strict(cmd *cobra.Command) {
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return geo.Errorf(geo.EINVALID, "%v (see %s --help)", err, c.CommandPath())
	})
	if cmd.HasSubCommands() && cmd.Run == nil && cmd.RunE == nil {
		cmd.Args = func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return nil
			}
			var names []string
			for _, sub := range c.Commands() {
				if sub.IsAvailableCommand() {
					names = append(names, sub.Name())
				}
			}
			return geo.Errorf(geo.EINVALID, "unknown command %q for %q (one of: %s)", args[0], c.CommandPath(), strings.Join(names, ", "))
		}
		cmd.RunE = func(c *cobra.Command, _ []string) error { return c.Help() }
	} else if args := cmd.Args; args != nil {
		// the wrong number of arguments is a usage mistake too (exit 2)
		cmd.Args = func(c *cobra.Command, a []string) error {
			if err := args(c, a); err != nil {
				return geo.Errorf(geo.EINVALID, "%v (see %s --help)", err, c.CommandPath())
			}
			return nil
		}
	}
	for _, sub := range cmd.Commands() {
		strict(sub)
	}
}

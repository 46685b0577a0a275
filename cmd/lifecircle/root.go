package main

import (
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
  lifecircle serve --addr :8080

The database comes from --db or DATABASE_URL (default: the local PostgreSQL, database
"lifecircle").`

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
	root.AddCommand(newServeCmd(cfg), newMigrateCmd(cfg), newImportCmd(cfg), newComputeCmd(cfg), newCheckCmd(cfg), newStatusCmd(cfg), newBenchCmd(cfg), newDemoCmd(cfg), newReportCmd(cfg), newBufferCheckCmd(cfg), newStationsCmd(cfg))
	return root
}

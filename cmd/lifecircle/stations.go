package main

import (
	"fmt"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/spf13/cobra"
)

func newStationsCmd(cfg *Config) *cobra.Command {
	return group("stations", "Review party-mass service stations: confirm candidates found in OpenStreetMap", newStationsConfirmCmd(cfg))
}

func newStationsConfirmCmd(cfg *Config) *cobra.Command {
	var all bool
	cmd := &cobra.Command{
		Use:   "confirm ID… | --all",
		Short: "Mark candidate stations confirmed so that they count in coverage",
		Long: `confirm marks stations confirmed: the candidates found in OpenStreetMap count in no
coverage, gap, network, standards or nearest answer until a planner confirms them (or
imports a station file that replaces them). Give the station ids, or --all for every
candidate; then run compute.`,
		Example: "  lifecircle stations confirm osm:n5319384484 osm:w587721735\n  lifecircle stations confirm --all",
		RunE: func(cmd *cobra.Command, ids []string) error {
			ctx := cmd.Context()
			return cfg.withRegion(ctx, cmd.OutOrStdout(), district.FeedRegion, func(db *postgis.DB) error {
				r, err := district.ConfirmStations(ctx, db, ids, all)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%d station(s) confirmed; run 'lifecircle compute' to count them\n", r.Confirmed)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "confirm every candidate station")
	return cmd
}

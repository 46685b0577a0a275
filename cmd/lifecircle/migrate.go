package main

import (
	"fmt"

	"github.com/lifecircle/lifecircle/postgis"
	"github.com/spf13/cobra"
)

func newMigrateCmd(cfg *Config) *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Create or update the database schema (PostGIS tables, indexes, views)",
		Long: `migrate applies the schema steps the database has not seen yet. It enables the postgis
extension, so the database user must be allowed to (a superuser, or the extension already
created). Running it again is harmless.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			return cfg.withDB(ctx, func(db *postgis.DB) error {
				applied, err := db.Migrate(ctx)
				if err != nil {
					return err
				}
				v, err := db.SchemaVersion(ctx)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "applied %d migration(s); schema version %d\n", len(applied), v)
				return nil
			})
		},
	}
}

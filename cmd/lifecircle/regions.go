package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/spf13/cobra"
)

// The commands over the regions themselves: list them, delete one.

func newRegionsCmd(cfg *Config) *cobra.Command {
	return &cobra.Command{
		Use:   "regions",
		Short: "List the regions the database holds: names, districts, rows, whether computed",
		Long: `regions lists every region that holds rows: its code or name, the names and codes of its
districts, its rows over every table, and whether it was computed (and on how many cells).
With --region (or $LIFECIRCLE_REGION) it shows that region only, and fails when it holds
no rows.`,
		Example: "  lifecircle regions\n  lifecircle regions --region 510104",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			return cfg.withDB(ctx, func(db *postgis.DB) error {
				var rs []geo.RegionInfo
				var err error
				if cfg.RegionNamed { // one count of every table, not two
					var ri geo.RegionInfo
					ri, err = district.FindRegion(ctx, db, cfg.Region)
					rs = []geo.RegionInfo{ri}
				} else {
					rs, err = district.Regions(ctx, db)
				}
				if err != nil {
					return err
				}
				printRegions(cmd.OutOrStdout(), cfg, rs)
				return nil
			})
		},
	}
}

// printRegions prints one line per region, then how many there are.
func printRegions(w io.Writer, cfg *Config, rs []geo.RegionInfo) {
	t := &textTable{header: []string{cfg.say("region"), cfg.say("name"), cfg.say("districts"), cfg.say("rows"), cfg.say("computed"), cfg.say("cells")},
		right: []bool{false, false, false, true, false, true}}
	for _, r := range rs {
		computed := cfg.say("no")
		if r.Computed {
			computed = cfg.say("yes")
		}
		districts, name := strings.Join(r.Districts, ","), r.Name
		if districts == "" {
			districts = "-"
		}
		if name == "" || name == string(r.Region) {
			name = "-"
		}
		t.add(r.Region, name, districts, r.Rows, computed, r.Cells)
	}
	t.write(w)
	fmt.Fprint(w, cfg.say("%d region(s)\n", len(rs)))
}

func newRegionCmd(cfg *Config) *cobra.Command {
	return group("region", "Manage one region: delete it", newRegionDeleteCmd(cfg))
}

func newRegionDeleteCmd(cfg *Config) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "delete REGION --yes",
		Short: "Delete every row of one region (its imports, network, coverage, runs); other regions stay as they are",
		Long: `delete removes every row of REGION from every table in one transaction and prints the
rows deleted per table; every other region's rows stay byte for byte as they were. Without
--yes it only says what the region holds and deletes nothing (exit status 2). A region that
holds no rows is an error naming the regions there are.`,
		Example: "  lifecircle region delete 510104 --yes\n  lifecircle region delete 试点片区",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRegionDelete(cmd, cfg, args[0], yes)
		},
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "delete without asking: the region's rows are gone for good")
	return cmd
}

// zhRegionSummary is the part of the summary catalogue (zhSummary) for the regions:
// the region line every command prints, `lifecircle regions` and `region delete`; ""
// when a format has no entry.
func zhRegionSummary(en string) string {
	switch en {
	case "region %s\n":
		return "区域 %s\n"
	case "region %s (the only region the database holds; --region not given)\n":
		return "区域 %s（未给出 --region：数据库中只有这一个区域）\n"
	case "demo in region %s\n":
		return "演示数据写入区域 %s\n"
	case "region":
		return "区域"
	case "name":
		return "名称"
	case "districts":
		return "区县"
	case "rows":
		return "行数"
	case "computed":
		return "已计算"
	case "cells":
		return "H3 单元数"
	case "yes":
		return "是"
	case "no":
		return "否"
	case "%d region(s)\n":
		return "共 %d 个区域\n"
	case "table":
		return "表"
	case "rows deleted":
		return "删除行数"
	case "region %s deleted: %d rows from %d tables (the others held none of it); other regions untouched\n":
		return "区域 %s 已删除：%d 行，来自 %d 张表（其余各表没有该区域的行）；其他区域未受影响\n"
	case "neighbouring regions computed before this reached its stations and outlets across the border: their stored coverage and running servers keep them until they are recomputed (lifecircle --region R compute) or reloaded\n":
		return "此前计算的相邻区域会跨界用到该区域的站点和网点：它们已存的覆盖结果和运行中的服务仍含这些设施，直到重新计算（lifecircle --region R compute）或重新加载\n"
	}
	return ""
}

func runRegionDelete(cmd *cobra.Command, cfg *Config, arg string, yes bool) error {
	if strings.TrimSpace(arg) == "" {
		return geo.Errorf(geo.EINVALID, "region delete: give the region to delete")
	}
	r, err := geo.ParseRegion(arg)
	if err != nil {
		return err
	}
	if f := cmd.Flag("region"); f != nil && f.Changed && cfg.Region != r {
		return geo.Errorf(geo.EINVALID, "region delete %s: --region names another region (%s); give the region once", r, cfg.Region)
	}
	ctx, w := cmd.Context(), cmd.OutOrStdout()
	return cfg.withDB(ctx, func(db *postgis.DB) error {
		d, err := district.DeleteRegion(ctx, db.InRegion(r), yes)
		if err != nil {
			return err
		}
		if !d.Done {
			printRegions(w, cfg, []geo.RegionInfo{d.Info})
			return geo.Errorf(geo.EINVALID, "region %s holds %d rows; nothing was deleted: run again with --yes to delete them", r, d.Info.Rows)
		}
		t := &textTable{header: []string{cfg.say("table"), cfg.say("rows deleted")}, right: []bool{false, true}}
		for _, tb := range d.Tables {
			if tb.Rows > 0 {
				t.add(tb.Table, tb.Rows)
			}
		}
		t.write(w)
		tables := len(t.rows)
		fmt.Fprint(w, cfg.say("region %s deleted: %d rows from %d tables (the others held none of it); other regions untouched\n", r, d.Rows, tables))
		fmt.Fprint(w, cfg.say("neighbouring regions computed before this reached its stations and outlets across the border: their stored coverage and running servers keep them until they are recomputed (lifecircle --region R compute) or reloaded\n"))
		return nil
	})
}

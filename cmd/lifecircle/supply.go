package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/supply"
	"github.com/spf13/cobra"
)

// supplyFlags control `lifecircle supply`.
type supplyFlags struct {
	minutes          float64
	method, resource string
	level            string
	computeFlags
}

func newSupplyCmd(cfg *Config) *cobra.Command {
	f := &supplyFlags{}
	cmd := modelCmd(&cobra.Command{
		Use:   "supply",
		Short: "Show the stations' floor area or staff within walking reach per household (2SFCA), per community",
		Long: `supply computes, by the two-step floating catchment method, the stations' floor area
(--resource floor_area) or staff (--resource staff) within --minutes on foot per resident,
and prints for the district, each street and each community the population-weighted mean
per 100 households (floor area) or 1 000 households (staff), beside the standard's figure
(--standards: service_area_per_100_households, households_per_worker) and a verdict.
--method e2sfca weighs pairs by Dai's Gaussian decay with threshold --minutes.`,
		Example: "  lifecircle supply\n  lifecircle supply --resource staff --minutes 10 --method e2sfca",
	}, &f.computeFlags, func(cmd *cobra.Command) error { return runSupply(cmd, cfg, f) })
	cmd.Flags().Float64Var(&f.minutes, "minutes", 15, "walking minutes of the catchment (1–60)")
	cmd.Flags().StringVar(&f.method, "method", "2sfca", "2sfca or e2sfca (Gaussian decay)")
	cmd.Flags().StringVar(&f.resource, "resource", assess.ResourceFloorArea, "floor_area or staff")
	cmd.Flags().StringVar(&f.level, "level", "", "only stations of this level (default: every level)")
	return cmd
}

func runSupply(cmd *cobra.Command, cfg *Config, f *supplyFlags) error {
	q := assess.SupplyQuery{Minutes: f.minutes, Method: supply.Method(strings.ToLower(f.method)), Resource: strings.ToLower(f.resource)}
	if q.Method == supply.MethodE2SFCA {
		q.Decay = supply.Decay{Kind: supply.DecayGaussian}
	}
	if f.level != "" && !strings.EqualFold(f.level, "any") {
		l, err := geo.ParseLevel(f.level)
		if err != nil {
			return err
		}
		q.Level = l
	}
	rules, err := cfg.Standards()
	if err != nil {
		return err
	}
	e, err := computedEngine(cmd.Context(), cfg, &f.computeFlags, cmd.OutOrStdout())
	if err != nil {
		return err
	}
	rep, err := assess.Supply(cmd.Context(), e, q, rules)
	if err != nil {
		return err
	}
	printSupply(cmd, cfg, rep)
	return nil
}

func printSupply(cmd *cobra.Command, cfg *Config, rep assess.SupplyReport) {
	w := cmd.OutOrStdout()
	per := cfg.say("m² per 100 households")
	if rep.Query.Resource == assess.ResourceStaff {
		per = cfg.say("staff per 1 000 households")
	}
	fmt.Fprint(w, cfg.say("%s; standard: at least %.4g %s (%s)\n", rep.Formula, rep.Rule.Min, per, rep.Rule.Source))
	fmt.Fprintf(w, "%-10s %-13s %-16s %10s %12s %8s  %s\n", cfg.say("scope"), cfg.say("code"), cfg.say("name"),
		cfg.say("residents"), per, cfg.say("verdict"), cfg.say("note"))
	row := func(u assess.SupplyUnit) {
		v := fmt.Sprintf("%.1f", u.PerHouseholds)
		if u.Verdict == supply.VerdictUnknown {
			v = "—"
		}
		fmt.Fprintf(w, "%-10s %-13s %-16s %10.0f %12s %8s  %s\n", u.Scope, u.Code, u.Name, math.Round(u.Population), v, u.Verdict, u.Note)
	}
	row(rep.Total)
	for _, u := range rep.Streets {
		row(u)
	}
	for _, u := range rep.Communities {
		row(u)
	}
	r := rep.Result
	fmt.Fprint(w, cfg.say("%d stations: %d off the network, %d without a known %s, %d without residents within reach; %.0f residents reach none\n",
		len(rep.Stations), len(r.OffNetwork), len(r.UnknownSupply), rep.Query.Resource, len(r.NoResidents), r.PopulationWithoutStation))
}

// zhSupplySummary is the part of the summary catalogue (zhSummary) for `lifecircle
// supply`; "" when a format has no entry.
func zhSupplySummary(en string) string {
	switch en {
	case "m² per 100 households":
		return "平方米/百户"
	case "staff per 1 000 households":
		return "人/千户"
	case "%s; standard: at least %.4g %s (%s)\n":
		return "%s；标准：不低于 %.4g %s（%s）\n"
	case "scope":
		return "范围"
	case "code":
		return "编码"
	case "name":
		return "名称"
	case "residents":
		return "常住人口"
	case "verdict":
		return "结论"
	case "note":
		return "说明"
	case "%d stations: %d off the network, %d without a known %s, %d without residents within reach; %.0f residents reach none\n":
		return "站点 %d 个：路网外 %d 个，%d 个的 %s 未知，%d 个可达范围内无居民；%.0f 名居民无可达站点\n"
	}
	return ""
}

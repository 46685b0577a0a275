// Command lifecircle plans a district's 15-minute living circle (15分钟生活圈): it imports
// communities, party-mass service stations, outlets and an OpenStreetMap walk network into
// PostGIS, computes walk-time coverage on H3 cells, and serves the answers over HTTP.
//
// It is an adapter: flags and the environment become one typed Config (config.go), and
// each subcommand translates its flags into a call of the application layer (district)
// or the HTTP server (api), then prints the summary. geo error codes map to exit statuses
// in one place (main.go): 0 done, 2 bad input, 3 database unavailable, 1 other faults.
//
// Every subcommand that reads or writes data works on one region (Config.Region: --region,
// else $LIFECIRCLE_REGION, else "default"): it opens the database scoped to it
// (postgis.DB.InRegion, config.go's withRegion, the region chosen by
// district.ChooseRegion when none was named) and its output starts with the region.
//
// lifecircle may import district, api, report, postgis (to open the database it hands to
// district and api as their stores), importers, importers/osmimport, importers/raster,
// geo and its subpackages (geo/engine, geo/health, geo/coverage, geo/crs, geo/standards,
// geo/assess, geo/siting, geo/supply), internal/synth (the bench command only), internal/csvout, data, web,
// riverjobs (run, worker and bench national: the job queue), cobra, golang.org/x/term and progressbar. It holds no SQL and no planning logic.
package main

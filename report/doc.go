// Package report renders the "1+11+N+X" party-mass service network report of a computed
// district: one self-contained, print-friendly HTML file (inline CSS, maps and charts as
// inline SVG, Chinese or English), CSV tables (UTF-8 with BOM, for Excel), GeoJSON layers
// (WGS84) for GIS, and optionally a PDF printed by headless Chromium.
//
// It is pure rendering: Collect asks an engine.Engine for the figures and the writers
// turn an Input into files. Coordinates are (lon, lat) in WGS84 degrees; populations are
// residents, areas m² and times minutes unless a name says otherwise.
//
// report may import geo and its subpackages (geo/engine, geo/assess, geo/coverage,
// geo/standards, geo/health, geo/local, geo/siting, geo/supply), orb, h3-go,
// internal/csvout (the project's CSV writer) and the standard library (html/template;
// os/exec and net/url to run Chromium).
// It never imports pgx, echo, postgis or net/http.
package report

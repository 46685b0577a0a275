// Package api is lifecircle's HTTP interface: echo handlers under /api/v1/ over in-memory
// engines (geo/engine), one per region, each swapped atomically after its recompute, the one
// error mapping (geo.Error codes to HTTP statuses, JSON errors
// {"error": {"code": "...", "message": "..."}}), middleware (request ids, structured
// request logs, Prometheus metrics on the server's own registry, timeouts, body limits,
// gzip, CORS), the OpenAPI 3.1 document and a self-contained docs page.
//
// Messages are English by default and Chinese for lang=zh or an Accept-Language that
// prefers Chinese (messages.go: the request's language and localError, which carries both
// texts; messages_zh.go: the one catalogue, keyed by the English format). CSV answers
// with lang=zh get Chinese headers and figures rounded for reading (csvtable.go).
//
// Regions (regions.go: regionTable): the server holds an engine per region, loaded at
// start for every computed region of the store (LoadAll) and after a POST
// /api/v1/compute?region=…. Every district endpoint takes region=; without it a query
// about a point answers for the loaded region whose districts hold the point (a study
// area without districts: its communities, else its network's extent; the first by code
// when several do, said in the Lifecircle-Region-Note header) and any other for the only
// loaded region, else 400 naming them. Answers name their region in the Lifecircle-Region
// header and, in JSON objects, in the field region. Writes (imports, compute, station
// confirmations, DELETE /api/v1/regions/{region}) go to the named region, else the home
// region (Store's), through Options.StoreFor.
//
// Handlers bind, validate, call the engine, its assessments and siting (geo/engine,
// geo/assess, geo/siting) or district's workflows (an upload's import, a recompute), and
// encode.
//
// The wire format is explicit: every answer is a tagged type of a wire_*.go file (one per
// endpoint family: its JSON, GeoJSON and CSV shapes), built from the domain results by a
// small mapping function that also converts points and geometries to the request's crs, so
// renaming a domain field cannot change the API. encode.go is the one encoder: it alone
// sets the content types, writes CSV through internal/csvout (byte order mark, cells a
// spreadsheet would run as formulas defused), and encodes NaN and ±Inf as JSON null (num)
// and as empty CSV cells. Coordinates sent and returned are
// (lon, lat) degrees of the request's crs= (WGS84 unless said; gcj02 and bd09 accepted);
// everything is converted to WGS84 on the way in and back on the way out. Times are minutes, lengths metres, areas
// m², unless a field name says otherwise.
//
// api may import district, geo and its subpackages (geo/engine, geo/assess, geo/siting,
// geo/coverage, geo/crs, geo/health, geo/standards, geo/supply), importers (an upload's kind and read
// options), postgis (for its tile cache only: the database is the Store interface api
// defines), data, internal/csvout (the project's CSV writer), echo, the Prometheus client and
// golang.org/x/text/language (Accept-Language). It holds no SQL.
package api

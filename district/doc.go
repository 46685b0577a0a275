// Package district is lifecircle's application layer: the workflows that the command line
// and the HTTP API both run, so that each of them lives in one place. The adapters (api,
// cmd/lifecircle) only turn requests and flags into its calls and its results into answers.
//
// Import a file (Prepare, Store, Import): read it with the importers, apply the reject
// policy (a bad record refuses the whole file unless SkipInvalid, then the bad records are
// left out and listed), hash it for the batch record, and store it in one transaction
// through an ImportStore.
//
// Import a population grid (ReadPopulation, then PopulationGrid.Store): one grid CSV, or
// GeoTIFF rasters added onto H3 cells (importers/raster), a bad row refusing the whole
// grid, hashed for the batch record and stored in one transaction through a
// PopulationStore.
//
// Import an OpenStreetMap extract (ImportOSM): read it with importers/osmimport, refuse nodes
// with bad coordinates unless SkipInvalid, and store it through an OSMStore, which hands
// the import what earlier OSM imports stored inside its transaction: an import that would
// leave the walk network empty or keep at most half of its edges (ShrinkLimit) is refused
// unless AllowShrink, naming the bad nodes, the ways with missing nodes and the edges kept
// against the edges stored.
//
// Recompute the coverage (Compute, Recompute): load the district into a geo/engine Engine,
// compute it, and write it (as one coverage.Run) through a ComputeStore in one
// transaction, each phase timed and reported; the caller swaps the new engine in. Compute
// alone (no write) is the server's first load and what reports and checks run on.
//
// Check the data (Check, CheckEngine): the data health check (数据体检, geo/health) on
// the loaded or computed district, with the facts only the store knows (stale derived
// rows, FactStore). Recompute runs it before computing and refuses, EUNPROCESSABLE listing
// the errors, unless RecomputeOptions.Force; after computing it checks again (now with the
// checks of the cells) and stores those findings with the run.
//
// Check the stored coverage (CheckCoverage): the last compute run's record of the rows it
// wrote against what the unlogged coverage tables hold now; a database crash empties
// them, and the message then starts "recompute needed".
//
// Say what the store holds (Status): rows per kind and source, the last imports and
// compute, and whether the coverage is older than the newest import.
//
// The demo's files (WriteDemoFiles): the bundled extract and district boundaries written
// to a temporary directory, or the user's extract.
//
// The demo's derivations (DeriveDemoLayers): where no community boundary came from a file,
// derive neighbourhood units from the major roads; where no station came from a file, add
// the illustrative station layer. The algorithms are geo/derive's; district decides when
// they run and stores what they make through a DemoStore.
//
// The regions (Regions, FindRegion, ChooseRegion, DeleteRegion): list the regions a store
// holds, choose the region of a command that named none (the default region, else — for
// a reading command — the only region there is, else an error listing them), and delete
// one region's rows, confirmed, in one transaction.
//
// The stores it needs are interfaces defined here in domain terms (geo values, geo's
// import batch); *postgis.DB implements them all. Each store is scoped to one region
// (postgis.DB.InRegion): every workflow above reads and writes that region only, so
// "replace" — the rows of an earlier import, the OSM network, the demo's derived layers,
// the previous compute run — always means that region's, and other regions stay as they
// were.
//
// district may import geo and its subpackages (geo/coverage, geo/engine, geo/assess, geo/health,
// geo/derive …), importers, importers/osmimport, importers/raster, report, data and the standard library. It never imports postgis, api, pgx, echo, net/http or cobra.
package district

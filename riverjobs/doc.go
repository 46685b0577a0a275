// Package riverjobs runs a national compute on River (github.com/riverqueue/river), the
// job queue that lives in the PostgreSQL database lifecircle already uses: `lifecircle run`
// enqueues one job per region, any number of `lifecircle worker` processes on any number
// of machines work them off, and a job is completed (river.JobCompleteTx) inside the same
// transaction as its region's coverage writes, so a worker killed mid-job leaves neither
// half-written coverage nor a completed job, and River's rescuer retries it.
//
// It names River's own packages (river, rivermigrate, riverdriver/riverpgxv5, rivertype),
// pgx and its pool (the connection River's driver takes; riverjobs writes no SQL of its
// own), the Prometheus client (Collector), and of lifecircle geo (regions, errors) and
// postgis (the scoped database a job computes in: InRegion, WithCommitHook, Regions,
// CoverageState). What a job computes is the caller's Compute (the command passes
// district.Recompute); riverjobs does not import district.
package riverjobs

// Package postgistest gives tests a real, freshly migrated PostgreSQL + PostGIS database of
// their own. It never mocks the database: when no server answers, tests skip with a clear
// message — or fail when CI=true, so a CI run cannot pass without the database.
//
// The server comes from LIFECIRCLE_TEST_DB (a URL or key=value string of any database on
// the server; default: the local server over its Unix socket, database postgres). Each call
// of New clones a migrated template database, so tests run in parallel without sharing rows.
//
// postgistest may import postgis (to open and migrate the databases, and to dump a
// region's rows), geo (for geo.Region), migrations (to name the template after them), pgx
// and the standard library. Tests only: no production
// package imports it.
package postgistest

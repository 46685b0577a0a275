# lifecircle — the README's commands. `make demo` runs the main job on bundled data,
# `make test` runs the tests; both set up PostgreSQL + PostGIS first when it is missing.

# The Go toolchain: GO=… when given, else the path .ci/setup-go prints — a go on PATH (or
# /usr/local/go) new enough for go.mod, or the Go it installs from Debian's golang-go and
# the Go module proxy. Worked out once, on first use, so targets without Go never run it.
GO ?= $(eval GO := $$(shell $(CURDIR)/.ci/setup-go))$(or $(GO),$(error .ci/setup-go could not provide a Go toolchain; its message is above))
DB ?= lifecircle
ADDR ?= 127.0.0.1:8080
export LIFECIRCLE_TEST_DB ?= host=/var/run/postgresql dbname=postgres

.PHONY: build test test-short bench bench-e2e setup-db setup-browser setup-go demo fuzz web

build:
	$(GO) build -o bin/lifecircle ./cmd/lifecircle

setup-db:
	.ci/setup-db $(DB)

setup-go:
	@echo "go: $(GO)"

setup-browser:
	.ci/setup-browser

# The tests, against a real PostgreSQL + PostGIS and Debian's Chromium. The last step stops
# and restarts the local PostgreSQL (LIFECIRCLE_TEST_PGCTL=1) to check that the server keeps
# answering from memory and recovers; it runs alone, after every other package. Then the
# test databases are dropped: the run leaves no database, file or process behind.
test: setup-browser
	.ci/setup-db --no-db
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 60m -skip '^TestZZDatabaseDownAndBack$$' ./...
	LIFECIRCLE_TEST_PGCTL=1 $(GO) test -count=1 -timeout 10m -run TestZZDatabaseDownAndBack -v ./api
	.ci/drop-test-dbs

test-short:
	$(GO) test -short ./...

bench: setup-db
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./...

# Every fuzz target of the repository, one after another, each for FUZZTIME (go refuses
# -fuzz over several packages or targets at once, so this goes package by package, target
# by target). A failure stops at once, its input saved under the package's testdata/fuzz.
FUZZTIME ?= 30s
FUZZMINIMIZETIME ?= 10s
fuzz:
	@set -e; for dir in $$(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sort -u); do \
	  for f in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$dir/*_test.go); do \
	    echo "== $$dir $$f ($(FUZZTIME))"; \
	    $(GO) test $$dir -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZETIME); \
	  done; done

# The main job on the bundled central-Chengdu OSM extract and its DataV districts: set-up,
# import, neighbourhoods, stations,
# coverage, then the server on 127.0.0.1:8080.
demo: setup-db build
	bin/lifecircle --db "host=/var/run/postgresql dbname=$(DB)" demo --addr $(ADDR)

# End-to-end benchmarks on synthetic districts: compute, PostGIS writes and peak memory of
# the current code path against main's (graph built every time, a coverage row per cell
# and set, searches that queue every node) in the same run, BENCH_RUNS times each, min/median/max; then pgRouting on every
# facility set, each stopped at BENCH_PGR_LIMIT ("> limit"). All categories and levels: the
# synthetic stations are unconfirmed candidates, so they are included.
BENCH_DB ?= lifecircle_bench
BENCH_NODES ?= 100000,1000000
BENCH_RUNS ?= 5
BENCH_PGR_LIMIT ?= 60s
bench-e2e: build
	.ci/setup-db $(BENCH_DB)
	uptime
	bin/lifecircle --db "host=/var/run/postgresql dbname=$(BENCH_DB)" bench --nodes $(BENCH_NODES) --runs $(BENCH_RUNS) --pgr-limit $(BENCH_PGR_LIMIT) --include-candidates

# Rebuild the web map's assets (web/dist is committed, so plain builds need no npm).
web:
	cd web && npm ci && npm run build

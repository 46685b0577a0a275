# lifecircle — the README's commands. `make demo` runs the main job on bundled data,
# `make test` runs the tests; both set up PostgreSQL + PostGIS first when it is missing.
GO ?= go
DB ?= lifecircle
export LIFECIRCLE_TEST_DB ?= host=/var/run/postgresql dbname=postgres

.PHONY: build test test-short bench setup-db demo vet fuzz

build:
	$(GO) build -o bin/lifecircle ./cmd/lifecircle

setup-db:
	.ci/setup-db $(DB)

test: setup-db
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 40m ./...

test-short:
	$(GO) test -short ./...

bench: setup-db
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./...

fuzz:
	for f in FuzzReadCSV FuzzReadGeoJSON; do $(GO) test ./importers -run '^$$' -fuzz "^$$f$$" -fuzztime 30s || exit 1; done

demo: setup-db build
	bin/lifecircle --db "host=/var/run/postgresql dbname=$(DB)" migrate

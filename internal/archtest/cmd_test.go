package archtest_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/internal/testenv"
)

// cmdMayUse is what cmd/lifecircle may name of postgis: the database handle, opening it
// (with its pool options), migrating it and closing it. Everything else it asks of the
// database goes through district, which takes the *postgis.DB as its store.
var cmdMayUse = map[string]bool{
	"DB": true, "OpenWith": true, "PoolOptions": true, "DefaultPoolOptions": true,
	"Migrate": true, "SchemaVersion": true, "Close": true,
}

// cmdMayQuery are the files of cmd/lifecircle that may call postgis directly: bench times
// the store's own import and cross-checks the walk search against pgRouting.
var cmdMayQuery = map[string]bool{"bench.go": true}

// TestCommandCallsDistrict checks that cmd/lifecircle runs no workflow or query on
// postgis itself: type-checking its files (against the compiled packages' export data,
// from go list -export), every postgis function, type and method it names is in
// cmdMayUse, except in the files of cmdMayQuery.
func TestCommandCallsDistrict(t *testing.T) {
	root := testenv.RepoRoot(t)
	dir := filepath.Join(root, "cmd", "lifecircle")
	fset := token.NewFileSet()
	files := parseCommand(t, fset, dir)
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: exportImporter(t, fset, root)}
	if _, err := conf.Check(module+"/cmd/lifecircle", fset, files, info); err != nil {
		t.Fatalf("type-check cmd/lifecircle: %v", err)
	}
	seen := 0
	for id, obj := range info.Uses {
		if obj.Pkg() == nil || obj.Pkg().Path() != module+"/postgis" {
			continue
		}
		if _, field := obj.(*types.Var); field {
			continue // a field of an allowed type (the pool options)
		}
		seen++
		pos := fset.Position(id.Pos())
		if !cmdMayUse[obj.Name()] && !cmdMayQuery[filepath.Base(pos.Filename)] {
			t.Errorf("%s:%d: cmd/lifecircle uses postgis %s directly; call a district workflow with the database as its store",
				filepath.Base(pos.Filename), pos.Line, obj.Name())
		}
	}
	if seen == 0 {
		t.Fatal("cmd/lifecircle names nothing of postgis: the check found no database use at all")
	}
}

// parseCommand parses the non-test Go files of cmd/lifecircle.
func parseCommand(tb testing.TB, fset *token.FileSet, dir string) []*ast.File {
	tb.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		tb.Fatal(err)
	}
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			tb.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}

// exportImporter imports packages from the export data go list -export gives for the
// dependencies of cmd/lifecircle.
func exportImporter(tb testing.TB, fset *token.FileSet, root string) types.Importer {
	tb.Helper()
	cmd := exec.Command("go", "list", "-export", "-deps", "-f", "{{.ImportPath}}={{.Export}}", "./cmd/lifecircle")
	cmd.Dir = root
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("go list -export ./cmd/lifecircle: %v\n%s", err, stderr.String())
	}
	exports := map[string]string{}
	for line := range strings.Lines(string(out)) {
		if path, file, ok := strings.Cut(strings.TrimSpace(line), "="); ok && file != "" {
			exports[path] = file
		}
	}
	return importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			return nil, os.ErrNotExist
		}
		return os.Open(file)
	})
}

package archtest_test

import (
	"go/ast"
	"go/build"
	"go/importer"
	"go/token"
	"go/types"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/internal/formatscan"
	"github.com/lifecircle/lifecircle/internal/testenv"
)

const module = "github.com/lifecircle/lifecircle"

// pkg is one package of the module: its folder relative to the module root and the
// imports of its non-test files.
type pkg struct {
	dir     string
	name    string
	imports []string
}

// rule forbids the packages under a folder (the folder itself included) from importing
// anything that starts with one of the prefixes; module-relative prefixes are written
// without the module path.
type rule struct {
	name   string
	under  []string
	forbid []string
	except []string // folders under `under` the rule does not apply to
}

var rules = []rule{
	{name: "geo is pure", under: []string{"geo"},
		forbid: []string{"github.com/jackc/pgx", "github.com/labstack/echo", "net/http", "database/sql", "os/exec",
			"postgis", "district", "api", "importers", "report", "cmd", "internal/synth", "web"}},
	{name: "postgis stores values, not models", under: []string{"postgis"},
		forbid: []string{"geo/engine", "geo/assess", "geo/siting", "geo/health", "geo/supply", "district", "api", "report", "github.com/labstack/echo"}},
	{name: "district names no adapter", under: []string{"district"},
		forbid: []string{"postgis", "api", "cmd", "github.com/jackc/pgx", "github.com/labstack/echo", "net/http", "github.com/spf13/cobra"}},
	{name: "importers hand back geo values", under: []string{"importers"},
		forbid: []string{"postgis", "district", "api", "report", "github.com/jackc/pgx", "github.com/labstack/echo", "net/http"}},
	{name: "api holds no SQL", under: []string{"api"}, forbid: []string{"github.com/jackc/pgx", "database/sql"}},
	{name: "report reads assessments", under: []string{"report"},
		forbid: []string{"postgis", "district", "api", "github.com/jackc/pgx", "github.com/labstack/echo", "net/http"}},
	{name: "test support stays in tests", under: []string{"."},
		forbid: []string{"internal/testenv", "internal/fixture", "internal/formatscan", "postgis/postgistest", "importers/internal/osmtest", "internal/walkref", "internal/csvcheck"},
		except: []string{"internal/testenv", "internal/fixture", "internal/formatscan", "postgis/postgistest", "importers/internal/osmtest", "internal/walkref", "internal/csvcheck"}},
	{name: "synthetic districts only for tests and bench", under: []string{"."},
		forbid: []string{"internal/synth"}, except: []string{"internal/synth", "cmd/lifecircle", "internal/fixture"}}, // fixture is itself tests-only (the rule above)
}

func TestImportRules(t *testing.T) {
	for _, r := range rules {
		t.Run(r.name, func(t *testing.T) {
			for _, p := range packages(t) {
				if !r.applies(p.dir) {
					continue
				}
				for _, imp := range p.imports {
					if f := r.forbidden(imp); f != "" {
						t.Errorf("%s imports %s (forbidden: %s)", p.dir, imp, f)
					}
				}
			}
		})
	}
}

// TestDocFiles checks that every package has a doc.go with the package comment, and that
// the comment names every lifecircle package the package imports, so the stated imports
// are the real ones.
func TestDocFiles(t *testing.T) {
	root := testenv.RepoRoot(t)
	for _, p := range packages(t) {
		b, err := os.ReadFile(filepath.Join(root, p.dir, "doc.go"))
		if err != nil {
			t.Errorf("%s has no doc.go saying what it is for and what it may import", p.dir)
			continue
		}
		doc := string(b)
		if !strings.Contains(doc, "// Package "+p.name) && !strings.Contains(doc, "// Command ") {
			t.Errorf("%s/doc.go has no package comment (// Package %s …)", p.dir, p.name)
		}
		for _, imp := range p.imports {
			rel, ok := strings.CutPrefix(imp, module+"/")
			if !ok {
				continue
			}
			if !regexp.MustCompile(`(^|[^\w/])` + regexp.QuoteMeta(rel) + `($|[^\w/])`).MatchString(doc) {
				t.Errorf("%s imports %s, which its doc.go does not name", p.dir, rel)
			}
		}
	}
}

// TestFolderNamesPackage checks that each package is named after its folder (main for
// commands, archtest-style names for test folders).
func TestFolderNamesPackage(t *testing.T) {
	for _, p := range packages(t) {
		if p.name == "main" {
			continue
		}
		if base := filepath.Base(p.dir); base != p.name {
			t.Errorf("package %s sits in folder %s", p.name, p.dir)
		}
	}
}

func (r rule) applies(dir string) bool {
	for _, e := range r.except {
		if within(dir, e) {
			return false
		}
	}
	for _, u := range r.under {
		if u == "." || within(dir, u) {
			return true
		}
	}
	return false
}

func (r rule) forbidden(imp string) string {
	for _, f := range r.forbid {
		full := f
		if !strings.Contains(f, ".") || !strings.Contains(strings.SplitN(f, "/", 2)[0], ".") {
			if f != "net/http" && f != "database/sql" && f != "os/exec" {
				full = module + "/" + f
			}
		}
		if imp == full || strings.HasPrefix(imp, full+"/") {
			return f
		}
	}
	return ""
}

func within(dir, folder string) bool { return dir == folder || strings.HasPrefix(dir, folder+"/") }

// packages lists the module's packages (not web/node_modules, not testdata) with the
// imports of their non-test files.
func packages(tb testing.TB) []pkg {
	tb.Helper()
	root := testenv.RepoRoot(tb)
	var out []pkg
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		switch d.Name() {
		case "testdata", "node_modules", ".git", "dist", "bin":
			return filepath.SkipDir
		}
		bp, err := build.ImportDir(path, 0)
		if err != nil {
			if _, ok := err.(*build.NoGoError); ok {
				return nil
			}
			return err
		}
		rel, _ := filepath.Rel(root, path)
		imps := slices.Clone(bp.Imports)
		out = append(out, pkg{dir: filepath.ToSlash(rel), name: bp.Name, imports: imps})
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(out) < 10 {
		tb.Fatalf("found only %d packages under %s", len(out), root)
	}
	return out
}

// cmdMayUse is what cmd/lifecircle may name of postgis: the database handle, opening it
// (with its pool options), migrating it and closing it. Everything else it asks of the
// database goes through district, which takes the *postgis.DB as its store.
var cmdMayUse = map[string]bool{
	"DB": true, "OpenWith": true, "PoolOptions": true, "DefaultPoolOptions": true,
	"Migrate": true, "SchemaVersion": true, "Close": true, "InRegion": true, "Region": true,
}

// cmdOpensIn is the one file of cmd/lifecircle that opens the database (Config.OpenDB),
// so that every command's database is scoped to its region in one place (withDB,
// withRegion).
const cmdOpensIn = "config.go"

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
	files := formatscan.ParseDir(t, fset, dir)
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
		if obj.Name() == "OpenWith" && filepath.Base(pos.Filename) != cmdOpensIn {
			t.Errorf("%s:%d: cmd/lifecircle opens the database outside %s; use Config.withRegion (or OpenDB), which scope it to the command's region",
				filepath.Base(pos.Filename), pos.Line, cmdOpensIn)
		}
	}
	if seen == 0 {
		t.Fatal("cmd/lifecircle names nothing of postgis: the check found no database use at all")
	}
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

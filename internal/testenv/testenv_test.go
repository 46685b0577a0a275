package testenv_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/lifecircle/lifecircle/internal/testenv"
)

func TestRepoRoot(t *testing.T) {
	root := testenv.RepoRoot(t)
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("RepoRoot %s holds no go.mod: %v", root, err)
	}
	if _, err := os.Stat(filepath.Join(root, "internal", "testenv", "testenv.go")); err != nil {
		t.Fatalf("RepoRoot %s is not this repository's root: %v", root, err)
	}
}

func TestRequireToolFindsGo(t *testing.T) {
	// The go command runs this test, so it is on PATH or in GOROOT/bin.
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", filepath.Dir(exe)+string(os.PathListSeparator)+os.Getenv("PATH"))
	name := filepath.Base(exe)
	if got := testenv.RequireTool(t, name, "the test binary itself"); filepath.Base(got) != name {
		t.Errorf("RequireTool(%q) = %q", name, got)
	}
}

package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// CI reports whether the tests run under CI=true, where nothing may be missing.
func CI() bool { return os.Getenv("CI") == "true" }

// Missing skips the test with the reason, or fails it under CI=true.
func Missing(tb testing.TB, format string, args ...any) {
	tb.Helper()
	reason := fmt.Sprintf(format, args...)
	if CI() {
		tb.Fatalf("CI=true but %s", reason)
	}
	tb.Skipf("skipping: %s", reason)
}

// RepoRoot returns the repository root: the nearest folder at or above the working
// directory that holds go.mod. It fails the test when there is none.
func RepoRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatalf("working directory: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("go.mod not found above the test's directory")
		}
		dir = parent
	}
}

// SharedData returns the path of rel (path elements, none for the folder itself) in the
// real-data folder shared/data beside the repository root. When that path is missing the
// test is skipped (failed under CI=true).
func SharedData(tb testing.TB, rel ...string) string {
	tb.Helper()
	p := filepath.Join(append([]string{RepoRoot(tb), "..", "shared", "data"}, rel...)...)
	if _, err := os.Stat(p); err != nil {
		Missing(tb, "real test data %s is missing (shared/data beside the repository): %v", p, err)
	}
	return p
}

// RequireTool returns the path of the command-line tool name on PATH. When it is missing
// the test is skipped (failed under CI=true); hint says where the tool comes from (e.g.
// "Debian package gdal-bin").
func RequireTool(tb testing.TB, name, hint string) string {
	tb.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		Missing(tb, "%s is not installed (%s)", name, hint)
	}
	return path
}

// RequireGDAL skips the test unless GDAL's command-line tools that the tests run (ogr2ogr,
// ogrinfo, gdalinfo, gdal_translate, gdaltransform, gdalsrsinfo: all of the Debian package
// gdal-bin) are on PATH; under CI=true their absence fails it.
func RequireGDAL(tb testing.TB) {
	tb.Helper()
	for _, name := range []string{"ogr2ogr", "ogrinfo", "gdalinfo", "gdal_translate", "gdaltransform", "gdalsrsinfo"} {
		RequireTool(tb, name, "GDAL's tool, Debian package gdal-bin")
	}
}

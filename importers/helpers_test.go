package importers_test

import (
	"context"
	"errors"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers"
	"github.com/lifecircle/lifecircle/importers/internal/importtest"
)

var update = flag.Bool("update", false, "regenerate the generated fixtures in testdata/")

// testCategories returns the small category list of testdata/categories.json.
func testCategories(tb testing.TB) *geo.Categories {
	return importtest.Categories(tb, filepath.Join("testdata", "categories.json"))
}

// readFixture reads testdata/path as kind, failing the test on a whole-file error.
func readFixture(tb testing.TB, kind importers.Kind, path string, opts importers.Options) *importers.Result {
	tb.Helper()
	res, err := importers.ReadFile(context.Background(), kind, filepath.Join("testdata", path), opts)
	if err != nil {
		tb.Fatalf("ReadFile(%s): %v", path, err)
	}
	return res
}

// readString reads content named name as kind.
func readString(tb testing.TB, kind importers.Kind, name, content string, opts importers.Options) (*importers.Result, error) {
	tb.Helper()
	return importers.Read(context.Background(), kind, name, strings.NewReader(content), opts)
}

// readOK reads content named name as kind, failing the test on a whole-file error.
func readOK(tb testing.TB, kind importers.Kind, name, content string, opts importers.Options) *importers.Result {
	tb.Helper()
	res, err := readString(tb, kind, name, content, opts)
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// requireInvalid checks that err is a *geo.Error with code EINVALID whose message holds
// every one of want.
func requireInvalid(tb testing.TB, err error, want ...string) {
	tb.Helper()
	var ge *geo.Error
	if !errors.As(err, &ge) {
		tb.Fatalf("error %v (%T) is not a *geo.Error", err, err)
	}
	if ge.Code != geo.EINVALID {
		tb.Errorf("error code %q, want %q (%v)", ge.Code, geo.EINVALID, err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			tb.Errorf("error %q does not mention %q", err, w)
		}
	}
}

// noRejects fails when res has rejects.
func noRejects(tb testing.TB, res *importers.Result) {
	tb.Helper()
	for _, r := range res.Rejects {
		tb.Errorf("unexpected reject: %s", r)
	}
}

// sameValues compares the values read with want, one by one; what names a value in
// messages ("outlet").
func sameValues[T comparable](tb testing.TB, what string, got, want []T) {
	tb.Helper()
	if len(got) != len(want) {
		tb.Fatalf("got %d %ss, want %d", len(got), what, len(want))
	}
	for i, w := range want {
		if got[i] != w {
			tb.Errorf("%s %d:\n got %+v\nwant %+v", what, i+1, got[i], w)
		}
	}
}

package main_test

import (
	"context"
	"strings"
	"sync"
	"testing"
)

// Two replace imports of disjoint outlet sets at the same time: the second waits for the
// first, so the table ends holding exactly one of the two sets, never both.
func TestConcurrentReplaceImportsKeepOneSet(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 2 × 200 000 outlets")
	}
	_, url := newDB(t)
	dir := t.TempDir()
	const n = 200_000
	files := []string{writeOutlets(t, dir, "a", n), writeOutlets(t, dir, "b", n)}
	var wg sync.WaitGroup
	codes, errs := make([]int, 2), make([]string, 2)
	for i, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// The second waits for the first (200 000 rows, over 30 s on a loaded machine).
			codes[i], _, errs[i] = run(t, url, "import", "outlets", f, "--lock-timeout", "10m")
		}()
	}
	wg.Wait()
	for i := range codes {
		if codes[i] != 0 {
			t.Errorf("import %s: exit %d\n%s", files[i], codes[i], errs[i])
		}
	}
	ctx := context.Background()
	conn := connect(t, url)
	var total, a, b int64
	err := conn.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE id LIKE 'a%'), count(*) FILTER (WHERE id LIKE 'b%') FROM outlets`).Scan(&total, &a, &b)
	if err != nil {
		t.Fatal(err)
	}
	if total != n || (a != n && b != n) {
		t.Errorf("outlets: %d rows (%d of set a, %d of set b), want exactly one set of %d", total, a, b, n)
	}
}

// An import that waits longer than the lock timeout for another of its kind fails with a
// message saying so and status 2; nothing changes.
func TestImportLockTimeout(t *testing.T) {
	_, url := newDB(t)
	path := writeOutlets(t, t.TempDir(), "c", 10)
	ctx := context.Background()
	tx, err := connect(t, url).Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck
	// Hold the outlets import lock as another import would (the same key as postgis.lockKind).
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(7196, hashtext('outlets'))`); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, url)
	code, _, errOut := run(t, url, "import", "outlets", path, "--mode", "replace", "--lock-timeout", "1s")
	t.Logf("the second replace: exit %d: %s", code, lastLine(errOut))
	if code != 2 || !strings.Contains(errOut, "another import of outlets is running") {
		t.Errorf("exit %d, %q; want 2 and \"another import of outlets is running\"", code, errOut)
	}
	sameSnapshot(t, before, snapshot(t, url))
}

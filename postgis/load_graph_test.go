package postgis_test

import (
	"bytes"
	"context"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
)

// A saved graph snapshot reads back byte for byte across parts (read on two connections
// at once); one missing a part is an EINVALID error; any change of the walk network moves
// its version and drops the snapshots, and a save for an older version stores nothing.
func TestGraphSnapshotStore(t *testing.T) {
	db, url := postgistest.New(t)
	ctx := context.Background()
	data := make([]byte, 20<<20+123) // three parts
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range data {
		data[i] = byte(rng.Uint32())
	}
	v, err := db.NetworkVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	save := func(version int64) {
		t.Helper()
		if err := db.SaveGraph(ctx, "k", version, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			t.Fatal(err)
		}
	}
	read := func(version int64) ([]byte, bool) {
		t.Helper()
		var got []byte
		found, err := db.ReadGraph(ctx, "k", version, func(r io.Reader) error { got, err = io.ReadAll(r); return err })
		if err != nil {
			t.Fatal(err)
		}
		return got, found
	}
	save(v)
	save(v) // replaces, does not add parts
	if got, found := read(v); !found || !bytes.Equal(got, data) {
		t.Fatalf("read back %d bytes (found %v), saved %d", len(got), found, len(data))
	}
	if _, found := read(v + 1); found {
		t.Fatal("a snapshot of another version was found")
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DELETE FROM walk_graph_snapshots WHERE part = 2"); err != nil {
		t.Fatal(err)
	}
	found, err := db.ReadGraph(ctx, "k", v, func(r io.Reader) error { _, err := io.ReadAll(r); return err })
	if !found || geo.ErrorCodeOf(err) != geo.EINVALID {
		t.Fatalf("a snapshot missing its second part: found %v, err %v; want found and EINVALID", found, err)
	}
	save(v)
	if _, err := conn.Exec(ctx, "INSERT INTO walk_nodes (region, id, geom) VALUES ('default', 1, ST_SetSRID(ST_MakePoint(104, 30), 4326))"); err != nil {
		t.Fatal(err)
	}
	v2, err := db.NetworkVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var left int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM walk_graph_snapshots").Scan(&left); err != nil {
		t.Fatal(err)
	}
	if v2 == v || left != 0 {
		t.Fatalf("after a network change: version %d → %d, %d snapshot parts left; want a new version, none left", v, v2, left)
	}
	save(v) // stale: stores nothing
	if _, found := read(v); found {
		t.Fatal("a snapshot saved for an older network version was stored")
	}
}

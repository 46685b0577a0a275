package postgis

import (
	"context"
	"errors"
	"io"

	"github.com/jackc/pgx/v5"
)

// graphPartBytes is the size of one stored part of a walk graph snapshot.
const graphPartBytes = 8 << 20

// NetworkVersion returns db.Region()'s walk network version: it changes with every
// statement that changes the region's walk_nodes or walk_edges (migration 00014's
// triggers); 1 while nothing changed them.
func (db *DB) NetworkVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.pool.QueryRow(ctx, "SELECT coalesce((SELECT version FROM walk_network_version WHERE region = $1), 1)", db.rg()).Scan(&v)
	return v, mapError(err, "read walk network version")
}

// ReadGraph streams db.Region()'s walk graph snapshot stored under key for the network version to
// read, part by part (never the whole snapshot in memory), and says whether there was one.
func (db *DB) ReadGraph(ctx context.Context, key string, version int64, read func(io.Reader) error) (bool, error) {
	rows, err := db.pool.Query(ctx, "SELECT data FROM walk_graph_snapshots WHERE region = $3 AND key = $1 AND version = $2 ORDER BY part",
		pgx.QueryResultFormats{pgx.BinaryFormatCode}, key, version, db.rg())
	if err != nil {
		return false, mapError(err, "read walk graph snapshot")
	}
	defer rows.Close()
	if !rows.Next() {
		return false, mapError(rows.Err(), "read walk graph snapshot")
	}
	pr := &partsReader{rows: rows, cur: rows.RawValues()[0]}
	if err := read(pr); err != nil {
		return true, err
	}
	rows.Close()
	return true, mapError(rows.Err(), "read walk graph snapshot")
}

// partsReader reads the parts of a snapshot, one row each, as one stream.
type partsReader struct {
	rows pgx.Rows
	cur  []byte
}

func (r *partsReader) Read(p []byte) (int, error) {
	for len(r.cur) == 0 {
		if !r.rows.Next() {
			if err := r.rows.Err(); err != nil {
				return 0, err
			}
			return 0, io.EOF
		}
		r.cur = r.rows.RawValues()[0]
	}
	n := copy(p, r.cur)
	r.cur = r.cur[n:]
	return n, nil
}

// SaveGraph stores what write writes as db.Region()'s walk graph snapshot of key for the
// network version, replacing the region's earlier snapshots, in parts of graphPartBytes, in one transaction.
// When the network has changed since version nothing is stored: the snapshot would be of
// an older network (the share lock keeps the network's version from changing until the
// snapshot is committed).
func (db *DB) SaveGraph(ctx context.Context, key string, version int64, write func(io.Writer) error) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		var now int64
		// no row: the network never changed (version 1); a change that commits meanwhile
		// makes a version above 1, so a snapshot saved here is never read
		err := tx.QueryRow(ctx, "SELECT version FROM walk_network_version WHERE region = $1 FOR SHARE", db.rg()).Scan(&now)
		if errors.Is(err, pgx.ErrNoRows) {
			now, err = 1, nil
		}
		if err != nil {
			return mapError(err, "save walk graph snapshot")
		}
		if now != version {
			return nil
		}
		// every other key's snapshot goes too: a new key means the districts, halo or walking
		// model changed, and the old graph would only take space
		if _, err := tx.Exec(ctx, "DELETE FROM walk_graph_snapshots WHERE region = $1", db.rg()); err != nil {
			return mapError(err, "save walk graph snapshot")
		}
		pr, pw := io.Pipe()
		werr := make(chan error, 1)
		go func() {
			err := write(pw)
			pw.CloseWithError(err)
			werr <- err
		}()
		src := &partsSource{r: pr, region: db.rg(), key: key, version: version}
		_, err = tx.CopyFrom(ctx, pgx.Identifier{"walk_graph_snapshots"}, []string{"region", "key", "version", "part", "data"}, src)
		pr.CloseWithError(io.ErrClosedPipe)
		if wErr := <-werr; wErr != nil && !errors.Is(wErr, io.ErrClosedPipe) {
			return wErr
		}
		return mapError(err, "save walk graph snapshot")
	})
}

// partsSource cuts a stream into COPY rows of graphPartBytes.
type partsSource struct {
	r       io.Reader
	region  string
	key     string
	version int64
	part    int32
	buf     []byte
	err     error
}

func (s *partsSource) Next() bool {
	if s.err != nil {
		return false
	}
	buf := make([]byte, graphPartBytes)
	n, err := io.ReadFull(s.r, buf)
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		if n == 0 {
			return false
		}
		s.err = io.EOF
	case err != nil:
		s.err = err
		return false
	}
	s.buf = buf[:n]
	s.part++
	return true
}

func (s *partsSource) Values() ([]any, error) {
	return []any{s.region, s.key, s.version, s.part, s.buf}, nil
}

func (s *partsSource) Err() error {
	if errors.Is(s.err, io.EOF) {
		return nil
	}
	return s.err
}

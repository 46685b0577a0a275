package postgis

import (
	"context"
	"encoding/binary"
	"errors"
	"io"

	"github.com/jackc/pgx/v5"

	"github.com/lifecircle/lifecircle/geo"
)

// graphPartBytes is the size of one stored part of a walk graph snapshot: just under
// 8 MiB, so that a part's row with its message header fits the driver's 8 MiB read buffer
// (pgx pools buffers by powers of two; 8 MiB exactly would take a 16 MiB one).
const graphPartBytes = 8<<20 - 1024

// NetworkVersion returns db.Region()'s walk network version: it changes with every
// statement that changes the region's walk_nodes or walk_edges (migration 00014's
// triggers); 1 while nothing changed them.
func (db *DB) NetworkVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.pool.QueryRow(ctx, "SELECT coalesce((SELECT version FROM walk_network_version WHERE region = $1), 1)", db.rg()).Scan(&v)
	return v, mapError(err, "read walk network version")
}

// ReadGraph streams db.Region()'s walk graph snapshot stored under key for the network
// version to read, part by part in order (never the whole snapshot in memory but the part
// read and the next), and says whether there was one. A snapshot whose parts are not
// numbered 1, 2, … is an EINVALID error (a damaged snapshot: the caller builds again).
func (db *DB) ReadGraph(ctx context.Context, key string, version int64, read func(io.Reader) error) (bool, error) {
	tx, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return false, mapError(err, "read walk graph snapshot")
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // read only
	var parts int
	err = tx.QueryRow(ctx, "SELECT count(*) FROM walk_graph_snapshots WHERE region = $3 AND key = $1 AND version = $2",
		key, version, db.rg()).Scan(&parts)
	if err != nil || parts == 0 {
		return false, mapError(err, "read walk graph snapshot")
	}
	pr := &partsReader{parts: parts}
	defer pr.close()
	rows, err := tx.Query(ctx, "SELECT part, data FROM walk_graph_snapshots WHERE region = $3 AND key = $1 AND version = $2 ORDER BY part",
		pgx.QueryResultFormats{pgx.BinaryFormatCode, pgx.BinaryFormatCode}, key, version, db.rg())
	if err != nil {
		return true, mapError(err, "read walk graph snapshot")
	}
	pr.rows = rows
	if err := read(pr); err != nil {
		return true, err
	}
	return true, pr.close()
}

// partsReader reads the parts of a snapshot, one row each in part order, as one stream.
type partsReader struct {
	parts  int // parts in the snapshot
	next   int // parts taken
	rows   pgx.Rows
	cur    []byte
	err    error
	closed bool
}

func (r *partsReader) Read(p []byte) (int, error) {
	for len(r.cur) == 0 {
		if r.err != nil {
			return 0, r.err
		}
		if r.next == r.parts {
			return 0, io.EOF
		}
		r.cur, r.err = r.take()
	}
	n := copy(p, r.cur)
	r.cur = r.cur[n:]
	return n, nil
}

// take returns the data of the next part.
func (r *partsReader) take() ([]byte, error) {
	rows := r.rows
	r.next++
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, mapError(err, "read walk graph snapshot")
		}
		return nil, geo.Errorf(geo.EINVALID, "walk graph snapshot: part %d of %d missing", r.next, r.parts)
	}
	raw := rows.RawValues()
	if len(raw[0]) != 4 || int(binary.BigEndian.Uint32(raw[0])) != r.next {
		return nil, geo.Errorf(geo.EINVALID, "walk graph snapshot: part %d of %d out of sequence", r.next, r.parts)
	}
	return raw[1], nil
}

// close closes the query; it returns its error.
func (r *partsReader) close() error {
	if r.closed || r.rows == nil {
		return nil
	}
	r.closed = true
	r.rows.Close()
	return mapError(r.rows.Err(), "read walk graph snapshot")
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

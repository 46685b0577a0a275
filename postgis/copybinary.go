package postgis

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/jackc/pgx/v5"
)

// copyBinarySignature opens every COPY … (FORMAT binary) stream.
var copyBinarySignature = []byte("PGCOPY\n\xff\r\n\x00")

// copyReader reads tuples from a PostgreSQL binary COPY stream: faster to load than rows
// through the query protocol for the walk network's millions of rows.
type copyReader struct {
	r      *bufio.Reader
	fields [][]byte // the current tuple's fields; nil for NULL; valid until the next call
	lens   []int32
	buf    []byte
}

func newCopyReader(r io.Reader) (*copyReader, error) {
	cr := &copyReader{r: bufio.NewReaderSize(r, 1<<20)}
	head := make([]byte, len(copyBinarySignature)+8)
	if _, err := io.ReadFull(cr.r, head); err != nil {
		return nil, fmt.Errorf("copy header: %w", err)
	}
	if !bytes.Equal(head[:len(copyBinarySignature)], copyBinarySignature) {
		return nil, fmt.Errorf("copy header: not a binary COPY stream")
	}
	ext := binary.BigEndian.Uint32(head[len(copyBinarySignature)+4:])
	if _, err := cr.r.Discard(int(ext)); err != nil {
		return nil, fmt.Errorf("copy header extension: %w", err)
	}
	return cr, nil
}

// next reads one tuple into cr.fields; false at the end of the stream.
func (cr *copyReader) next() (bool, error) {
	var head [4]byte
	if _, err := io.ReadFull(cr.r, head[:2]); err != nil {
		return false, fmt.Errorf("copy tuple: %w", err)
	}
	n := int16(binary.BigEndian.Uint16(head[:2]))
	if n == -1 {
		return false, nil
	}
	cr.fields = cr.fields[:0]
	cr.lens = cr.lens[:0]
	cr.buf = cr.buf[:0]
	for i := 0; i < int(n); i++ {
		if _, err := io.ReadFull(cr.r, head[:]); err != nil {
			return false, fmt.Errorf("copy field: %w", err)
		}
		l := int32(binary.BigEndian.Uint32(head[:]))
		cr.lens = append(cr.lens, l)
		if l < 0 {
			continue
		}
		start := len(cr.buf)
		cr.buf = slices.Grow(cr.buf, int(l))[:start+int(l)]
		if _, err := io.ReadFull(cr.r, cr.buf[start:]); err != nil {
			return false, fmt.Errorf("copy field: %w", err)
		}
	}
	off := 0
	for _, l := range cr.lens {
		if l < 0 {
			cr.fields = append(cr.fields, nil)
			continue
		}
		cr.fields = append(cr.fields, cr.buf[off:off+int(l)])
		off += int(l)
	}
	return true, nil
}

func fieldInt64(b []byte) int64 { return int64(binary.BigEndian.Uint64(b)) }

func fieldFloat64(b []byte) float64 {
	return float64frombits(binary.BigEndian.Uint64(b))
}

// copyWriter writes a PostgreSQL binary COPY stream (COPY … FROM STDIN (FORMAT binary)):
// faster than encoding values one by one through the driver for the coverage's arrays
// (the rows come encoded: encodedRows).
type copyWriter struct {
	w *bufio.Writer
}

// Element type OIDs of the arrays written.
const (
	oidFloat4 = 700
	oidText   = 25
)

func newCopyWriter(w io.Writer) *copyWriter {
	cw := &copyWriter{w: bufio.NewWriterSize(w, 1<<20)}
	cw.w.Write(copyBinarySignature)
	cw.w.Write(make([]byte, 8)) // flags, header extension length
	return cw
}

// close ends the stream.
func (cw *copyWriter) close() error {
	cw.w.Write([]byte{0xff, 0xff})
	return cw.w.Flush()
}

// copyIn runs COPY sql FROM STDIN (FORMAT binary) in tx with the stream write writes.
func copyIn(ctx context.Context, tx pgx.Tx, sql string, write func(*copyWriter) error) error {
	pr, pw := io.Pipe()
	werr := make(chan error, 1)
	go func() {
		cw := newCopyWriter(pw)
		err := write(cw)
		if err == nil {
			err = cw.close()
		}
		pw.CloseWithError(err)
		werr <- err
	}()
	_, err := tx.Conn().PgConn().CopyFrom(ctx, pr, sql)
	pr.CloseWithError(io.ErrClosedPipe)
	if wErr := <-werr; wErr != nil && !errors.Is(wErr, io.ErrClosedPipe) {
		return wErr
	}
	return err
}

package postgis

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
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
// faster than encoding values one by one through the driver for the coverage's arrays.
type copyWriter struct {
	w   *bufio.Writer
	buf []byte
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

// tuple starts a tuple of n fields.
func (cw *copyWriter) tuple(n int) { cw.w.Write(binary.BigEndian.AppendUint16(cw.buf[:0], uint16(n))) }

func (cw *copyWriter) int64(v int64) {
	b := binary.BigEndian.AppendUint32(cw.buf[:0], 8)
	cw.w.Write(binary.BigEndian.AppendUint64(b, uint64(v)))
}

func (cw *copyWriter) int32(v int32) {
	b := binary.BigEndian.AppendUint32(cw.buf[:0], 4)
	cw.w.Write(binary.BigEndian.AppendUint32(b, uint32(v)))
}

// float4Array writes a one-dimensional real[]; elements where valid is false are NULL.
func (cw *copyWriter) float4Array(v []float32, valid []bool) {
	b := cw.arrayHeader(oidFloat4, len(v), 8*len(v), slices.Contains(valid, false))
	for i, x := range v {
		if !valid[i] {
			b = binary.BigEndian.AppendUint32(b, 0xffffffff)
			continue
		}
		b = binary.BigEndian.AppendUint32(b, 4)
		b = binary.BigEndian.AppendUint32(b, float32bits(x))
	}
	cw.field(b)
}

// textArray writes a one-dimensional text[]; "" elements are NULL.
func (cw *copyWriter) textArray(v []string) {
	size := 0
	for _, s := range v {
		size += 4 + len(s)
	}
	b := cw.arrayHeader(oidText, len(v), size, slices.Contains(v, ""))
	for _, s := range v {
		if s == "" {
			b = binary.BigEndian.AppendUint32(b, 0xffffffff)
			continue
		}
		b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
		b = append(b, s...)
	}
	cw.field(b)
}

// arrayHeader starts an array value of n elements in cw.buf, its length to be set by
// field.
func (cw *copyWriter) arrayHeader(oid uint32, n, size int, hasNull bool) []byte {
	b := slices.Grow(cw.buf[:0], 24+size)[:4] // the value's length, set by field
	flags := uint32(0)
	if hasNull {
		flags = 1
	}
	for _, v := range []uint32{1, flags, oid, uint32(n), 1} {
		b = binary.BigEndian.AppendUint32(b, v)
	}
	return b
}

// field writes b (a value prefixed by 4 bytes for its length) with its length set.
func (cw *copyWriter) field(b []byte) {
	binary.BigEndian.PutUint32(b, uint32(len(b)-4))
	cw.w.Write(b)
	cw.buf = b
}

// close ends the stream.
func (cw *copyWriter) close() error {
	cw.w.Write([]byte{0xff, 0xff})
	return cw.w.Flush()
}

func float32bits(f float32) uint32 { return math.Float32bits(f) }

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

// text writes a text value; NULL when null.
func (cw *copyWriter) text(s string, null bool) {
	if null {
		cw.null()
		return
	}
	b := binary.BigEndian.AppendUint32(cw.buf[:0], uint32(len(s)))
	cw.buf = append(b, s...)
	cw.w.Write(cw.buf)
}

// float8 writes a double precision value; NULL when v is NaN or infinite and nullable.
func (cw *copyWriter) float8(v float64, nullable bool) {
	if nullable && (math.IsNaN(v) || math.IsInf(v, 0)) {
		cw.null()
		return
	}
	b := binary.BigEndian.AppendUint32(cw.buf[:0], 8)
	cw.w.Write(binary.BigEndian.AppendUint64(b, math.Float64bits(v)))
}

func (cw *copyWriter) null() { cw.w.Write([]byte{0xff, 0xff, 0xff, 0xff}) }

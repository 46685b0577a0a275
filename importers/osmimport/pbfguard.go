package osmimport

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/internal/guard"
)

// The OSM PBF format's limits (wiki.openstreetmap.org/wiki/PBF_Format): a BlobHeader
// must be shorter than 64 KiB, a Blob and its uncompressed data shorter than 32 MiB.
const (
	maxBlobHeaderSize = 64 << 10
	maxBlobSize       = 32 << 20
)

// pbfGuard stands between a PBF file and github.com/paulmach/osm's decoder, which trusts
// the file and panics on its own goroutines — where no recover can reach — when it lies.
// As one would report it upstream (paulmach/osm v0.8.0, osmpbf):
//
//	osmpbf: a Blob whose raw_size is near 2^31 panics with "makeslice: cap out of range"
//	(decode.go:355, getData: l := blob.GetRawSize() + bytes.MinRead overflows int32 and
//	make gets a negative capacity); a negative BlobHeader datasize panics slicing blobBuf;
//	a zlib blob that inflates past raw_size is read whole before the size check (a 32 MiB
//	blob can inflate to 32 GiB); and the data decoders index the string table, a way's
//	node list and a relation's members with values read from the file unchecked, so a
//	string index past the table, a lat list longer than the refs or a PrimitiveGroup with
//	plain (non-dense) nodes ("nodes are not supported") panic. The panics happen on the
//	decoder's goroutines, so the calling program cannot recover and exits with status 2.
//
// So the guard reads each file block itself, checks the framing against the format's
// limits, inflates the data (at most raw_size bytes, which must be under 32 MiB), checks
// every index the decoder will follow (checkPrimitiveBlock) and hands the decoder the
// block re-encoded as an uncompressed Blob, which it then need not inflate. It also counts
// the unpacked bytes against Limits.MaxBytes. Blocks are inflated and checked in
// parallel and handed on in file order.
type pbfGuard struct {
	r     io.Reader
	name  string
	max   int64 // Limits.MaxBytes
	total int64 // unpacked bytes so far

	ctx    context.Context
	cancel context.CancelFunc
	order  chan *pbfJob // the blocks in file order, as the feeder reads them
	out    []byte
	off    int
	err    error
}

// pbfJob is one file block on its way through the guard's workers.
type pbfJob struct {
	block int
	typ   string
	blob  []byte // as read
	frame error  // a framing error: the block could not be read
	done  chan struct{}
	out   []byte // re-encoded, once done
	raw   int64  // unpacked bytes
	err   error
}

// newPBFGuard starts the guard over r: one goroutine reads the file blocks in order,
// workers (one per CPU) inflate and check them, and Read hands them on in order. Close
// stops it.
func newPBFGuard(ctx context.Context, r io.Reader, name string, maxBytes int64) *pbfGuard {
	ctx, cancel := context.WithCancel(ctx)
	workers := max(runtime.GOMAXPROCS(0), 1)
	g := &pbfGuard{r: r, name: name, max: maxBytes, ctx: ctx, cancel: cancel, order: make(chan *pbfJob, 2*workers)}
	work := make(chan *pbfJob, workers)
	go g.feed(work)
	for range workers {
		go func() {
			for j := range work {
				j.out, j.raw, j.err = g.process(j)
				close(j.done)
			}
		}()
	}
	return g
}

// Close stops the guard's goroutines; Read then fails.
func (g *pbfGuard) Close() { g.cancel() }

// feed reads the file blocks and queues them, in order, until the end of the file, a
// framing error or Close.
func (g *pbfGuard) feed(work chan<- *pbfJob) {
	defer close(work)
	defer close(g.order)
	for block := 1; ; block++ {
		j := &pbfJob{block: block, done: make(chan struct{})}
		j.typ, j.blob, j.frame = g.readBlock(block)
		if errors.Is(j.frame, io.EOF) {
			return
		}
		select {
		case g.order <- j:
		case <-g.ctx.Done():
			return
		}
		if j.frame != nil {
			close(j.done)
			return
		}
		select {
		case work <- j:
		case <-g.ctx.Done():
			return
		}
	}
}

// Read implements io.Reader: the checked, re-encoded file blocks.
func (g *pbfGuard) Read(p []byte) (int, error) {
	for g.off == len(g.out) {
		if g.err != nil {
			return 0, g.err
		}
		g.out, g.off = nil, 0
		g.err = g.nextJob() // sets g.out
	}
	n := copy(p, g.out[g.off:])
	g.off += n
	return n, nil
}

// nextJob waits for the next block in file order and makes it the output.
func (g *pbfGuard) nextJob() error {
	var j *pbfJob
	var ok bool
	select {
	case j, ok = <-g.order:
	case <-g.ctx.Done():
		return g.ctx.Err()
	}
	if !ok {
		if g.ctx.Err() != nil {
			return g.ctx.Err()
		}
		return io.EOF
	}
	select {
	case <-j.done:
	case <-g.ctx.Done():
		return g.ctx.Err()
	}
	if j.frame != nil {
		return j.frame
	}
	if j.err != nil {
		return j.err
	}
	if g.total += j.raw; g.total > g.max {
		return &guard.LimitError{What: "the unpacked data", Max: g.max, Offset: g.total}
	}
	g.out = j.out
	return nil
}

// readBlock reads one file block's type and Blob, checking the framing; io.EOF at the end
// of the file.
func (g *pbfGuard) readBlock(block int) (string, []byte, error) {
	var size [4]byte
	if n, err := io.ReadFull(g.r, size[:]); err != nil {
		if n == 0 && errors.Is(err, io.EOF) {
			return "", nil, io.EOF
		}
		return "", nil, g.truncated(block, err)
	}
	hlen := binary.BigEndian.Uint32(size[:])
	if hlen == 0 || hlen >= maxBlobHeaderSize {
		return "", nil, g.errorf(block, "its BlobHeader is %d bytes long; the PBF format allows less than 64 KiB", hlen)
	}
	header := make([]byte, hlen)
	if _, err := io.ReadFull(g.r, header); err != nil {
		return "", nil, g.truncated(block, err)
	}
	typ, datasize, err := parseBlobHeader(header)
	if err != nil {
		return "", nil, g.errorf(block, "malformed BlobHeader: %v", err)
	}
	if datasize <= 0 || datasize >= maxBlobSize {
		return "", nil, g.errorf(block, "its BlobHeader gives a Blob of %d bytes; the PBF format allows 1 byte to less than 32 MiB", datasize)
	}
	if err := g.checkType(block, typ); err != nil {
		return "", nil, err
	}
	blob := make([]byte, datasize)
	if _, err := io.ReadFull(g.r, blob); err != nil {
		return "", nil, g.truncated(block, err)
	}
	return typ, blob, nil
}

// process inflates and checks one block and re-encodes it.
func (g *pbfGuard) process(j *pbfJob) ([]byte, int64, error) {
	data, err := g.unpack(j.block, j.blob)
	if err != nil {
		return nil, 0, err
	}
	if j.typ == blockData {
		if err := checkPrimitiveBlock(data); err != nil {
			return nil, 0, g.errorf(j.block, "%v", err)
		}
	}
	out, err := g.encode(j.block, j.typ, data)
	return out, int64(len(data)), err
}

// The file block types a PBF holds: one header block first, then data blocks.
const (
	blockHeader = "OSMHeader"
	blockData   = "OSMData"
)

func (g *pbfGuard) checkType(block int, typ string) error {
	want := blockData
	if block == 1 {
		want = blockHeader
	}
	if typ != want {
		return g.errorf(block, "it is of type %q where the PBF format has %s", guard.Echo(typ, 40), want)
	}
	return nil
}

// unpack returns a Blob's data: raw, or zlib-inflated to exactly raw_size bytes.
func (g *pbfGuard) unpack(block int, blob []byte) ([]byte, error) {
	b, err := parseBlob(blob)
	if err != nil {
		return nil, g.errorf(block, "malformed Blob: %v", err)
	}
	var data []byte
	switch {
	case b.raw != nil:
		data = b.raw
	case b.zlib != nil:
		if b.rawSize <= 0 || b.rawSize >= maxBlobSize {
			return nil, g.errorf(block, "its Blob gives raw_size %d; the PBF format allows 1 byte to less than 32 MiB", b.rawSize)
		}
		zr, err := zlib.NewReader(bytes.NewReader(b.zlib))
		if err != nil {
			return nil, g.errorf(block, "its zlib data is damaged: %v", err)
		}
		if data, err = inflate(zr, int(b.rawSize)); err != nil {
			return nil, g.errorf(block, "%v", err)
		}
	case b.other != "":
		return nil, g.errorf(block, "its data is %s-compressed; only raw and zlib blobs are supported (recompress it with osmium cat)", b.other)
	default:
		return nil, g.errorf(block, "its Blob holds no data")
	}
	return data, nil
}

// inflate reads exactly rawSize bytes from zr and checks that its stream ends there,
// reading at most one byte more.
func inflate(zr io.Reader, rawSize int) ([]byte, error) {
	data := make([]byte, rawSize)
	n, err := io.ReadFull(zr, data)
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("its zlib data inflates to %d bytes, not the raw_size %d it gives", n, rawSize)
		}
		return nil, fmt.Errorf("its zlib data is damaged: %v", err)
	}
	var one [1]byte
	for {
		n, err = zr.Read(one[:])
		switch {
		case n > 0:
			return nil, fmt.Errorf("its zlib data inflates to more than the raw_size %d it gives", rawSize)
		case errors.Is(err, io.EOF):
			return data, nil
		case err != nil:
			return nil, fmt.Errorf("its zlib data is damaged: %v", err)
		}
	}
}

// encode writes the block as the decoder will read it: an uncompressed Blob.
func (g *pbfGuard) encode(block int, typ string, data []byte) ([]byte, error) {
	var blob []byte
	blob = protowire.AppendTag(blob, 1, protowire.BytesType)
	blob = protowire.AppendBytes(blob, data)
	blob = protowire.AppendTag(blob, 2, protowire.VarintType)
	blob = protowire.AppendVarint(blob, uint64(len(data)))
	if len(blob) >= maxBlobSize {
		return nil, g.errorf(block, "its data of %d bytes is too close to the PBF format's 32 MiB limit", len(data))
	}
	var header []byte
	header = protowire.AppendTag(header, 1, protowire.BytesType)
	header = protowire.AppendString(header, typ)
	header = protowire.AppendTag(header, 3, protowire.VarintType)
	header = protowire.AppendVarint(header, uint64(len(blob)))
	out := make([]byte, 0, 4+len(header)+len(blob))
	out = binary.BigEndian.AppendUint32(out, uint32(len(header)))
	return append(append(out, header...), blob...), nil
}

func (g *pbfGuard) errorf(block int, format string, args ...any) error {
	return geo.Errorf(geo.EINVALID, "%s: not a valid OSM PBF file: file block %d: %s", g.name, block, fmt.Sprintf(format, args...))
}

func (g *pbfGuard) truncated(block int, err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return geo.Errorf(geo.EINVALID, "%s: truncated OSM PBF file: it ends inside file block %d", g.name, block)
	}
	return err
}

// parseBlobHeader reads a BlobHeader's type (1) and datasize (3); later occurrences of a
// field win, as in protobuf.
func parseBlobHeader(b []byte) (typ string, datasize int64, err error) {
	var haveType, haveSize bool
	err = eachField(b, func(num protowire.Number, wt protowire.Type, v []byte, x uint64) error {
		switch {
		case num == 1 && wt == protowire.BytesType:
			typ, haveType = string(v), true
		case num == 3 && wt == protowire.VarintType:
			datasize, haveSize = int64(int32(x)), true
		}
		return nil
	})
	if err == nil && (!haveType || !haveSize) {
		err = errors.New("type or datasize missing")
	}
	return typ, datasize, err
}

// blobFields are the fields of a Blob.
type blobFields struct {
	raw, zlib []byte
	rawSize   int32
	other     string // a compression that is not supported
}

func parseBlob(b []byte) (blobFields, error) {
	var f blobFields
	err := eachField(b, func(num protowire.Number, wt protowire.Type, v []byte, x uint64) error {
		switch {
		case num == 1 && wt == protowire.BytesType:
			f.raw = v
		case num == 2 && wt == protowire.VarintType:
			f.rawSize = int32(x)
		case num == 3 && wt == protowire.BytesType:
			f.zlib = v
		case wt == protowire.BytesType && num >= 4 && num <= 7:
			f.other = [...]string{"lzma", "bzip2", "lz4", "zstd"}[num-4]
		}
		return nil
	})
	return f, err
}

// eachField calls fn with each field of a protobuf message: bytes fields' contents in v,
// varints in x.
func eachField(b []byte, fn func(num protowire.Number, wt protowire.Type, v []byte, x uint64) error) error {
	for len(b) > 0 {
		num, wt, n := protowire.ConsumeTag(b)
		if n < 0 {
			return protowire.ParseError(n)
		}
		b = b[n:]
		var v []byte
		var x uint64
		switch wt {
		case protowire.BytesType:
			v, n = protowire.ConsumeBytes(b)
			if n >= 0 && v == nil {
				v = []byte{}
			}
		case protowire.VarintType:
			x, n = protowire.ConsumeVarint(b)
		default:
			n = protowire.ConsumeFieldValue(num, wt, b)
		}
		if n < 0 {
			return protowire.ParseError(n)
		}
		b = b[n:]
		if err := fn(num, wt, v, x); err != nil {
			return err
		}
	}
	return nil
}

package osmtest

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"math"

	"google.golang.org/protobuf/encoding/protowire"
)

// Node is an OSM node: id, (lat, lon) WGS84 degrees, tags as key, value, key, value ….
type Node struct {
	ID       int64
	Lat, Lon float64
	Tags     []string
}

// Way is an OSM way: id, node ids, tags as key, value, ….
type Way struct {
	ID   int64
	Refs []int64
	Tags []string
}

// File is an extract: its nodes (written as dense nodes) and ways.
type File struct {
	Nodes []Node
	Ways  []Way
}

// PBF encodes f: an OSMHeader block, then one OSMData block, both zlib-compressed.
func (f File) PBF() []byte {
	return Concat(Block("OSMHeader", HeaderBlock(), true), Block("OSMData", f.PrimitiveBlock(), true))
}

// Concat joins file blocks into a file.
func Concat(blocks ...[]byte) []byte { return bytes.Join(blocks, nil) }

// Header is the OSMHeader block a file starts with (HeaderBlock, compressed).
func Header() []byte { return Block("OSMHeader", HeaderBlock(), true) }

// DataFile is a file of Header and one OSMData block of data, compressed.
func DataFile(data []byte) []byte { return Concat(Header(), Block("OSMData", data, true)) }

// DenseNodes is a PrimitiveGroup's DenseNodes message (field 2) of the fields given.
func DenseNodes(fields ...[]byte) []byte { return Message(2, bytes.Join(fields, nil)) }

// TwoDenseNodes are the id (1) and lat/lon (8, 9) lists of DenseNodes for the nodes 1 and
// 2 at (lat 30.657, lon 104.066) and one unit (100 nanodegrees) on, delta-coded.
func TwoDenseNodes() (ids, coords []byte) {
	ids = Packed(1, Zigzag([]int64{1, 1}))
	coords = append(Packed(8, Zigzag([]int64{306570000, 1})), Packed(9, Zigzag([]int64{1040660000, 1}))...)
	return ids, coords
}

// HeaderBlock is a HeaderBlock requiring OsmSchema-V0.6 and DenseNodes.
func HeaderBlock() []byte {
	var b []byte
	for _, feature := range []string{"OsmSchema-V0.6", "DenseNodes"} {
		b = protowire.AppendTag(b, 4, protowire.BytesType)
		b = protowire.AppendString(b, feature)
	}
	return b
}

// Block frames data as a file block of the type: a Blob, raw or zlib-compressed, behind
// its BlobHeader.
func Block(typ string, data []byte, compress bool) []byte {
	var blob []byte
	if compress {
		blob = protowire.AppendTag(blob, 2, protowire.VarintType)
		blob = protowire.AppendVarint(blob, uint64(len(data)))
		blob = protowire.AppendTag(blob, 3, protowire.BytesType)
		blob = protowire.AppendBytes(blob, Zlib(data))
	} else {
		blob = protowire.AppendTag(blob, 1, protowire.BytesType)
		blob = protowire.AppendBytes(blob, data)
	}
	return Frame(typ, blob)
}

// Frame puts a BlobHeader of the type and the blob's size before blob.
func Frame(typ string, blob []byte) []byte {
	return FrameSized(typ, blob, int64(len(blob)))
}

// FrameSized is Frame with the datasize the header claims.
func FrameSized(typ string, blob []byte, datasize int64) []byte {
	var h []byte
	h = protowire.AppendTag(h, 1, protowire.BytesType)
	h = protowire.AppendString(h, typ)
	h = protowire.AppendTag(h, 3, protowire.VarintType)
	h = protowire.AppendVarint(h, uint64(datasize))
	out := binary.BigEndian.AppendUint32(nil, uint32(len(h)))
	return append(append(out, h...), blob...)
}

// ZlibBlob is a Blob of zlib data claiming rawSize bytes.
func ZlibBlob(zdata []byte, rawSize int64) []byte {
	var blob []byte
	blob = protowire.AppendTag(blob, 2, protowire.VarintType)
	blob = protowire.AppendVarint(blob, uint64(rawSize))
	blob = protowire.AppendTag(blob, 3, protowire.BytesType)
	return protowire.AppendBytes(blob, zdata)
}

// Zlib compresses data.
func Zlib(data []byte) []byte {
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write(data)
	zw.Close()
	return buf.Bytes()
}

// strings is a string table under construction; index 0 is "".
type strings struct {
	list []string
	idx  map[string]int
}

func (s *strings) id(v string) uint64 {
	if s.idx == nil {
		s.list, s.idx = []string{""}, map[string]int{"": 0}
	}
	if i, ok := s.idx[v]; ok {
		return uint64(i)
	}
	s.idx[v] = len(s.list)
	s.list = append(s.list, v)
	return uint64(len(s.list) - 1)
}

// StringTable encodes a string table message.
func StringTable(list []string) []byte {
	var b []byte
	for _, v := range list {
		b = protowire.AppendTag(b, 1, protowire.BytesType)
		b = protowire.AppendString(b, v)
	}
	return b
}

// PrimitiveBlock encodes f's nodes (one DenseNodes group) and ways (one group) with the
// default granularity (100 nanodegrees).
func (f File) PrimitiveBlock() []byte {
	var st strings
	st.id("")
	var groups [][]byte
	if len(f.Nodes) > 0 {
		groups = append(groups, Message(2, f.dense(&st)))
	}
	if len(f.Ways) > 0 {
		var g []byte
		for _, w := range f.Ways {
			g = append(g, Message(3, w.encode(&st))...)
		}
		groups = append(groups, g)
	}
	return PrimitiveBlock(st.list, groups...)
}

// PrimitiveBlock encodes a block of the string table and groups (each the encoded
// content of a PrimitiveGroup).
func PrimitiveBlock(table []string, groups ...[]byte) []byte {
	b := Message(1, StringTable(table))
	for _, g := range groups {
		b = append(b, Message(2, g)...)
	}
	return b
}

// Message encodes a length-delimited field num holding content.
func Message(num protowire.Number, content []byte) []byte {
	b := protowire.AppendTag(nil, num, protowire.BytesType)
	return protowire.AppendBytes(b, content)
}

// Packed encodes a packed repeated field of varints.
func Packed(num protowire.Number, vals []uint64) []byte {
	var p []byte
	for _, v := range vals {
		p = protowire.AppendVarint(p, v)
	}
	return Message(num, p)
}

// Zigzag encodes signed values as sint64 varints.
func Zigzag(vals []int64) []uint64 {
	out := make([]uint64, len(vals))
	for i, v := range vals {
		out[i] = protowire.EncodeZigZag(v)
	}
	return out
}

// Delta returns the delta coding of vals.
func Delta(vals []int64) []int64 {
	out := make([]int64, len(vals))
	var prev int64
	for i, v := range vals {
		out[i], prev = v-prev, v
	}
	return out
}

func (f File) dense(st *strings) []byte {
	var ids, lats, lons []int64
	var kv []uint64
	for _, n := range f.Nodes {
		ids = append(ids, n.ID)
		lats = append(lats, int64(math.Round(n.Lat*1e7)))
		lons = append(lons, int64(math.Round(n.Lon*1e7)))
		for i := 0; i+1 < len(n.Tags); i += 2 {
			kv = append(kv, st.id(n.Tags[i]), st.id(n.Tags[i+1]))
		}
		kv = append(kv, 0)
	}
	b := Packed(1, Zigzag(Delta(ids)))
	b = append(b, Packed(8, Zigzag(Delta(lats)))...)
	b = append(b, Packed(9, Zigzag(Delta(lons)))...)
	return append(b, Packed(10, kv)...)
}

func (w Way) encode(st *strings) []byte {
	b := protowire.AppendTag(nil, 1, protowire.VarintType)
	b = protowire.AppendVarint(b, uint64(w.ID))
	var keys, vals []uint64
	for i := 0; i+1 < len(w.Tags); i += 2 {
		keys, vals = append(keys, st.id(w.Tags[i])), append(vals, st.id(w.Tags[i+1]))
	}
	if len(keys) > 0 {
		b = append(b, Packed(2, keys)...)
		b = append(b, Packed(3, vals)...)
	}
	return append(b, Packed(8, Zigzag(Delta(w.Refs)))...)
}

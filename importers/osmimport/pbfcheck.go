package osmimport

import (
	"errors"
	"fmt"

	"github.com/paulmach/protoscan"
	"google.golang.org/protobuf/encoding/protowire"
)

// checkPrimitiveBlock walks an OSMData block the way github.com/paulmach/osm v0.8.0's
// decoder does (osmpbf/decode_data.go, with the same scanner, protoscan) and reports the
// first thing that would make that decoder panic — an index into the string table past
// its end or negative, a way with a lat or lon list longer than its first node list, a
// relation with more roles than member types, plain (non-dense) nodes — or anything it
// would fail on. It follows the decoder's quirks: the last string table of a block is the
// one used, delta-coded string ids accumulate in int32.
func checkPrimitiveBlock(data []byte) error {
	strs, err := stringTableSize(data)
	if err != nil {
		return err
	}
	return eachSubmessage(data, 2, "primitive block", "primitive group", func(d []byte) error { return checkGroup(d, strs) })
}

// eachSubmessage calls fn with each field num of the message data, a message itself, in
// order, skipping the other fields, and stops at fn's first error. A field that cannot be
// read is malformed inner, the message outer.
func eachSubmessage(data []byte, num int, outer, inner string, fn func([]byte) error) error {
	msg := protoscan.New(data)
	for msg.Next() {
		if msg.FieldNumber() != num {
			msg.Skip()
			continue
		}
		d, err := msg.MessageData()
		if err != nil {
			return malformed(inner, err)
		}
		if err := fn(d); err != nil {
			return err
		}
	}
	return malformed(outer, msg.Err())
}

func malformed(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("malformed %s: %v", what, err)
}

// stringTableSize returns the number of strings of the block's (last) string table.
func stringTableSize(data []byte) (int64, error) {
	var n int64
	err := eachSubmessage(data, 1, "primitive block", "string table", func(d []byte) error {
		n = 0 // a later table replaces an earlier one
		return malformed("string table", eachField(d, func(num protowire.Number, wt protowire.Type, _ []byte, _ uint64) error {
			if num == 1 && wt == protowire.BytesType {
				n++
			}
			return nil
		}))
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// checkGroup checks a PrimitiveGroup's dense nodes (2), ways (3) and relations (4).
func checkGroup(data []byte, strs int64) error {
	msg := protoscan.New(data)
	for msg.Next() {
		var check func([]byte, int64) error
		switch msg.FieldNumber() {
		case 1:
			return errors.New("it holds plain (non-dense) nodes, which the PBF reader does not support; convert the file with osmium cat")
		case 2:
			check = checkDenseNodes
		case 3:
			check = checkWay
		case 4:
			check = checkRelation
		default:
			msg.Skip()
			continue
		}
		d, err := msg.MessageData()
		if err != nil {
			return malformed("primitive group", err)
		}
		if err := check(d, strs); err != nil {
			return err
		}
	}
	return malformed("primitive group", msg.Err())
}

// inTable reports whether i indexes a string table of n strings.
func inTable(i, n int64) bool { return i >= 0 && i < n }

func badString(what string, i, n int64) error {
	return fmt.Errorf("%s points to string %d of a string table of %d", what, i, n)
}

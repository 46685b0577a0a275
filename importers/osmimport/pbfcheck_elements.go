package osmimport

import (
	"errors"

	"github.com/paulmach/protoscan"
)

// denseIters are the packed lists of a DenseNodes message the decoder reads; nil when
// absent.
type denseIters struct {
	ids, lats, lons, keyvals                                *protoscan.Iterator
	versions, timestamps, changesets, uids, usids, visibles *protoscan.Iterator
}

// checkDenseNodes checks a DenseNodes message as extractDenseNodes reads it.
func checkDenseNodes(data []byte, strs int64) error {
	var it denseIters
	lists := packedLists{1: &it.ids, 8: &it.lats, 9: &it.lons, 10: &it.keyvals}
	err := eachMessageField(data, func(msg *protoscan.Message) error {
		if msg.FieldNumber() != 5 {
			return lists.read(msg)
		}
		d, err := msg.MessageData()
		if err != nil {
			return err
		}
		return it.readInfo(d)
	})
	if err != nil {
		return malformed("dense nodes", err)
	}
	if it.ids == nil || it.lats == nil || it.lons == nil {
		return errors.New("dense nodes without ids, latitudes or longitudes")
	}
	return it.walk(strs)
}

// readInfo reads a DenseInfo; the last one of a message is the one used.
func (it *denseIters) readInfo(d []byte) error {
	it.versions, it.timestamps, it.changesets, it.uids, it.usids, it.visibles = nil, nil, nil, nil, nil, nil
	lists := packedLists{1: &it.versions, 2: &it.timestamps, 3: &it.changesets, 4: &it.uids, 5: &it.usids, 6: &it.visibles}
	return eachMessageField(d, lists.read)
}

// packedLists are where the packed fields of a message go, by field number (1 to 10);
// fields without a place are skipped.
type packedLists [11]**protoscan.Iterator

// read reads the field msg is at into its place, or skips it.
func (l *packedLists) read(msg *protoscan.Message) error {
	n := msg.FieldNumber()
	if n < 0 || n >= len(l) || l[n] == nil {
		msg.Skip()
		return nil
	}
	var err error
	*l[n], err = msg.Iterator(nil)
	return err
}

// eachMessageField calls field for each field of the message data, in order, stopping at
// the first error; it returns that error or the scanner's.
func eachMessageField(data []byte, field func(*protoscan.Message) error) error {
	msg := protoscan.New(data)
	for msg.Next() {
		if err := field(msg); err != nil {
			return err
		}
	}
	return msg.Err()
}

// walk reads the nodes in the decoder's order, checking the user and tag string ids.
func (it *denseIters) walk(strs int64) error {
	var usid int32
	for it.ids.HasNext() {
		if err := skipValues(it.ids, it.versions, it.timestamps, it.changesets, it.uids); err != nil {
			return malformed("dense nodes", err)
		}
		if it.usids != nil {
			v, err := it.usids.Sint32()
			if err != nil {
				return malformed("dense nodes", err)
			}
			if usid += v; !inTable(int64(usid), strs) {
				return badString("a dense node's user", int64(usid), strs)
			}
		}
		if err := skipValues(it.visibles, it.lats, it.lons); err != nil {
			return malformed("dense nodes", err)
		}
		if err := it.tags(strs); err != nil {
			return err
		}
	}
	return nil
}

// tags checks one node's keys and values in keys_vals (pairs ended by a 0).
func (it *denseIters) tags(strs int64) error {
	if it.keyvals == nil {
		return nil
	}
	for {
		k, err := it.keyvals.Int32()
		if err != nil {
			return malformed("dense nodes' tags", err)
		}
		if k == 0 {
			return nil
		}
		v, err := it.keyvals.Int32()
		if err != nil {
			return malformed("dense nodes' tags", err)
		}
		if !inTable(int64(k), strs) || !inTable(int64(v), strs) {
			return badString("a dense node's tag", int64(min(k, v)), strs)
		}
	}
}

// skipValues reads one varint from each present list.
func skipValues(its ...*protoscan.Iterator) error {
	for _, it := range its {
		if it == nil {
			continue
		}
		if _, err := it.Varint64(); err != nil {
			return err
		}
	}
	return nil
}

// checkWay checks a Way message as scanWays reads it: the string ids of its user and tags,
// and that its lat and lon lists are no longer than the node list made for the first of
// refs, lats and lons.
func checkWay(data []byte, strs int64) error {
	nodes := 0 // the length of the decoder's node list
	return checkElement(data, strs, "way", func(msg *protoscan.Message) error {
		switch msg.FieldNumber() {
		case 8, 9, 10:
			return checkNodeList(msg, &nodes)
		}
		msg.Skip()
		return nil
	})
}

// checkElement checks the fields a Way and a Relation message share: id (1), tag keys (2)
// and values (3) and info (4), then the tags' string ids; every other field goes to other.
// what names the element in the errors.
func checkElement(data []byte, strs int64, what string, other func(*protoscan.Message) error) error {
	var keys, vals *protoscan.Iterator
	err := eachMessageField(data, func(msg *protoscan.Message) (err error) {
		switch msg.FieldNumber() {
		case 1:
			_, err = msg.Int64()
		case 2:
			keys, err = msg.Iterator(nil)
		case 3:
			vals, err = msg.Iterator(nil)
		case 4:
			err = checkInfo(msg, strs, "a "+what+"'s user")
		default:
			err = other(msg)
		}
		return err
	})
	if err != nil {
		return malformed(what, err)
	}
	if keys != nil && vals != nil {
		return checkTags(keys, vals, strs, "a "+what+"'s tag")
	}
	return nil
}

// checkNodeList checks one of a way's refs, lats and lons against the node list's length,
// set by the first of them.
func checkNodeList(msg *protoscan.Message, nodes *int) error {
	it, err := msg.Iterator(nil)
	if err != nil {
		return err
	}
	if *nodes == 0 {
		*nodes = it.Count(protoscan.WireTypeVarint)
	}
	for i := 0; it.HasNext(); i++ {
		if _, err := it.Sint64(); err != nil {
			return err
		}
		if i >= *nodes {
			return errors.New("its refs, lats and lons lists differ in length")
		}
	}
	return nil
}

// checkInfo checks an Info message's user string id.
func checkInfo(msg *protoscan.Message, strs int64, what string) error {
	d, err := msg.MessageData()
	if err != nil {
		return err
	}
	return eachMessageField(d, func(info *protoscan.Message) (err error) {
		switch info.FieldNumber() {
		case 1, 2, 3, 4, 6:
			_, err = info.Varint64()
		case 5:
			var v uint32
			if v, err = info.Uint32(); err == nil && !inTable(int64(v), strs) {
				return badString(what, int64(v), strs)
			}
		default:
			info.Skip()
		}
		return err
	})
}

// checkTags checks parallel key and value string ids.
func checkTags(keys, vals *protoscan.Iterator, strs int64, what string) error {
	for keys.HasNext() {
		k, err := keys.Uint32()
		if err != nil {
			return malformed("tags", err)
		}
		v, err := vals.Uint32()
		if err != nil {
			return malformed("tags", err)
		}
		if !inTable(int64(k), strs) || !inTable(int64(v), strs) {
			return badString(what, int64(max(k, v)), strs)
		}
	}
	return nil
}

// checkRelation checks a Relation message as scanRelations reads it: string ids of user,
// tags and roles, and no more roles than member types.
func checkRelation(data []byte, strs int64) error {
	var roles, memids, types *protoscan.Iterator
	lists := packedLists{8: &roles, 9: &memids, 10: &types}
	err := checkElement(data, strs, "relation", lists.read)
	if err != nil {
		return err
	}
	if roles != nil && memids != nil && types != nil {
		return checkMembers(roles, memids, types, strs)
	}
	return nil
}

func checkMembers(roles, memids, types *protoscan.Iterator, strs int64) error {
	n := types.Count(protoscan.WireTypeVarint)
	for i := 0; roles.HasNext(); i++ {
		r, err := roles.Int32()
		if err != nil {
			return malformed("relation members", err)
		}
		if i >= n {
			return errors.New("a relation has more member roles than member types")
		}
		if !inTable(int64(r), strs) {
			return badString("a relation member's role", int64(r), strs)
		}
		if err := skipValues(memids, types); err != nil {
			return malformed("relation members", err)
		}
	}
	return nil
}

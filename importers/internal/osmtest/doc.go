// Package osmtest writes small OpenStreetMap PBF files for tests — sound ones, and ones
// broken in the ways hostile files are — with the protobuf wire format written directly,
// independently of the reader under test. Tests only.
//
// osmtest may import protowire and the standard library only: it shares no code with the
// reader it tests.
package osmtest

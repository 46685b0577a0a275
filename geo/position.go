package geo

import "bytes"

// LineColumn returns the 1-based line and column of byte offset off in b (clamped to b),
// for the messages that name where a file's content went wrong (a JSON decoder's offset).
func LineColumn(b []byte, off int64) (line, col int) {
	off = max(0, min(off, int64(len(b))))
	before := b[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

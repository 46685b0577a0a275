// Package guard holds the defences the importers share against hostile or broken files:
// a cap on the bytes a stream may yield (decompression bombs), a cap on the length of one
// XML token (a 1.5 GB text node, a 900 MB cell), bounded and escaped echoes of file
// content in messages, and the recovery of a panic into an internal error naming the file.
//
// guard may import geo only; it knows no file format beyond XML's token boundaries.
package guard

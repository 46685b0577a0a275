// Package data bundles lifecircle's data files into the binary: the outlet category
// mapping (categories.json) and the planning standards (standards/*.json). The files are
// meant to be copied and edited by planners; see README.md.
//
// data imports nothing of lifecircle; its accessors return fresh copies of the bytes.
package data

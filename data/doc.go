// Package data bundles lifecircle's data files into the binary: the outlet category
// mapping (categories.json), the station rules for OpenStreetMap (stations.json), the
// planning standards (standards/*.json) and the named service circles (circles.json). The files are meant to be copied and edited by
// planners; see README.md.
//
// data imports only geo, whose categories and station levels the circle loader
// (ParseCircles) checks keys against; its accessors return fresh copies of the bytes.
package data

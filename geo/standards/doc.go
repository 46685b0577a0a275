// Package standards reads planning rules kept as data (data/standards/*.json): the
// life circles of GB 50180-2018 with the facilities each requires, mapped to outlet
// categories and party-mass station levels; the facilities that cannot be assessed; and
// numeric ratios such as service floor area per 100 households.
//
// Circles do not nest: each is checked on its own. Minutes are walking minutes under the
// walking model, distances metres.
//
// standards is pure: it imports only geo (for Level, Categories and the error type).
package standards

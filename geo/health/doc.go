// Package health is the data health check (数据体检): it looks at a district loaded into
// an engine — before computing, so that a boundary 1 300 km from the network is caught
// before 20 s of searches give 0 % everywhere, and again after — and lists what makes
// the results look precise while being wrong: communities without boundaries, units and
// facilities outside the study area, facilities off the walk network or on a fragment of
// it, a fragmented network, missing or implausible population, unconfirmed candidate
// stations, stale derived rows, cells beyond the search bound.
//
// Check(e, facts, opts) returns Findings: a stable Code, a Severity, the Subject (a
// community by code, a station by ID, a cell by H3 index …), the Figure the severity was
// decided on with its Unit, and a message in Chinese and in English that says how to fix
// it. Facts carry what only the caller knows (station statuses, counts of stale derived
// rows); Options the thresholds, each with a default. Findings are sorted by severity,
// code and subject, so the same data gives the same list.
//
// Severity rules:
//
//   - error: the data is certainly wrong and every figure built on it is meaningless for
//     the subject: a community or compound outside the network's extent but for a sliver
//     (Options.UnitErrorOutsideShare, 99 %), a facility farther than
//     Options.FacilityFarKm (20 km) from the study area or with coordinates that are no
//     (lon, lat) pair.
//   - warning: the results are incomplete or doubtful for the subject: a community
//     without a boundary or without population, a unit mostly (Options.MaxUnitOutsideShare)
//     outside the network's extent, a facility beyond Options.FacilityOutsideM of the study
//     area, off the network or on a small component, a network with more than
//     Options.MaxFragmentShare of its nodes outside its largest component, cells denser
//     than Options.MaxDensity, unconfirmed candidate stations, stale derived rows, a
//     facility set leaving more than Options.MaxUnreachedShare of the cells unreached.
//   - info: worth knowing, not by itself a fault: a network fragmented under that share,
//     compounds without population (their community's count still spreads), cells
//     unreached under that share, the checks that need a computed engine, the grid-worker
//     load left unchecked because the standards (Options.Standards) give no bound.
//
// Summarise counts findings by severity and Exit turns the counts into the exit status of
// `lifecircle check` (0 clean, 1 warnings with --strict, 2 errors).
//
// Points are WGS84 (lon, lat); distances in the figures are km (unit "km") or metres
// ("m"), shares fractions in [0, 1], densities residents per km².
//
// health may import geo, geo/engine, geo/walk, geo/coverage, geo/local, geo/standards (the
// grid-worker rule), orb and h3-go; never pgx,
// echo, net/http or postgis.
package health

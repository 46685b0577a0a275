package postgis

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo"
)

var gridSpec = stagedSpec("grids", "code", "geom", "code text", "name text", "community_code text",
	"households int", "population int", "workers int", "wkb bytea", "source text")

// ImportGrids loads grids (网格) in one transaction and checks that they nest in the
// communities: each grid's community code must name a loaded community, at least
// geo.GridMinInsideShare of its area (on the spheroid) must lie in that community, and no
// other community may hold geo.GridMaxOtherShare of it or more. Any failure names the
// file, the record, the grid and the shares, and nothing is stored. Polygons are WGS84
// (lon, lat).
func (db *DB) ImportGrids(ctx context.Context, b Batch, gs []geo.Grid, o ImportOptions) (Summary, error) {
	rows := make([][]any, len(gs))
	recs := make(map[string]int, len(gs))
	for i, g := range gs {
		w, err := recordWKB(b.FileName, o.Record(i), "polygon", g.Polygon)
		if err != nil {
			return Summary{}, err
		}
		var workers any
		if g.WorkersGiven {
			workers = g.Workers
		}
		recs[g.Code] = o.Record(i)
		rows[i] = []any{o.Record(i), g.Code, g.Name, g.CommunityCode, nullInt(g.Households), nullInt(g.Population),
			workers, w, sourceOr(g.Source, b.RowSource())}
	}
	if err := checkRows(b.FileName, gridSpec, rows); err != nil {
		return Summary{}, err
	}
	var s Summary
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		if err := db.lock(ctx, tx, gridSpec.table); err != nil {
			return err
		}
		var err error
		if s, err = loadRows(ctx, tx, db.rg(), withProgress(gridSpec, o), b, rows, o.Repair); err != nil {
			return err
		}
		u := unitCheck{region: db.rg(), file: b.FileName, batch: s.BatchID, recs: recs}
		if err := u.gridCommunities(ctx, tx); err != nil {
			return err
		}
		note, err := u.gridNesting(ctx, tx)
		s.Notes = append(s.Notes, note...)
		return err
	})
	return s, importError(err, b.FileName, gridSpec, rows)
}

// gridCommunities fails on the batch's grids whose community code names no loaded
// community.
func (u unitCheck) gridCommunities(ctx context.Context, tx pgx.Tx) error {
	rows, err := tx.Query(ctx, `SELECT g.code, g.name, g.community_code FROM grids g WHERE g.region = $2 AND g.batch_id = $1
		AND NOT EXISTS (SELECT 1 FROM communities c WHERE c.region = $2 AND c.code = g.community_code) ORDER BY g.code`, u.batch, u.region)
	if err != nil {
		return mapError(err, "check the grids' communities")
	}
	bad, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (string, error) {
		var code, name, cc string
		err := row.Scan(&code, &name, &cc)
		return fmt.Sprintf("%s record %d: grid %s %s: its community %s is not loaded", u.file, u.recs[code], code, name, cc), err
	})
	if err != nil {
		return mapError(err, "check the grids' communities")
	}
	if len(bad) > 0 {
		return geo.Errorf(geo.EINVALID, "%s; import the communities first, or fix the codes; nothing was imported", joinFirst(bad))
	}
	return nil
}

// gridShare is how one grid lies in the communities: the share of its area in its own
// community and in the other community that holds most of it.
type gridShare struct {
	code, name, comm, commName string
	hasBoundary                bool
	own                        float64
	other, otherName           string
	otherShare                 float64
}

// gridNesting fails on the batch's grids that lie mostly outside their community or in
// two communities; grids whose community has no boundary are not checked and a note says
// how many.
func (u unitCheck) gridNesting(ctx context.Context, tx pgx.Tx) ([]string, error) {
	rows, err := tx.Query(ctx, `SELECT g.code, g.name, g.community_code, c.name, c.boundary IS NOT NULL,
		coalesce(ST_Area(ST_Intersection(g.geom, c.boundary)::geography) / nullif(ST_Area(g.geom::geography), 0), 0),
		coalesce(o.code, ''), coalesce(o.name, ''), coalesce(o.share, 0)
		FROM grids g JOIN communities c ON c.region = g.region AND c.code = g.community_code
		LEFT JOIN LATERAL (SELECT x.code, x.name,
				ST_Area(ST_Intersection(g.geom, x.boundary)::geography) / nullif(ST_Area(g.geom::geography), 0) AS share
			FROM communities x WHERE x.region = g.region AND x.code <> g.community_code AND x.boundary && g.geom AND ST_Intersects(x.boundary, g.geom)
			ORDER BY share DESC NULLS LAST LIMIT 1) o ON true
		WHERE g.region = $2 AND g.batch_id = $1 ORDER BY g.code`, u.batch, u.region)
	if err != nil {
		return nil, mapError(err, "check the grids inside their communities")
	}
	got, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (gridShare, error) {
		var s gridShare
		return s, row.Scan(&s.code, &s.name, &s.comm, &s.commName, &s.hasBoundary, &s.own, &s.other, &s.otherName, &s.otherShare)
	})
	if err != nil {
		return nil, mapError(err, "check the grids inside their communities")
	}
	var bad []string
	unchecked := 0
	for _, s := range got {
		if !s.hasBoundary {
			unchecked++
			continue
		}
		if msg := u.nestingProblem(s); msg != "" {
			bad = append(bad, msg)
		}
	}
	if len(bad) > 0 {
		return nil, geo.Errorf(geo.EINVALID, "%s; nothing was imported", joinFirst(bad))
	}
	if unchecked > 0 {
		return []string{fmt.Sprintf("%d grid(s) lie in communities without a boundary: whether they lie inside them was not checked", unchecked)}, nil
	}
	return nil, nil
}

// nestingProblem says what is wrong with how grid s lies in the communities ("" nothing).
func (u unitCheck) nestingProblem(s gridShare) string {
	rec := u.recs[s.code]
	switch {
	case s.own < geo.GridMinInsideShare:
		msg := fmt.Sprintf("%s record %d: grid %s %s lies mostly outside its community %s %s: %.1f %% of its area is inside (at least %.0f %% must be)",
			u.file, rec, s.code, s.name, s.comm, s.commName, 100*s.own, 100*geo.GridMinInsideShare)
		if s.otherShare > 0 {
			msg += fmt.Sprintf("; %.1f %% lies in community %s %s", 100*s.otherShare, s.other, s.otherName)
		}
		return msg
	case s.otherShare >= geo.GridMaxOtherShare:
		return fmt.Sprintf("%s record %d: grid %s %s lies in two communities: %.1f %% in %s %s (its community) and %.1f %% in %s %s (at most %.0f %% may lie in another community); split it at the community boundary",
			u.file, rec, s.code, s.name, 100*s.own, s.comm, s.commName, 100*s.otherShare, s.other, s.otherName, 100*geo.GridMaxOtherShare)
	}
	return ""
}

// Grids returns every grid of db.Region(), ordered by code; polygons WGS84 (lon, lat).
func (db *DB) Grids(ctx context.Context) ([]geo.Grid, error) {
	return readAll(ctx, db, "read grids", `SELECT code, name, community_code, coalesce(households, 0), coalesce(population, 0),
		workers, ST_AsBinary(geom), source FROM grids WHERE region = $1 ORDER BY code`,
		func(r pgx.CollectableRow, g *geo.Grid) error {
			var w *int
			err := r.Scan(&g.Code, &g.Name, &g.CommunityCode, &g.Households, &g.Population, &w, polygonInto{&g.Polygon}, &g.Source)
			if w != nil {
				g.Workers, g.WorkersGiven = *w, true
			}
			return err
		}, db.rg())
}

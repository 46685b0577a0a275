package postgis

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo/dissolve"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

// derivedStreetCommunities selects the communities whose street takes a derived boundary
// (no boundary of its own, or one derived before), grouped by street.
// ($1: the region)
const derivedStreetCommunities = `FROM communities c WHERE c.region = $1 AND c.boundary IS NOT NULL AND c.street_code IS NOT NULL
	AND EXISTS (SELECT 1 FROM streets t WHERE t.region = $1 AND t.code = c.street_code AND (t.boundary IS NULL OR t.source = 'communities'))`

// unionStreetBoundaries makes each derived street's boundary the union of its
// communities'. Communities that tile their street (shared edges with identical vertices,
// as a district's boundary data has them) are dissolved in Go (geo/dissolve), and the
// result is taken when PostGIS finds it valid, which makes it the exact union; the other
// streets get ST_Union. Either way the stored boundary is the same point set.
func unionStreetBoundaries(ctx context.Context, tx pgx.Tx, r string, progress func(step string, done, total int64)) error {
	end := startStep(progress, "reading community boundaries")
	streets, err := streetCommunities(ctx, tx, r)
	if err != nil {
		return err
	}
	end()
	var codes []string
	var unions [][]byte
	for i, s := range streets {
		if u, ok := dissolve.Coverage(s.boundaries); ok {
			b, err := wkb.Marshal(u)
			if err != nil {
				return mapError(err, "street boundaries")
			}
			codes, unions = append(codes, s.code), append(unions, b)
		}
		if progress != nil {
			progress("dissolving street boundaries", int64(i+1), int64(len(streets)))
		}
	}
	end = startStep(progress, "storing street boundaries")
	defer end()
	rows, err := tx.Query(ctx, `WITH u AS MATERIALIZED (
			SELECT code, ST_Multi(ST_GeomFromWKB(wkb, 4326)) AS g FROM unnest($2::text[], $3::bytea[]) AS x(code, wkb)),
		v AS MATERIALIZED (SELECT code, g FROM u WHERE (ST_IsValidDetail(g)).valid)
		UPDATE streets s SET boundary = v.g FROM v
		WHERE s.region = $1 AND s.code = v.code AND (s.boundary IS NULL OR s.source = 'communities')
		RETURNING s.code`, r, codes, unions)
	if err != nil {
		return mapError(err, "street boundaries")
	}
	done, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return mapError(err, "street boundaries")
	}
	if len(done) == len(streets) {
		return nil
	}
	if done == nil {
		done = []string{} // <> ALL of an empty array is true, of NULL never
	}
	_, err = tx.Exec(ctx, `UPDATE streets s SET boundary = u.g FROM (
			SELECT street_code, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(boundary)), 3)) AS g `+derivedStreetCommunities+`
				AND c.street_code <> ALL($2::text[])
			GROUP BY street_code) u
		WHERE s.region = $1 AND s.code = u.street_code AND (s.boundary IS NULL OR s.source = 'communities')`, r, done)
	return mapError(err, "street boundaries")
}

// streetPieces are the boundaries of one street's communities.
type streetPieces struct {
	code       string
	boundaries []orb.MultiPolygon
}

// streetCommunities reads the boundaries of the communities of every street that takes a
// derived boundary, street by street.
func streetCommunities(ctx context.Context, tx pgx.Tx, r string) ([]streetPieces, error) {
	rows, err := tx.Query(ctx, "SELECT c.street_code, ST_AsBinary(c.boundary) "+derivedStreetCommunities+" ORDER BY c.street_code", r)
	if err != nil {
		return nil, mapError(err, "read community boundaries")
	}
	defer rows.Close()
	var out []streetPieces
	for rows.Next() {
		var code string
		var mp orb.MultiPolygon
		if err := rows.Scan(&code, polygonInto{&mp}); err != nil {
			return nil, mapError(err, "read community boundaries")
		}
		if len(out) == 0 || out[len(out)-1].code != code {
			out = append(out, streetPieces{code: code})
		}
		out[len(out)-1].boundaries = append(out[len(out)-1].boundaries, mp)
	}
	return out, mapError(rows.Err(), "read community boundaries")
}

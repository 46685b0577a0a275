package synth

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
)

// Station network shape.
const (
	communityStationShare = 0.85 // communities with a community-level station
	compoundStationShare  = 0.65 // of the stations left after 1+11+community
	stationInsetM         = 15   // stations inside compounds keep this far from the walls
)

// stationSize gives the floor area (m²) and staff ranges of a level.
type stationSize struct {
	areaMin, areaMax   float64
	staffMin, staffMax int
}

func sizeOf(l geo.Level) stationSize {
	switch l {
	case geo.LevelDistrict:
		return stationSize{3000, 5000, 15, 30}
	case geo.LevelStreet:
		return stationSize{800, 1500, 6, 12}
	case geo.LevelCommunity:
		return stationSize{200, 600, 2, 6}
	case geo.LevelCompound:
		return stationSize{60, 200, 1, 2}
	}
	return stationSize{80, 300, 1, 3}
}

// stationCounts splits total stations into community, compound and building stations
// once the 1 + 11 are set aside: most communities get one, never all of them.
func stationCounts(total, communities int) (comm, compound, building int) {
	rest := total - 1 - StreetCount
	comm = int(math.Round(communityStationShare * float64(communities)))
	comm = max(1, min(comm, communities-1, rest-2))
	rest -= comm
	compound = max(1, min(rest-1, int(math.Round(compoundStationShare*float64(rest)))))
	return comm, compound, rest - compound
}

// placeStations builds the "1+11+N+X" network: the district centre and a centre per
// street on arterials near their middles, community stations in a compound of most
// communities, compound stations in compounds of those communities, and building
// stations in shopping-street frontages.
func (e *gen) placeStations(rng *rand.Rand, fronts frontages) []geo.Station {
	nComm, nCompound, nBuilding := stationCounts(e.cfg.Stations, len(e.adm.comm))
	st := make([]geo.Station, 0, e.cfg.Stations)
	add := func(l geo.Level, name, parent, address string, p orb.Point) {
		size := sizeOf(l)
		st = append(st, geo.Station{
			ID: fmt.Sprintf("S%06d", len(st)+1), Name: name, Level: l, ParentCode: parent, Address: address,
			FloorAreaM2: math.Round(uniform(rng, size.areaMin, size.areaMax)),
			Staff:       size.staffMin + rng.IntN(size.staffMax-size.staffMin+1),
			Point:       e.b.f.lonLat(p), Source: "synth",
		})
	}
	whole := rect{0, 0, e.g.width(), e.g.height()}
	f, t := e.centreFrontage(rng, whole)
	add(geo.LevelDistrict, e.districtName+"党群服务中心", DistrictCode, e.g.address(f, t), e.g.point(f, t, 25))
	for _, s := range e.adm.streets {
		f, t := e.centreFrontage(rng, s.r)
		add(geo.LevelStreet, s.name+"党群服务中心", s.code, e.g.address(f, t), e.g.point(f, t, 20))
	}
	var eligible []int // compounds of communities with a station
	for _, ci := range rng.Perm(len(e.adm.comm))[:nComm] {
		c := &e.adm.comm[ci]
		c.hasStation = true
		p := &e.comps[c.compounds[rng.IntN(len(c.compounds))]]
		add(geo.LevelCommunity, c.name+"党群服务站", c.code, e.compoundAddress(rng, p), randomIn(rng, p.r.inset(stationInsetM)))
		eligible = append(eligible, c.compounds...)
	}
	order := rng.Perm(len(eligible))
	for k := 0; k < nCompound; k++ {
		p := &e.comps[eligible[order[k%len(order)]]]
		add(geo.LevelCompound, p.name+"党群服务站", e.adm.comm[p.community].code, e.compoundAddress(rng, p), randomIn(rng, p.r.inset(stationInsetM)))
	}
	kinds := []string{"大厦", "写字楼", "广场", "商圈"}
	for k := 0; k < nBuilding; k++ {
		f := fronts.sample(rng)
		t := uniform(rng, 0.1, 0.9)
		name := e.names.any(rng) + kinds[rng.IntN(len(kinds))] + "党群服务站"
		add(geo.LevelBuilding, name, e.adm.comm[e.adm.communityOf(f.i, f.j)].code, e.g.address(f, t), e.g.point(f, t, uniform(rng, 10, 20)))
	}
	return st
}

// centreFrontage picks a random side of the home block nearest the middle of r, and a
// position along it.
func (e *gen) centreFrontage(rng *rand.Rand, r rect) (frontage, float64) {
	c := r.centre()
	bi, bj, best := 0, 0, math.Inf(1)
	for j := 0; j < e.g.rows(); j++ {
		for i := 0; i < e.g.cols(); i++ {
			b := e.g.block(i, j)
			m := b.centre()
			inside := m[0] > r.x0 && m[0] < r.x1 && m[1] > r.y0 && m[1] < r.y1
			if !inside || e.g.kind[i+j*e.g.cols()] != blockHomes {
				continue
			}
			if d := math.Hypot(m[0]-c[0], m[1]-c[1]); d < best {
				bi, bj, best = i, j, d
			}
		}
	}
	return frontage{bi, bj, rng.IntN(4)}, uniform(rng, 0.3, 0.7)
}

// compoundAddress returns an address for a point in compound p: a number on the road
// south of its superblock, then the compound's name.
func (e *gen) compoundAddress(rng *rand.Rand, p *compoundPlan) string {
	i, j := p.block%e.g.cols(), p.block/e.g.cols()
	return e.g.address(frontage{i, j, south}, uniform(rng, 0.2, 0.8)) + p.name
}

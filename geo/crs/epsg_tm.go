package crs

import (
	"math"

	"github.com/paulmach/orb"
)

// ellipsoid is a reference ellipsoid: semi-major axis a (metres) and flattening f.
type ellipsoid struct{ a, f float64 }

var (
	ellGRS80 = ellipsoid{6378137, 1 / 298.257222101} // CGCS2000
	ellWGS84 = ellipsoid{6378137, 1 / 298.257223563}
	ellKrass = ellipsoid{6378245, 1 / 298.3}   // Krasovsky 1940: Beijing 1954, New Beijing
	ellIAG75 = ellipsoid{6378140, 1 / 298.257} // IAG-75: Xian 1980
)

func (d Datum) ellipsoid() ellipsoid {
	switch d {
	case DatumCGCS2000:
		return ellGRS80
	case DatumBeijing54, DatumNewBeijing:
		return ellKrass
	case DatumXian80:
		return ellIAG75
	}
	return ellWGS84
}

// webMercatorR is the sphere radius of EPSG:3857, metres.
const webMercatorR = 6378137.0

// ToLonLat reads (x, y) — easting and northing in metres, or lon and lat in degrees for a
// geographic family — as (lon, lat) degrees on the family's own datum (no datum shift).
// Transverse Mercator uses Krüger's series to fourth order (well under a millimetre
// within a zone). ok is false for a family that is not Known or when (x, y) is outside the
// projection's domain.
func (f Family) ToLonLat(x, y float64) (p orb.Point, ok bool) {
	switch f.Projection {
	case ProjGeographic:
		p = orb.Point{x, y}
	case ProjWebMercator:
		p = orb.Point{x / webMercatorR * 180 / math.Pi, (2*math.Atan(math.Exp(y/webMercatorR)) - math.Pi/2) * 180 / math.Pi}
	case ProjGaussKruger3, ProjGaussKruger6, ProjUTM:
		p = f.tm().inverse(x-f.FalseEasting, y-f.FalseNorthing)
		p[0] += f.CentralMeridian
	default:
		return orb.Point{}, false
	}
	ok = !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && !math.IsInf(p[0], 0) && !math.IsInf(p[1], 0) &&
		math.Abs(p[1]) <= 90 && math.Abs(p[0]) <= 540
	return p, ok
}

// FromLonLat is the inverse of ToLonLat: (lon, lat) degrees on the family's datum to
// (x, y) in its units.
func (f Family) FromLonLat(p orb.Point) (x, y float64, ok bool) {
	switch f.Projection {
	case ProjGeographic:
		return p[0], p[1], true
	case ProjWebMercator:
		lat := p[1] * math.Pi / 180
		return webMercatorR * p[0] * math.Pi / 180, webMercatorR * math.Log(math.Tan(math.Pi/4+lat/2)), math.Abs(p[1]) < 89.9
	case ProjGaussKruger3, ProjGaussKruger6, ProjUTM:
		e, n := f.tm().forward(p[0]-f.CentralMeridian, p[1])
		return e + f.FalseEasting, n + f.FalseNorthing, !math.IsNaN(e) && !math.IsNaN(n)
	}
	return 0, 0, false
}

// tmSeries holds the coefficients of Krüger's transverse Mercator series for one
// ellipsoid and scale factor.
type tmSeries struct {
	k0A, e             float64
	alpha, beta, delta [4]float64
}

func (f Family) tm() tmSeries {
	k0 := 1.0
	if f.Projection == ProjUTM {
		k0 = 0.9996
	}
	ell := f.Datum.ellipsoid()
	n := ell.f / (2 - ell.f)
	n2, n3, n4 := n*n, n*n*n, n*n*n*n
	return tmSeries{
		k0A: k0 * ell.a / (1 + n) * (1 + n2/4 + n4/64),
		e:   math.Sqrt(ell.f * (2 - ell.f)),
		alpha: [4]float64{n/2 - 2*n2/3 + 5*n3/16 + 41*n4/180, 13*n2/48 - 3*n3/5 + 557*n4/1440,
			61*n3/240 - 103*n4/140, 49561 * n4 / 161280},
		beta: [4]float64{n/2 - 2*n2/3 + 37*n3/96 - n4/360, n2/48 + n3/15 - 437*n4/1440,
			17*n3/480 - 37*n4/840, 4397 * n4 / 161280},
		delta: [4]float64{2*n - 2*n2/3 - 2*n3 + 116*n4/45, 7*n2/3 - 8*n3/5 - 227*n4/45,
			56*n3/15 - 136*n4/35, 4279 * n4 / 630},
	}
}

// forward maps (dLon from the central meridian, lat) degrees to (easting, northing)
// metres from the false origin.
func (s tmSeries) forward(dLon, lat float64) (e, n float64) {
	phi, lam := lat*math.Pi/180, dLon*math.Pi/180
	t := math.Sinh(math.Atanh(math.Sin(phi)) - s.e*math.Atanh(s.e*math.Sin(phi)))
	xi := math.Atan2(t, math.Cos(lam))
	eta := math.Atanh(math.Sin(lam) / math.Sqrt(1+t*t))
	x, y := eta, xi
	for j, a := range s.alpha {
		k := 2 * float64(j+1)
		x += a * math.Cos(k*xi) * math.Sinh(k*eta)
		y += a * math.Sin(k*xi) * math.Cosh(k*eta)
	}
	return s.k0A * x, s.k0A * y
}

// inverse maps (easting, northing) metres from the false origin to (dLon, lat) degrees.
func (s tmSeries) inverse(e, n float64) orb.Point {
	xi, eta := n/s.k0A, e/s.k0A
	xp, ep := xi, eta
	for j, b := range s.beta {
		k := 2 * float64(j+1)
		xp -= b * math.Sin(k*xi) * math.Cosh(k*eta)
		ep -= b * math.Cos(k*xi) * math.Sinh(k*eta)
	}
	chi := math.Asin(math.Sin(xp) / math.Cosh(ep))
	phi := chi
	for j, d := range s.delta {
		phi += d * math.Sin(2*float64(j+1)*chi)
	}
	lam := math.Atan2(math.Sinh(ep), math.Cos(xp))
	return orb.Point{lam * 180 / math.Pi, phi * 180 / math.Pi}
}

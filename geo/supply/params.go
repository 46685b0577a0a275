package supply

import (
	"fmt"
	"math"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
)

// Method is the catchment method.
type Method string

// The methods.
const (
	// Method2SFCA is the two-step floating catchment area method of Luo, W. & Wang, F.
	// (2003), "Measures of spatial accessibility to health care in a GIS environment",
	// Environment and Planning B 30(6): 865–884: every pair within T weighs 1.
	Method2SFCA Method = "2sfca"
	// MethodE2SFCA is the enhanced 2SFCA of Luo, W. & Qi, Y. (2009), "An enhanced
	// two-step floating catchment area (E2SFCA) method for measuring spatial
	// accessibility to primary care physicians", Health & Place 15(4): 1100–1107: pairs
	// within T weigh W(t_ij) from a Decay, in both steps.
	MethodE2SFCA Method = "e2sfca"
)

// DecayKind names a distance-decay function of E2SFCA.
type DecayKind string

// The decay functions.
const (
	// DecayGaussian is the continuous Gaussian of Dai, D. (2010), "Black residential
	// segregation, disparities in spatial access to health care facilities, and
	// late-stage breast cancer diagnosis in metropolitan Detroit", Health & Place 16(5):
	// 1038–1052, with the catchment T as its threshold t0:
	//
	//	G(t) = (e^(−½·(t/T)²) − e^(−½)) / (1 − e^(−½))   for 0 ≤ t ≤ T, 0 beyond,
	//
	// so G(0) = 1, G(T/2) ≈ 0.7014 and G(T) = 0. It takes no further parameter.
	DecayGaussian DecayKind = "gaussian"
	// DecayZones is the stepwise weighting of Luo & Qi (2009): the catchment is cut into
	// travel-time sub-zones, each with one weight (Luo & Qi derive the weights from a
	// Gaussian at each zone; here the caller gives them).
	DecayZones DecayKind = "zones"
)

// Zone is one travel-time sub-zone of DecayZones: pairs with t ≤ UpToSeconds (and above
// the previous zone's bound) weigh Weight.
type Zone struct {
	UpToSeconds float64 // upper bound, seconds, inclusive
	Weight      float64 // in (0, 1]
}

// Decay is E2SFCA's distance decay: the kind and, for DecayZones, the zones (ascending,
// the last ending at the catchment T, weights non-increasing).
type Decay struct {
	Kind  DecayKind
	Zones []Zone
}

// Params are a computation's parameters; Result echoes them.
type Params struct {
	Method     Method
	MaxSeconds float64 // the catchment T, seconds of walking
	Decay      Decay   // E2SFCA only; must be empty for 2SFCA
	Workers    int     // parallel searches; ≤ 0: GOMAXPROCS (does not change the result)
}

// Validate checks the parameters and returns an EINVALID error naming the field at fault.
func (p Params) Validate() error {
	if !(p.MaxSeconds > 0) || math.IsInf(p.MaxSeconds, 1) {
		return geo.Errorf(geo.EINVALID, "supply: catchment %v s must be a positive number of seconds", p.MaxSeconds)
	}
	switch p.Method {
	case Method2SFCA:
		if p.Decay.Kind != "" || len(p.Decay.Zones) > 0 {
			return geo.Errorf(geo.EINVALID, "supply: method %q weighs every pair within the catchment 1 and takes no decay (got %q); use method %q for a decay", Method2SFCA, p.Decay.Kind, MethodE2SFCA)
		}
		return nil
	case MethodE2SFCA:
		return p.Decay.validate(p.MaxSeconds)
	}
	return geo.Errorf(geo.EINVALID, "supply: unknown method %q (use %q or %q)", p.Method, Method2SFCA, MethodE2SFCA)
}

func (d Decay) validate(maxSeconds float64) error {
	switch d.Kind {
	case DecayGaussian:
		if len(d.Zones) > 0 {
			return geo.Errorf(geo.EINVALID, "supply: decay %q takes no zones (its threshold is the catchment); got %d", DecayGaussian, len(d.Zones))
		}
		return nil
	case DecayZones:
		return checkZones(d.Zones, maxSeconds)
	case "":
		return geo.Errorf(geo.EINVALID, "supply: method %q needs a decay: %q (Dai 2010) or %q (Luo & Qi 2009)", MethodE2SFCA, DecayGaussian, DecayZones)
	}
	return geo.Errorf(geo.EINVALID, "supply: unknown decay %q (use %q or %q)", d.Kind, DecayGaussian, DecayZones)
}

// checkZones requires ascending positive bounds ending at the catchment and
// non-increasing weights in (0, 1].
func checkZones(zs []Zone, maxSeconds float64) error {
	if len(zs) == 0 {
		return geo.Errorf(geo.EINVALID, "supply: decay %q needs at least one zone", DecayZones)
	}
	prev := Zone{UpToSeconds: 0, Weight: 1}
	for k, z := range zs {
		if !(z.UpToSeconds > prev.UpToSeconds) || math.IsInf(z.UpToSeconds, 1) {
			return geo.Errorf(geo.EINVALID, "supply: zone %d: bound %v s must be finite and above the previous zone's %v s", k+1, z.UpToSeconds, prev.UpToSeconds)
		}
		if !(z.Weight > 0 && z.Weight <= prev.Weight) {
			return geo.Errorf(geo.EINVALID, "supply: zone %d: weight %v must be in (0, %v] (weights in (0, 1], not increasing outwards)", k+1, z.Weight, prev.Weight)
		}
		prev = z
	}
	if last := zs[len(zs)-1].UpToSeconds; math.Abs(last-maxSeconds) > 1e-9*maxSeconds {
		return geo.Errorf(geo.EINVALID, "supply: the last zone ends at %v s; it must end at the catchment %v s", last, maxSeconds)
	}
	return nil
}

// Weight returns the weight W(t) of a pair t seconds apart under p (p valid): 1 for
// 2SFCA, the decay for E2SFCA, 0 beyond the catchment or for t < 0 or NaN.
func (p Params) Weight(t float64) float64 {
	if !(t >= 0) || t > p.MaxSeconds {
		return 0
	}
	if p.Method != MethodE2SFCA {
		return 1
	}
	if p.Decay.Kind == DecayGaussian {
		return Gaussian(t, p.MaxSeconds)
	}
	for _, z := range p.Decay.Zones {
		if t <= z.UpToSeconds {
			return z.Weight
		}
	}
	return 0
}

// Gaussian returns Dai's (2010) continuous Gaussian decay at t seconds with threshold t0
// seconds: (e^(−½·(t/t0)²) − e^(−½)) / (1 − e^(−½)) for 0 ≤ t ≤ t0, 0 otherwise (and 0
// for t0 ≤ 0 or NaN).
func Gaussian(t, t0 float64) float64 {
	if !(t >= 0) || !(t <= t0) || !(t0 > 0) {
		return 0
	}
	r := t / t0
	e := math.Exp(-0.5)
	return (math.Exp(-0.5*r*r) - e) / (1 - e)
}

// Formula describes p in words and symbols, for reports and API answers.
func (p Params) Formula() string {
	T := fmt.Sprintf("T = %g s", p.MaxSeconds)
	switch {
	case p.Method == Method2SFCA:
		return "2SFCA (Luo & Wang 2003): R_j = S_j / Σ_{t_ij ≤ T} P_i; A_i = Σ_{t_ij ≤ T} R_j; " + T
	case p.Decay.Kind == DecayGaussian:
		return "E2SFCA (Luo & Qi 2009) with Dai's (2010) Gaussian G(t) = (e^(−½(t/T)²) − e^(−½)) / (1 − e^(−½)): R_j = S_j / Σ_{t_ij ≤ T} P_i·G(t_ij); A_i = Σ_{t_ij ≤ T} R_j·G(t_ij); " + T
	case p.Decay.Kind == DecayZones:
		zs := make([]string, len(p.Decay.Zones))
		for k, z := range p.Decay.Zones {
			zs[k] = fmt.Sprintf("t ≤ %g s: %g", z.UpToSeconds, z.Weight)
		}
		return "E2SFCA (Luo & Qi 2009) with sub-zone weights W (" + strings.Join(zs, ", ") + "): R_j = S_j / Σ_{t_ij ≤ T} P_i·W(t_ij); A_i = Σ_{t_ij ≤ T} R_j·W(t_ij); " + T
	}
	return string(p.Method)
}

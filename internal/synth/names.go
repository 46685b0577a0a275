package synth

import (
	"math/rand/v2"
	"strconv"
)

// Characters that make up the generated place names (two of them, e.g. 锦华, 春林), and
// the marks that tell apart later rounds of unique names. None of them is a unit word
// (区, 街道, 社区, 村, 院, 苑 …), so a station's level can be read back from its name.
const (
	nameFirstChars  = "锦华春和平安新兴东西南北光明福祥瑞康宁泰青龙凤桂荷柳望江玉金银石文武书府城沙水桥永长红星月花竹松梅兰"
	nameSecondChars = "华兴林江河桥湾坪坝山岭泉池塘阳城门里坊庄福安康顺丰源盛荣和"
	roundMarks      = "东西南北中新"
)

// namer hands out Chinese place names: unique ones for streets, communities and roads,
// and freely repeating ones for compounds, shops and buildings.
type namer struct {
	combos     []string // two-character names, in a shuffled order
	marks      []rune
	compoundSf []string // compound name endings, each a compound-level unit word
	next       int
}

// newNamer returns a namer whose unique names come in an order drawn from rng.
func newNamer(rng *rand.Rand) *namer {
	n := &namer{marks: []rune(roundMarks), compoundSf: []string{"小区", "花园", "苑", "家园", "公寓", "嘉园", "花苑"}}
	for _, a := range nameFirstChars {
		for _, b := range nameSecondChars {
			if a != b {
				n.combos = append(n.combos, string([]rune{a, b}))
			}
		}
	}
	rng.Shuffle(len(n.combos), func(i, j int) { n.combos[i], n.combos[j] = n.combos[j], n.combos[i] })
	return n
}

// unique returns a name not handed out before by unique.
func (n *namer) unique() string {
	k := n.next
	n.next++
	base := n.combos[k%len(n.combos)]
	switch round := k / len(n.combos); {
	case round == 0:
		return base
	case round <= len(n.marks):
		return base + string(n.marks[round-1])
	default:
		return base + strconv.Itoa(round)
	}
}

// any returns a random name, possibly one handed out before.
func (n *namer) any(rng *rand.Rand) string {
	return n.combos[rng.IntN(len(n.combos))]
}

// road returns a unique arterial name: 大道 for primary roads, 路 (north–south) or 街
// (east–west) for the others.
func (n *namer) road(rng *rand.Rand, primary, vertical bool) string {
	switch {
	case primary:
		return n.unique() + "大道"
	case vertical:
		return n.unique() + "路"
	}
	return n.unique() + "街"
}

// compound returns a residential compound name such as 春林花园.
func (n *namer) compound(rng *rand.Rand) string {
	return n.any(rng) + n.compoundSf[rng.IntN(len(n.compoundSf))]
}

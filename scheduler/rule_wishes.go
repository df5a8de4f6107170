package scheduler

// wishesRule measures P: the weights of the wishes a rota breaks. An avoid
// wish is broken once per matching shift the doctor takes; a prefer wish
// once per matching shift the doctor is eligible for and does not take. So
// P is the prefer weight over every eligible matching shift (a constant),
// plus the avoid weights of each assignment, less the prefer weights of
// each assignment that an eligible doctor takes.
type wishesRule struct {
	ruleInfo
	pairWeight  func(s, p int32) float64 // avoid weights less (if eligible) prefer weights
	preferTotal float64
}

func newWishesRule(weight float64, pairWeight func(s, p int32) float64, preferTotal float64) wishesRule {
	return wishesRule{softRule("wishes", weight), pairWeight, preferTotal}
}

func (r wishesRule) measurePair(s, p int32, _ emitFunc) float64 { return r.pairWeight(s, p) }
func (r wishesRule) constant() float64                          { return r.preferTotal }

package scheduler

// stabilityRule measures C: when re-planning against a reference rota,
// the reference assignments within the period that no longer hold. It is
// the number of reference pairs, less one for each that the rota keeps.
type stabilityRule struct {
	ruleInfo
	kept  func(s, p int32) bool // whether (s, p) is a reference pair
	pairs int                   // distinct reference pairs within the period
}

func newStabilityRule(weight float64, kept func(s, p int32) bool, pairs int) stabilityRule {
	return stabilityRule{softRule("stability", weight), kept, pairs}
}

func (r stabilityRule) measurePair(s, p int32, _ emitFunc) float64 {
	if r.kept(s, p) {
		return -1
	}
	return 0
}

func (r stabilityRule) constant() float64 { return float64(r.pairs) }

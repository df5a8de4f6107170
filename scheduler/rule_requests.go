package scheduler

// requestsRule weighs people's requests to work or not to work given shifts:
// an unmet request to work a shift costs its weight, and so does working a
// shift one asked to have off. So it is the weight of every request to work
// (a constant), plus the weights of the asked-off shifts each assignment
// takes, less those of the asked-for shifts it grants.
type requestsRule struct {
	ruleInfo
	pairWeight map[[2]int32]float64 // (shift, person) -> off weights less on weights
	onWeight   float64              // all requests to work
}

func newRequestsRule(weight map[[2]int32]float64, onWeight float64) requestsRule {
	return requestsRule{softRule("requests", 1), weight, onWeight}
}

func (r requestsRule) measurePair(s, p int32, _ emitFunc) float64 {
	return r.pairWeight[[2]int32{s, p}]
}
func (r requestsRule) constant() float64 { return r.onWeight }

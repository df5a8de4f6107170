package scheduler

// coverageRule counts the seats left empty (U) and, where a problem weighs
// them, the people beyond the requirement: a shift short of people costs
// under[s] per missing person, one over it costs over[s] per extra person.
// Territories count empty seats at their own level (fewer uncovered seats
// always wins) and forbid extras through the headcount rule; the Curtois
// benchmark weighs both in its soft objective.
type coverageRule struct {
	ruleInfo
	requirement []int32
	under, over []float64 // per shift; nil means 1 and 0
}

// newUncoveredRule is the territory's U: one unit per empty seat.
func newUncoveredRule(seats []int32) coverageRule {
	return coverageRule{ruleInfo: ruleInfo{"coverage", levelUncovered, 1}, requirement: seats}
}

func (r coverageRule) measureShift(s int32, people []int32, _ emitFunc) float64 {
	return r.costAt(s, int32(len(people)))
}

// costAt is the measure of shift s when n people hold it.
func (r coverageRule) costAt(s, n int32) float64 {
	switch req := r.requirement[s]; {
	case n < req:
		if r.under == nil {
			return float64(req - n)
		}
		return r.under[s] * float64(req-n)
	case n > req && r.over != nil:
		return r.over[s] * float64(n-req)
	}
	return 0
}

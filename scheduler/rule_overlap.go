package scheduler

import "fmt"

// overlapRule: a doctor never holds two shifts that overlap in time,
// counting the fixed shifts of the previous period.
type overlapRule struct {
	ruleInfo
	spans []span
	fixed [][]fixedShift // per person, may be nil
	names namer
}

func newOverlapRule(spans []span, fixed [][]fixedShift, names namer) overlapRule {
	return overlapRule{hardRule("overlap"), spans, fixed, names}
}

func (r overlapRule) measurePerson(p int32, shifts []int32, emit emitFunc) float64 {
	n := 0
	for j := 1; j < len(shifts); j++ {
		later := r.spans[shifts[j]]
		for i := 0; i < j; i++ {
			if r.spans[shifts[i]].end > later.start { // starts are in order
				n++
				if emit != nil {
					emit(violation{rule: r.name(), shift: shifts[j], person: p,
						detail: fmt.Sprintf("overlaps %s", r.names.shiftName(shifts[i]))})
				}
			}
		}
	}
	if r.fixed != nil {
		for _, f := range r.fixed[p] {
			for _, s := range shifts {
				if f.overlaps(r.spans[s]) {
					n++
					if emit != nil {
						emit(violation{rule: r.name(), shift: s, person: p,
							detail: fmt.Sprintf("overlaps %s of the previous rota", f.key)})
					}
				}
			}
		}
	}
	return float64(n)
}

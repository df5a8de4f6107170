package scheduler

import "fmt"

// successionRule: some shifts may not be followed by some others on the
// next day (a night then an early shift, say).
type successionRule struct {
	ruleInfo
	dayOf, typeOf []int32
	forbidden     [][]bool // [type][type of the next day]
	names         namer
}

func newSuccessionRule(dayOf, typeOf []int32, forbidden [][]bool, names namer) successionRule {
	return successionRule{hardRule("succession"), dayOf, typeOf, forbidden, names}
}

func (r successionRule) measurePerson(p int32, shifts []int32, emit emitFunc) float64 {
	n := 0
	for i, a := range shifts {
		day := r.dayOf[a]
		for _, b := range shifts[i+1:] {
			next := r.dayOf[b]
			if next > day+1 {
				break // shifts come by day
			}
			if next == day+1 && r.forbidden[r.typeOf[a]][r.typeOf[b]] {
				n++
				if emit != nil {
					emit(violation{rule: r.name(), shift: b, person: p,
						detail: fmt.Sprintf("may not follow %s on the day before", r.names.shiftName(a))})
				}
			}
		}
	}
	return float64(n)
}

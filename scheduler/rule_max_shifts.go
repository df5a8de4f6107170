package scheduler

import "fmt"

// maxShiftsRule: a doctor takes at most their cap of shifts per period
// (their own max_shifts, else the territory's).
type maxShiftsRule struct {
	ruleInfo
	limit []int // per person
}

func newMaxShiftsRule(limit []int) maxShiftsRule {
	return maxShiftsRule{hardRule("max_shifts"), limit}
}

func (r maxShiftsRule) measurePerson(p int32, shifts []int32, emit emitFunc) float64 {
	over := len(shifts) - r.limit[p]
	if over <= 0 {
		return 0
	}
	if emit != nil {
		emit(violation{rule: r.name(), shift: shifts[r.limit[p]], person: p,
			detail: fmt.Sprintf("%d shifts in the period, at most %d allowed", len(shifts), r.limit[p])})
	}
	return float64(over)
}

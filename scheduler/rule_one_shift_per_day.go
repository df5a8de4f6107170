package scheduler

import "fmt"

// oneShiftPerDayRule: a person works at most one shift per day.
type oneShiftPerDayRule struct {
	ruleInfo
	dayOf []int32 // per shift, its day
	names namer
}

func newOneShiftPerDayRule(dayOf []int32, names namer) oneShiftPerDayRule {
	return oneShiftPerDayRule{hardRule("one_shift_per_day"), dayOf, names}
}

func (r oneShiftPerDayRule) measurePerson(p int32, shifts []int32, emit emitFunc) float64 {
	n := 0
	for i := 1; i < len(shifts); i++ { // shifts come in start order, so by day
		if r.dayOf[shifts[i]] == r.dayOf[shifts[i-1]] {
			n++
			if emit != nil {
				emit(violation{rule: r.name(), shift: shifts[i], person: p,
					detail: fmt.Sprintf("a second shift on the day of %s", r.names.shiftName(shifts[i-1]))})
			}
		}
	}
	return float64(n)
}

package scheduler

import "fmt"

// headcountRule: a shift gets at most its headcount of doctors.
type headcountRule struct {
	ruleInfo
	capacity []int32
}

func newHeadcountRule(capacity []int32) headcountRule {
	return headcountRule{hardRule("headcount"), capacity}
}

func (r headcountRule) measureShift(s int32, people []int32, emit emitFunc) float64 {
	over := len(people) - int(r.capacity[s])
	if over <= 0 {
		return 0
	}
	if emit != nil {
		emit(violation{rule: r.name(), shift: s, person: -1,
			detail: fmt.Sprintf("%d doctors on a shift with %d seat(s)", len(people), r.capacity[s])})
	}
	return float64(over)
}

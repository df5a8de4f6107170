package scheduler

import "fmt"

// maxWeekendsRule: a doctor works on at most their cap of distinct
// weekends per period. A weekend is a Saturday and the Sunday after it,
// holiday or not; it counts when a shift starts on either day.
type maxWeekendsRule struct {
	ruleInfo
	weekendOf []int32 // per shift: the weekend it starts in, or -1
	limit     []int   // per person
}

func newMaxWeekendsRule(weekendOf []int32, limit []int) maxWeekendsRule {
	return maxWeekendsRule{hardRule("max_weekends"), weekendOf, limit}
}

func (r maxWeekendsRule) measurePerson(p int32, shifts []int32, emit emitFunc) float64 {
	// Shifts come in start order, so a weekend's shifts are consecutive
	// among the weekend shifts: counting changes of weekend counts weekends.
	weekends, last := 0, int32(-1)
	firstOver := int32(-1)
	for _, s := range shifts {
		w := r.weekendOf[s]
		if w < 0 || w == last {
			continue
		}
		weekends++
		last = w
		if weekends == r.limit[p]+1 {
			firstOver = s
		}
	}
	over := weekends - r.limit[p]
	if over <= 0 {
		return 0
	}
	if emit != nil {
		emit(violation{rule: r.name(), shift: firstOver, person: p,
			detail: fmt.Sprintf("works %d weekends in the period, at most %d allowed", weekends, r.limit[p])})
	}
	return float64(over)
}

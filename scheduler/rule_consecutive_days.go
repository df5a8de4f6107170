package scheduler

import "fmt"

// Days worked in a row. A block is a maximal run of consecutive days with
// at least one shift; the horizon's edges follow the benchmark's rules:
// a block touching an edge is measured inside the horizon for the maximum,
// and is exempt from the minimum (the days beyond may be worked).

// maxConsecutiveDaysRule: no block of worked days is longer than a maximum.
type maxConsecutiveDaysRule struct {
	ruleInfo
	dayOf    []int32
	limit    []int              // per person; < 0 means none
	dayLabel func(int32) string // how violations name a day
}

func newMaxConsecutiveDaysRule(dayOf []int32, limit []int, dayLabel func(int32) string) maxConsecutiveDaysRule {
	return maxConsecutiveDaysRule{hardRule("max_consecutive_days"), dayOf, limit, dayLabel}
}

func (r maxConsecutiveDaysRule) measurePerson(p int32, shifts []int32, emit emitFunc) float64 {
	limit := r.limit[p]
	if limit < 0 {
		return 0
	}
	over := 0
	forEachWorkBlock(r.dayOf, shifts, func(first, last int32) {
		if n := int(last-first) + 1; n > limit {
			over += n - limit
			if emit != nil {
				emit(violation{rule: r.name(), shift: -1, person: p,
					detail: fmt.Sprintf("%d days worked in a row from %s, at most %d", n, r.dayLabel(first), limit)})
			}
		}
	})
	return float64(over)
}

// minConsecutiveDaysRule: no block of worked days away from the horizon's
// edges is shorter than a minimum.
type minConsecutiveDaysRule struct {
	ruleInfo
	dayOf []int32
	days  int32 // horizon
	limit []int // per person; <= 1 means none
}

func newMinConsecutiveDaysRule(dayOf []int32, days int32, limit []int) minConsecutiveDaysRule {
	return minConsecutiveDaysRule{hardRule("min_consecutive_days"), dayOf, days, limit}
}

func (r minConsecutiveDaysRule) measurePerson(p int32, shifts []int32, emit emitFunc) float64 {
	limit := r.limit[p]
	if limit <= 1 {
		return 0
	}
	short := 0
	forEachWorkBlock(r.dayOf, shifts, func(first, last int32) {
		if first == 0 || last == r.days-1 {
			return
		}
		if n := int(last-first) + 1; n < limit {
			short += limit - n
			if emit != nil {
				emit(violation{rule: r.name(), shift: -1, person: p,
					detail: fmt.Sprintf("%d day(s) worked in a row from day %d, at least %d", n, first, limit)})
			}
		}
	})
	return float64(short)
}

// minDaysOffRule: no block of days off between two worked blocks is
// shorter than a minimum (blocks of days off touching an edge are exempt).
type minDaysOffRule struct {
	ruleInfo
	dayOf []int32
	limit []int // per person; <= 1 means none
}

func newMinDaysOffRule(dayOf []int32, limit []int) minDaysOffRule {
	return minDaysOffRule{hardRule("min_days_off"), dayOf, limit}
}

func (r minDaysOffRule) measurePerson(p int32, shifts []int32, emit emitFunc) float64 {
	limit := r.limit[p]
	if limit <= 1 {
		return 0
	}
	short := 0
	prevLast := int32(-1)
	forEachWorkBlock(r.dayOf, shifts, func(first, last int32) {
		if prevLast >= 0 {
			if off := int(first - prevLast - 1); off < limit {
				short += limit - off
				if emit != nil {
					emit(violation{rule: r.name(), shift: -1, person: p,
						detail: fmt.Sprintf("%d day(s) off in a row from day %d, at least %d", off, prevLast+1, limit)})
				}
			}
		}
		prevLast = last
	})
	return float64(short)
}

// dayIndexLabel names a day of a day roster by its index.
func dayIndexLabel(d int32) string { return fmt.Sprintf("day %d", d) }

// forEachWorkBlock calls f with the first and last day of each block of
// consecutive worked days, in order; shifts come in start order.
func forEachWorkBlock(dayOf []int32, shifts []int32, f func(first, last int32)) {
	if len(shifts) == 0 {
		return
	}
	first := dayOf[shifts[0]]
	last := first
	for _, s := range shifts[1:] {
		d := dayOf[s]
		switch {
		case d == last: // a second shift the same day
		case d == last+1:
			last = d
		default:
			f(first, last)
			first, last = d, d
		}
	}
	f(first, last)
}

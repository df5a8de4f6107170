package scheduler

import (
	"fmt"
	"math"
)

// workMinutesRule: a person's total worked time over the horizon lies
// between a minimum and a maximum. The measure counts the missing or
// excess time in started units (an hour, or a day roster's shortest
// shift), so that the search sees how far off it is, on the scale of the
// other rules' violations.
type workMinutesRule struct {
	ruleInfo
	minutes  []int // per shift
	min, max []int // per person; max < 0 means none
	unit     float64
}

func newWorkMinutesRule(minutes, min, max []int, unit int) workMinutesRule {
	return workMinutesRule{hardRule("work_minutes"), minutes, min, max, float64(unit)}
}

// newMinHoursRule is the territory's personal minimum of hours on duty.
func newMinHoursRule(minutes, min []int) workMinutesRule {
	none := make([]int, len(min))
	for i := range none {
		none[i] = -1
	}
	return workMinutesRule{hardRule("min_hours"), minutes, min, none, 60}
}

func (r workMinutesRule) measurePerson(p int32, shifts []int32, emit emitFunc) float64 {
	total := 0
	for _, s := range shifts {
		total += r.minutes[s]
	}
	switch {
	case r.max[p] >= 0 && total > r.max[p]:
		if emit != nil {
			emit(violation{rule: r.name(), shift: -1, person: p,
				detail: fmt.Sprintf("%d minutes worked, at most %d", total, r.max[p])})
		}
		return math.Ceil(float64(total-r.max[p]) / r.unit)
	case total < r.min[p]:
		if emit != nil {
			emit(violation{rule: r.name(), shift: -1, person: p,
				detail: fmt.Sprintf("%d minutes worked, at least %d", total, r.min[p])})
		}
		return math.Ceil(float64(r.min[p]-total) / r.unit)
	}
	return 0
}

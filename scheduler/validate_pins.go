package scheduler

import (
	"errors"
	"sort"
	"time"
)

// pinList checks the pins: each names a shift the territory makes and a
// doctor eligible for it, and no set of pins breaks a hard rule on its own.
// With no period to refer to, that last check runs month by month, the
// usual period of a rota; NewProblem checks it again for the actual period.
func (v *validator) pinList() {
	t := v.t
	seen := map[Pin]int{}
	months := map[Date]bool{}
	before := len(v.errs)
	var sound []int // pins with no problem of their own
	for i, pin := range t.Pins {
		p := indexPath("$.pins", i)
		if j, dup := seen[pin]; dup {
			v.add(p, "the same pin as pins[%d]", j)
			continue
		}
		seen[pin] = i
		pos, okDoctor := v.ix.doctorPos[pin.Doctor]
		if pin.Doctor != "" && !okDoctor {
			v.add(fieldPath(p, "doctor"), "no doctor has the id %q", pin.Doctor)
		}
		s, ok := v.pinShift(fieldPath(p, "shift"), pin.Shift)
		if !ok || !okDoctor || v.badDoctors[pos] {
			continue
		}
		avail := t.unavailability(&t.Doctors[pos], s.Date, s.Date+1)
		if why := t.whyIneligible(pos, &s, avail); why != "" {
			v.add(p, "breaks the hard rule eligibility on %s: %s", pin.Shift, why)
			continue
		}
		sound = append(sound, i)
		y, m, _ := s.Date.Parts()
		months[DateOf(y, m, 1)] = true
	}
	if before > 0 {
		return // the month checks need a territory without problems outside its pins
	}
	v.pinSets(sound, months)
}

// pinSets checks, month by month, that the sound pins together break no
// hard rule. It runs on a copy of the territory holding only those pins,
// so that a pin with a problem of its own does not hide a conflict
// between the others.
func (v *validator) pinSets(sound []int, months map[Date]bool) {
	t := *v.t
	t.Pins = make([]Pin, len(sound))
	for k, i := range sound {
		t.Pins[k] = v.t.Pins[i]
	}
	ordered := make([]Date, 0, len(months))
	for month := range months {
		ordered = append(ordered, month)
	}
	sort.Slice(ordered, func(i, j int) bool { return ordered[i] < ordered[j] })
	for _, month := range ordered {
		y, m, _ := month.Parts()
		_, err := NewProblem(&t, month, DateOf(y, m+1, 1), ProblemOptions{})
		var conflict *PinConflictError
		if errors.As(err, &conflict) {
			for k, viol := range conflict.Violations {
				path := "$.pins"
				if i := conflict.PinIndex[k]; i >= 0 {
					path = indexPath("$.pins", sound[i])
				}
				on := viol.Shift
				if on == "" {
					on = viol.Doctor
				}
				v.add(path, "with the other pins of %s %d, breaks the hard rule %s on %s: %s",
					time.Month(m), y, viol.Rule, on, viol.Detail)
			}
		} else if err != nil {
			v.add("$.pins", "%s", err)
		}
	}
}

// pinShift finds the shift a pin names, reporting why it does not exist.
func (v *validator) pinShift(path, key string) (Shift, bool) {
	if key == "" {
		return Shift{}, false
	}
	k, err := ParseShiftKey(key)
	if err != nil {
		v.add(path, "%s", err)
		return Shift{}, false
	}
	if l := v.ix.lines[k.Line]; l != nil {
		if tp := l.template(k.Template); tp != nil && tp.rule == nil {
			return Shift{}, false // the template's own problem is reported
		}
	}
	s, err := v.t.ShiftByKey(key)
	if err != nil {
		v.add(path, "no such shift: %s", err)
		return Shift{}, false
	}
	return s, true
}

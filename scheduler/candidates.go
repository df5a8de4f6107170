package scheduler

import (
	"fmt"
	"math"
	"sort"
)

// A Candidate is a doctor who could take a seat, with what it would cost.
type Candidate struct {
	Doctor   string `json:"doctor"`
	Name     string `json:"name,omitempty"`
	Eligible bool   `json:"eligible"`
	// Legal is true when taking the seat breaks no hard rule.
	Legal bool `json:"legal"`
	// Broken lists the hard rules the change would break, explained.
	Broken []string `json:"broken,omitempty"`
	// Change is how the rota's total would change (soft part; the seat's
	// own coverage is the same for every candidate).
	Change float64 `json:"change"`
	// Reasons explain Change term by term, in the coordinator's words.
	Reasons []string `json:"reasons,omitempty"`
}

// Candidates ranks the doctors who could take a seat of the shift in the
// rota: on a free seat, or in place of replace (a doctor on the shift,
// dropping out). Legal candidates come first, cheapest first; then the
// doctors it would break a hard rule for; then those not eligible, with why.
func (pb *Problem) Candidates(r *Rota, shiftKey, replace string) ([]Candidate, error) {
	s, ok := pb.shiftIndex[shiftKey]
	if !ok {
		return nil, fmt.Errorf("no shift %q in the rota's period", shiftKey)
	}
	if r.From != pb.From || r.To != pb.To {
		return nil, fmt.Errorf("the rota covers [%s, %s), not [%s, %s)", r.From, r.To, pb.From, pb.To)
	}
	st, _ := pb.load(r.Assignments)
	var base []change
	if replace != "" {
		pos, ok := pb.Territory.ix.doctorPos[replace]
		if !ok || !st.has(s, int32(pos)) {
			return nil, fmt.Errorf("%s is not on %s", replace, shiftKey)
		}
		base = append(base, change{shift: s, person: int32(pos)})
	} else if len(st.onShift[s]) >= int(pb.model.capacity[s]) {
		return nil, fmt.Errorf("every seat of %s is taken: name the doctor to replace", shiftKey)
	}
	t := pb.Territory
	var out []Candidate
	for pos := range t.Doctors {
		d := &t.Doctors[pos]
		p := int32(pos)
		if st.has(s, p) || !containsString(d.Specialties, pb.Shifts[s].Line.Specialty) {
			continue
		}
		c := Candidate{Doctor: d.ID, Name: d.Name, Eligible: pb.model.isEligible(s, p)}
		if !c.Eligible {
			c.Broken = []string{pb.whyIneligible(s, p)}
			out = append(out, c)
			continue
		}
		changes := append(append([]change{}, base...), change{shift: s, person: p, add: true})
		terms, broken := pb.explainChange(st, changes)
		c.Legal = len(broken) == 0
		c.Broken = broken
		c.Change, c.Reasons = pb.describeTerms(st, terms, p, s)
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Eligible != b.Eligible {
			return a.Eligible
		}
		if a.Legal != b.Legal {
			return a.Legal
		}
		if a.Change != b.Change {
			return a.Change < b.Change
		}
		return a.Doctor < b.Doctor
	})
	return out, nil
}

// explainChange measures, rule by rule, how the changes would move each
// soft term, and lists the hard rules they would break.
func (pb *Problem) explainChange(st *state, changes []change) (map[string]float64, []string) {
	m := st.m
	terms := map[string]float64{}
	var broken []string
	note := func(v violation) {
		broken = append(broken, fmt.Sprintf("%s: %s", v.rule, v.detail))
	}
	st.collectTouched(changes)
	people := append([]int32(nil), st.touchedPeople...)
	shifts := append([]int32(nil), st.touchedShifts...)
	for _, p := range people {
		after := st.newSchedule(nil, p, changes)
		for _, r := range m.personRules {
			var emit emitFunc
			if r.level() == levelHard && r.measurePerson(p, st.schedule[p], nil) == 0 {
				emit = note
			}
			terms[r.name()] += r.measurePerson(p, after, emit) - r.measurePerson(p, st.schedule[p], nil)
		}
	}
	for _, s := range shifts {
		after := st.newPeople(nil, s, changes)
		for _, r := range m.shiftRules {
			terms[r.name()] += r.measureShift(s, after, nil) - r.measureShift(s, st.onShift[s], nil)
		}
	}
	for _, c := range changes {
		sign := -1.0
		if c.add {
			sign = 1
		}
		for _, r := range m.pairRules {
			var emit emitFunc
			if c.add && r.level() == levelHard {
				emit = note
			}
			terms[r.name()] += sign * r.measurePair(c.shift, c.person, emit)
		}
	}
	return terms, broken
}

// describeTerms weighs term changes into a total and explains each for
// candidate p taking shift s.
func (pb *Problem) describeTerms(st *state, terms map[string]float64, p, s int32) (float64, []string) {
	load, weekends := 0.0, 0
	for _, x := range st.schedule[p] {
		load += pb.Shifts[x].Points
		if pb.Shifts[x].Weekend() {
			weekends++
		}
	}
	w := pb.Rules.Weights
	var reasons []string
	total := 0.0
	add := func(term string, weight float64, format string, args ...any) {
		v := terms[term]
		if math.Abs(v) < 1e-12 {
			return
		}
		total += weight * v
		reasons = append(reasons, fmt.Sprintf("%+.1f %s", weight*v, fmt.Sprintf(format, args...)))
	}
	add("fairness", w.Fairness, "fairness: %s's load goes from %g to %g points, fair share %.2f",
		pb.personName(p), load, load+pb.Shifts[s].Points, pb.LoadTarget[p])
	add("weekend_fairness", w.WeekendFairness, "weekend fairness: %s goes from %d to %d weekend shifts, fair share %.2f",
		pb.personName(p), weekends, weekends+1, pb.WeekendTarget[p])
	add("wishes", w.Wishes, "wishes: %+g weight of wishes broken", terms["wishes"])
	add("spacing", w.Spacing, "spacing: %+g pair(s) of shifts less than %s apart", terms["spacing"], hoursText(durationSeconds(pb.Rules.MinGap)))
	add("travel", w.Travel, "travel: %+.1f km", terms["travel"])
	add("stability", w.Stability, "stability: %+g change(s) against the reference rota", terms["stability"])
	total += UncoveredWeight * terms["coverage"]
	return total, reasons
}

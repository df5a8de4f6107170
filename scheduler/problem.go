package scheduler

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// A Problem is the rota to make for one territory and one period [From, To):
// the period's shifts, who may take each, the pins, the previous rota that
// still constrains the first days, the reference rota to stay close to, and
// the rules and objective that score any set of assignments.
type Problem struct {
	Territory *Territory
	From, To  Date
	Rules     EffectiveRules
	Shifts    []Shift   // in key order
	Eligible  [][]int32 // per shift, positions in Territory.Doctors, ascending

	// LoadTarget and WeekendTarget are each doctor's fair share of points
	// and of weekend shifts (the targets of F and K).
	LoadTarget, WeekendTarget []float64

	shiftIndex map[string]int32
	avail      []availability // per doctor, around the period
	wishes     []wishMatcher  // per doctor
	history    [][]fixedShift // per doctor, the previous rota's shifts
	reference  map[[2]int32]bool
	refPairs   int              // distinct reference pairs within the period
	pins       [][]int32        // per shift, pinned doctors
	pinOrigin  map[[2]int32]int // pin -> its index in Territory.Pins
	model      *model
}

// ProblemOptions are the rotas a problem may be planned against.
type ProblemOptions struct {
	// Reference is the published rota being re-planned: the stability term
	// counts its assignments that no longer hold.
	Reference *Rota
	// History is the previous period's rota: its assignments are fixed and
	// count for overlap and rest across the boundary.
	History *Rota
}

// NewProblem prepares the rota problem of a validated territory for the
// period [from, to). It fails on a bad period, a history that names shifts
// or doctors that do not exist, or pins that on their own break a hard rule.
func NewProblem(t *Territory, from, to Date, opt ProblemOptions) (*Problem, error) {
	if t.ix == nil {
		return nil, ErrNotValidated
	}
	shifts, err := t.Shifts(from, to)
	if err != nil {
		return nil, err
	}
	pb := &Problem{
		Territory:  t,
		From:       from,
		To:         to,
		Rules:      t.ix.rules,
		Shifts:     shifts,
		shiftIndex: make(map[string]int32, len(shifts)),
		avail:      make([]availability, len(t.Doctors)),
		wishes:     make([]wishMatcher, len(t.Doctors)),
	}
	for i := range shifts {
		pb.shiftIndex[shifts[i].Key] = int32(i)
	}
	for pos := range t.Doctors {
		pb.avail[pos] = t.unavailability(&t.Doctors[pos], from, to)
		pb.wishes[pos] = t.newWishMatcher(&t.Doctors[pos], from, to)
	}
	pb.Eligible = toInt32Lists(t.eligibleFor(shifts, pb.avail))
	if err := pb.loadHistory(opt.History); err != nil {
		return nil, err
	}
	if err := pb.loadReference(opt.Reference); err != nil {
		return nil, err
	}
	pb.loadPins()
	pb.model = pb.buildModel()
	if err := pb.checkPins(); err != nil {
		return nil, err
	}
	return pb, nil
}

// checkMinimums rejects, before solving, personal minimums of hours that
// no rota of the period can meet:
// more than the doctor's longest eligible shifts add up to, within their
// cap of shifts.
func (pb *Problem) checkMinimums() error {
	t := pb.Territory
	caps := pb.shiftCaps()
	var errs []string
	for pos := range t.Doctors {
		d := &t.Doctors[pos]
		if d.MinHours == nil || *d.MinHours <= 0 {
			continue
		}
		var hours []float64
		for _, s := range pb.model.canTake[pos] {
			hours = append(hours, pb.Shifts[s].End.Sub(pb.Shifts[s].Start).Hours())
		}
		sort.Sort(sort.Reverse(sort.Float64Slice(hours)))
		possible := 0.0
		for i := 0; i < len(hours) && i < caps[pos]; i++ {
			possible += hours[i]
		}
		if possible < *d.MinHours {
			errs = append(errs, fmt.Sprintf("%s must work at least %g hours but can take at most %g hours of shifts in the period (eligibility and a cap of %d shifts)",
				d.ID, *d.MinHours, possible, caps[pos]))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("personal minimums no rota can meet:\n  %s", strings.Join(errs, "\n  "))
	}
	return nil
}

func toInt32Lists(lists [][]int) [][]int32 {
	out := make([][]int32, len(lists))
	for i, l := range lists {
		out[i] = make([]int32, len(l))
		for j, v := range l {
			out[i][j] = int32(v)
		}
	}
	return out
}

// ShiftIndex returns the index of the shift with that key in Shifts.
func (pb *Problem) ShiftIndex(key string) (int, bool) {
	i, ok := pb.shiftIndex[key]
	return int(i), ok
}

// DoctorIndex returns the position of the doctor with that id.
func (pb *Problem) DoctorIndex(id string) (int, bool) {
	i, ok := pb.Territory.ix.doctorPos[id]
	return i, ok
}

func (pb *Problem) shiftName(s int32) string  { return pb.Shifts[s].Key }
func (pb *Problem) personName(p int32) string { return pb.Territory.Doctors[p].ID }

// loadHistory resolves the previous rota's assignments against the
// territory over the history's own period.
func (pb *Problem) loadHistory(h *Rota) error {
	if h == nil {
		return nil
	}
	t := pb.Territory
	if err := h.checkTerritory(t, "history"); err != nil {
		return err
	}
	if h.To > pb.From && h.From < pb.To {
		return fmt.Errorf("the history rota's period [%s, %s) overlaps the period [%s, %s)", h.From, h.To, pb.From, pb.To)
	}
	shifts, err := t.Shifts(h.From, h.To)
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	byKey := make(map[string]*Shift, len(shifts))
	for i := range shifts {
		byKey[shifts[i].Key] = &shifts[i]
	}
	var errs FieldErrors
	pb.history = make([][]fixedShift, len(t.Doctors))
	rest := durationSeconds(pb.Rules.MinRest)
	for i, a := range h.Assignments {
		path := indexPath("$.assignments", i)
		s, okShift := byKey[a.Shift]
		pos, okDoctor := t.ix.doctorPos[a.Doctor]
		if !okShift {
			errs.add(fieldPath(path, "shift"), "no shift %q in the territory over the history's period", a.Shift)
		}
		if !okDoctor {
			errs.add(fieldPath(path, "doctor"), "no doctor has the id %q", a.Doctor)
		}
		if okShift && okDoctor {
			f := fixedShift{span: spanOf(s), key: s.Key}
			if s.Line.Mode == OnSite {
				f.restAfter = rest
			}
			pb.history[pos] = append(pb.history[pos], f)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("history rota: %w", errs)
	}
	return nil
}

// loadReference records the reference rota's pairs within the period.
// Pairs whose shift or doctor no longer exists still count as not held.
func (pb *Problem) loadReference(ref *Rota) error {
	if ref == nil {
		return nil
	}
	if err := ref.checkTerritory(pb.Territory, "reference"); err != nil {
		return err
	}
	pb.reference = map[[2]int32]bool{}
	seen := map[Assignment]bool{}
	for _, a := range ref.Assignments {
		if seen[a] {
			continue
		}
		seen[a] = true
		k, err := ParseShiftKey(a.Shift)
		if err != nil || k.Date < pb.From || k.Date >= pb.To {
			continue // an unreadable key has no date, so it is outside the period
		}
		pb.refPairs++
		s, okShift := pb.shiftIndex[a.Shift]
		pos, okDoctor := pb.Territory.ix.doctorPos[a.Doctor]
		if okShift && okDoctor {
			pb.reference[[2]int32{s, int32(pos)}] = true
		}
	}
	return nil
}

// loadPins keeps the territory's pins whose shift lies in the period.
func (pb *Problem) loadPins() {
	t := pb.Territory
	pb.pins = make([][]int32, len(pb.Shifts))
	pb.pinOrigin = map[[2]int32]int{}
	for i, pin := range t.Pins {
		s, ok := pb.shiftIndex[pin.Shift]
		pos, okDoctor := t.ix.doctorPos[pin.Doctor]
		if !ok || !okDoctor {
			continue // outside the period (validation checked it exists)
		}
		if !containsInt32(pb.pins[s], int32(pos)) {
			pb.pins[s] = append(pb.pins[s], int32(pos))
			pb.pinOrigin[[2]int32{s, int32(pos)}] = i
		}
	}
}

// A PinConflictError says that the pins on their own break hard rules.
type PinConflictError struct {
	Violations []Violation
	PinIndex   []int // for each violation, the index of the pin in the territory file
}

func (e *PinConflictError) Error() string {
	var b strings.Builder
	b.WriteString("the pins on their own break hard rules:")
	for _, v := range e.Violations {
		fmt.Fprintf(&b, "\n  %s: %s on %s: %s", v.Rule, v.Doctor, v.Shift, v.Detail)
	}
	return b.String()
}

// checkPins scores the rota made of the pins alone: any hard rule it
// breaks is an input error, reported before any solving.
func (pb *Problem) checkPins() error {
	st := newState(pb.model)
	for s, people := range pb.pins {
		for _, p := range people {
			st.apply([]change{{shift: int32(s), person: p, add: true}})
		}
	}
	ev := pb.measure(st, nil)
	var broken []Violation
	for _, v := range ev.Violations {
		if v.Rule != "min_hours" { // pins alone cannot break a minimum: more shifts may meet it
			broken = append(broken, v)
		}
	}
	if len(broken) == 0 {
		return nil
	}
	e := &PinConflictError{Violations: broken}
	for _, v := range broken {
		e.PinIndex = append(e.PinIndex, pb.pinBehind(v))
	}
	return e
}

// pinBehind names the pin a violation of the pins-only rota falls on: the
// pin of its doctor on its shift; for a rule about a whole shift (the
// headcount), the last pin given for that shift; for a rule about a whole
// period (consecutive days), the doctor's last pin; -1 if none fits.
func (pb *Problem) pinBehind(v Violation) int {
	s, hasShift := pb.shiftIndex[v.Shift]
	pos, hasDoctor := pb.Territory.ix.doctorPos[v.Doctor]
	if hasShift && hasDoctor {
		if i, ok := pb.pinOrigin[[2]int32{s, int32(pos)}]; ok {
			return i
		}
	}
	last := -1
	for k, i := range pb.pinOrigin {
		if (hasShift && k[0] == s) || (!hasShift && hasDoctor && k[1] == int32(pos)) {
			last = max(last, i)
		}
	}
	return last
}

// buildModel compiles the problem into the solver's model with the rules
// of the rota model, hard rules first.
func (pb *Problem) buildModel() *model {
	t := pb.Territory
	n := len(pb.Shifts)
	m := &model{
		shiftCount:  n,
		personCount: len(t.Doctors),
		capacity:    make([]int32, n),
		eligible:    pb.Eligible,
		pinned:      pb.pins,
		shiftName:   pb.shiftName,
		personName:  pb.personName,
	}
	spans := make([]span, n)
	start := make([]int64, n)
	restAfter := make([]int64, n)
	weekendOf := make([]int32, n)
	points := make([]float64, n)
	weekend := make([]float64, n)
	rest := durationSeconds(pb.Rules.MinRest)
	for i := range pb.Shifts {
		s := &pb.Shifts[i]
		m.capacity[i] = int32(s.Headcount)
		spans[i] = spanOf(s)
		start[i] = spans[i].start
		if s.Line.Mode == OnSite {
			restAfter[i] = rest
		}
		weekendOf[i] = calendarWeekend(s.Date)
		points[i] = s.Points
		if s.Weekend() {
			weekend[i] = 1
		}
	}
	dayOf := make([]int32, n)
	minutes := make([]int, n)
	for i := range pb.Shifts {
		s := &pb.Shifts[i]
		dayOf[i] = int32(s.Date - pb.From)
		minutes[i] = int(s.End.Sub(s.Start).Minutes())
	}
	share := make([]float64, len(t.Doctors))
	maxShifts := make([]int, len(t.Doctors))
	maxWeekends := make([]int, len(t.Doctors))
	maxConsecutive := make([]int, len(t.Doctors))
	minMinutes := make([]int, len(t.Doctors))
	homes := make([]*Establishment, len(t.Doctors))
	for pos := range t.Doctors {
		d := &t.Doctors[pos]
		share[pos] = d.EffectiveShare()
		maxShifts[pos] = pb.Rules.MaxShifts
		if d.MaxShifts != nil {
			maxShifts[pos] = *d.MaxShifts
		}
		maxWeekends[pos] = pb.Rules.MaxWeekends
		maxConsecutive[pos] = -1
		if pb.Rules.MaxConsecutiveDays > 0 {
			maxConsecutive[pos] = pb.Rules.MaxConsecutiveDays
		}
		if d.MinHours != nil {
			minMinutes[pos] = int(math.Ceil(*d.MinHours * 60))
		}
		homes[pos] = t.ix.establishments[d.Establishment]
	}
	pb.LoadTarget = fairTargets(len(t.Doctors), points, m.capacity, pb.Eligible, share)
	pb.WeekendTarget = fairTargets(len(t.Doctors), weekend, m.capacity, pb.Eligible, share)

	w := pb.Rules.Weights
	m.personRules = []personRule{
		newOverlapRule(spans, pb.history, pb),
		newRestRule(spans, restAfter, pb.history, pb),
		newMaxShiftsRule(maxShifts),
		newMaxWeekendsRule(weekendOf, maxWeekends),
		newMaxConsecutiveDaysRule(dayOf, maxConsecutive, func(d int32) string { return (pb.From + Date(d)).String() }),
		newMinHoursRule(minutes, minMinutes),
		newLoadFairnessRule(w.Fairness, points, pb.LoadTarget),
		newWeekendFairnessRule(w.WeekendFairness, weekend, pb.WeekendTarget),
		newSpacingRule(w.Spacing, start, durationSeconds(pb.Rules.MinGap)),
	}
	m.shiftRules = []shiftRule{
		newHeadcountRule(m.capacity),
		newPinRule(pb.pins),
		newUncoveredRule(m.capacity),
	}
	wishPair, preferTotal := pb.wishWeights(m)
	m.pairRules = []pairRule{
		newEligibilityRule(m, pb.whyIneligible),
		newWishesRule(w.Wishes, wishPair, preferTotal),
		newTravelRule(w.Travel, func(s, p int32) float64 {
			return travelKm(homes[p], t.ix.establishments[pb.Shifts[s].Line.Establishment])
		}),
		newStabilityRule(w.Stability, func(s, p int32) bool { return pb.reference[[2]int32{s, p}] }, pb.refPairs),
	}
	m.prepare(start)
	return m
}

// calendarWeekend identifies the calendar weekend a date belongs to by its
// Saturday, or returns -1 for a Monday to Friday.
func calendarWeekend(d Date) int32 {
	switch d.Weekday() {
	case 6: // Saturday
		return int32(d)
	case 0: // Sunday
		return int32(d - 1)
	}
	return -1
}

func (pb *Problem) whyIneligible(s, p int32) string {
	if why := pb.Territory.whyIneligible(int(p), &pb.Shifts[s], pb.avail[p]); why != "" {
		return why
	}
	return "not eligible"
}

// wishWeights returns the pair measure of the wishes rule and its constant:
// the prefer weight over every eligible matching shift.
func (pb *Problem) wishWeights(m *model) (func(s, p int32) float64, float64) {
	preferTotal := 0
	for s, people := range pb.Eligible {
		for _, p := range people {
			if len(pb.wishes[p].wishes) > 0 {
				_, prefer := pb.wishes[p].weights(&pb.Shifts[s])
				preferTotal += prefer
			}
		}
	}
	pair := func(s, p int32) float64 {
		if len(pb.wishes[p].wishes) == 0 {
			return 0
		}
		avoid, prefer := pb.wishes[p].weights(&pb.Shifts[s])
		if !m.isEligible(s, p) {
			prefer = 0 // a prefer wish only counts shifts the doctor is eligible for
		}
		return float64(avoid - prefer)
	}
	return pair, float64(preferTotal)
}

// Evaluate scores a rota of this problem's period: every hard rule it
// breaks, explained, and its score term by term. Assignments to shifts or
// doctors that do not exist, and repeated ones, are violations and are
// otherwise ignored.
func (pb *Problem) Evaluate(r *Rota) (*Evaluation, error) {
	if err := r.checkTerritory(pb.Territory, "scored"); err != nil {
		return nil, err
	}
	if r.From != pb.From || r.To != pb.To {
		return nil, fmt.Errorf("the rota covers [%s, %s), not the problem's period [%s, %s)", r.From, r.To, pb.From, pb.To)
	}
	st, loadViolations := pb.load(r.Assignments)
	return pb.measure(st, loadViolations), nil
}

// load builds a state from assignments, reporting those it cannot hold.
func (pb *Problem) load(assignments []Assignment) (*state, []Violation) {
	st := newState(pb.model)
	var out []Violation
	seen := map[Assignment]bool{}
	for _, a := range assignments {
		s, okShift := pb.shiftIndex[a.Shift]
		pos, okDoctor := pb.Territory.ix.doctorPos[a.Doctor]
		switch {
		case !okShift:
			out = append(out, Violation{"unknown_shift", a.Shift, a.Doctor, "no such shift in the territory over the rota's period"})
		case !okDoctor:
			out = append(out, Violation{"unknown_doctor", a.Shift, a.Doctor, "no doctor has this id"})
		case seen[a]:
			out = append(out, Violation{"repeated_assignment", a.Shift, a.Doctor, "the doctor is assigned to this shift more than once"})
		default:
			seen[a] = true
			st.apply([]change{{shift: s, person: int32(pos), add: true}})
		}
	}
	return st, out
}

// measure reports a state's violations and score, measuring every rule
// from scratch with explanations, in float64 exactly as the rota model
// defines each term.
func (pb *Problem) measure(st *state, extra []Violation) *Evaluation {
	m := st.m
	ev := &Evaluation{Violations: append([]Violation{}, extra...)}
	emit := func(v violation) {
		out := Violation{Rule: v.rule, Detail: v.detail}
		if v.shift >= 0 {
			out.Shift = pb.shiftName(v.shift)
		}
		if v.person >= 0 {
			out.Doctor = pb.personName(v.person)
		}
		ev.Violations = append(ev.Violations, out)
	}
	terms := map[string]float64{}
	weights := map[string]float64{}
	for _, r := range m.personRules {
		weights[r.name()] = r.weight()
		for p, shifts := range st.schedule {
			terms[r.name()] += r.measurePerson(int32(p), shifts, emit)
		}
	}
	for _, r := range m.shiftRules {
		weights[r.name()] = r.weight()
		for s, people := range st.onShift {
			terms[r.name()] += r.measureShift(int32(s), sortedCopy(people), emit)
		}
	}
	for _, r := range m.pairRules {
		weights[r.name()] = r.weight()
		terms[r.name()] += r.constant()
		for s, people := range st.onShift {
			for _, p := range sortedCopy(people) {
				terms[r.name()] += r.measurePair(int32(s), p, emit)
			}
		}
	}
	ev.Score = Score{
		U: int(terms["coverage"]),
		F: terms["fairness"],
		K: terms["weekend_fairness"],
		P: int(terms["wishes"]),
		S: int(terms["spacing"]),
		T: terms["travel"],
		C: int(terms["stability"]),
	}
	ev.Total = UncoveredWeight*float64(ev.U) +
		weights["fairness"]*ev.F + weights["weekend_fairness"]*ev.K + weights["wishes"]*float64(ev.P) +
		weights["spacing"]*float64(ev.S) + weights["travel"]*ev.T + weights["stability"]*float64(ev.C)
	sort.SliceStable(ev.Violations, func(i, j int) bool {
		a, b := ev.Violations[i], ev.Violations[j]
		if a.Shift != b.Shift {
			return a.Shift < b.Shift
		}
		if a.Doctor != b.Doctor {
			return a.Doctor < b.Doctor
		}
		return a.Rule < b.Rule
	})
	return ev
}

func sortedCopy(list []int32) []int32 {
	out := append([]int32(nil), list...)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

package scheduler

import (
	"math"
	"sort"
)

// Best response: re-roster one person of a day roster optimally while
// everyone else stays put. Every hard rule of a day roster concerns one
// person, so a dynamic program over the days finds, among the person's
// legal schedules, the one that costs least against the others' cover and
// the person's requests (the pricing step of column generation for these
// benchmarks). Its state after each day carries what the rules need: the
// shift of that day (successions), the length of the current run of
// worked days or days off, whether that run touches day 0 (the horizon's
// edge rules), and, when they fit, the weekends and the minutes worked so
// far, and the counts of the shift types whose cap binds. The rules that do
// not fit the state are priced with Lagrangian penalties adjusted over a
// few rounds; the engine then measures the move like any other, so a
// schedule that still breaks one is kept only when the search accepts it.

// rosterData is what the best response needs of a day roster.
type rosterData struct {
	r         *DayRoster
	unit      int   // minutes per unit: the gcd of the shift lengths
	typeUnits []int // length of each shift type in units
	cover     coverageRule
	// pricingLimits bound each person's dense pricing program
	// (daymaster.go), labelled says whose rules that program cannot all
	// carry, so that labels price them (daylabels.go), with labelShapes,
	// and pricingExact whether every person's pricing is exact; all are
	// fixed by the roster, so computed once.
	pricingLimits []int
	labelled      []bool
	labelShapes   []labelShape
	pricingExact  bool
}

// pricingRounds bounds the rounds of pricing the rules the dynamic
// program's state does not carry (subgradient steps on their prices).
const pricingRounds = 30

// bestResponseLimit bounds the dynamic program's states per day times days.
const bestResponseLimit = 1_500_000

// cheapLimit is the work (states x days x choices) under which best
// responses are cheap enough to polish every epoch: a few milliseconds.
const cheapLimit = 4_000_000

// cheap reports whether every person's best response is cheap.
func (rd *rosterData) cheap() bool {
	for i := range rd.r.People {
		sh := rd.shapeFor(&rd.r.People[i], bestResponseLimit)
		if sh.states()*rd.r.Days*(sh.types+1) > cheapLimit {
			return false
		}
	}
	return true
}

func newRosterData(r *DayRoster, cover coverageRule) *rosterData {
	d := &rosterData{r: r, cover: cover}
	for _, s := range r.Shifts {
		d.unit = gcd(d.unit, s.Minutes)
	}
	d.unit = max(d.unit, 1)
	for _, s := range r.Shifts {
		d.typeUnits = append(d.typeUnits, s.Minutes/d.unit)
	}
	for p := range r.People {
		d.labelShapes = append(d.labelShapes, d.labelShapeFor(&r.People[p]))
	}
	d.pricingLimits, d.labelled, d.pricingExact = d.pricingPrograms()
	return d
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// dpShape sizes the dynamic program's state for one person.
type dpShape struct {
	types      int // shift types; "off" is index types
	runs       int // run lengths kept: 1..runs
	weekends   int // weekends kept: 0..weekends-1 (1 when relaxed)
	minutes    int // minute units kept: 0..minutes-1 (1 when relaxed)
	exactWeeks bool
	exactMins  bool
	// caps: the counts of the capped types the state carries, in mixed
	// radix (count k of tracked type capType[k] ranges over 0..capMax[k]).
	capType   []int
	capMax    []int
	capStride []int
	capStates int   // product of (capMax+1); 1 when none is carried
	tracked   []int // per type: its position in capType, or -1
}

func (sh dpShape) states() int {
	return (sh.types + 1) * sh.runs * 2 * sh.weekends * sh.minutes * max(sh.capStates, 1)
}

func (sh dpShape) index(last, run, edge, week, mins, caps int) int {
	return (((((last*sh.runs+run-1)*2+edge)*sh.weekends+week)*sh.minutes+mins)*max(sh.capStates, 1) + caps)
}

// capStep counts one more shift of type t in the carried counts; it fails
// when the type's cap is reached.
func (sh dpShape) capStep(caps, t int) (int, bool) {
	if t >= len(sh.tracked) || sh.tracked[t] < 0 {
		return caps, true
	}
	k := sh.tracked[t]
	if (caps/sh.capStride[k])%(sh.capMax[k]+1) == sh.capMax[k] {
		return 0, false
	}
	return caps + sh.capStride[k], true
}

// shapeFor chooses the state: minutes and weekends exact when the whole
// table fits limit (states times days), else relaxed.
func (rd *rosterData) shapeFor(x *RosterPerson, limit int) dpShape {
	days := rd.r.Days
	sh := dpShape{types: len(rd.r.Shifts), runs: runsFor(x), weekends: 1, minutes: 1}
	weeks := min(x.MaxWeekends, days/7+1) + 1
	mins := x.MaxMinutes/rd.unit + 1
	if x.MaxMinutes < 0 {
		mins = days*maxOf(rd.typeUnits) + 1
	}
	try := sh
	try.weekends, try.minutes, try.exactWeeks, try.exactMins = weeks, mins, true, true
	if try.states()*days > limit {
		try.minutes, try.exactMins = 1, false
	}
	if try.states()*days > limit {
		try = sh
	}
	return rd.carryCaps(x, try, limit)
}

// runsFor is the longest run length a program must tell apart for x:
// beyond it, longer runs are all alike.
func runsFor(x *RosterPerson) int {
	if x.MaxConsecutive <= 0 { // no cap: the run length matters only up to the minimums
		return max(x.MinDaysOff, x.MinConsecutive, 1)
	}
	return max(x.MaxConsecutive, x.MinDaysOff, x.MinConsecutive, 1)
}

// A runMove is where a day takes the current run: its length (kept up to
// the program's runs), whether it still touches day 0, and whether the
// rules of runs allow the day.
type runMove struct {
	run, edge int
	ok        bool
}

// nextRuns says where a day off and a worked day take a run of the given
// length that ended with a day off (wasOff) or a worked day.
func (x *RosterPerson) nextRuns(wasOff bool, run, edge, runs int) (offMove, workMove runMove) {
	if wasOff {
		return runMove{min(run+1, runs), edge, true}, runMove{1, 0, edge == 1 || run >= x.MinDaysOff}
	}
	return runMove{1, 0, edge == 1 || run >= x.MinConsecutive},
		runMove{min(run+1, runs), edge, x.MaxConsecutive <= 0 || run+1 <= x.MaxConsecutive}
}

// carryCaps adds to the state the counts of the types whose cap binds (it
// is below the days the person could work them), smallest caps first, as
// long as the table fits; the others are priced.
func (rd *rosterData) carryCaps(x *RosterPerson, sh dpShape, limit int) dpShape {
	sh.capStates = 1
	sh.tracked = make([]int, sh.types)
	for t := range sh.tracked {
		sh.tracked[t] = -1
	}
	binding := x.bindingCaps()
	sort.Slice(binding, func(i, j int) bool { return x.MaxOfType[binding[i]] < x.MaxOfType[binding[j]] })
	for _, t := range binding {
		grown := sh.states() * (x.MaxOfType[t] + 1)
		if grown*rd.r.Days > limit {
			break
		}
		sh.tracked[t] = len(sh.capType)
		sh.capType = append(sh.capType, t)
		sh.capMax = append(sh.capMax, x.MaxOfType[t])
		sh.capStride = append(sh.capStride, sh.capStates)
		sh.capStates *= x.MaxOfType[t] + 1
	}
	return sh
}

// bindingCaps lists, in type order, the shift types whose cap binds for
// x: it is below the days x may work (a cap of 0 forbids the type, which
// eligibility already says).
func (x *RosterPerson) bindingCaps() []int {
	free := 0
	for _, off := range x.DayOff {
		if !off {
			free++
		}
	}
	var binding []int
	for t, limit := range x.MaxOfType {
		if limit > 0 && limit < free {
			binding = append(binding, t)
		}
	}
	return binding
}

func maxOf(xs []int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

// penalties are the Lagrangian prices of the rules the state relaxes, in
// soft cost units.
type penalties struct {
	perType []float64 // per use of a shift type whose cap the state does not carry
	perUnit float64   // per minute unit worked (negative pushes towards more work)
	perWeek float64   // per weekend worked
}

// bestResponse appends to dst the changes that give person p the schedule
// bestPlan finds given everyone else (it may be no better than p's
// current one: the caller measures it); dst is unchanged when the program
// finds none or cannot run (too large a state).
func (w *worker) bestResponse(p int32, dst []change) []change {
	plan := w.bestPlan(p, w.dayCosts(p), bestResponseLimit)
	if plan == nil {
		return dst
	}
	return w.planChanges(p, plan, dst)
}

// bestPlan returns p's schedule of least cost under the given costs of
// each (day, type), legal for every rule the state carries, or nil when
// the program cannot run (a state beyond limit) or finds none. The rules
// its state cannot carry are priced over a few rounds; when no round meets
// them all, the plan that misses them by least is returned.
func (w *worker) bestPlan(p int32, costs [][]float64, limit int) []int {
	rd := w.m.roster
	x := &rd.r.People[p]
	sh := rd.shapeFor(x, limit)
	days := rd.r.Days
	if sh.states()*days > limit {
		return nil
	}
	pen := penalties{perType: make([]float64, sh.types)}
	// Half a broken rule: the scale of every price. Minutes gaps are
	// counted in average days of work at p's maximum (at least one unit),
	// so that a price step means the same for every person.
	scale := max(w.opt.hardPenalty/2, softUnit)
	shiftUnits := max(float64(x.MaxMinutes)/float64(rd.unit*max(days, 1)), 1)
	var best []int
	bestMiss := math.Inf(1)
	for round := 0; round < pricingRounds; round++ {
		plan := w.planDays(p, sh, costs, pen)
		if plan == nil {
			break
		}
		counts, units, worked := planTotals(rd, plan)
		// How far the plan is from the priced rules, in shifts or weekends,
		// and a subgradient step on each price, smaller round after round.
		miss := 0.0
		step := scale / float64(round+1)
		for t, n := range counts {
			if over := n - x.MaxOfType[t]; over > 0 {
				miss += float64(over)
				pen.perType[t] += step * float64(over) / float64(max(x.MaxOfType[t], 1))
			} else if pen.perType[t] > 0 {
				pen.perType[t] = max(0, pen.perType[t]+step*float64(over)/float64(max(x.MaxOfType[t], 1)))
			}
		}
		if !sh.exactMins {
			minutes := units * rd.unit
			switch {
			case x.MaxMinutes >= 0 && minutes > x.MaxMinutes:
				gap := float64(minutes-x.MaxMinutes) / float64(rd.unit) / shiftUnits
				miss += gap
				pen.perUnit += step * gap / float64(days) / shiftUnits
			case minutes < x.MinMinutes:
				gap := float64(x.MinMinutes-minutes) / float64(rd.unit) / shiftUnits
				miss += gap
				pen.perUnit -= step * gap / float64(days) / shiftUnits
			}
		}
		if !sh.exactWeeks {
			over := worked - x.MaxWeekends
			if over > 0 {
				miss += float64(over)
			}
			if over > 0 || pen.perWeek > 0 {
				pen.perWeek = max(0, pen.perWeek+step*float64(over)/float64(max(x.MaxWeekends, 1)))
			}
		}
		if miss < bestMiss {
			best, bestMiss = plan, miss
		}
		if miss == 0 {
			break
		}
	}
	return best
}

// dayCosts prices each (day, type) for p against the others: the change of
// cover cost p's arrival makes, and p's requests, in soft units.
func (w *worker) dayCosts(p int32) [][]float64 {
	rd := w.m.roster
	g := w.m.grid
	costs := make([][]float64, g.days)
	for d := range costs {
		costs[d] = make([]float64, g.types)
		for t := range costs[d] {
			s := g.shift(d, t)
			if !w.m.isEligible(s, p) {
				costs[d][t] = math.Inf(1)
				continue
			}
			others := len(w.st.onShift[s])
			if w.st.has(s, p) {
				others--
			}
			extra := rd.cover.costAt(s, int32(others+1)) - rd.cover.costAt(s, int32(others))
			costs[d][t] = extra*softUnit + float64(w.m.pairCostOf(s, p).soft)
		}
	}
	return costs
}

// dayOption is one choice of a day in the program: a shift type (or off)
// with its cost, its minute units, and whether it falls on a weekend day.
type dayOption struct {
	typ     int
	cost    float64
	units   int
	weekday int // 5 Saturday, 6 Sunday, else any other
}

// dayOptions lists each day's choices for p: off, and the eligible types
// with their priced costs (pins keep only the pinned choice).
func (w *worker) dayOptions(p int32, sh dpShape, costs [][]float64, pen penalties) [][]dayOption {
	rd := w.m.roster
	pinned := w.pinnedDays(p)
	opts := make([][]dayOption, rd.r.Days)
	for d := range opts {
		pin := -2
		if pinned != nil {
			pin = pinned[d]
		}
		if pin == -2 || pin == -1 {
			opts[d] = append(opts[d], dayOption{typ: sh.types, weekday: d % 7})
		}
		for t := 0; t < sh.types; t++ {
			c := costs[d][t]
			if math.IsInf(c, 1) || (pin != -2 && pin != t) {
				continue
			}
			units := rd.typeUnits[t]
			c += pen.perType[t] + pen.perUnit*float64(units)
			opts[d] = append(opts[d], dayOption{typ: t, cost: c, units: units, weekday: d % 7})
		}
	}
	return opts
}

// dpTables are a worker's dynamic-program tables, kept from call to call:
// allocating them anew was a tenth of the time of column generation.
type dpTables struct {
	cur, next []float64
	back      []int32 // predecessor state of each state each day; -1 at day 0
}

// tables returns the tables for n states over the given days; cur and
// next hold garbage the caller overwrites.
func (t *dpTables) tables(n, days int) (cur, next []float64, back []int32) {
	if cap(t.cur) < n {
		t.cur, t.next = make([]float64, n), make([]float64, n)
	}
	if cap(t.back) < n*days {
		t.back = make([]int32, n*days)
	}
	return t.cur[:n], t.next[:n], t.back[:n*days]
}

// planDays runs the dynamic program; it returns the shift type of each day
// (-1 off), or nil when no schedule keeps the rules the state carries.
func (w *worker) planDays(p int32, sh dpShape, costs [][]float64, pen penalties) []int {
	rd := w.m.roster
	x := &rd.r.People[p]
	days := rd.r.Days
	n := sh.states()
	off := sh.types
	inf := math.Inf(1)
	opts := w.dayOptions(p, sh, costs, pen)
	cur, next, back := w.dp.tables(n, days)
	for i := range cur {
		cur[i] = inf
	}
	capStates := max(sh.capStates, 1)
	// Day 0: every run touches the edge; a Saturday or Sunday opens a weekend.
	for _, o := range opts[0] {
		week, units := 0, 0
		if o.typ != off {
			units = o.units
			if o.weekday >= 5 {
				week = 1
			}
		}
		if (sh.exactWeeks && week >= sh.weekends) || (sh.exactMins && units >= sh.minutes) {
			continue
		}
		caps, ok := sh.capStep(0, o.typ)
		if !ok {
			continue
		}
		c := o.cost
		if !sh.exactWeeks {
			c += pen.perWeek * float64(week) // a relaxed weekend is priced, not counted
			week = 0
		}
		if !sh.exactMins {
			units = 0
		}
		if i := sh.index(o.typ, 1, 1, week, units, caps); c < cur[i] {
			cur[i] = c
			back[i] = -1
		}
	}
	for d := 1; d < days; d++ {
		for i := range next {
			next[i] = inf
		}
		base := d * n
		for i, c := range cur {
			if c == inf {
				continue
			}
			last, run, edge, week, mins, caps := sh.decode(i)
			offMove, workMove := x.nextRuns(last == off, run, edge, sh.runs)
			var forbidden []bool
			if last != off {
				forbidden = rd.r.Shifts[last].ForbiddenNext
			}
			for _, o := range opts[d] {
				var nrun, nedge, nweek, nmins int
				step := o.cost
				if o.typ == off {
					if !offMove.ok {
						continue
					}
					nrun, nedge, nweek, nmins = offMove.run, offMove.edge, week, mins
				} else {
					if !workMove.ok || (forbidden != nil && forbidden[o.typ]) {
						continue
					}
					nrun, nedge, nweek, nmins = workMove.run, workMove.edge, week, mins+o.units
					if o.weekday == 5 || (o.weekday == 6 && last == off) {
						nweek++
						step += pen.perWeek
					}
				}
				if sh.exactWeeks {
					if nweek >= sh.weekends {
						continue
					}
				} else {
					nweek = 0
				}
				if sh.exactMins {
					if nmins >= sh.minutes {
						continue
					}
				} else {
					nmins = 0
				}
				ncaps := caps
				if o.typ != off && sh.tracked[o.typ] >= 0 {
					var ok bool
					if ncaps, ok = sh.capStep(caps, o.typ); !ok {
						continue
					}
				}
				// sh.index, written out in the program's innermost loop.
				j := (((((o.typ*sh.runs+nrun-1)*2+nedge)*sh.weekends+nweek)*sh.minutes+nmins)*capStates + ncaps)
				if v := c + step; v < next[j] {
					next[j] = v
					back[base+j] = int32(i)
				}
			}
		}
		cur, next = next, cur
	}
	// The last runs touch the horizon's end: no minimum applies to them.
	bestState, bestCost := -1, inf
	for i, c := range cur {
		if c == inf {
			continue
		}
		_, _, _, _, mins, _ := sh.decode(i)
		if sh.exactMins && mins*rd.unit < x.MinMinutes {
			continue
		}
		if c < bestCost {
			bestState, bestCost = i, c
		}
	}
	if bestState < 0 {
		return nil
	}
	plan := make([]int, days)
	for d, i := days-1, bestState; d >= 0; d-- {
		last, _, _, _, _, _ := sh.decode(i)
		plan[d] = last
		if last == off {
			plan[d] = -1
		}
		i = int(back[d*n+i])
	}
	return plan
}

func (sh dpShape) decode(i int) (last, run, edge, week, mins, caps int) {
	caps = i % max(sh.capStates, 1)
	i /= max(sh.capStates, 1)
	mins = i % sh.minutes
	i /= sh.minutes
	week = i % sh.weekends
	i /= sh.weekends
	edge = i % 2
	i /= 2
	run = i%sh.runs + 1
	last = i / sh.runs
	return
}

// pinnedDays gives, per day, the shift type p is pinned to (-1 off is never
// pinned, so -2 means free), or nil when p has no pin.
func (w *worker) pinnedDays(p int32) []int {
	var out []int
	g := w.m.grid
	for s, people := range w.m.pinned {
		for _, q := range people {
			if q == p {
				if out == nil {
					out = make([]int, g.days)
					for i := range out {
						out[i] = -2
					}
				}
				out[s/g.types] = s % g.types
			}
		}
	}
	return out
}

// planTotals counts a plan's shifts per type, minute units and weekends.
func planTotals(rd *rosterData, plan []int) (counts []int, units, weeks int) {
	counts = make([]int, len(rd.r.Shifts))
	for d, t := range plan {
		if t < 0 {
			continue
		}
		counts[t]++
		units += rd.typeUnits[t]
		if wd := d % 7; wd == 5 || (wd == 6 && (d == 0 || plan[d-1] < 0)) {
			weeks++
		}
	}
	return counts, units, weeks
}

// planChanges turns a plan into changes against p's current schedule.
func (w *worker) planChanges(p int32, plan []int, dst []change) []change {
	g := w.m.grid
	for d, t := range plan {
		cur := w.shiftOnDay(p, d)
		next := int32(-1)
		if t >= 0 {
			next = g.shift(d, t)
		}
		if cur == next {
			continue
		}
		if cur >= 0 {
			dst = append(dst, change{shift: cur, person: p})
		}
		if next >= 0 {
			dst = append(dst, change{shift: next, person: p, add: true})
		}
	}
	return dst
}

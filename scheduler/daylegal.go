package scheduler

import "math"

// Legal schedules by labels. Every hard rule of a day roster concerns one
// person, so a roster is legal as soon as each person's schedule is. The
// search on the broken hard rules (SolveDayRoster's first search) works
// on the whole roster, and its last few broken rules can take it long:
// on the benchmark's instance 22 (a year, days-off blocks of at least two
// days, a narrow band of total minutes, caps on five types) every 60 s
// run ended with two or three people one day short of a days-off block.
// Labels carry every rule of such people exactly (daylabels.go), so the
// legal schedule nearest to an illegal one is one search away.

// legalReach is the most changed days nearestLegal looks for a legal
// schedule within: a label further than that from the schedule is
// dropped, which keeps the labels few. The whole horizon is searched
// within the first reach, then windows (see legalWindows) within the
// second, the rest of the schedule kept: changes anywhere in a year are
// too many combinations for labels, and what breaks a rule is mended
// near where it breaks, with a day of work moved where there is room to
// keep the minutes within their bounds.
var legalReach = [2]int{4, 16}

// legalWindows are the lengths of the windows nearestLegal tries, each
// every half length: the short ones first, as they take fewer labels;
// the longer ones reach room further away (on instance 22, a person whose
// 56 days around a run too long were all runs of five days and blocks of
// two days off).
var legalWindows = []int{56, 112, 224}

// legalBudget bounds the labels of one nearestLegal search: a schedule
// far from any legal one is left to the search rather than spend seconds
// on it.
const legalBudget = 200_000

// legalizeFew returns a polish for the first search: at an epoch's end,
// when a few people's schedules break hard rules (at most one in
// legalizeShare, or 3) and fewer than at its last try, it gives each of
// them whose rules labels carry the nearest legal schedule. Far from a
// legal roster, the search itself does better. Once late says so, it
// gives every person still illegal a new schedule by labelResponse
// instead (nearest ones can take seconds each to find, or be out of
// reach, when many are illegal): on instance 22 the search on
// the broken rules never mended the last people in 60 s, while labels
// give each a legal schedule in 0.1 to 0.7 s. Earlier, the
// search's own repairs are kept: replacing the illegal people's
// schedules at once, in the construction, gave instance 19 rosters 15 %
// dearer at 60 s (medians of 3 seeds, against the same day's runs
// without).
func legalizeFew(people int, late func() bool) func(w *worker, stop func() bool) {
	tried := math.MaxInt
	return func(w *worker, stop func() bool) {
		illegal := w.illegalPeople()
		overdue := len(illegal) > 0 && late()
		if !overdue && (len(illegal) == 0 || len(illegal) > max(3, people/legalizeShare) || len(illegal) >= tried) {
			return
		}
		tried = len(illegal)
		for _, p := range illegal {
			if stop() {
				return
			}
			if !w.m.roster.labelled[p] {
				continue
			}
			w.changes = w.changes[:0]
			if overdue {
				w.changes = w.labelResponse(p, w.changes)
			} else if plan := w.nearestLegal(p, w.currentSchedule(p)); plan != nil {
				w.changes = w.planChanges(p, plan, w.changes)
			}
			w.st.apply(w.changes)
		}
	}
}

// legalizeShare: legalizeFew acts when at most one person in legalizeShare
// has an illegal schedule.
const legalizeShare = 8

// illegalPeople lists the people whose schedule breaks one of their hard
// rules.
func (w *worker) illegalPeople() []int32 {
	var out []int32
	for p := range int32(w.m.personCount) {
		if w.m.personCost(p, w.st.schedule[p]).hard > 0 {
			out = append(out, p)
		}
	}
	return out
}

// nearestLegal returns a legal schedule of p near plan (see legalReach),
// or nil when labels find none or outgrow legalBudget.
func (w *worker) nearestLegal(p int32, plan []int) []int {
	days := w.m.grid.days
	if found := w.legalWithin(p, plan, 0, days, legalReach[0]); found != nil {
		return found
	}
	for _, window := range legalWindows {
		if window >= days {
			break
		}
		for from := 0; from < days-window/2; from += window / 2 {
			if found := w.legalWithin(p, plan, from, min(from+window, days), legalReach[1]); found != nil {
				return found
			}
		}
	}
	return nil
}

// legalWithin returns a legal schedule of p that differs from plan on at
// most reach days, all in [from, to), the fewest it can; or nil. Labels
// price days: a change costs 1, counted from plan's own cost, where each
// working day costs -1 on its type so that taking it off costs 1 like any
// other change. Outside the window a change costs more than reach.
func (w *worker) legalWithin(p int32, plan []int, from, to, reach int) []int {
	g := w.m.grid
	costs := make([][]float64, g.days)
	base := 0.0
	for d := range costs {
		costs[d] = make([]float64, g.types)
		change, keep := 1.0, -1.0
		if d < from || d >= to {
			change, keep = math.Inf(1), -float64(reach+1)
		}
		for t := range costs[d] {
			switch {
			case !w.m.isEligible(g.shift(d, t), p):
				costs[d][t] = math.Inf(1)
			case plan[d] == t:
				costs[d][t] = keep
				base += keep
			case plan[d] >= 0:
				costs[d][t] = change + keep
			default:
				costs[d][t] = change
			}
		}
	}
	// Half a change above the reach: costs are whole numbers.
	plans, _ := w.labelPricing(p, costs).plans(labelSearch{below: base + float64(reach) + 0.5, budget: legalBudget, plans: 1})
	if plans == nil {
		return nil
	}
	return plans[0]
}

// responseWidths are the labels kept per key by labelResponse, tried in
// turn: the narrowest is a greedy search that may reach a dead end (a cap
// used up before the minutes are met), the next one rarely does.
var responseWidths = []int{1, 8}

// labelResponse appends to dst the changes that give p a legal schedule
// of low cost against the others, found by a narrow label search (legal
// but not always the cheapest); dst is unchanged when none is found.
// A narrow search keeps the cheapest labels of each place and may use up
// p's weekends or capped types before the horizon's end, where it then
// finds no way to meet the minimum minutes (on instance 22, two people in
// fifty). It is then tried again with weekend days and capped types made
// dearer, by a price added at each try, twice the last one.
func (w *worker) labelResponse(p int32, dst []change) []change {
	costs := w.dayCosts(p)
	price := 0.0 // of a weekend day or capped shift
	for try := 0; try < responseTries; try++ {
		if try > 0 {
			if price == 0 {
				price = meanCost(costs)
			}
			price *= 2
			w.priceScarce(p, costs, price)
		}
		pricing := w.labelPricing(p, costs)
		for _, width := range responseWidths {
			plans, _ := pricing.plans(labelSearch{below: math.Inf(1), width: width, budget: 2 * labelBudget, plans: 1})
			if plans != nil {
				return w.planChanges(p, plans[0], dst)
			}
		}
	}
	return dst
}

// responseTries bounds labelResponse's tries.
const responseTries = 4

// priceScarce adds price to p's costs of working a weekend day (when p's
// weekends are capped) and of each capped type, scaled to how little of
// it there is: the cap's share of the horizon.
func (w *worker) priceScarce(p int32, costs [][]float64, price float64) {
	rd := w.m.roster
	ls := rd.labelShapes[p]
	for d := range costs {
		weekend := ls.weeks >= 0 && d%7 >= 5
		for t := range costs[d] {
			if weekend {
				costs[d][t] += price
			}
			if i := ls.capOf[t]; i >= 0 {
				costs[d][t] += price * (1 - float64(ls.capMax[i])/float64(len(costs)))
			}
		}
	}
}

// meanCost is the mean absolute finite cost of costs, at least 1.
func meanCost(costs [][]float64) float64 {
	sum, n := 0.0, 0
	for _, row := range costs {
		for _, c := range row {
			if !math.IsInf(c, 0) {
				sum += math.Abs(c)
				n++
			}
		}
	}
	if n == 0 {
		return 1
	}
	return max(sum/float64(n), 1)
}

package scheduler

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

// A DayRoster is a staff-rostering problem on whole days, as in the
// published nurse-rostering benchmarks: each day every person works one of
// a few shift types or is off, under sequence rules (successions, blocks of
// worked days and of days off), workload bounds and weekend caps, with
// cover requirements and personal requests as the objective. It runs on
// the same engine and rules as territory rotas.
type DayRoster struct {
	Name        string
	Days        int
	Shifts      []DayShift
	People      []RosterPerson
	OnRequests  []DayRequest // to work a shift on a day
	OffRequests []DayRequest // not to work a shift on a day
	Cover       [][]DayCover // [day][shift type]
}

// A DayShift is a shift type.
type DayShift struct {
	ID            string
	Minutes       int
	ForbiddenNext []bool // [shift type]: may not be worked the next day
}

// A RosterPerson is one person with their limits.
type RosterPerson struct {
	ID        string
	MaxOfType []int // [shift type]; 0 forbids the type
	// Worked minutes in the period; a negative maximum means none.
	MinMinutes, MaxMinutes int
	// Worked days in a row: a minimum of 0 or 1 means none, a negative
	// maximum means none, and 0 is refused (a person who may not work has
	// every MaxOfType at 0).
	MinConsecutive, MaxConsecutive int
	MinDaysOff                     int    // days off in a row; 0 or 1 means none
	MaxWeekends                    int    // at least 0
	DayOff                         []bool // [day]: may not work
}

// A DayRequest asks for (or against) one shift type on one day.
type DayRequest struct{ Person, Day, Shift, Weight int }

// A DayCover is the wanted number of people on a shift type on a day, with
// the cost of each person missing and each person too many.
type DayCover struct{ Requirement, Under, Over int }

// DayRosterResult is the best roster found.
type DayRosterResult struct {
	Assign        [][]int // [person][day]: shift type, or -1 off
	Penalty       int     // the objective (cover and requests)
	Feasible      bool    // no hard rule broken
	Violations    []Violation
	FirstFeasible time.Duration // -1 when no feasible roster was found
	// LowerBound is a bound no legal roster's penalty goes below, proven
	// by the linear relaxation (daymaster.go); valid when HasLowerBound.
	LowerBound    int
	HasLowerBound bool
	// Optimal says that the roster is feasible and its penalty is the
	// lower bound: no roster is cheaper. The solve then stops before its
	// time limit: at the end of the dive or of the search's epoch that
	// found it.
	Optimal bool

	Moves   int64
	Elapsed time.Duration
}

// dayGrid locates shift s = day*types + type.
type dayGrid struct{ days, types int }

func (g dayGrid) shift(day, typ int) int32 { return int32(day*g.types + typ) }

// compile builds the engine's model of the roster.
func (r *DayRoster) compile() (*model, error) {
	if err := r.check(); err != nil {
		return nil, err
	}
	g := dayGrid{r.Days, len(r.Shifts)}
	n := r.Days * g.types
	people := len(r.People)
	m := &model{shiftCount: n, personCount: people, grid: &g,
		capacity: make([]int32, n), eligible: make([][]int32, n), pinned: make([][]int32, n)}
	names := dayRosterNames{r}
	m.shiftName, m.personName = names.shiftName, names.personName
	dayOf := make([]int32, n)
	typeOf := make([]int32, n)
	minutes := make([]int, n)
	weekendOf := make([]int32, n)
	start := make([]int64, n)
	requirement := make([]int32, n)
	under := make([]float64, n)
	over := make([]float64, n)
	for d := 0; d < r.Days; d++ {
		for t := range r.Shifts {
			s := g.shift(d, t)
			dayOf[s], typeOf[s], minutes[s] = int32(d), int32(t), r.Shifts[t].Minutes
			start[s] = int64(s)
			weekendOf[s] = -1
			if d%7 >= 5 { // day 0 is a Monday
				weekendOf[s] = int32(d / 7)
			}
			c := r.Cover[d][t]
			requirement[s], under[s], over[s] = int32(c.Requirement), float64(c.Under), float64(c.Over)
			m.capacity[s] = int32(people) // over-cover is allowed, at a cost
			for p := range r.People {
				if !r.People[p].DayOff[d] && r.People[p].MaxOfType[t] > 0 {
					m.eligible[s] = append(m.eligible[s], int32(p))
				}
			}
		}
	}
	typeLimit := make([][]int, people)
	minMin, maxMin := make([]int, people), make([]int, people)
	minCons, maxCons, minOff, maxWeekends := make([]int, people), make([]int, people), make([]int, people), make([]int, people)
	for p, x := range r.People {
		typeLimit[p] = x.MaxOfType
		minMin[p], maxMin[p] = x.MinMinutes, x.MaxMinutes
		minCons[p], maxCons[p], minOff[p], maxWeekends[p] = x.MinConsecutive, x.MaxConsecutive, x.MinDaysOff, x.MaxWeekends
	}
	forbidden := make([][]bool, g.types)
	typeNames := make([]string, g.types)
	for t, sh := range r.Shifts {
		forbidden[t], typeNames[t] = sh.ForbiddenNext, sh.ID
	}
	requests := map[[2]int32]float64{}
	onTotal := 0.0
	for _, q := range r.OnRequests {
		requests[[2]int32{g.shift(q.Day, q.Shift), int32(q.Person)}] -= float64(q.Weight)
		onTotal += float64(q.Weight)
	}
	for _, q := range r.OffRequests {
		requests[[2]int32{g.shift(q.Day, q.Shift), int32(q.Person)}] += float64(q.Weight)
	}
	m.personRules = []personRule{
		newOneShiftPerDayRule(dayOf, names),
		newSuccessionRule(dayOf, typeOf, forbidden, names),
		newTypeLimitRule(typeOf, typeLimit, typeNames),
		newWorkMinutesRule(minutes, minMin, maxMin, shortest(r.Shifts)),
		newMaxConsecutiveDaysRule(dayOf, maxCons, dayIndexLabel),
		newMinConsecutiveDaysRule(dayOf, int32(r.Days), minCons),
		newMinDaysOffRule(dayOf, minOff),
		newMaxWeekendsRule(weekendOf, maxWeekends),
	}
	cover := coverageRule{ruleInfo: softRule("cover", 1), requirement: requirement, under: under, over: over}
	m.shiftRules = []shiftRule{cover}
	m.roster = newRosterData(r, cover)
	m.pairRules = []pairRule{
		newEligibilityRule(m, func(s, p int32) string { return "a day off, or a shift type the person may not work" }),
		newRequestsRule(requests, onTotal),
	}
	m.prepare(start)
	return m, nil
}

// check rejects a roster whose tables do not fit its sizes.
func (r *DayRoster) check() error {
	if r.Days <= 0 || len(r.Shifts) == 0 {
		return fmt.Errorf("day roster %s: no days or no shift types", r.Name)
	}
	if len(r.Cover) != r.Days {
		return fmt.Errorf("day roster %s: cover has %d days, want %d", r.Name, len(r.Cover), r.Days)
	}
	for d, row := range r.Cover {
		if len(row) != len(r.Shifts) {
			return fmt.Errorf("day roster %s: cover of day %d has %d shift types, want %d", r.Name, d, len(row), len(r.Shifts))
		}
	}
	for _, sh := range r.Shifts {
		if len(sh.ForbiddenNext) != len(r.Shifts) {
			return fmt.Errorf("day roster %s: shift %s: successions for %d types, want %d", r.Name, sh.ID, len(sh.ForbiddenNext), len(r.Shifts))
		}
	}
	for _, p := range r.People {
		if len(p.MaxOfType) != len(r.Shifts) || len(p.DayOff) != r.Days {
			return fmt.Errorf("day roster %s: person %s: limits or days off do not fit", r.Name, p.ID)
		}
		if p.MaxConsecutive == 0 {
			return fmt.Errorf("day roster %s: person %s: maximum consecutive days 0: give every shift type a cap of 0 instead, or a negative maximum for none", r.Name, p.ID)
		}
		if p.MaxWeekends < 0 {
			return fmt.Errorf("day roster %s: person %s: maximum weekends %d is negative", r.Name, p.ID, p.MaxWeekends)
		}
	}
	for _, list := range [][]DayRequest{r.OnRequests, r.OffRequests} {
		for _, q := range list {
			if q.Person < 0 || q.Person >= len(r.People) || q.Day < 0 || q.Day >= r.Days || q.Shift < 0 || q.Shift >= len(r.Shifts) {
				return fmt.Errorf("day roster %s: request %+v out of range", r.Name, q)
			}
		}
	}
	return nil
}

type dayRosterNames struct{ r *DayRoster }

func (n dayRosterNames) shiftName(s int32) string {
	t := int(s) % len(n.r.Shifts)
	return fmt.Sprintf("%s on day %d", n.r.Shifts[t].ID, int(s)/len(n.r.Shifts))
}
func (n dayRosterNames) personName(p int32) string { return n.r.People[p].ID }

// SolveDayRoster finds the best roster it can: first one that breaks no
// hard rule, then the lowest penalty. Every hard rule of a day roster
// concerns one person, so each person's best response to the others (see
// daybest.go) builds a legal roster when the rules fit its state; when
// they do not, labels give the few people left illegal their nearest
// legal schedule, and after a tenth of the time everyone still illegal a
// new one (daylegal.go), while a first search on the broken hard rules
// alone mends the rest.
// From a legal roster, price and dive (daydive.go) builds a better start
// where the pricing program carries every rule, and proves a lower bound.
// The main search then runs a portfolio (see docs/solver.md). Options are
// those of Solve, except that StallEpochs 0 means never stop on a stall,
// Progress is not called, and Moves bounds the first search and the main
// search each.
func SolveDayRoster(ctx context.Context, r *DayRoster, opt SolveOptions) (*DayRosterResult, error) {
	began := time.Now()
	m, err := r.compile()
	if err != nil {
		return nil, err
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	sopt := searchOptions{seed: opt.Seed, workers: workers, moveBudget: opt.Moves, stallEpochs: max(opt.StallEpochs, 0),
		hardPenalty: hardPenaltyFor(r)}
	deadline := time.Time{}
	if opt.TimeLimit > 0 {
		deadline = began.Add(opt.TimeLimit)
	}
	remaining := func() time.Duration {
		if deadline.IsZero() {
			return 0
		}
		return max(time.Until(deadline), time.Millisecond)
	}
	out := &DayRosterResult{FirstFeasible: -1}
	builder := newWorker(m, nil, sopt, 0)
	builder.constructRoster(m.roster.cheap())
	// The few people left with illegal schedules are mended by labels
	// first, then at each epoch of the search on the broken hard rules;
	// after a tenth of the time, every one still illegal.
	patience := time.Duration(float64(opt.TimeLimit) * labelPatience)
	late := func() bool { return !deadline.IsZero() && time.Since(began) > patience }
	legalize := legalizeFew(m.personCount, late)
	if builder.st.total.hard > 0 {
		legalize(builder, func() bool { return ctx.Err() != nil || (!deadline.IsZero() && time.Now().After(deadline)) })
	}
	start := builder.assignments(nil)
	if builder.st.total.hard > 0 {
		first := sopt
		first.untilFeasible, first.stallEpochs, first.timeLimit = true, 0, remaining()
		first.polish = legalize
		res := search(ctx, m, start, first)
		out.Moves += res.moves
		start = res.best
	}
	if st := stateFrom(m, start); st.total.hard == 0 {
		out.FirstFeasible = time.Since(began)
		sopt.strict, sopt.portfolio = true, true
		if m.roster.cheap() {
			sopt.polish = polishRoster
		}
		start = diveFrom(ctx, m, start, sopt, deadline, out)
		if out.HasLowerBound {
			sopt.floor, sopt.floored = int64(out.LowerBound)*softUnit, true
		}
	}
	sopt.timeLimit = remaining()
	res := search(ctx, m, start, sopt)
	out.Moves += res.moves
	if out.FirstFeasible < 0 && res.firstFeasible >= 0 {
		out.FirstFeasible = time.Since(began) - res.elapsed + res.firstFeasible
	}
	out.Elapsed = time.Since(began)
	out.Assign = make([][]int, len(r.People))
	for p := range out.Assign {
		out.Assign[p] = make([]int, r.Days)
		for d := range out.Assign[p] {
			out.Assign[p][d] = -1
		}
	}
	for _, a := range res.best {
		out.Assign[a.person][int(a.shift)/len(r.Shifts)] = int(a.shift) % len(r.Shifts)
	}
	st := stateFrom(m, res.best)
	out.Penalty = int(st.total.soft / softUnit)
	out.Violations = violationsOf(st)
	out.Feasible = len(out.Violations) == 0
	out.Optimal = out.Feasible && out.HasLowerBound && out.Penalty == out.LowerBound
	return out, nil
}

// labelPatience is the part of the time limit after which every person
// still breaking a hard rule gets a legal schedule by labels
// (legalizeFew).
const labelPatience = 0.1

// diveShare is the part of the time left that price and dive may take,
// and rootShare the part its first relaxation may: its roster is a start
// for the search, which needs time to improve it.
const (
	diveShare = 0.5
	rootShare = 0.3
)

// A first relaxation whose first paceAfter rounds of pricing take more
// than paceAfter/rootPace of its share of the time is given up: at that
// pace it would make too few rounds in its share to steer the dives, and
// the time is better spent by the main search. On the benchmark at 60 s,
// the relaxations of instances 15 and 19 pass, and their dives gave
// rosters 15 to 24 % cheaper; those of 13 and 20, whose rounds take
// seconds, do not, and dives from them gave worse rosters than the main
// search alone (single runs).
const (
	rootPace  = 30
	paceAfter = 5
)

// untimedDives is how many dives a solve without a time limit makes.
const untimedDives = 8

// diveFrom builds a roster by price and dive from a legal start and
// returns it when it beats the start (else the start); it records in out
// the lower bound the relaxation proved. It runs only when every person's
// pricing is exact: otherwise plans come out illegal and are dropped, the
// relaxation misses schedules, and its dives steer poorly (and its bound
// does not hold).
func diveFrom(ctx context.Context, m *model, start []pair, opt searchOptions, deadline time.Time, out *DayRosterResult) []pair {
	if !m.roster.pricingExact {
		return start
	}
	w := newWorker(m, start, opt, 0)
	began := time.Now()
	budget := func(share float64) time.Duration {
		return time.Duration(share * float64(time.Until(deadline)))
	}
	rootBudget, diveBudget := budget(rootShare), budget(diveShare)
	stop := func() bool {
		return ctx.Err() != nil || (!deadline.IsZero() && time.Since(began) > diveBudget)
	}
	// The first relaxation stops at its share of the time, and the dives
	// start from it; it is given up, and the time left to the main
	// search, as soon as its first paceAfter rounds overrun their share
	// of the pace (on year-long rosters a single round took seconds).
	rootStop := func(rounds int) (stop, giveUp bool) {
		if ctx.Err() != nil {
			return true, true
		}
		if deadline.IsZero() {
			return false, false
		}
		spent := time.Since(began)
		if rounds < paceAfter && spent > rootBudget*paceAfter/rootPace {
			return true, true
		}
		return spent > rootBudget, false
	}
	dives := 0 // as many as the time given allows
	if deadline.IsZero() {
		dives = untimedDives
	}
	d := w.dive(dives, rootStop, stop)
	if floor, ok := d.floor(); ok && d.lower > 0 {
		out.LowerBound, out.HasLowerBound = int(floor), true
	}
	if d.plans == nil {
		return start
	}
	var dived []pair
	g := m.grid
	for p, plan := range d.plans {
		for day, t := range plan {
			if t >= 0 {
				dived = append(dived, pair{g.shift(day, t), int32(p)})
			}
		}
	}
	sortPairs(dived)
	if stateFrom(m, dived).total.less(stateFrom(m, start).total) {
		return dived
	}
	return start
}

// polishRoster improves a legal roster at an epoch's end: a sweep of best
// responses, then ruin-and-recreate rounds, a few per person.
func polishRoster(w *worker, stop func() bool) {
	w.bestResponseSweep(stop)
	for i := 0; i < 3*w.m.personCount && !stop(); i++ {
		w.ruinAndRecreate(2 + w.rng.IntN(3))
	}
}

// hardPenaltyFor weighs a unit of broken hard rule above any gain it could
// buy in the objective: more than the heaviest cover or request weight.
func hardPenaltyFor(r *DayRoster) float64 {
	heaviest := 1
	for _, row := range r.Cover {
		for _, c := range row {
			heaviest = max(heaviest, c.Under, c.Over)
		}
	}
	for _, q := range append(append([]DayRequest{}, r.OnRequests...), r.OffRequests...) {
		heaviest = max(heaviest, q.Weight)
	}
	return float64(2*heaviest) * softUnit
}

// violationsOf lists the hard rules a state breaks.
func violationsOf(st *state) []Violation {
	m := st.m
	var out []Violation
	emit := func(v violation) {
		x := Violation{Rule: v.rule, Detail: v.detail}
		if v.shift >= 0 {
			x.Shift = m.shiftName(v.shift)
		}
		if v.person >= 0 {
			x.Doctor = m.personName(v.person)
		}
		out = append(out, x)
	}
	for _, r := range m.personRules {
		if r.level() == levelHard {
			for p, shifts := range st.schedule {
				r.measurePerson(int32(p), shifts, emit)
			}
		}
	}
	for _, r := range m.shiftRules {
		if r.level() == levelHard {
			for s, people := range st.onShift {
				r.measureShift(int32(s), people, emit)
			}
		}
	}
	for _, r := range m.pairRules {
		if r.level() == levelHard {
			for s, people := range st.onShift {
				for _, p := range people {
					r.measurePair(int32(s), p, emit)
				}
			}
		}
	}
	return out
}

// shortest is the length of the shortest shift type, in minutes.
func shortest(shifts []DayShift) int {
	m := 0
	for _, s := range shifts {
		if m == 0 || (s.Minutes > 0 && s.Minutes < m) {
			m = s.Minutes
		}
	}
	return max(m, 1)
}

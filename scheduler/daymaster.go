package scheduler

import (
	"errors"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
)

// The master problem of a day roster: its linear relaxation over a pool of
// schedules (columns). Each person not yet fixed takes a convex
// combination of their schedules; each (day, type) cell's cover is priced
// by its under- and over-cover slacks, which is exactly the benchmark's
// cover cost when the people's counts are whole. The duals of the cover
// rows price the cells for each person's best plan (daybest.go: the
// pricing step), which adds the schedules that can lower the relaxation:
// column generation, as the exact methods behind the benchmark's best
// known values do.

// masterTolerance is the reduced cost, in objective units, below which a
// schedule is worth adding: above the simplex's own tolerances, so that a
// column is never added for rounding noise.
const masterTolerance = 1e-6

// pricingLimit bounds the pricing program's states times days: above the
// best response's bound (daybest.go), so that more people's rules are all
// carried, since an exact pricing is what makes the bound hold and the
// columns legal; pricing runs a few dozen times per person, far fewer
// than best responses.
const pricingLimit = 4_000_000

// exactEvery: one round in exactEvery prices everyone exactly, skipping
// the quick searches, so that the relaxation's bound is known (a round is
// exact only when every person's pricing is). The other rounds price the
// labelled people by quick searches only: most of them find nothing once
// the relaxation nears its optimum, and proving that with the exhaustive
// search took instance 15 of the benchmark 1.4 to 1.8 s a round, against
// 0.2 to 0.6 s for the quick searches.
const exactEvery = 10

// columnsPerRound is how many schedules the labels' pricing offers per
// person and round: the cheapest and the next ones its search kept.
const columnsPerRound = 3

// pricingPrograms chooses each person's pricing: the dense program with
// the best response's bound when it carries all of their rules, else with
// pricingLimit (a larger program is slower even where it is not needed),
// and labels when even that one does not. It reports whether every
// person's pricing is exact: not when a person's labels would need more
// than labelTableLimit (see daylabels.go), and then the dense program
// prices what its state does not carry.
func (rd *rosterData) pricingPrograms() (limits []int, labelled []bool, exact bool) {
	exact = true
	for p := range rd.r.People {
		x := &rd.r.People[p]
		limit := bestResponseLimit
		if !rd.shapeFor(x, limit).exact(rd.r, int32(p)) {
			limit = pricingLimit
		}
		limits = append(limits, limit)
		dense := rd.shapeFor(x, limit).exact(rd.r, int32(p))
		labels := !dense && rd.labelShapes[p].usable(rd.r.Days)
		labelled = append(labelled, labels)
		exact = exact && (dense || labels)
	}
	return limits, labelled, exact
}

// A schedule is one person's plan with its cost in objective units (their
// requests) and the cells it works.
type schedule struct {
	plan  []int   // [day]: shift type, or -1 off
	cells []int32 // the shifts it works, sorted
	cost  float64
}

// A schedulePool keeps each person's distinct schedules.
type schedulePool struct {
	byPerson [][]*schedule
	seen     []map[string]bool // by plan
}

func newSchedulePool(people int) *schedulePool {
	p := &schedulePool{byPerson: make([][]*schedule, people), seen: make([]map[string]bool, people)}
	for i := range p.seen {
		p.seen[i] = map[string]bool{}
	}
	return p
}

// add keeps s for person p unless p already has that plan; it returns the
// kept schedule, or nil.
func (pool *schedulePool) add(p int32, s *schedule) *schedule {
	key := make([]byte, len(s.plan))
	for d, t := range s.plan {
		key[d] = byte(t + 1)
	}
	k := string(key)
	if pool.seen[p][k] {
		return nil
	}
	pool.seen[p][k] = true
	pool.byPerson[p] = append(pool.byPerson[p], s)
	return s
}

// scheduleOf turns p's plan into a schedule when it breaks no hard rule;
// it returns nil otherwise (the pricing may relax a rule, see daybest.go).
func (w *worker) scheduleOf(p int32, plan []int) *schedule {
	g := w.m.grid
	s := &schedule{plan: plan}
	for d, t := range plan {
		if t >= 0 {
			s.cells = append(s.cells, g.shift(d, t))
		}
	}
	c := w.m.personCost(p, s.cells)
	if c.hard > 0 {
		return nil
	}
	for _, x := range s.cells {
		c = c.add(w.m.pairCostOf(x, p))
	}
	s.cost = float64(c.soft) / softUnit
	return s
}

// currentSchedule is p's schedule in the worker's state.
func (w *worker) currentSchedule(p int32) []int {
	g := w.m.grid
	plan := make([]int, g.days)
	for d := range plan {
		plan[d] = -1
	}
	for _, s := range w.st.schedule[p] {
		plan[int(s)/g.types] = int(s) % g.types
	}
	return plan
}

// A master is the relaxation for the people not yet fixed, the others'
// schedules taken off the cover requirements.
type master struct {
	lp    *lp
	cells int
	free  []int32 // the people free when it was built; row cells+i is free[i]'s
	// fixedTo[i] is the schedule fix put free[i] on since, nil while they
	// are still free.
	fixedTo []*schedule
	column  []colRef      // per LP column: whose schedule (person -1: a slack)
	under   []float64     // per cell
	over    []float64     // per cell
	req     []float64     // per cell, net of the fixed people
	rounds  int           // rounds of pricing done
	exact   bool          // some round priced every person exactly: lower is a bound
	lower   float64       // the best Lagrangian bound of the exact rounds
	fixedC  float64       // cost of the fixed people's schedules
	rowOf   map[int32]int // person -> row
}

type colRef struct {
	person int32
	s      *schedule
}

// newMaster builds the relaxation: slack columns for every cell, the pool's
// schedules of the free people, and a first basis of their incumbent
// schedules (which must be in the pool).
func (w *worker) newMaster(pool *schedulePool, fixed []*schedule, incumbent []*schedule) (*master, error) {
	rd := w.m.roster
	g := w.m.grid
	n := g.days * g.types
	ms := &master{cells: n,
		under: make([]float64, n), over: make([]float64, n), req: make([]float64, n), rowOf: map[int32]int{}}
	for s := 0; s < n; s++ {
		ms.req[s] = float64(rd.cover.requirement[s])
		ms.under[s], ms.over[s] = rd.cover.under[s], rd.cover.over[s]
	}
	for p, f := range fixed {
		if f == nil {
			ms.rowOf[int32(p)] = n + len(ms.free)
			ms.free = append(ms.free, int32(p))
			continue
		}
		ms.fixedC += f.cost
		for _, c := range f.cells {
			ms.req[c]--
		}
	}
	ms.fixedTo = make([]*schedule, len(ms.free))
	rhs := append(append([]float64(nil), ms.req...), make([]float64, len(ms.free))...)
	for s := 0; s < n; s++ {
		rhs[s] += perturbation(s)
	}
	for i := range ms.free {
		rhs[n+i] = 1
	}
	ms.lp = newLP(rhs)
	for s := 0; s < n; s++ {
		ms.lp.addColumn(lpColumn{rows: []int32{int32(s)}, vals: []float64{1}, cost: ms.under[s]})
		ms.lp.addColumn(lpColumn{rows: []int32{int32(s)}, vals: []float64{-1}, cost: ms.over[s]})
		ms.column = append(ms.column, colRef{person: -1}, colRef{person: -1})
	}
	basis := make([]int, 0, n+len(ms.free))
	net := append([]float64(nil), ms.req...)
	for _, p := range ms.free {
		for _, s := range pool.byPerson[p] {
			j := ms.addSchedule(p, s)
			if s == incumbent[p] {
				basis = append(basis, j)
				for _, c := range s.cells {
					net[c]--
				}
			}
		}
	}
	for s := 0; s < n; s++ {
		if net[s] >= 0 {
			basis = append(basis, 2*s) // under-cover slack
		} else {
			basis = append(basis, 2*s+1) // over-cover slack
		}
	}
	if err := ms.lp.setBasis(basis); err != nil {
		return nil, err
	}
	ms.lower = math.Inf(-1)
	return ms, nil
}

// fix puts free[i] on schedule s (one of their columns) in place: their
// row's right-hand side falls to 0, the cover rows lose s's cells, and
// none of their columns may enter again, so the relaxation becomes that of
// the people still free. The basis stays dual feasible; reoptimize
// restores an optimum.
func (ms *master) fix(i int, s *schedule) {
	p := ms.free[i]
	ms.fixedTo[i] = s
	ms.fixedC += s.cost
	for _, c := range s.cells {
		ms.req[c]--
		ms.lp.addRHS(int(c), -1)
	}
	ms.lp.addRHS(ms.cells+i, -1)
	for j, ref := range ms.column {
		if ref.person == p {
			ms.lp.ban(j)
		}
	}
}

// reoptimize brings the relaxation back to an optimum after fix: the dual
// simplex to feasibility, then the primal simplex. It fails when the dual
// simplex does (it should not: the slacks keep every cover row feasible).
func (ms *master) reoptimize(stop func() bool) error {
	if err := ms.inChunks("dual simplex", ms.lp.dualSolve, stop); err != nil {
		return err
	}
	return ms.solve(stop)
}

// stillFree counts the people neither fixed when the master was built nor
// since.
func (ms *master) stillFree() int {
	n := 0
	for _, s := range ms.fixedTo {
		if s == nil {
			n++
		}
	}
	return n
}

// addSchedule makes s a column of person p's row.
func (ms *master) addSchedule(p int32, s *schedule) int {
	rows := make([]int32, 0, len(s.cells)+1)
	vals := make([]float64, 0, len(s.cells)+1)
	for _, c := range s.cells {
		rows, vals = append(rows, c), append(vals, 1)
	}
	rows, vals = append(rows, int32(ms.rowOf[p])), append(vals, 1)
	j := ms.lp.addColumn(lpColumn{rows: rows, vals: vals, cost: s.cost})
	ms.column = append(ms.column, colRef{p, s})
	return j
}

// generate alternates solving the relaxation and pricing every free
// person's best plan against its duals, adding the plans that can lower
// it, for at most rounds rounds or until none can (or stop says so). It
// fails when the simplex does (it should not: the relaxation is bounded
// and starts feasible), and then the relaxation is not to be trusted.
func (w *worker) generate(ms *master, pool *schedulePool, rounds int, stop func() bool) error {
	priced := make([][]*schedule, len(ms.free))
	mustBeExact := false
	for round := 0; round < rounds; round++ {
		if err := ms.solve(stop); err != nil {
			return err
		}
		y := ms.duals()
		exactAll := mustBeExact || ms.rounds%exactEvery == exactEvery-1
		exact := w.priceAll(ms, y, priced, exactAll, stop)
		if stop() {
			return errStopped
		}
		// The Lagrangian bound of these duals: the cover priced at the
		// requirements, plus each person's cheapest schedule at these
		// prices (their row's dual plus their best reduced cost).
		bound := 0.0
		for c := 0; c < ms.cells; c++ {
			bound += y[c] * ms.req[c]
		}
		for i := range ms.free {
			if ms.fixedTo[i] == nil {
				bound += y[ms.cells+i]
			}
		}
		added := 0
		for i, p := range ms.free {
			if ms.fixedTo[i] != nil {
				continue
			}
			// The first is the cheapest (when the pricing was exact); none
			// means none of negative reduced cost, or an inexact pricing.
			for k, s := range priced[i] {
				reduced := s.cost - y[ms.rowOf[p]]
				for _, c := range s.cells {
					reduced -= y[c]
				}
				if k == 0 {
					bound += min(reduced, 0)
				}
				if reduced < -masterTolerance {
					if kept := pool.add(p, s); kept != nil {
						ms.addSchedule(p, kept)
						added++
					}
				}
			}
		}
		if exact {
			ms.lower, ms.exact = max(ms.lower, bound+ms.fixedC), true
		}
		ms.rounds++
		if added == 0 {
			// Only an exact round may say that no schedule is left to
			// add; quick searches that find none call for one.
			if exactAll || exact {
				break
			}
			mustBeExact = true
			continue
		}
		mustBeExact = false
	}
	return ms.solve(stop)
}

// perturbation is added to cell s's requirement in the relaxation: a tiny
// amount, different from cell to cell, so that few basic slacks sit at
// zero. Without it the relaxations of a dive, whose requirements net of
// the fixed people are often exactly met, are so degenerate that the
// simplex needed Bland's rule for thousands of pivots. It moves the
// relaxation's value by a few millionths of the weights; the bound is
// computed from the duals on the true requirements, so it holds.
func perturbation(s int) float64 {
	return 1e-6 * (1 + float64(s*7919%97)/97)
}

// duals returns the relaxation's duals, each cell's clamped to what its
// slacks allow (at most its under-cover weight, at least minus its
// over-cover weight): the simplex meets this only within its tolerances,
// and the Lagrangian bound holds only for duals that meet it exactly.
func (ms *master) duals() []float64 {
	y := ms.lp.duals()
	for c := 0; c < ms.cells; c++ {
		y[c] = min(max(y[c], -ms.over[c]), ms.under[c])
	}
	return y
}

// maxPivotChunks bounds one solve of the relaxation, in chunks of 500
// pivots: far above what the benchmark's relaxations take (a few
// thousand), so that only a simplex gone wrong reaches it.
const maxPivotChunks = 400

// errStopped says that column generation was cut short.
var errStopped = errors.New("column generation stopped")

// solve runs the simplex to the optimum, checking stop every few hundred
// pivots: a relaxation of many people can take seconds.
func (ms *master) solve(stop func() bool) error {
	return ms.inChunks("simplex", ms.lp.solve, stop)
}

// inChunks runs a simplex (lp.solve or lp.dualSolve) in chunks of 500
// pivots until it reports lpOptimal, checking stop between chunks; it
// fails on any other status, or after maxPivotChunks chunks.
func (ms *master) inChunks(name string, run func(maxPivots int) lpStatus, stop func() bool) error {
	for chunk := 0; ; chunk++ {
		switch status := run(500); status {
		case lpOptimal:
			return nil
		case lpPivotLimit:
			if stop() {
				return errStopped
			}
			if chunk >= maxPivotChunks {
				return fmt.Errorf("relaxation of %d free people: %s unfinished after %d pivots", ms.stillFree(), name, ms.lp.pivots())
			}
		default:
			return fmt.Errorf("relaxation of %d free people: %s status %s", ms.stillFree(), name, status)
		}
	}
}

// priceAll finds each free person's best legal schedules against the
// duals y, the cheapest first (none where labels find none below the
// person's row dual, or where the fallback finds only an illegal one), on
// as many goroutines as the search has workers: pricing is most of the
// work of column generation, and the people are independent. It reports
// whether every pricing was exact: not when labels ran only their quick
// searches (unless exactAll, see exactEvery), nor when some labels
// outgrew their budget and the dense program priced the caps instead.
func (w *worker) priceAll(ms *master, y []float64, out [][]*schedule, exactAll bool, stop func() bool) bool {
	g := w.m.grid
	rd := w.m.roster
	next := make(chan int)
	var wg sync.WaitGroup
	var inexact atomic.Bool
	for range max(w.opt.workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pw := &worker{m: w.m, opt: w.opt} // its own program tables
			costs := make([][]float64, g.days)
			for d := range costs {
				costs[d] = make([]float64, g.types)
			}
			for i := range next {
				p := ms.free[i]
				for d := range costs {
					for t := range costs[d] {
						s := g.shift(d, t)
						if !w.m.isEligible(s, p) {
							costs[d][t] = math.Inf(1)
							continue
						}
						costs[d][t] = float64(w.m.pairCostOf(s, p).soft) - y[s]*softUnit
					}
				}
				out[i] = out[i][:0]
				var plans [][]int
				exact := false
				overBudget := false
				if rd.labelled[p] {
					// The quick searches look only for columns worth
					// adding (below the tolerance), the narrow one first;
					// the exhaustive one for the best, which the bound
					// needs even when it is not worth adding.
					row := y[ms.rowOf[p]]
					pricing := pw.labelPricing(p, costs)
					if exactAll {
						plans, exact = pricing.plans(labelSearch{below: row * softUnit, budget: labelBudget, plans: columnsPerRound})
						overBudget = !exact
					} else {
						for _, width := range quickWidths {
							plans, _ = pricing.plans(labelSearch{below: (row - masterTolerance) * softUnit, width: width, budget: labelBudget, plans: columnsPerRound})
							if plans != nil {
								break
							}
						}
					}
				}
				if !rd.labelled[p] || overBudget {
					if plan := pw.bestPlan(p, costs, rd.pricingLimits[p]); plan != nil {
						plans = [][]int{plan}
					}
					exact = !rd.labelled[p]
				}
				for _, plan := range plans {
					if s := pw.scheduleOf(p, plan); s != nil {
						out[i] = append(out[i], s)
					}
				}
				// Only labels may find nothing and be exact: nothing below
				// reduced cost zero.
				if !exact || len(out[i]) < len(plans) || (plans == nil && !rd.labelled[p]) {
					inexact.Store(true)
				}
			}
		}()
	}
	for i := range ms.free {
		if stop() {
			break
		}
		if ms.fixedTo[i] == nil {
			next <- i
		}
	}
	close(next)
	wg.Wait()
	return !inexact.Load()
}

// heaviest returns, for each free person in order, the schedule that
// weighs most in the relaxation's solution, and its weight (the first
// such column on ties, so that a dive is reproducible).
func (ms *master) heaviest() (tops []*schedule, weights []float64) {
	tops, weights = make([]*schedule, len(ms.free)), make([]float64, len(ms.free))
	for j, ref := range ms.column {
		if ref.person < 0 {
			continue
		}
		i := ms.rowOf[ref.person] - ms.cells
		if x := ms.lp.value(j); x > weights[i]+1e-9 {
			tops[i], weights[i] = ref.s, x
		}
	}
	return tops, weights
}

// exact reports whether the program's state carries every rule of person
// p, so that its plans are the best legal schedules (no rule priced).
func (sh dpShape) exact(r *DayRoster, p int32) bool {
	x := &r.People[p]
	if !sh.exactMins && (x.MaxMinutes >= 0 || x.MinMinutes > 0) {
		return false
	}
	if !sh.exactWeeks && x.MaxWeekends < r.Days/7+1 {
		return false
	}
	for _, t := range x.bindingCaps() {
		if sh.tracked[t] < 0 {
			return false
		}
	}
	return true
}

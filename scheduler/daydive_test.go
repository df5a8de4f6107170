package scheduler

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// legalSchedules lists every schedule of person p that breaks no hard rule.
func legalSchedules(w *worker, p int32) []*schedule {
	g := w.m.grid
	var out []*schedule
	plan := make([]int, g.days)
	var walk func(d int)
	walk = func(d int) {
		if d == g.days {
			if s := w.scheduleOf(p, append([]int(nil), plan...)); s != nil {
				out = append(out, s)
			}
			return
		}
		for t := -1; t < g.types; t++ {
			if t >= 0 && !w.m.isEligible(g.shift(d, t), p) {
				continue
			}
			plan[d] = t
			walk(d + 1)
		}
	}
	walk(0)
	return out
}

// bestCombination is the least penalty of one schedule per person among
// the given lists (every combination tried), without the model's constant.
func bestCombination(w *worker, lists [][]*schedule) float64 {
	cover := w.m.roster.cover
	count := make([]int32, w.m.shiftCount)
	best := math.Inf(1)
	var walk func(p int, sum float64)
	walk = func(p int, sum float64) {
		if p == len(lists) {
			total := sum
			for c := range count {
				total += cover.costAt(int32(c), count[c])
			}
			best = min(best, total)
			return
		}
		for _, s := range lists[p] {
			for _, c := range s.cells {
				count[c]++
			}
			walk(p+1, sum+s.cost)
			for _, c := range s.cells {
				count[c]--
			}
		}
	}
	walk(0, 0)
	return best
}

// smallRoster is a random roster of 3 people over a week, with rules tight
// enough that every legal roster can be enumerated.
func smallRoster(rng *rand.Rand) *DayRoster {
	r := randomDayRoster(rng, 3, 7, 2)
	for p := range r.People {
		x := &r.People[p]
		x.MinMinutes = 480 * (2 + rng.IntN(2))
		x.MaxMinutes = x.MinMinutes + 480*(1+rng.IntN(2))
		x.MaxConsecutive, x.MinConsecutive, x.MinDaysOff = 3, 1+rng.IntN(2), 1+rng.IntN(2)
		x.MaxWeekends = 1
		for t := range x.MaxOfType {
			x.MaxOfType[t] = 2 + rng.IntN(4)
		}
	}
	for d := range r.Cover {
		for t := range r.Cover[d] {
			r.Cover[d][t] = DayCover{Requirement: rng.IntN(3), Under: 10 + rng.IntN(20), Over: rng.IntN(5)}
		}
	}
	return r
}

// The relaxation's lower bound never exceeds the true optimum, found by
// trying every combination of every person's legal schedules; the dive's
// roster is legal, never below the optimum, and reaches it on most of
// these small rosters (a dive that kept its start, or a bound that
// counted the cover wrongly, would fail here). Both pricings are checked:
// the dense program, and labels with their quick searches and the rounds
// whose bound counts.
func TestDiveBoundAndRosterAgainstEnumeration(t *testing.T) {
	for _, labels := range []bool{false, true} {
		t.Run(map[bool]string{false: "dense", true: "labels"}[labels], func(t *testing.T) {
			checkDivesAgainstEnumeration(t, labels)
		})
	}
}

func checkDivesAgainstEnumeration(t *testing.T, labels bool) {
	rng := rand.New(rand.NewPCG(21, 22))
	trials, optimal := 0, 0
	for trial := 0; trials < 12 && trial < 60; trial++ {
		r := smallRoster(rng)
		m, err := r.compile()
		if err != nil {
			t.Fatal(err)
		}
		for p := range m.roster.labelled {
			m.roster.labelled[p] = labels
		}
		w := newWorker(m, nil, searchOptions{seed: uint64(trial), workers: 2, hardPenalty: 200 * softUnit}, 0)
		w.constructRoster(true)
		if w.st.total.hard > 0 {
			continue // no legal start: the dive needs one
		}
		lists := make([][]*schedule, m.personCount)
		for p := range lists {
			lists[p] = legalSchedules(w, int32(p))
		}
		constant := float64(m.constantCost.soft) / softUnit
		opt := bestCombination(w, lists) + constant
		never := func() bool { return false }
		d := w.dive(4, func(int) (bool, bool) { return false, false }, never)
		if d.plans == nil {
			t.Fatalf("trial %d: the dive failed from a legal start", trial)
		}
		if !d.exact {
			t.Fatalf("trial %d: pricing not exact on a roster this small", trial)
		}
		if d.lower > opt+1e-6 {
			t.Fatalf("trial %d: lower bound %.4f above the optimum %.4f", trial, d.lower, opt)
		}
		var dived []pair
		for p, plan := range d.plans {
			for day, typ := range plan {
				if typ >= 0 {
					dived = append(dived, pair{m.grid.shift(day, typ), int32(p)})
				}
			}
		}
		st := stateFrom(m, dived)
		if st.total.hard != 0 {
			t.Fatalf("trial %d: the dive's roster breaks %d hard rule(s)", trial, st.total.hard)
		}
		got := st.total.softValue()
		if got < opt-1e-6 {
			t.Fatalf("trial %d: the dive's roster costs %.4f, below the enumerated optimum %.4f", trial, got, opt)
		}
		if got <= opt+1e-6 {
			optimal++
		}
		trials++
	}
	if trials < 12 {
		t.Fatalf("only %d rosters had a legal start", trials)
	}
	if optimal < trials*2/3 {
		t.Fatalf("the dive reached the optimum on %d of %d rosters, want at least two thirds", optimal, trials)
	}
}

// Combining the pool finds the best combination of the pool's schedules
// when the pool is small enough to try them all.
func TestCombinePoolFindsBestCombination(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for trial := 0; trial < 10; trial++ {
		m, w := compiledWorker(t, smallRoster(rng), uint64(trial))
		pool := newSchedulePool(m.personCount)
		lists := make([][]*schedule, m.personCount)
		start := make([]*schedule, m.personCount)
		for p := range lists {
			all := legalSchedules(w, int32(p))
			if len(all) == 0 {
				t.Fatalf("trial %d: person %d has no legal schedule", trial, p)
			}
			for _, i := range rng.Perm(len(all))[:min(6, len(all))] {
				lists[p] = append(lists[p], pool.add(int32(p), all[i]))
			}
			start[p] = lists[p][0]
		}
		want := bestCombination(w, lists)
		comb := w.combinePool(pool, start, 20_000)
		if len(comb) != m.personCount {
			t.Fatalf("trial %d: %d schedules for %d people", trial, len(comb), m.personCount)
		}
		got := w.penaltyOf(comb) - float64(m.constantCost.soft)/softUnit
		if math.Abs(got-want) > 1e-6 {
			t.Fatalf("trial %d: combination costs %.4f, the best costs %.4f", trial, got, want)
		}
	}
}

// Fixing people in place (dual simplex, daymaster.go's fix) gives the
// relaxation that building the master afresh for the people still free
// gives, step after step until everyone is fixed.
func TestMasterFixMatchesRebuild(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	never := func() bool { return false }
	for trial := 0; trial < 10; trial++ {
		m, w := compiledWorker(t, smallRoster(rng), uint64(trial))
		pool := newSchedulePool(m.personCount)
		lists := make([][]*schedule, m.personCount)
		incumbent := make([]*schedule, m.personCount)
		for p := range lists {
			for _, s := range legalSchedules(w, int32(p)) {
				lists[p] = append(lists[p], pool.add(int32(p), s))
			}
			if len(lists[p]) == 0 {
				t.Fatalf("trial %d: person %d has no legal schedule", trial, p)
			}
			incumbent[p] = lists[p][rng.IntN(len(lists[p]))]
		}
		fixed := make([]*schedule, m.personCount)
		ms, err := w.newMaster(pool, fixed, incumbent)
		if err != nil {
			t.Fatal(err)
		}
		if err := ms.solve(never); err != nil {
			t.Fatal(err)
		}
		for _, i := range rng.Perm(len(ms.free)) {
			p := ms.free[i]
			s := lists[p][rng.IntN(len(lists[p]))]
			ms.fix(i, s)
			fixed[p] = s
			if err := ms.reoptimize(never); err != nil {
				t.Fatalf("trial %d: %v", trial, err)
			}
			fresh, err := w.newMaster(pool, fixed, incumbent)
			if err != nil {
				t.Fatal(err)
			}
			if err := fresh.solve(never); err != nil {
				t.Fatal(err)
			}
			got, want := ms.lp.objective()+ms.fixedC, fresh.lp.objective()+fresh.fixedC
			if math.Abs(got-want) > 1e-6 {
				t.Fatalf("trial %d, %d fixed: relaxation %.6f in place, %.6f afresh", trial, m.personCount-fresh.stillFree(), got, want)
			}
			for j, ref := range ms.column {
				if ref.person == p && ms.lp.value(j) > 1e-9 {
					t.Fatalf("trial %d: person %d, fixed, still has weight %g on a column", trial, p, ms.lp.value(j))
				}
			}
		}
	}
}

// A solve whose roster reaches the relaxation's bound says it is optimal,
// is right to (the enumerated optimum agrees), and stops there instead of
// running to its time limit: within a quarter of it, where the dives
// alone would take half otherwise. On most of these small rosters the bound is
// tight, so the test sees such solves.
func TestSolveStopsAtProvenOptimum(t *testing.T) {
	rng := rand.New(rand.NewPCG(51, 52))
	const limit = 8 * time.Second
	solved, optimal := 0, 0
	for trial := 0; solved < 10 && trial < 60; trial++ {
		r := smallRoster(rng)
		m, w := compiledWorker(t, r, uint64(trial))
		lists := make([][]*schedule, m.personCount)
		for p := range lists {
			lists[p] = legalSchedules(w, int32(p))
		}
		best := int(math.Round(bestCombination(w, lists) + float64(m.constantCost.soft)/softUnit))
		res, err := SolveDayRoster(context.Background(), r, SolveOptions{Seed: uint64(trial), Workers: 2, TimeLimit: limit})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Feasible {
			continue // no legal roster was found: nothing to prove
		}
		solved++
		if res.HasLowerBound && res.LowerBound > best {
			t.Fatalf("trial %d: lower bound %d above the enumerated optimum %d", trial, res.LowerBound, best)
		}
		if res.Optimal != (res.HasLowerBound && res.Penalty == res.LowerBound) {
			t.Fatalf("trial %d: Optimal %v with penalty %d and bound %d (%v)", trial, res.Optimal, res.Penalty, res.LowerBound, res.HasLowerBound)
		}
		if !res.Optimal {
			continue
		}
		optimal++
		if res.Penalty != best {
			t.Fatalf("trial %d: said optimal at %d, the enumerated optimum is %d", trial, res.Penalty, best)
		}
		if res.Elapsed > limit/4 {
			t.Fatalf("trial %d: optimal, yet the solve ran %s of its %s", trial, res.Elapsed, limit)
		}
	}
	if solved < 10 || optimal < solved/2 {
		t.Fatalf("%d rosters solved, %d proven optimal: want 10, half of them proven", solved, optimal)
	}
	t.Logf("%d rosters solved, %d proven optimal", solved, optimal)
}

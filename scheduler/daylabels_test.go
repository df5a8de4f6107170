package scheduler

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// The labels' plan is legal and costs no more than any legal schedule,
// found by trying them all, under random prices of each (day, type) like
// the duals of a relaxation (of either sign), with several caps per type
// binding at once: the rules the dense program cannot carry together.
func TestLabelPlanIsOptimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	compared, none := 0, 0
	for trial := 0; trial < 150; trial++ {
		r := randomDayRoster(rng, 1, 8, 3)
		x := &r.People[0]
		randomLimits(rng, x, 480*rng.IntN(4))
		for typ := range x.MaxOfType {
			x.MaxOfType[typ] = 1 + rng.IntN(3) // below the free days: every cap binds
		}
		m, err := r.compile()
		if err != nil {
			t.Fatal(err)
		}
		if ls := m.roster.labelShapeFor(x); len(ls.capMax) != 3 || ls.weeks < 0 || ls.minutes == 1 {
			t.Fatalf("trial %d: the labels do not carry every rule: %+v", trial, ls)
		}
		w := newWorker(m, nil, searchOptions{seed: uint64(trial), hardPenalty: 200 * softUnit}, 0)
		costs := make([][]float64, r.Days)
		for d := range costs {
			costs[d] = make([]float64, 3)
			for typ := range costs[d] {
				costs[d][typ] = float64(rng.IntN(101) - 60)
				if !m.isEligible(m.grid.shift(d, typ), 0) {
					costs[d][typ] = math.Inf(1)
				}
			}
		}
		priced := func(plan []int) float64 {
			c := 0.0
			for d, typ := range plan {
				if typ >= 0 {
					c += costs[d][typ]
				}
			}
			return c
		}
		best := math.Inf(1)
		for _, s := range legalSchedules(w, 0) {
			best = min(best, priced(s.plan))
		}
		plans, ok := w.labelPricing(0, costs).plans(labelSearch{below: math.Inf(1), budget: labelBudget, plans: 3})
		if !ok {
			t.Fatalf("trial %d: the labels outgrew their budget on 8 days", trial)
		}
		var plan []int
		if len(plans) > 0 {
			plan = plans[0]
		}
		// The others are legal, distinct, and no cheaper than the first.
		seen := map[string]bool{}
		for _, other := range plans {
			if w.scheduleOf(0, other) == nil {
				t.Fatalf("trial %d: the labels' plan %v breaks a hard rule", trial, other)
			}
			if key := fmt.Sprint(other); seen[key] {
				t.Fatalf("trial %d: plan %v returned twice", trial, other)
			} else {
				seen[key] = true
			}
			if priced(other) < priced(plan) {
				t.Fatalf("trial %d: plan %v is cheaper than the first, %v", trial, other, plan)
			}
		}
		if math.IsInf(best, 1) {
			if plan != nil {
				t.Fatalf("trial %d: no legal schedule exists, the labels found %v", trial, plan)
			}
			none++
			continue
		}
		if plan == nil {
			t.Fatalf("trial %d: the labels found nothing, a legal schedule costs %v", trial, best)
		}
		if w.scheduleOf(0, plan) == nil {
			t.Fatalf("trial %d: the labels' plan %v breaks a hard rule", trial, plan)
		}
		if got := priced(plan); got > best+1e-9 {
			t.Fatalf("trial %d: the labels' plan costs %v, a legal schedule costs %v", trial, got, best)
		}
		// Below a bound, the best plan if it is below, else none.
		if below, _ := w.labelPricing(0, costs).plans(labelSearch{below: best + 0.5, budget: labelBudget}); len(below) != 1 || priced(below[0]) > best+1e-9 {
			t.Fatalf("trial %d: below %v the labels found %v, a legal schedule costs %v", trial, best+0.5, below, best)
		}
		if below, ok := w.labelPricing(0, costs).plans(labelSearch{below: best, budget: labelBudget}); below != nil || !ok {
			t.Fatalf("trial %d: below %v the labels found %v (%v), nothing costs less", trial, best, below, ok)
		}
		compared++
	}
	if compared < 100 {
		t.Fatalf("only %d of 150 trials had a legal schedule to compare with (%d had none)", compared, none)
	}
}

// A pricing whose labels outgrow the budget says so rather than return a
// plan it could not prove best.
func TestLabelPlanReportsItsBudget(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	r := randomDayRoster(rng, 1, 14, 3)
	r.People[0].MaxWeekends = 1
	m, err := r.compile()
	if err != nil {
		t.Fatal(err)
	}
	w := newWorker(m, nil, searchOptions{seed: 1, hardPenalty: 200 * softUnit}, 0)
	costs := make([][]float64, r.Days)
	for d := range costs {
		costs[d] = []float64{-float64(d), float64(d % 3), -1}
	}
	if plan, ok := w.labelPricing(0, costs).plans(labelSearch{below: math.Inf(1), budget: 10}); ok || plan != nil {
		t.Fatalf("budget of 10 labels: got %v, %v; want nil, false", plan, ok)
	}
	if _, ok := w.labelPricing(0, costs).plans(labelSearch{below: math.Inf(1), budget: labelBudget}); !ok {
		t.Fatal("the full budget was not enough on 14 days")
	}
}

// TestResourcesCompareEveryLane checks the word-wise dominance test of
// labels' resources against a lane-by-lane comparison, on values up to
// the lanes' limit and on pairs that differ in a single lane.
func TestResourcesCompareEveryLane(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for range 20000 {
		var a, b resources
		va, vb := make([]int, resourceLanes), make([]int, resourceLanes)
		for i := range resourceLanes {
			va[i] = rng.IntN(1 << 15)
			if rng.IntN(3) == 0 {
				va[i] = rng.IntN(4)
			}
			vb[i] = va[i]
			if rng.IntN(resourceLanes) == 0 {
				vb[i] = rng.IntN(1 << 15)
			}
			a.setLane(i, va[i])
			b.setLane(i, vb[i])
		}
		want := true
		for i := range resourceLanes {
			if a.lane(i) != va[i] || b.lane(i) != vb[i] {
				t.Fatalf("lane %d holds %d and %d, want %d and %d", i, a.lane(i), b.lane(i), va[i], vb[i])
			}
			want = want && va[i] <= vb[i]
		}
		if got := a.le(&b); got != want {
			t.Fatalf("%v le %v = %v, want %v", va, vb, got, want)
		}
	}
	var c resources
	for range 3 {
		c.addLane(5)
	}
	if c.lane(5) != 3 || c.lane(4) != 0 || c.lane(6) != 0 {
		t.Errorf("addLane: lanes 4-6 hold %d %d %d, want 0 3 0", c.lane(4), c.lane(5), c.lane(6))
	}
}

package scheduler

import (
	"math/rand/v2"
	"testing"
)

// compiledWorker compiles r and returns its model and a worker on an
// empty roster.
func compiledWorker(t *testing.T, r *DayRoster, seed uint64) (*model, *worker) {
	t.Helper()
	m, err := r.compile()
	if err != nil {
		t.Fatal(err)
	}
	return m, newWorker(m, nil, searchOptions{seed: seed, hardPenalty: 200 * softUnit}, 0)
}

// differs counts the days two plans differ on.
func differs(a, b []int) int {
	n := 0
	for d := range a {
		if a[d] != b[d] {
			n++
		}
	}
	return n
}

// nearestLegal finds a legal schedule at the least distance from an
// illegal plan, against every legal schedule enumerated, when one is
// within its first reach, and none otherwise (the rosters are a week
// long, so no window is tried). The reach is made 2 here, so that some
// plans are beyond it.
func TestNearestLegalAgainstEnumeration(t *testing.T) {
	saved := legalReach
	legalReach[0] = 2
	t.Cleanup(func() { legalReach = saved })
	rng := rand.New(rand.NewPCG(41, 42))
	found, checked := 0, 0
	for trial := 0; trial < 40; trial++ {
		r := smallRoster(rng)
		m, w := compiledWorker(t, r, uint64(trial))
		g := m.grid
		for p := range int32(m.personCount) {
			m.roster.labelled[p] = true
			legal := legalSchedules(w, p)
			if len(legal) == 0 {
				continue
			}
			// Random plans, or plans working every day (most of them far
			// from legal: at most three days in a row).
			plan := make([]int, g.days)
			every := trial%2 == 1
			for d := range plan {
				plan[d] = rng.IntN(g.types+1) - 1
				if every {
					plan[d] = rng.IntN(g.types)
				}
				if plan[d] >= 0 && !m.isEligible(g.shift(d, plan[d]), p) {
					plan[d] = -1
				}
			}
			if w.scheduleOf(p, plan) != nil {
				continue // already legal
			}
			want := g.days + 1
			for _, s := range legal {
				want = min(want, differs(s.plan, plan))
			}
			got := w.nearestLegal(p, plan)
			checked++
			if want > legalReach[0] {
				if got != nil {
					t.Fatalf("trial %d person %d: a schedule %d days away, beyond the reach %d", trial, p, differs(got, plan), legalReach[0])
				}
				continue
			}
			if got == nil {
				t.Fatalf("trial %d person %d: none found, a legal schedule is %d days away", trial, p, want)
			}
			if w.scheduleOf(p, got) == nil {
				t.Fatalf("trial %d person %d: the schedule found breaks a hard rule", trial, p)
			}
			if d := differs(got, plan); d != want {
				t.Fatalf("trial %d person %d: found one %d days away, the nearest is %d", trial, p, d, want)
			}
			found++
		}
	}
	if found < 10 || checked-found < 3 {
		t.Fatalf("%d plans checked, %d mended: too few of either to test", checked, found)
	}
}

// On longer rosters (ten weeks, so that windows are tried), a legal
// schedule broken on one day is mended: the result is legal and differs
// from the broken plan on at most the second reach of days; labels give
// every person a legal first schedule.
func TestLegalizeBrokenSchedules(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 44))
	mended, windowed := 0, 0
	for trial := 0; trial < 6; trial++ {
		r := randomDayRoster(rng, 4, 70, 3)
		for p := range r.People {
			r.People[p].MinMinutes, r.People[p].MaxMinutes = 480*30, 720*45
			r.People[p].MaxWeekends = 6
		}
		m, w := compiledWorker(t, r, uint64(trial))
		g := m.grid
		for p := range int32(m.personCount) {
			if !m.roster.labelled[p] {
				m.roster.labelled[p] = m.roster.labelShapes[p].usable(g.days)
			}
			if !m.roster.labelled[p] {
				continue
			}
			changes := w.labelResponse(p, nil)
			if len(changes) == 0 {
				t.Fatalf("trial %d person %d: labels found no legal schedule", trial, p)
			}
			w.st.apply(changes)
			if w.m.personCost(p, w.st.schedule[p]).hard > 0 {
				t.Fatalf("trial %d person %d: labelResponse's schedule breaks a hard rule", trial, p)
			}
			plan := w.currentSchedule(p)
			broken := append([]int(nil), plan...)
			d := 0
			for tries := 0; w.scheduleOf(p, broken) != nil && tries < 20; tries++ {
				copy(broken, plan)
				d = rng.IntN(g.days)
				broken[d] = rng.IntN(g.types+1) - 1
				if broken[d] >= 0 && !m.isEligible(g.shift(d, broken[d]), p) {
					broken[d] = -1
				}
			}
			if w.scheduleOf(p, broken) != nil {
				continue
			}
			got := w.nearestLegal(p, broken)
			if got == nil {
				t.Fatalf("trial %d person %d: a schedule one day from legal was not mended", trial, p)
			}
			if w.scheduleOf(p, got) == nil {
				t.Fatalf("trial %d person %d: the mended schedule breaks a hard rule", trial, p)
			}
			if n := differs(got, broken); n > legalReach[1] || n == 0 {
				t.Fatalf("trial %d person %d: mended on %d days", trial, p, n)
			}
			// Within a window around the broken day, nothing changes
			// outside it.
			from, to := max(d-10, 0), min(d+11, g.days)
			if in := w.legalWithin(p, broken, from, to, legalReach[1]); in != nil {
				if w.scheduleOf(p, in) == nil {
					t.Fatalf("trial %d person %d: the window's schedule breaks a hard rule", trial, p)
				}
				for day := range in {
					if (day < from || day >= to) && in[day] != broken[day] {
						t.Fatalf("trial %d person %d: day %d changed, outside the window %d..%d", trial, p, day, from, to-1)
					}
				}
				windowed++
			}
			mended++
		}
	}
	if mended < 5 || windowed < 3 {
		t.Fatalf("only %d schedules broken and mended, %d within a window", mended, windowed)
	}
}

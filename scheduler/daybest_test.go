package scheduler

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestBestResponseIsOptimal: on small random rosters, where the whole
// state fits (minutes, weekends and caps per type carried exactly), the
// best response of a person is a legal schedule at least as good as every
// legal schedule found by enumerating them all.
func TestBestResponseIsOptimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	compared := 0
	for trial := 0; trial < 30; trial++ {
		r := randomDayRoster(rng, 3, 9, 2)
		for p := range r.People {
			x := &r.People[p]
			randomLimits(rng, x, 480*(1+rng.IntN(3)))
			for typ := range x.MaxOfType {
				x.MaxOfType[typ] = 1 + rng.IntN(9)
			}
		}
		m, err := r.compile()
		if err != nil {
			t.Fatal(err)
		}
		// The claim under test is for a state that carries every rule.
		if sh := m.roster.shapeFor(&r.People[0], bestResponseLimit); !sh.exactMins || !sh.exactWeeks {
			t.Fatalf("trial %d: the state relaxes minutes or weekends: %+v", trial, sh)
		}
		w := newWorker(m, nil, searchOptions{seed: uint64(trial), hardPenalty: 200 * softUnit}, 0)
		w.st = newState(m)
		// Others hold random legal-or-not schedules; person 0 is re-planned.
		for p := int32(1); p < int32(m.personCount); p++ {
			for d := 0; d < r.Days; d++ {
				if typ := rng.IntN(3); typ < 2 && m.isEligible(m.grid.shift(d, typ), p) {
					w.st.apply([]change{{shift: m.grid.shift(d, typ), person: p, add: true}})
				}
			}
		}
		const p = 0
		bestLegal, found, visits := cost{}, false, 0
		enumerate(w, p, 0, func() {
			visits++
			c := w.st.total
			if w.st.personCost[p].hard == 0 && (!found || c.less(bestLegal)) {
				bestLegal, found = c, true
			}
		})
		if visits < 1<<9 {
			t.Fatalf("trial %d: only %d schedules enumerated", trial, visits)
		}
		changes := w.bestResponse(p, nil)
		w.st.apply(changes)
		got, legal := w.st.total, w.st.personCost[p].hard == 0
		if !found {
			if legal && len(changes) > 0 {
				t.Fatalf("trial %d: enumeration found no legal schedule, the best response did", trial)
			}
			continue
		}
		if !legal {
			t.Fatalf("trial %d: the best response breaks a hard rule where a legal schedule costs %+v", trial, bestLegal)
		}
		if bestLegal.less(got) {
			t.Fatalf("trial %d: best response costs %+v, a legal schedule costs %+v", trial, got, bestLegal)
		}
		compared++
	}
	if compared < 15 {
		t.Fatalf("only %d of 30 trials had a legal schedule to compare with", compared)
	}
}

// randomLimits gives x tight random limits, at least minMinutes worked:
// small enough for every schedule to be enumerated against.
func randomLimits(rng *rand.Rand, x *RosterPerson, minMinutes int) {
	x.MinMinutes = minMinutes
	x.MaxMinutes = x.MinMinutes + 480*(1+rng.IntN(4))
	x.MaxConsecutive = 2 + rng.IntN(3)
	x.MinConsecutive = 1 + rng.IntN(2)
	x.MinDaysOff = 1 + rng.IntN(2)
	x.MaxWeekends = rng.IntN(2)
}

// enumerate tries every schedule of person p from day d on, calling visit
// with each complete one applied to the state.
func enumerate(w *worker, p int32, d int, visit func()) {
	g := w.m.grid
	if d == g.days {
		visit()
		return
	}
	cur := w.shiftOnDay(p, d)
	if cur >= 0 {
		w.st.apply([]change{{shift: cur, person: p}})
	}
	enumerate(w, p, d+1, visit) // off
	for typ := 0; typ < g.types; typ++ {
		s := g.shift(d, typ)
		if !w.m.isEligible(s, p) {
			continue
		}
		w.st.apply([]change{{shift: s, person: p, add: true}})
		enumerate(w, p, d+1, visit)
		w.st.apply([]change{{shift: s, person: p}})
	}
	if cur >= 0 {
		w.st.apply([]change{{shift: cur, person: p, add: true}})
	}
}

// Limits whose meaning would differ between the rules and the dynamic
// program are refused before solving.
func TestDayRosterRefusesAmbiguousLimits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range []struct {
		name string
		set  func(*RosterPerson)
		want string
	}{
		{"max consecutive 0", func(x *RosterPerson) { x.MaxConsecutive = 0 }, "maximum consecutive days 0"},
		{"negative max weekends", func(x *RosterPerson) { x.MaxWeekends = -1 }, "maximum weekends -1 is negative"},
	} {
		r := randomDayRoster(rng, 2, 7, 2)
		for p := range r.People {
			r.People[p].MaxConsecutive, r.People[p].MaxWeekends = 5, 2
		}
		c.set(&r.People[1])
		if _, err := r.compile(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: compile error %v, want %q", c.name, err, c.want)
		}
	}
}

package scheduler

import (
	"strings"
	"testing"
)

// TestPartsFollowEligibility: a doctor and every shift they may take are in
// one part, and specialties that share no doctor are apart.
func TestPartsFollowEligibility(t *testing.T) {
	pb := mustProblem(t, loadFixture(t, "pilot.json"), "2026-12-01", "2027-01-01", ProblemOptions{})
	m := pb.model
	for s, people := range m.eligible {
		for _, p := range people {
			if m.shiftPart[s] != m.personPart[p] {
				t.Fatalf("%s and %s, who may take it, are in parts %d and %d",
					m.shiftName(int32(s)), m.personName(p), m.shiftPart[s], m.personPart[p])
			}
		}
	}
	partOf := func(line string) int32 {
		for s := 0; s < m.shiftCount; s++ {
			if strings.HasPrefix(m.shiftName(int32(s)), line+"/") {
				return m.shiftPart[s]
			}
		}
		t.Fatalf("no shift of line %s", line)
		return -1
	}
	if m.parts < 2 {
		t.Fatalf("the pilot has %d part(s), want several", m.parts)
	}
	// No doctor is both an emergency physician and a radiologist.
	if partOf("urg-chu") == partOf("radio-chu") {
		t.Errorf("emergency and radiology should be apart")
	}
}

// TestCombinePartsTakesEachPartsBest: two workers anneal from the same rota
// with their own streams; the combination takes every part from the
// worker that did better on it, costs what a full measure says, and beats
// both workers' own bests.
func TestCombinePartsTakesEachPartsBest(t *testing.T) {
	pb := mustProblem(t, loadFixture(t, "pilot.json"), "2026-12-01", "2027-01-01", ProblemOptions{})
	m := pb.model
	opt := searchOptions{seed: 11, strict: true}
	builder := newWorker(m, nil, opt, 0)
	builder.construct(pb.keepers())
	start := builder.assignments(nil)
	ws := []*worker{newWorker(m, start, opt, 0), newWorker(m, start, opt, 1)}
	for _, w := range ws {
		hot := w.calibrate()
		w.anneal(200_000, hot, hot*1e-4, func() bool { return false })
		if got := stateFrom(m, w.best).total; got != w.bestCost {
			t.Fatalf("a worker's best is said to cost %+v, measures %+v", w.bestCost, got)
		}
	}
	combined, c := combineParts(m, ws)
	if got := stateFrom(m, combined).total; got != c {
		t.Fatalf("combination said to cost %+v, measures %+v", c, got)
	}
	measured := stateFrom(m, combined).partCosts(nil)
	for part := 0; part < m.parts; part++ {
		best := ws[0].parts.best[part]
		if ws[1].parts.best[part].less(best) {
			best = ws[1].parts.best[part]
		}
		if measured[part] != best {
			t.Errorf("part %d: combination costs %+v, best worker %+v", part, measured[part], best)
		}
	}
	for i, w := range ws {
		if !c.less(w.bestCost) {
			t.Errorf("combination %.1f does not beat worker %d's best %.1f", c.softValue(), i, w.bestCost.softValue())
		}
	}
}

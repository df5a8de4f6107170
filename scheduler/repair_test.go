package scheduler

import (
	"context"
	"fmt"
	"testing"
)

// TestRepairAfterLeave: a doctor of the solved pilot rota goes on leave
// for a week. The repair drops exactly their shifts of that week, keeps
// every other assignment except the few its chains move, refills the
// seats, and breaks no hard rule.
func TestRepairAfterLeave(t *testing.T) {
	terr := loadFixture(t, "pilot.json")
	pb := mustProblem(t, terr, "2026-12-01", "2027-01-01", ProblemOptions{})
	sol, err := Solve(context.Background(), pb, SolveOptions{Seed: 1, Workers: 1, Moves: 200_000})
	if err != nil {
		t.Fatal(err)
	}
	ref := sol.Rota
	// The doctor with the most shifts from 7 to 13 December goes on leave.
	weekFrom, _ := ParseDate("2026-12-07")
	weekTo, _ := ParseDate("2026-12-13")
	count := map[string]int{}
	for _, a := range ref.Assignments {
		if k, _ := ParseShiftKey(a.Shift); k.Date >= weekFrom && k.Date <= weekTo {
			count[a.Doctor]++
		}
	}
	leaver, most := "", 0
	for d, n := range count {
		if n > most || (n == most && d < leaver) {
			leaver, most = d, n
		}
	}
	changed := loadFixture(t, "pilot.json")
	d := changed.Doctor(leaver)
	d.Unavailable = append(d.Unavailable, Unavailability{From: &weekFrom, To: &weekTo})
	if err := changed.Validate(); err != nil {
		t.Fatal(err)
	}
	pb2 := mustProblem(t, changed, "2026-12-01", "2027-01-01", ProblemOptions{Reference: ref})
	rep, err := pb2.Repair(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Evaluation.Feasible() {
		t.Fatalf("the repaired rota breaks hard rules: %v", rep.Evaluation.Violations)
	}
	for _, a := range rep.Dropped {
		if a.Doctor != leaver {
			t.Errorf("dropped %v, which does not involve %s", a, leaver)
		}
	}
	if len(rep.Dropped) == 0 {
		t.Fatalf("%s had %d shifts that week, none dropped", leaver, most)
	}
	if rep.Evaluation.U > sol.Evaluation.U {
		t.Errorf("the repair leaves %d seats empty, the reference %d", rep.Evaluation.U, sol.Evaluation.U)
	}
	// Each refilled seat costs at most repairDepth-1 other changes.
	others := len(rep.Diff.Moved) + len(rep.Diff.Added) + len(rep.Diff.Removed) - len(rep.Dropped)
	if others > (repairDepth-1)*len(rep.Dropped) {
		t.Errorf("%d changes beyond the %d dropped seats", others, len(rep.Dropped))
	}
	if rep.Evaluation.C != len(rep.Diff.Moved)+len(rep.Diff.Removed) {
		t.Errorf("C = %d, but %d reference assignments changed", rep.Evaluation.C, len(rep.Diff.Moved)+len(rep.Diff.Removed))
	}
	t.Logf("%s: %d dropped, %d other changes, %s", leaver, len(rep.Dropped), others, rep.Elapsed)
}

// chainNight: two night lines of one clinic at the same hours, cardiology
// and intensive care. alice holds both specialties, bruno only intensive
// care, carla only cardiology. In the reference carla holds cardiology and
// alice intensive care; bruno is free.
const chainNight = `{
  "format": "garde.territory/v1",
  "territory": {"id": "chain"},
  "establishments": [{"id": "clin", "kind": "private_clinic", "name": "Clinique"}],
  "lines": [
    {"id": "cardio", "establishment": "clin", "specialty": "cardiology", "mode": "on_site",
     "templates": [{"name": "nuit", "rrule": "FREQ=DAILY", "start": "18:30", "end": "08:30"}]},
    {"id": "rea", "establishment": "clin", "specialty": "intensive_care", "mode": "on_site",
     "templates": [{"name": "nuit", "rrule": "FREQ=DAILY", "start": "18:30", "end": "08:30"}]}],
  "doctors": [
    {"id": "alice", "sector": "private", "specialties": ["cardiology", "intensive_care"], "sites": ["clin"]},
    {"id": "bruno", "sector": "private", "specialties": ["intensive_care"], "sites": ["clin"]},
    {"id": "carla", "sector": "private", "specialties": ["cardiology"], "sites": ["clin"]%s}]
}`

// TestRepairMovesTheFewestOthers: carla goes on leave. Nobody free can
// take her cardiology night directly (bruno is no cardiologist), so the
// repair must move alice to cardiology and hand her intensive-care night
// to bruno: one ejection chain, exactly one other assignment changed.
func TestRepairMovesTheFewestOthers(t *testing.T) {
	before, err := ParseTerritory([]byte(fmt.Sprintf(chainNight, "")))
	if err != nil {
		t.Fatal(err)
	}
	pb := mustProblem(t, before, "2026-12-24", "2026-12-25", ProblemOptions{})
	key := map[string]string{}
	for _, s := range pb.Shifts {
		key[s.Line.ID] = s.Key
	}
	ref := &Rota{Format: RotaFormat, Territory: "chain", From: pb.From, To: pb.To, Assignments: []Assignment{
		{Shift: key["cardio"], Doctor: "carla"}, {Shift: key["rea"], Doctor: "alice"}}}
	if ev, err := pb.Evaluate(ref); err != nil || !ev.Feasible() || ev.U != 0 {
		t.Fatalf("the reference should be complete and legal: %v %+v", err, ev)
	}

	after, err := ParseTerritory([]byte(fmt.Sprintf(chainNight, `, "unavailable": [{"from": "2026-12-24", "to": "2026-12-25"}]`)))
	if err != nil {
		t.Fatal(err)
	}
	pb2 := mustProblem(t, after, "2026-12-24", "2026-12-25", ProblemOptions{Reference: ref})
	rep, err := pb2.Repair(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Evaluation.Feasible() || rep.Evaluation.U != 0 {
		t.Fatalf("repair: U = %d, violations %v; want both nights held", rep.Evaluation.U, rep.Evaluation.Violations)
	}
	if len(rep.Dropped) != 1 || rep.Dropped[0].Doctor != "carla" {
		t.Errorf("dropped %v, want carla's night alone", rep.Dropped)
	}
	got := map[string]string{}
	for _, a := range rep.Rota.Assignments {
		got[a.Shift] = a.Doctor
	}
	if got[key["cardio"]] != "alice" || got[key["rea"]] != "bruno" {
		t.Errorf("repaired rota %v, want alice on cardiology and bruno on intensive care", got)
	}
	if len(rep.Diff.Moved) != 2 || len(rep.Diff.Added)+len(rep.Diff.Removed) != 0 {
		t.Errorf("diff %+v, want two seats changing hands (the dropped one and one other)", rep.Diff)
	}
}

package scheduler

import (
	"context"
	"strings"
	"testing"
)

// easterObstetrics: one obstetrics line with a Sunday/holiday day shift and
// a night; two obstetricians, one on leave over Easter 2027. On Easter
// Monday (29 March) the day (08:30-18:30) and the night (18:30-08:30) are
// back to back, so the one doctor left can hold only one of them (11 h rest).
const easterObstetrics = `{
  "format": "garde.territory/v1",
  "territory": {"id": "easter"},
  "establishments": [{"id": "mat", "kind": "public_hospital", "name": "Maternité"}],
  "lines": [{"id": "obst", "establishment": "mat", "specialty": "obstetrics", "mode": "on_site",
    "templates": [
      {"name": "jour", "rrule": "FREQ=DAILY", "day_types": ["sunday_holiday"], "start": "08:30", "end": "18:30"},
      {"name": "nuit", "rrule": "FREQ=DAILY", "start": "18:30", "end": "08:30"}]}],
  "doctors": [
    {"id": "alice", "sector": "public", "specialties": ["obstetrics"], "sites": ["mat"]},
    {"id": "bruno", "sector": "public", "specialties": ["obstetrics"], "sites": ["mat"],
     "unavailable": [{"from": "2027-03-26", "to": "2027-03-31"}]}]
}`

func TestDiagnoseEasterMonday(t *testing.T) {
	terr, err := ParseTerritory([]byte(easterObstetrics))
	if err != nil {
		t.Fatal(err)
	}
	pb := mustProblem(t, terr, "2027-03-29", "2027-03-30", ProblemOptions{})
	d := pb.Diagnose()
	if d.Seats != 2 || d.MinUncovered != 1 || len(d.Gaps) != 1 {
		t.Fatalf("diagnosis %+v, want 2 seats, 1 uncovered, one gap", d)
	}
	g := d.Gaps[0]
	if g.Missing != 1 || len(g.Seats) != 2 || len(g.Doctors) != 1 || g.Doctors[0] != "alice" {
		t.Fatalf("gap %+v, want both Easter Monday seats, one missing, alice alone", g)
	}
	if !strings.Contains(g.String(), "bruno is unavailable from 2027-03-26 00:00") {
		t.Errorf("the gap does not say why bruno cannot:\n%s", g)
	}
	sol, err := Solve(context.Background(), pb, SolveOptions{Seed: 1, Workers: 1, Moves: 10_000})
	if err != nil {
		t.Fatal(err)
	}
	if sol.Evaluation.U != d.MinUncovered {
		t.Errorf("the solver leaves %d seats empty, the proven minimum is %d", sol.Evaluation.U, d.MinUncovered)
	}
}

// TestDiagnoseMatchesSolverOnFixtures: on every fixture month, the
// solver's empty seats equal the diagnosis' proven minimum, which must
// therefore be tight there.
func TestDiagnoseMatchesSolverOnFixtures(t *testing.T) {
	for name, pb := range engineCases(t) {
		t.Run(name, func(t *testing.T) {
			d := pb.Diagnose()
			sol, err := Solve(context.Background(), pb, SolveOptions{Seed: 1, Workers: 1, Moves: 200_000})
			if err != nil {
				t.Fatal(err)
			}
			if sol.Evaluation.U != d.MinUncovered {
				t.Errorf("solver U = %d, proven minimum %d", sol.Evaluation.U, d.MinUncovered)
			}
			missing := 0
			for _, g := range d.Gaps {
				missing += g.Missing
			}
			if missing != d.MinUncovered {
				t.Errorf("gaps add up to %d missing seats, the minimum is %d", missing, d.MinUncovered)
			}
		})
	}
}

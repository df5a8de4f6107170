package scheduler

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tinyWith loads fixtures/tiny.json, lets edit change the decoded JSON, and
// parses the result.
func tinyWith(t *testing.T, edit func(map[string]any)) (*Territory, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "fixtures", "tiny.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	edit(doc)
	data, _ = json.Marshal(doc)
	return ParseTerritory(data)
}

// TestMaxConsecutiveDaysInTerritory: with a cap of 2 days in a row, no
// doctor of the solved rota starts shifts on 3 consecutive dates, and the
// rule is reported when a rota breaks it.
func TestMaxConsecutiveDaysInTerritory(t *testing.T) {
	terr, err := tinyWith(t, func(doc map[string]any) {
		rules := doc["rules"].(map[string]any)
		rules["max_consecutive_days"] = 2
		rules["min_rest_hours"] = 0
		rules["max_shifts"] = 20
		doc["pins"] = []any{}
	})
	if err != nil {
		t.Fatal(err)
	}
	pb := mustProblem(t, terr, "2027-02-01", "2027-03-01", ProblemOptions{})
	sol, err := Solve(context.Background(), pb, SolveOptions{Seed: 1, Workers: 1, Moves: 100_000})
	if err != nil {
		t.Fatal(err)
	}
	if !sol.Evaluation.Feasible() {
		t.Fatalf("violations: %v", sol.Evaluation.Violations)
	}
	days := map[string]map[Date]bool{}
	for _, a := range sol.Rota.Assignments {
		k, _ := ParseShiftKey(a.Shift)
		if days[a.Doctor] == nil {
			days[a.Doctor] = map[Date]bool{}
		}
		days[a.Doctor][k.Date] = true
	}
	for doctor, set := range days {
		for d := range set {
			if set[d+1] && set[d+2] {
				t.Errorf("%s starts shifts on 3 days in a row from %s", doctor, d)
			}
		}
	}
	// Three nights in a row for d002 break it, reported on the day that exceeds.
	r := &Rota{Format: RotaFormat, Territory: terr.Info.ID, From: pb.From, To: pb.To, Assignments: []Assignment{
		{"anesth-sud/nuit/2027-02-01T18:30", "d002"}, {"anesth-sud/nuit/2027-02-02T18:30", "d002"},
		{"anesth-sud/nuit/2027-02-03T18:30", "d002"}}}
	ev, err := pb.Evaluate(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Violations) != 1 || ev.Violations[0].Rule != "max_consecutive_days" || ev.Violations[0].Doctor != "d002" {
		t.Fatalf("violations %v, want one max_consecutive_days for d002", ev.Violations)
	}
}

// TestMinHoursInTerritory: a personal minimum is met by the solver, broken
// by an emptier rota, and refused before solving when out of reach.
func TestMinHoursInTerritory(t *testing.T) {
	terr, err := tinyWith(t, func(doc map[string]any) {
		doctors := doc["doctors"].([]any)
		doctors[2].(map[string]any)["min_hours"] = 40 // d003: three 14 h nights at least
		doc["pins"] = []any{}
	})
	if err != nil {
		t.Fatal(err)
	}
	pb := mustProblem(t, terr, "2027-02-01", "2027-03-01", ProblemOptions{})
	sol, err := Solve(context.Background(), pb, SolveOptions{Seed: 2, Workers: 1, Moves: 100_000})
	if err != nil {
		t.Fatal(err)
	}
	if !sol.Evaluation.Feasible() {
		t.Fatalf("violations: %v", sol.Evaluation.Violations)
	}
	for _, l := range pb.Loads(sol.Rota) {
		if l.Doctor == "d003" && l.Hours < 40 {
			t.Errorf("d003 works %g hours, at least 40 required", l.Hours)
		}
	}
	ev, _ := pb.Evaluate(&Rota{Format: RotaFormat, Territory: terr.Info.ID, From: pb.From, To: pb.To, Assignments: []Assignment{}})
	if len(ev.Violations) != 1 || ev.Violations[0].Rule != "min_hours" || ev.Violations[0].Doctor != "d003" {
		t.Fatalf("empty rota: violations %v, want one min_hours for d003", ev.Violations)
	}

	terr, err = tinyWith(t, func(doc map[string]any) {
		doctors := doc["doctors"].([]any)
		doctors[2].(map[string]any)["min_hours"] = 500
		doc["pins"] = []any{}
	})
	if err != nil {
		t.Fatal(err)
	}
	pb = mustProblem(t, terr, "2027-02-01", "2027-03-01", ProblemOptions{})
	_, err = Solve(context.Background(), pb, SolveOptions{Seed: 2, Workers: 1, Moves: 1000})
	if err == nil || !strings.Contains(err.Error(), "d003 must work at least 500 hours") {
		t.Fatalf("got %v, want an error naming d003's minimum before solving", err)
	}
}

package scheduler

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseTerritory: no input, however malformed, makes parsing,
// validation or the expansion of a valid result panic. Seeds are every
// fixture, valid and invalid.
func FuzzParseTerritory(f *testing.F) {
	for _, pattern := range []string{"../fixtures/*.json", "../fixtures/invalid/*.json", "../store/testdata/*.json"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			// Large seeds (the pilot) make each run slow and the fuzzer
			// spend its time minimising them.
			if data, err := os.ReadFile(p); err == nil && len(data) < 20_000 {
				f.Add(data)
			}
		}
	}
	f.Add([]byte(`{}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		terr, err := ParseTerritory(data)
		if err != nil {
			if _, ok := err.(FieldErrors); !ok {
				t.Fatalf("error of type %T, want FieldErrors: %v", err, err)
			}
			return
		}
		from := DateOf(2027, 3, 1)
		pb, err := NewProblem(terr, from, from+31, ProblemOptions{})
		if err != nil {
			return
		}
		for i := range pb.Shifts {
			if !pb.Shifts[i].End.After(pb.Shifts[i].Start) {
				t.Fatalf("shift %s ends before it starts", pb.Shifts[i].Key)
			}
		}
		pb.Diagnose()
	})
}

// FuzzParseRota: rota files never make parsing panic, and what parses
// scores against a territory without panicking.
func FuzzParseRota(f *testing.F) {
	f.Add([]byte(`{"format":"garde.rota/v1","territory":"bordeaux-sud","from":"2027-01-01","to":"2027-02-01","assignments":[{"shift":"anesth-sud/nuit/2027-01-04T18:30","doctor":"d001"}]}`))
	f.Add([]byte(`{"format":"garde.rota/v1","territory":"bordeaux-sud","from":"2027-01-01","to":"2027-01-01","assignments":[]}`))
	data, err := os.ReadFile("../fixtures/tiny.json")
	if err != nil {
		f.Fatal(err)
	}
	terr, err := ParseTerritory(data)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseRota(data)
		if err != nil {
			return
		}
		if r.To-r.From > 62 {
			return // keep each run short
		}
		pb, err := NewProblem(terr, r.From, r.To, ProblemOptions{})
		if err != nil {
			return
		}
		_, _ = pb.Evaluate(r)
	})
}

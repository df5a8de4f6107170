package curtois

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// expectations reads the `expect-penalty:` and `expect-violations:` lines of
// a fixture (in `#` comments for CSV, in an XML comment for XML).
func expectations(t *testing.T, text string) (penalty int, violations []string) {
	t.Helper()
	sawPenalty, sawViolations := false, false
	for _, line := range strings.Split(text, "\n") {
		if _, v, ok := strings.Cut(line, "expect-penalty:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "-->")))
			if err != nil {
				t.Fatalf("bad expect-penalty line %q", line)
			}
			penalty, sawPenalty = n, true
		}
		if _, v, ok := strings.Cut(line, "expect-violations:"); ok {
			v = strings.TrimSuffix(strings.TrimSpace(v), "-->")
			for _, code := range strings.Split(v, ",") {
				if code = strings.TrimSpace(code); code != "" {
					violations = append(violations, code)
				}
			}
			sawViolations = true
		}
	}
	if !sawPenalty || !sawViolations {
		t.Fatal("fixture lacks an expect-penalty or expect-violations line")
	}
	return penalty, violations
}

func TestFixtures(t *testing.T) {
	inst := tiny1(t)
	paths, _ := filepath.Glob(filepath.Join(dataDir, "fixtures", "Tiny1.*.sol.*"))
	if len(paths) < 4 {
		t.Fatalf("found %d roster fixtures, want at least 4", len(paths))
	}
	for _, path := range paths {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			wantPenalty, wantViolations := expectations(t, string(data))
			var r *Roster
			if strings.HasSuffix(name, ".xml") {
				r, err = ReadXML(strings.NewReader(string(data)), inst)
			} else {
				r, err = ReadGrid(strings.NewReader(string(data)), inst)
			}
			if err != nil {
				t.Fatal(err)
			}
			res := Check(inst, r)
			if res.Penalty != wantPenalty {
				t.Errorf("penalty %d (under %d, over %d, on %d, off %d), want %d",
					res.Penalty, res.CoverUnder, res.CoverOver, res.ShiftOnRequests, res.ShiftOffRequests, wantPenalty)
			}
			if sum := res.CoverUnder + res.CoverOver + res.ShiftOnRequests + res.ShiftOffRequests; sum != res.Penalty {
				t.Errorf("parts add up to %d, penalty is %d", sum, res.Penalty)
			}
			var got []string
			for _, v := range res.Violations {
				got = append(got, v.Code)
			}
			if !slices.Equal(sortedCopy(got), sortedCopy(wantViolations)) {
				t.Errorf("violations %v, want %v", got, wantViolations)
				for _, v := range res.Violations {
					t.Log("  ", v)
				}
			}
			if res.Feasible() != (len(wantViolations) == 0) {
				t.Errorf("Feasible() = %v with %d violations", res.Feasible(), len(res.Violations))
			}
		})
	}
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

// TestCheckViolationDetails pins the staff, day and ordering of the
// violations of the infeasible fixture, which the code-only comparison of
// TestFixtures does not see.
func TestCheckViolationDetails(t *testing.T) {
	inst := tiny1(t)
	f, err := os.Open(filepath.Join(dataDir, "fixtures", "Tiny1.infeasible.sol.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := ReadGrid(f, inst)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"H2_shift_rotation B 0",
		"H3_max_shifts_of_type C -1",
		"H4_max_total_minutes B -1",
		"H5_min_total_minutes C -1",
		"H6_max_consecutive_shifts A 0",
		"H7_min_consecutive_shifts B 3",
		"H8_min_consecutive_days_off B 2",
		"H8_min_consecutive_days_off B 4",
		"H9_max_weekends C -1",
		"H10_day_off A 3",
	}
	var got []string
	for _, v := range Check(inst, r).Violations {
		got = append(got, v.Code+" "+inst.Staff[v.Staff].ID+" "+strconv.Itoa(v.Day))
		if !strings.HasPrefix(v.Detail, "staff "+inst.Staff[v.Staff].ID+": ") {
			t.Errorf("detail %q does not name the staff member", v.Detail)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCheckEmptyRoster checks the edge rules on an all-off roster: the
// days-off block spans the horizon (exempt from H8), nobody works (H5 for
// everyone with a minimum), and every cover requirement is missed.
func TestCheckEmptyRoster(t *testing.T) {
	inst := tiny1(t)
	res := Check(inst, NewRoster(inst))
	var codes []string
	for _, v := range res.Violations {
		codes = append(codes, v.Code)
	}
	if want := []string{H5MinTotalMinutes, H5MinTotalMinutes, H5MinTotalMinutes}; !slices.Equal(codes, want) {
		t.Errorf("violations %v, want %v", codes, want)
	}
	// Σ requirement 13 × 100, plus every on-request weight 2+2+3+3+1.
	if res.Penalty != 1300+11 || res.ShiftOffRequests != 0 || res.CoverOver != 0 {
		t.Errorf("got %+v", res)
	}
}

func TestCheckPanicsOnMisshapenRoster(t *testing.T) {
	inst := tiny1(t)
	defer func() {
		if recover() == nil {
			t.Error("Check accepted a roster with the wrong number of staff rows")
		}
	}()
	Check(inst, &Roster{Shifts: make([][][]int, 1)})
}

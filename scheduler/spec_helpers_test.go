package scheduler_test

// Helpers of the black-box spec tests (spec_*_test.go): they build small
// territory files as JSON and score rotas through the exported API only.
//
// Every territory built here has the id "t" and three establishments:
//
//	e1  public_hospital   lat 45.0, lon 0.0
//	e2  private_clinic    lat 46.0, lon 0.0   (1 degree of latitude north of e1)
//	e3  liberal_practice  no coordinates
//
// A line defaults to host e1, specialty "anesthesia", mode on_site; a doctor
// defaults to sector public, specialties ["anesthesia"], sites [], establishment e1.

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"garde/scheduler"
)

// obj is a JSON object under construction.
type obj = map[string]any

// set returns o with the given name/value pairs set; a nil value deletes the field.
func set(o obj, kv ...any) obj {
	if len(kv)%2 != 0 {
		panic("set: odd number of arguments")
	}
	for i := 0; i < len(kv); i += 2 {
		name := kv[i].(string)
		if kv[i+1] == nil {
			delete(o, name)
		} else {
			o[name] = kv[i+1]
		}
	}
	return o
}

// baseEstablishments are e1, e2 and e3 described above.
func baseEstablishments() []obj {
	return []obj{
		{"id": "e1", "kind": "public_hospital", "lat": 45.0, "lon": 0.0},
		{"id": "e2", "kind": "private_clinic", "lat": 46.0, "lon": 0.0},
		{"id": "e3", "kind": "liberal_practice"},
	}
}

// territory builds a territory file with the base establishments.
func territory(lines []obj, doctors []obj, kv ...any) obj {
	return set(obj{
		"format":         scheduler.TerritoryFormat,
		"territory":      obj{"id": "t"},
		"establishments": baseEstablishments(),
		"lines":          lines,
		"doctors":        doctors,
	}, kv...)
}

// withZone sets the territory's time zone and holiday calendar ("" = left out).
func withZone(t obj, zone, holidays string) obj {
	info := t["territory"].(obj)
	if zone != "" {
		info["timezone"] = zone
	}
	if holidays != "" {
		info["holidays"] = holidays
	}
	return t
}

func line(id string, templates []obj, kv ...any) obj {
	return set(obj{"id": id, "establishment": "e1", "specialty": "anesthesia",
		"mode": "on_site", "templates": templates}, kv...)
}

func tmpl(name, start, end string, kv ...any) obj {
	return set(obj{"name": name, "rrule": "FREQ=DAILY", "start": start, "end": end}, kv...)
}

func doc(id string, kv ...any) obj {
	return set(obj{"id": id, "sector": "public", "specialties": []string{"anesthesia"},
		"sites": []string{}, "establishment": "e1"}, kv...)
}

// territoryBytes marshals a territory file.
func territoryBytes(t testing.TB, o obj) []byte {
	t.Helper()
	b, err := json.Marshal(o)
	if err != nil {
		t.Fatalf("marshal territory: %v", err)
	}
	return b
}

// parse reads a territory file that must be valid.
func parse(t testing.TB, o obj) *scheduler.Territory {
	t.Helper()
	terr, err := scheduler.ParseTerritory(territoryBytes(t, o))
	if err != nil {
		t.Fatalf("ParseTerritory: %v", err)
	}
	return terr
}

func day(t testing.TB, s string) scheduler.Date {
	t.Helper()
	d, err := scheduler.ParseDate(s)
	if err != nil {
		t.Fatalf("ParseDate(%q): %v", s, err)
	}
	return d
}

// problem prepares the problem of a valid territory file over [from, to).
func problem(t testing.TB, o obj, from, to string) *scheduler.Problem {
	t.Helper()
	return problemWith(t, o, from, to, scheduler.ProblemOptions{})
}

func problemWith(t testing.TB, o obj, from, to string, opt scheduler.ProblemOptions) *scheduler.Problem {
	t.Helper()
	pb, err := scheduler.NewProblem(parse(t, o), day(t, from), day(t, to), opt)
	if err != nil {
		t.Fatalf("NewProblem [%s, %s): %v", from, to, err)
	}
	return pb
}

// rota builds a rota of territory "t" from alternating shift keys and doctor ids.
func rota(t testing.TB, from, to string, pairs ...string) *scheduler.Rota {
	t.Helper()
	if len(pairs)%2 != 0 {
		t.Fatalf("rota: odd number of shift/doctor arguments")
	}
	r := &scheduler.Rota{Format: scheduler.RotaFormat, Territory: "t",
		From: day(t, from), To: day(t, to), Assignments: []scheduler.Assignment{}}
	for i := 0; i < len(pairs); i += 2 {
		r.Assignments = append(r.Assignments, scheduler.Assignment{Shift: pairs[i], Doctor: pairs[i+1]})
	}
	return r
}

func evaluate(t testing.TB, pb *scheduler.Problem, r *scheduler.Rota) *scheduler.Evaluation {
	t.Helper()
	ev, err := pb.Evaluate(r)
	if err != nil {
		t.Fatalf("Evaluate: %v", err)
	}
	return ev
}

// infos returns the problem's shifts by key.
func infos(pb *scheduler.Problem) map[string]scheduler.ShiftInfo {
	out := map[string]scheduler.ShiftInfo{}
	for i := range pb.Shifts {
		si := pb.ShiftInfo(i)
		out[si.Key] = si
	}
	return out
}

// keys returns the problem's shift keys in the problem's order.
func keys(pb *scheduler.Problem) []string {
	var out []string
	for i := range pb.Shifts {
		out = append(out, pb.Shifts[i].Key)
	}
	return out
}

// info returns the shift with that key, failing the test when it does not exist.
func info(t testing.TB, pb *scheduler.Problem, key string) scheduler.ShiftInfo {
	t.Helper()
	i, ok := pb.ShiftIndex(key)
	if !ok {
		t.Fatalf("no shift %s in [%s, %s); shifts: %v", key, pb.From, pb.To, keys(pb))
	}
	return pb.ShiftInfo(i)
}

// wantKeys checks the exact list of shift keys of a problem, in order.
func wantKeys(t testing.TB, pb *scheduler.Problem, want ...string) {
	t.Helper()
	got := keys(pb)
	if !slices.Equal(got, want) {
		t.Errorf("shifts of [%s, %s):\n got  %v\n want %v", pb.From, pb.To, got, want)
	}
}

// vkey is a violation without its detail: "rule|shift|doctor".
func vkey(rule, shift, doctor string) string { return rule + "|" + shift + "|" + doctor }

func vkeys(ev *scheduler.Evaluation) []string {
	var out []string
	for _, v := range ev.Violations {
		out = append(out, vkey(v.Rule, v.Shift, v.Doctor))
	}
	sort.Strings(out)
	return out
}

// wantViolations checks the violations as a multiset of vkey values.
func wantViolations(t testing.TB, ev *scheduler.Evaluation, want ...string) {
	t.Helper()
	want = slices.Clone(want)
	sort.Strings(want)
	got := vkeys(ev)
	if !slices.Equal(got, want) {
		t.Errorf("violations:\n got  %s\n want %s\n (details: %s)",
			strings.Join(got, "\n      "), strings.Join(want, "\n      "), details(ev))
	}
}

func details(ev *scheduler.Evaluation) string {
	var parts []string
	for _, v := range ev.Violations {
		parts = append(parts, fmt.Sprintf("%s %s %q: %s", v.Rule, v.Shift, v.Doctor, v.Detail))
	}
	return strings.Join(parts, "; ")
}

// wantDetailNames checks that the violation (rule, shift, doctor) exists and its
// detail names the other shift.
func wantDetailNames(t testing.TB, ev *scheduler.Evaluation, rule, shift, doctor, other string) {
	t.Helper()
	for _, v := range ev.Violations {
		if v.Rule == rule && v.Shift == shift && v.Doctor == doctor {
			if !strings.Contains(v.Detail, other) {
				t.Errorf("%s on %s (%s): detail %q does not name %s", rule, shift, doctor, v.Detail, other)
			}
			return
		}
	}
	t.Errorf("no %s violation on %s for %s (got %s)", rule, shift, doctor, details(ev))
}

// near checks got against a hand-computed value with a relative tolerance of 1e-9.
func near(t testing.TB, name string, got, want float64) {
	t.Helper()
	if !closeRel(got, want, 1e-9) {
		t.Errorf("%s = %.12g, want %.12g (hand-computed)", name, got, want)
	}
}

func closeRel(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Max(1, math.Max(math.Abs(got), math.Abs(want)))
}

// wantScore checks every term of a score (ints exactly, floats within 1e-9 relative).
func wantScore(t testing.TB, got scheduler.Score, want scheduler.Score) {
	t.Helper()
	if got.U != want.U {
		t.Errorf("U = %d, want %d", got.U, want.U)
	}
	near(t, "F", got.F, want.F)
	near(t, "K", got.K, want.K)
	if got.P != want.P {
		t.Errorf("P = %d, want %d", got.P, want.P)
	}
	if got.S != want.S {
		t.Errorf("S = %d, want %d", got.S, want.S)
	}
	near(t, "T", got.T, want.T)
	if got.C != want.C {
		t.Errorf("C = %d, want %d", got.C, want.C)
	}
	near(t, "total", got.Total, want.Total)
}

// eligibleFor returns the eligible doctors of a shift.
func eligibleFor(t testing.TB, pb *scheduler.Problem, key string) []string {
	t.Helper()
	return info(t, pb, key).Eligible
}

// wantEligible checks the sorted list of eligible doctors of a shift.
func wantEligible(t testing.TB, pb *scheduler.Problem, key string, want ...string) {
	t.Helper()
	got := eligibleFor(t, pb, key)
	if len(got) == 0 && len(want) == 0 {
		return
	}
	want = slices.Clone(want)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("eligible for %s: got %v, want %v", key, got, want)
	}
}

// hoursBetween is the real elapsed time between two RFC 3339 instants.
func hoursBetween(t testing.TB, a, b string) float64 {
	t.Helper()
	ta, err := time.Parse(time.RFC3339, a)
	if err != nil {
		t.Fatalf("bad instant %q: %v", a, err)
	}
	tb, err := time.Parse(time.RFC3339, b)
	if err != nil {
		t.Fatalf("bad instant %q: %v", b, err)
	}
	return tb.Sub(ta).Hours()
}

// fieldErrors returns the FieldErrors of err, failing when err is not one.
func fieldErrors(t testing.TB, err error) scheduler.FieldErrors {
	t.Helper()
	if err == nil {
		t.Fatalf("expected an input error, got none")
	}
	var fe scheduler.FieldErrors
	if !errors.As(err, &fe) {
		t.Fatalf("expected scheduler.FieldErrors, got %T: %v", err, err)
	}
	return fe
}

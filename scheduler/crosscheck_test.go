package scheduler_test

// Cross-check of the Go scheduler against the independent Python reference
// implementation of the rota model (testdata/reference/garde_ref.py).
//
// For every territory file in ../fixtures/*.json and for a few territories of
// fixtures.Generate, over several periods (a daylight-saving month that also
// holds Easter 2027, the autumn change, Easter 2028, December 2026 and 2027, and
// the month of the territory's first pin), it compares:
//   - the shifts: every field the reference prints, exactly;
//   - the evaluation of several random rotas (eligible ones, sparse ones with
//     pin violations, invalid ones: ineligible doctor, over headcount,
//     overlapping, unknown shift, unknown doctor, repeated; some scored against
//     a reference rota and a history rota): violations as multisets of
//     (rule, shift, doctor), each term within 1e-6 * max(1, |value|).
//
// The reference runs as one Python process per (territory, period): a small
// driver imports garde_ref and calls shifts_report and score, the functions its
// command line calls, and memoizes its two pure, slow functions (expand_shifts
// and eligibility_table) so that scoring several rotas of one period expands
// them once.
//
// It needs /usr/bin/python3 with dateutil (Debian: python3-dateutil). Without
// them the test is skipped, or fails when GARDE_REQUIRE_PYREF=1. With -short it
// runs a smaller subset.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"garde/fixtures"
	"garde/scheduler"
)

const (
	pyRefPython = "/usr/bin/python3"
	pyRefScript = "testdata/reference/garde_ref.py"
)

// pyRefDriver runs a job file: {"territory": PATH, "items": [{"cmd": "shifts",
// "from", "to"} | {"cmd": "score", "rota", "reference"?, "history"?}]} and prints
// {"results": [{"ok": RESULT} | {"input_error": TEXT}]}.
const pyRefDriver = `
import json, sys
from datetime import date
sys.path.insert(0, sys.argv[1])
import garde_ref as g

_expand, _eligibility = g.expand_shifts, g.eligibility_table
_expanded, _tables = {}, {}

def expand_shifts(territory, period_from, period_to):
    key = (id(territory), period_from, period_to)
    if key not in _expanded:
        _expanded[key] = _expand(territory, period_from, period_to)
    return list(_expanded[key])

def eligibility_table(territory, shifts, period_from, period_to):
    key = (id(territory), period_from, period_to, tuple(s.key for s in shifts))
    if key not in _tables:
        _tables[key] = _eligibility(territory, shifts, period_from, period_to)
    return _tables[key]

g.expand_shifts, g.eligibility_table = expand_shifts, eligibility_table

job = g.load_json(sys.argv[2])
territory = g.Territory(g.load_json(job["territory"]))
results = []
for item in job["items"]:
    try:
        if item["cmd"] == "shifts":
            result = g.shifts_report(territory, date.fromisoformat(item["from"]), date.fromisoformat(item["to"]))
        else:
            def rota(name):
                path = item.get(name)
                return g.parse_rota(g.load_json(path), path) if path else None
            result = g.score(territory, rota("rota"), rota("reference"), rota("history"))
        results.append({"ok": result})
    except g.InputError as error:
        results.append({"input_error": str(error)})
json.dump({"results": results}, sys.stdout)
`

// requirePyRef checks the reference's interpreter and dependency.
func requirePyRef(t *testing.T) {
	t.Helper()
	missing := func(format string, args ...any) {
		t.Helper()
		msg := fmt.Sprintf(format, args...)
		if os.Getenv("GARDE_REQUIRE_PYREF") == "1" {
			t.Fatalf("Python reference unavailable (GARDE_REQUIRE_PYREF=1): %s", msg)
		}
		t.Skipf("skipping the cross-check with the Python reference: %s (install python3 and python3-dateutil; set GARDE_REQUIRE_PYREF=1 to make this a failure)", msg)
	}
	if _, err := os.Stat(pyRefPython); err != nil {
		missing("%s not found", pyRefPython)
	}
	if out, err := exec.Command(pyRefPython, "-c", "import dateutil").CombinedOutput(); err != nil {
		missing("%s cannot import dateutil: %v %s", pyRefPython, err, strings.TrimSpace(string(out)))
	}
	if _, err := os.Stat(pyRefScript); err != nil {
		missing("%s not found", pyRefScript)
	}
}

// crossTerritory is a territory file to cross-check.
type crossTerritory struct {
	name string
	data []byte
}

// crossPeriod is a period [from, to) to cross-check.
type crossPeriod struct{ name, from, to string }

var crossPeriods = []crossPeriod{
	{"march-2027-dst-easter", "2027-03-01", "2027-04-01"}, // summer time 28 Mar = Easter Sunday, Easter Monday 29 Mar
	{"december-2026", "2026-12-01", "2027-01-01"},         // the pilot's month: Christmas on a Friday, 26 Dec a Saturday
	{"december-2027", "2027-12-01", "2028-01-01"},         // Christmas on a Saturday, New Year's Eve
	{"april-2028-easter", "2028-04-01", "2028-05-01"},     // Good Friday 14, Easter Monday 17 Apr
	{"october-2027-dst", "2027-10-01", "2027-11-01"},      // winter time 31 Oct
}

// crossTerritories lists the fixture files and the generated territories.
func crossTerritories(t *testing.T) []crossTerritory {
	t.Helper()
	var out []crossTerritory
	files, err := filepath.Glob("../fixtures/*.json")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var head struct {
			Format string `json:"format"`
		}
		if json.Unmarshal(data, &head) != nil || head.Format != scheduler.TerritoryFormat {
			t.Logf("%s is not a %s file: not cross-checked", f, scheduler.TerritoryFormat)
			continue
		}
		out = append(out, crossTerritory{filepath.Base(f), data})
	}
	for _, e := range edgeTerritories() {
		data, err := json.Marshal(e.o)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, crossTerritory{e.name, data})
	}
	seeds := []int64{1, 2, 3, 4}
	if testing.Short() {
		seeds = seeds[:1]
	}
	for _, seed := range seeds {
		terr, err := fixtures.Generate(fixtures.GenOptions{Doctors: 60, Lines: 8, Seed: seed})
		if err != nil {
			t.Errorf("fixtures.Generate(seed %d): %v", seed, err)
			continue
		}
		data, err := json.Marshal(terr)
		if err != nil {
			t.Fatalf("encode generated territory %d: %v", seed, err)
		}
		out = append(out, crossTerritory{fmt.Sprintf("generated-60x8-seed%d", seed), data})
	}
	return out
}

// edgeTerritories are small hand-made territories full of the spec's corner
// cases: times in the spring-forward gap and in the ambiguous autumn hour,
// UNTIL, INTERVAL, COUNT, monthly and yearly rules, 24 h shifts, overrides,
// recurring unavailability across midnight, range + rule, wishes with windows
// across midnight, exempt doctors, establishments without coordinates; in
// Paris with the Alsace-Moselle calendar and in Montreal with none.
func edgeTerritories() []struct {
	name string
	o    obj
} {
	build := func() obj {
		lines := []obj{
			line("gap", []obj{
				tmpl("x", "02:30", "04:30"),
				tmpl("y", "01:30", "03:15"),
				tmpl("z", "20:00", "02:30", "rrule", "FREQ=WEEKLY;BYDAY=SA,SU"),
				tmpl("h24", "02:30", "02:30", "rrule", "FREQ=WEEKLY;BYDAY=SU", "points", 3),
			}, "headcount", 2, "pool", []string{"e2"},
				"overrides", []obj{{"date": "2027-12-25", "headcount": 3}, {"date": "2028-04-16", "closed": true}}),
			line("rules", []obj{
				tmpl("until", "18:30", "08:30", "rrule", "FREQ=DAILY;UNTIL=20271015"),
				tmpl("untilt", "18:30", "08:30", "rrule", "FREQ=DAILY;UNTIL=20280410T120000", "dtstart", "2027-10-20"),
				tmpl("int2", "08:30", "18:30", "rrule", "FREQ=DAILY;INTERVAL=2", "dtstart", "2026-11-30"),
				tmpl("count", "12:00", "13:00", "rrule", "FREQ=WEEKLY;COUNT=30;BYDAY=MO,TH", "dtstart", "2027-02-01"),
				tmpl("monthly", "13:00", "18:30", "rrule", "FREQ=MONTHLY;BYDAY=-1FR"),
				tmpl("yearly", "08:00", "20:00", "rrule", "FREQ=YEARLY;BYMONTH=3,10,12;BYMONTHDAY=26,27,28,29,30,31"),
				tmpl("we", "08:30", "18:30", "day_types", []string{"saturday", "sunday_holiday"}, "points", 1.5),
			}, "mode", "on_call", "establishment", "e3", "pool", []string{"e1"}),
			line("chir", []obj{tmpl("nuit", "18:30", "08:30"), tmpl("matin", "05:00", "12:00")},
				"specialty", "surgery", "establishment", "e2"),
		}
		doctors := []obj{
			doc("d1", "unavailable", []obj{
				{"rrule": "FREQ=WEEKLY;BYDAY=SU", "start": "20:00", "end": "10:00"},
				{"from": "2027-03-27", "to": "2027-03-28"},
			}, "wishes", []obj{
				{"kind": "avoid", "weight": 3, "rrule": "FREQ=WEEKLY;BYDAY=FR,SA", "start": "23:00", "end": "02:00"},
				{"kind": "prefer", "weight": 2, "night": true, "day_types": []string{"saturday", "sunday_holiday"}},
			}),
			doc("d2", "establishment", "e2", "share", 0.5, "specialties", []string{"anesthesia", "surgery"},
				"unavailable", []obj{{"from": "2027-10-25", "to": "2027-10-31", "rrule": "FREQ=DAILY", "start": "02:00", "end": "03:00"},
					{"rrule": "FREQ=DAILY;INTERVAL=3", "dtstart": "2027-01-02", "start": "00:00", "end": "00:00"}},
				"wishes", []obj{{"kind": "avoid", "weight": 10, "from": "2027-10-30", "to": "2027-10-31", "night": false},
					{"kind": "prefer", "weight": 1, "dates": []string{"2027-12-25", "2028-04-17", "2027-03-28"}}}),
			doc("d3", "establishment", nil, "sites", []string{"e1", "e3"}, "max_shifts", 3,
				"unavailable", []obj{{"from": "2027-12-24", "to": "2027-12-26"}, {"from": "2028-04-14", "to": "2028-04-14"}},
				"wishes", []obj{{"kind": "avoid", "weight": 5, "day_types": []string{"sunday_holiday"}}}),
			doc("d4", "establishment", "e3", "sites", []string{"e2"}, "specialties", []string{"surgery", "anesthesia"}, "share", 2),
			doc("d5", "share", 0),
		}
		return territory(lines, doctors, "rules", obj{"min_rest_hours": 9.5, "max_shifts": 12, "max_weekends": 3, "min_gap_hours": 36,
			"weights": obj{"fairness": 3, "travel": 1.5, "stability": 10}},
			"pins", []obj{{"shift": "rules/we/2027-10-30T08:30", "doctor": "d4"}, {"shift": "gap/x/2027-03-28T02:30", "doctor": "d4"}})
	}
	paris := withZone(build(), "Europe/Paris", "FR-Alsace-Moselle")
	mtl := withZone(build(), "America/Montreal", "none")
	return []struct {
		name string
		o    obj
	}{{"edge-paris-alsace", paris}, {"edge-montreal", mtl}}
}

// periodsFor chooses the periods of the i-th territory: all of them, or in
// short mode one (a different one for each territory); plus the month of the
// territory's earliest pin, so that pins are checked too.
func periodsFor(i int, terr *scheduler.Territory) []crossPeriod {
	out := crossPeriods
	if testing.Short() {
		out = []crossPeriod{crossPeriods[i%len(crossPeriods)]}
	}
	var first scheduler.Date
	for _, p := range terr.Pins {
		if k, err := scheduler.ParseShiftKey(p.Shift); err == nil && (first == 0 || k.Date < first) {
			first = k.Date
		}
	}
	if first != 0 {
		y, m, _ := first.Parts()
		from, to := scheduler.DateOf(y, m, 1), scheduler.DateOf(y, m+1, 1)
		if !slices.ContainsFunc(out, func(p crossPeriod) bool { return p.from == from.String() }) {
			out = append(slices.Clone(out), crossPeriod{"pins-" + from.String()[:7], from.String(), to.String()})
		}
	}
	return out
}

func TestCrossCheckPythonReference(t *testing.T) {
	requirePyRef(t)
	refDir, err := filepath.Abs(filepath.Dir(pyRefScript))
	if err != nil {
		t.Fatal(err)
	}
	territories := crossTerritories(t)
	if len(territories) == 0 {
		t.Fatal("no territory to cross-check")
	}
	// Python is the slow side: run at most one reference process per CPU.
	sem := make(chan struct{}, max(1, runtime.NumCPU()))
	start := time.Now()
	t.Cleanup(func() { t.Logf("cross-check of %d territories took %v", len(territories), time.Since(start)) })
	for i, ct := range territories {
		terr, err := scheduler.ParseTerritory(ct.data)
		if err != nil {
			t.Errorf("%s: ParseTerritory: %v", ct.name, err)
			continue
		}
		for _, period := range periodsFor(i, terr) {
			t.Run(ct.name+"/"+period.name, func(t *testing.T) {
				t.Parallel()
				sem <- struct{}{}
				defer func() { <-sem }()
				terr, err := scheduler.ParseTerritory(ct.data) // one per subtest: they run in parallel
				if err != nil {
					t.Fatal(err)
				}
				crossCheckPeriod(t, refDir, ct, terr, period)
			})
		}
	}
}

// crossRota is one rota to score on both sides.
type crossRota struct {
	name            string
	rota, ref, hist *scheduler.Rota
}

func crossCheckPeriod(t *testing.T, refDir string, ct crossTerritory, terr *scheduler.Territory, period crossPeriod) {
	from, to := day(t, period.from), day(t, period.to)
	pb, err := scheduler.NewProblem(terr, from, to, scheduler.ProblemOptions{})
	if err != nil {
		t.Fatalf("NewProblem: %v", err)
	}
	h := fnv.New64a()
	h.Write([]byte(ct.name + "/" + period.name))
	r := rand.New(rand.NewPCG(h.Sum64(), 7))
	rotas := crossRotas(t, r, terr, pb)

	dir := t.TempDir()
	write := func(name string, v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	items := []map[string]string{{"cmd": "shifts", "from": period.from, "to": period.to}}
	for i, cr := range rotas {
		item := map[string]string{"cmd": "score", "rota": write(fmt.Sprintf("rota%d.json", i), cr.rota)}
		if cr.ref != nil {
			item["reference"] = write(fmt.Sprintf("ref%d.json", i), cr.ref)
		}
		if cr.hist != nil {
			item["history"] = write(fmt.Sprintf("hist%d.json", i), cr.hist)
		}
		items = append(items, item)
	}
	if err := os.WriteFile(filepath.Join(dir, "territory.json"), ct.data, 0o644); err != nil {
		t.Fatal(err)
	}
	job := write("job.json", map[string]any{"territory": filepath.Join(dir, "territory.json"), "items": items})
	results := runPyRef(t, refDir, job)
	if len(results) != len(items) {
		t.Fatalf("reference gave %d results for %d requests", len(results), len(items))
	}

	compareShifts(t, pb, results[0])
	for i, cr := range rotas {
		res := results[i+1]
		if res.InputError != "" {
			t.Errorf("%s: the reference reports an input error: %s", cr.name, res.InputError)
			continue
		}
		var want pyScore
		if err := json.Unmarshal(res.OK, &want); err != nil {
			t.Fatalf("%s: reference score: %v", cr.name, err)
		}
		p, err := scheduler.NewProblem(terr, from, to, scheduler.ProblemOptions{Reference: cr.ref, History: cr.hist})
		if err != nil {
			t.Errorf("%s: NewProblem with reference/history: %v (the reference accepts them)", cr.name, err)
			continue
		}
		ev, err := p.Evaluate(cr.rota)
		if err != nil {
			t.Errorf("%s: Evaluate: %v", cr.name, err)
			continue
		}
		compareScores(t, cr.name, len(cr.rota.Assignments), ev, want)
	}
}

type pyResult struct {
	OK         json.RawMessage `json:"ok"`
	InputError string          `json:"input_error"`
}

type pyShift struct {
	Key        string   `json:"key"`
	Line       string   `json:"line"`
	Template   string   `json:"template"`
	Start      string   `json:"start"`
	End        string   `json:"end"`
	LocalStart string   `json:"local_start"`
	LocalEnd   string   `json:"local_end"`
	DayType    string   `json:"day_type"`
	Night      bool     `json:"night"`
	Weekend    bool     `json:"weekend"`
	Points     float64  `json:"points"`
	Headcount  int      `json:"headcount"`
	Eligible   []string `json:"eligible"`
}

type pyScore struct {
	Violations []scheduler.Violation `json:"violations"`
	U          float64               `json:"U"`
	F          float64               `json:"F"`
	K          float64               `json:"K"`
	P          float64               `json:"P"`
	S          float64               `json:"S"`
	T          float64               `json:"T"`
	C          float64               `json:"C"`
	Total      float64               `json:"total"`
}

func runPyRef(t *testing.T, refDir, job string) []pyResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, pyRefPython, "-c", pyRefDriver, refDir, job)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	began := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("Python reference: %v\n%s", err, stderr.String())
	}
	t.Logf("Python reference: %v", time.Since(began).Round(time.Millisecond))
	var out struct {
		Results []pyResult `json:"results"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("Python reference output: %v\n%.500s", err, stdout.String())
	}
	return out.Results
}

// mismatches collects differences and reports the first few of them.
type mismatches struct {
	t     *testing.T
	what  string
	n     int
	limit int
}

func (m *mismatches) add(format string, args ...any) {
	m.t.Helper()
	m.n++
	if m.n <= m.limit {
		m.t.Errorf("%s: "+format, append([]any{m.what}, args...)...)
	}
}

func (m *mismatches) done() {
	m.t.Helper()
	if m.n > m.limit {
		m.t.Errorf("%s: %d differences in all (first %d shown)", m.what, m.n, m.limit)
	}
}

func compareShifts(t *testing.T, pb *scheduler.Problem, res pyResult) {
	t.Helper()
	if res.InputError != "" {
		t.Fatalf("shifts: the reference reports an input error: %s", res.InputError)
	}
	var want []pyShift
	if err := json.Unmarshal(res.OK, &want); err != nil {
		t.Fatalf("shifts: %v", err)
	}
	m := &mismatches{t: t, what: "shifts", limit: 15}
	defer m.done()
	got := map[string]scheduler.ShiftInfo{}
	for i := range pb.Shifts {
		got[pb.Shifts[i].Key] = pb.ShiftInfo(i)
	}
	seen := map[string]bool{}
	for _, w := range want {
		seen[w.Key] = true
		g, ok := got[w.Key]
		if !ok {
			m.add("%s: only in the reference (%s to %s, %s)", w.Key, w.LocalStart, w.LocalEnd, w.DayType)
			continue
		}
		field := func(name string, gv, wv any) {
			if gv != wv {
				m.add("%s: %s = %v, reference %v", w.Key, name, gv, wv)
			}
		}
		field("line", g.Line, w.Line)
		field("template", g.Template, w.Template)
		field("start", g.Start, w.Start)
		field("end", g.End, w.End)
		field("local_start", g.LocalStart, w.LocalStart)
		field("local_end", g.LocalEnd, w.LocalEnd)
		field("day_type", string(g.DayType), w.DayType)
		field("night", g.Night, w.Night)
		field("weekend", g.Weekend, w.Weekend)
		field("points", g.Points, w.Points)
		field("headcount", g.Headcount, w.Headcount)
		if !slices.Equal(g.Eligible, w.Eligible) && !(len(g.Eligible) == 0 && len(w.Eligible) == 0) {
			onlyGo, onlyRef := diffSorted(g.Eligible, w.Eligible)
			m.add("%s: eligible differ: only Go %v, only reference %v", w.Key, onlyGo, onlyRef)
		}
	}
	for i := range pb.Shifts {
		if k := pb.Shifts[i].Key; !seen[k] {
			si := pb.ShiftInfo(i)
			m.add("%s: only in Go (%s to %s, %s)", k, si.LocalStart, si.LocalEnd, si.DayType)
		}
	}
	// Same order: both sort by key.
	for i := 0; i < len(want) && i < len(pb.Shifts); i++ {
		if want[i].Key != pb.Shifts[i].Key {
			m.add("order differs at %d: Go %s, reference %s", i, pb.Shifts[i].Key, want[i].Key)
			break
		}
	}
}

// diffSorted returns what only a holds and what only b holds.
func diffSorted(a, b []string) (onlyA, onlyB []string) {
	count := map[string]int{}
	for _, x := range a {
		count[x]++
	}
	for _, x := range b {
		count[x]--
	}
	for x, n := range count {
		for ; n > 0; n-- {
			onlyA = append(onlyA, x)
		}
		for ; n < 0; n++ {
			onlyB = append(onlyB, x)
		}
	}
	sort.Strings(onlyA)
	sort.Strings(onlyB)
	return onlyA, onlyB
}

func compareScores(t *testing.T, name string, n int, ev *scheduler.Evaluation, want pyScore) {
	t.Helper()
	m := &mismatches{t: t, what: fmt.Sprintf("rota %s (%d assignments)", name, n), limit: 12}
	defer m.done()
	var gotV, wantV []string
	detail := map[string]string{}
	for _, v := range ev.Violations {
		k := vkey(v.Rule, v.Shift, v.Doctor)
		gotV = append(gotV, k)
		detail["go "+k] = v.Detail
	}
	for _, v := range want.Violations {
		k := vkey(v.Rule, v.Shift, v.Doctor)
		wantV = append(wantV, k)
		detail["ref "+k] = v.Detail
	}
	onlyGo, onlyRef := diffSorted(gotV, wantV)
	for _, k := range onlyGo {
		m.add("violation only in Go: %s (%s)", k, detail["go "+k])
	}
	for _, k := range onlyRef {
		m.add("violation only in the reference: %s (%s)", k, detail["ref "+k])
	}
	term := func(label string, got, ref float64) {
		if math.Abs(got-ref) > 1e-6*math.Max(1, math.Abs(ref)) {
			m.add("%s = %.10g, reference %.10g", label, got, ref)
		}
	}
	term("U", float64(ev.U), want.U)
	term("F", ev.F, want.F)
	term("K", ev.K, want.K)
	term("P", float64(ev.P), want.P)
	term("S", float64(ev.S), want.S)
	term("T", ev.T, want.T)
	term("C", float64(ev.C), want.C)
	term("total", ev.Total, want.Total)
	byRule := map[string]int{}
	for _, v := range ev.Violations {
		byRule[v.Rule]++
	}
	t.Logf("%s: violations %v; U=%d F=%.4g K=%.4g P=%d S=%d T=%.4g C=%d", name, byRule, ev.U, ev.F, ev.K, ev.P, ev.S, ev.T, ev.C)
}

// ---- Rotas ----

// randomRota fills each seat with probability fill by a random eligible doctor
// not yet on the shift; with pins, the period's pins are assigned first.
func randomRota(r *rand.Rand, terr *scheduler.Territory, pb *scheduler.Problem, fill float64, pins bool) *scheduler.Rota {
	ro := &scheduler.Rota{Format: scheduler.RotaFormat, Territory: terr.Info.ID, From: pb.From, To: pb.To,
		Assignments: []scheduler.Assignment{}}
	on := map[string][]string{}
	if pins {
		for _, p := range terr.Pins {
			if _, ok := pb.ShiftIndex(p.Shift); ok {
				ro.Assignments = append(ro.Assignments, scheduler.Assignment{Shift: p.Shift, Doctor: p.Doctor})
				on[p.Shift] = append(on[p.Shift], p.Doctor)
			}
		}
	}
	for i := range pb.Shifts {
		si := pb.ShiftInfo(i)
		for seat := len(on[si.Key]); seat < si.Headcount; seat++ {
			if r.Float64() >= fill {
				continue
			}
			var free []string
			for _, d := range si.Eligible {
				if !slices.Contains(on[si.Key], d) {
					free = append(free, d)
				}
			}
			if len(free) == 0 {
				break
			}
			d := free[r.IntN(len(free))]
			on[si.Key] = append(on[si.Key], d)
			ro.Assignments = append(ro.Assignments, scheduler.Assignment{Shift: si.Key, Doctor: d})
		}
	}
	r.Shuffle(len(ro.Assignments), func(i, j int) {
		ro.Assignments[i], ro.Assignments[j] = ro.Assignments[j], ro.Assignments[i]
	})
	return ro
}

// breakRota adds invalid assignments: ineligible doctors, over-full shifts,
// overlapping shifts of one doctor, unknown shifts and doctors, repeats.
func breakRota(r *rand.Rand, terr *scheduler.Territory, pb *scheduler.Problem, ro *scheduler.Rota) {
	add := func(shift, doctor string) {
		ro.Assignments = append(ro.Assignments, scheduler.Assignment{Shift: shift, Doctor: doctor})
	}
	holders := map[string][]string{}
	for _, a := range ro.Assignments {
		holders[a.Shift] = append(holders[a.Shift], a.Doctor)
	}
	ids := doctorIDs(pb)
	if len(pb.Shifts) == 0 || len(ids) == 0 {
		return
	}
	// Ineligible doctors on a few shifts.
	for range 3 {
		si := pb.ShiftInfo(r.IntN(len(pb.Shifts)))
		for range 10 {
			d := ids[r.IntN(len(ids))]
			if !slices.Contains(si.Eligible, d) && !slices.Contains(holders[si.Key], d) {
				add(si.Key, d)
				holders[si.Key] = append(holders[si.Key], d)
				break
			}
		}
	}
	// Over headcount: one more eligible doctor on full shifts.
	over := 0
	for _, i := range r.Perm(len(pb.Shifts)) {
		si := pb.ShiftInfo(i)
		if over == 3 || len(holders[si.Key]) < si.Headcount {
			continue
		}
		for _, d := range si.Eligible {
			if !slices.Contains(holders[si.Key], d) {
				add(si.Key, d)
				holders[si.Key] = append(holders[si.Key], d)
				over++
				break
			}
		}
	}
	// Overlapping shifts of one doctor: two shifts of different templates whose
	// times overlap, given to a doctor eligible for both when there is one.
	overlaps := 0
	order := r.Perm(len(pb.Shifts))
	for _, i := range order {
		if overlaps == 3 {
			break
		}
		a := pb.ShiftInfo(i)
		for j := range pb.Shifts {
			b := pb.ShiftInfo(j)
			if j == i || a.Start >= b.End || b.Start >= a.End {
				continue
			}
			d := ""
			for _, x := range a.Eligible {
				if slices.Contains(b.Eligible, x) {
					d = x
					break
				}
			}
			if d == "" {
				d = ids[r.IntN(len(ids))]
			}
			if !slices.Contains(holders[a.Key], d) {
				add(a.Key, d)
				holders[a.Key] = append(holders[a.Key], d)
			}
			if !slices.Contains(holders[b.Key], d) {
				add(b.Key, d)
				holders[b.Key] = append(holders[b.Key], d)
			}
			overlaps++
			break
		}
	}
	// Unknown shifts: no such line, the wrong time, the next period; an unknown doctor.
	k := pb.Shifts[r.IntN(len(pb.Shifts))].Key
	add("nope/x/"+pb.From.String()+"T08:00", ids[0])
	add(k[:len(k)-5]+"23:59", ids[len(ids)-1])
	add(k[:len(k)-16]+pb.To.AddDays(3).String()+k[len(k)-6:], ids[0])
	add(k, "ghost")
	add("nope/x/"+pb.From.String()+"T09:00", "ghost") // both unknown
	// Repeats.
	for range 3 {
		if len(ro.Assignments) > 0 {
			ro.Assignments = append(ro.Assignments, ro.Assignments[r.IntN(len(ro.Assignments))])
		}
	}
	r.Shuffle(len(ro.Assignments), func(i, j int) {
		ro.Assignments[i], ro.Assignments[j] = ro.Assignments[j], ro.Assignments[i]
	})
}

// previousMonth returns the calendar month before the one starting at d.
func previousMonth(d scheduler.Date) (scheduler.Date, scheduler.Date) {
	y, m, _ := d.Parts()
	return scheduler.DateOf(y, m-1, 1), d
}

func crossRotas(t *testing.T, r *rand.Rand, terr *scheduler.Territory, pb *scheduler.Problem) []crossRota {
	t.Helper()
	eligible := randomRota(r, terr, pb, 0.85, true)
	sparse := randomRota(r, terr, pb, 0.3, false)
	broken := randomRota(r, terr, pb, 0.85, true)
	breakRota(r, terr, pb, broken)
	rotas := []crossRota{{name: "eligible", rota: eligible}, {name: "invalid", rota: broken}}
	if testing.Short() {
		return rotas
	}
	// A reference: the eligible rota, plus pairs whose doctor or shift no longer
	// exists and pairs outside the period.
	ref := *eligible
	ref.Assignments = slices.Clone(eligible.Assignments)
	if len(pb.Shifts) > 0 {
		k := pb.Shifts[r.IntN(len(pb.Shifts))].Key
		ref.Assignments = append(ref.Assignments,
			scheduler.Assignment{Shift: k, Doctor: "gone"},
			scheduler.Assignment{Shift: "gone-line/x/" + pb.From.AddDays(1).String() + "T08:00", Doctor: terr.Doctors[0].ID},
			scheduler.Assignment{Shift: "gone-line/x/" + pb.To.String() + "T08:00", Doctor: terr.Doctors[0].ID},
			ref.Assignments[0])
	}
	// A history: a random rota of the previous month.
	hf, ht := previousMonth(pb.From)
	prev, err := scheduler.NewProblem(terr, hf, ht, scheduler.ProblemOptions{})
	if err != nil {
		t.Fatalf("NewProblem of the previous month: %v", err)
	}
	hist := randomRota(r, terr, prev, 0.9, true)
	return append(rotas,
		crossRota{name: "sparse+reference", rota: sparse, ref: &ref},
		crossRota{name: "eligible+history", rota: randomRota(r, terr, pb, 0.9, true), hist: hist},
		crossRota{name: "invalid+reference+history", rota: broken, ref: &ref, hist: hist},
	)
}

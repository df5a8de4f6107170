package scheduler_test

// Property tests of scoring over small generated territories and random rotas
// (math/rand/v2 with fixed seeds, so that every failure reproduces):
//   - the order of a rota's assignments does not change its evaluation;
//   - total = 1e6 * U + sum of weight * term, with the territory's weights;
//   - adding an eligible doctor with no conflict to an empty seat lowers U by 1
//     and breaks no new rule;
//   - scoring is deterministic (same problem, or a problem rebuilt from the file).

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"testing"
	"time"

	"garde/scheduler"
)

// genWeights are the weights a generated territory sets.
type genWeights struct{ F, K, P, S, T, C float64 }

// genCase is a generated territory file, its period and its rules.
type genCase struct {
	o            obj
	from, to     string
	w            genWeights
	minRestHours float64
	maxShifts    int
	maxWeekends  int
	doctorCap    map[string]int // personal max_shifts
}

var genTemplates = []obj{
	{"name": "nuit", "rrule": "FREQ=DAILY", "start": "18:30", "end": "08:30"},
	{"name": "jour", "rrule": "FREQ=DAILY", "start": "08:30", "end": "18:30", "day_types": []string{"saturday", "sunday_holiday"}},
	{"name": "matin", "rrule": "FREQ=WEEKLY;BYDAY=MO,WE,FR", "start": "08:00", "end": "13:00"},
	{"name": "g24", "rrule": "FREQ=WEEKLY;BYDAY=SU", "start": "08:30", "end": "08:30"},
	{"name": "x", "rrule": "FREQ=DAILY;INTERVAL=3", "dtstart": "2027-01-01", "start": "02:30", "end": "06:00"},
	{"name": "soir", "rrule": "FREQ=DAILY", "start": "20:00", "end": "00:00"},
}

var genPeriods = []string{"2027-03-22", "2027-10-25", "2027-12-20", "2028-04-10", "2027-05-01", "2027-01-04"}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func cloneObj(o obj) obj {
	out := obj{}
	for k, v := range o {
		out[k] = v
	}
	return out
}

// genTerritory makes a tiny territory: 1-3 lines, 2-4 doctors.
func genTerritory(t *testing.T, r *rand.Rand) genCase {
	t.Helper()
	c := genCase{doctorCap: map[string]int{}}
	start := day(t, pick(r, genPeriods))
	c.from = start.String()
	c.to = start.AddDays(7 + r.IntN(8)).String()
	ests := []string{"e1", "e2", "e3"}
	var lines []obj
	for i := range 1 + r.IntN(3) {
		var tps []obj
		perm := r.Perm(len(genTemplates))
		for _, k := range perm[:1+r.IntN(2)] {
			tp := cloneObj(genTemplates[k])
			tp["points"] = pick(r, []float64{1, 1, 1.5, 2})
			tps = append(tps, tp)
		}
		host := pick(r, ests)
		l := line(fmt.Sprintf("l%d", i+1), tps,
			"establishment", host,
			"mode", pick(r, []string{"on_site", "on_call"}),
			"headcount", 1+r.IntN(2),
			"specialty", pick(r, []string{"anesthesia", "anesthesia", "surgery"}))
		if r.IntN(2) == 0 {
			l["pool"] = []string{pick(r, slices.DeleteFunc(slices.Clone(ests), func(e string) bool { return e == host }))}
		}
		if r.IntN(3) == 0 {
			l["overrides"] = []obj{{"date": start.AddDays(r.IntN(7)).String(), "headcount": r.IntN(3)}}
		}
		lines = append(lines, l)
	}
	var doctors []obj
	for i := range 2 + r.IntN(3) {
		id := fmt.Sprintf("d%d", i+1)
		d := doc(id,
			"sector", pick(r, []string{"public", "private", "liberal"}),
			"specialties", pick(r, [][]string{{"anesthesia"}, {"anesthesia"}, {"anesthesia", "surgery"}, {"surgery"}}),
			"sites", pick(r, [][]string{{}, {"e1"}, {"e2"}, {"e1", "e3"}}),
			"establishment", pick(r, []any{"e1", "e2", "e3", nil}),
			"share", pick(r, []float64{1, 1, 0.5, 0, 2}))
		if _, ok := d["establishment"]; !ok && len(d["sites"].([]string)) == 0 {
			d["sites"] = []string{"e2"} // a doctor needs a site
		}
		if r.IntN(3) == 0 {
			c.doctorCap[id] = 2 + r.IntN(4)
			d["max_shifts"] = c.doctorCap[id]
		}
		var un []obj
		if r.IntN(2) == 0 {
			a := start.AddDays(r.IntN(10))
			un = append(un, obj{"from": a.String(), "to": a.AddDays(r.IntN(3)).String()})
		}
		if r.IntN(3) == 0 {
			un = append(un, obj{"rrule": "FREQ=WEEKLY;BYDAY=" + pick(r, []string{"MO", "TU", "SA", "SU"}),
				"start": pick(r, []string{"20:00", "08:00"}), "end": pick(r, []string{"10:00", "12:00"})})
		}
		if un != nil {
			d["unavailable"] = un
		}
		var wishes []obj
		for range r.IntN(3) {
			w := obj{"kind": pick(r, []string{"avoid", "prefer"}), "weight": 1 + r.IntN(10)}
			switch r.IntN(5) {
			case 0:
				w["night"] = r.IntN(2) == 0
			case 1:
				w["day_types"] = []string{pick(r, []string{"weekday", "saturday", "sunday_holiday"})}
			case 2:
				w["dates"] = []string{start.AddDays(r.IntN(10)).String()}
			case 3:
				w["from"] = start.AddDays(r.IntN(5)).String()
				w["to"] = start.AddDays(5 + r.IntN(5)).String()
			case 4:
				w["rrule"] = "FREQ=WEEKLY;BYDAY=FR"
				w["start"] = "18:00"
				w["end"] = "23:00"
				w["night"] = true
			}
			wishes = append(wishes, w)
		}
		if wishes != nil {
			d["wishes"] = wishes
		}
		doctors = append(doctors, d)
	}
	c.w = genWeights{F: float64(r.IntN(200)), K: float64(r.IntN(200)) / 2, P: float64(r.IntN(20)),
		S: float64(r.IntN(40)), T: float64(r.IntN(10)) / 10, C: float64(r.IntN(2000))}
	c.minRestHours = pick(r, []float64{11, 6, 12.5})
	c.maxShifts = 2 + r.IntN(6)
	c.maxWeekends = 1 + r.IntN(2)
	c.o = territory(lines, doctors, "rules", obj{
		"min_rest_hours": c.minRestHours, "max_shifts": c.maxShifts, "max_weekends": c.maxWeekends,
		"min_gap_hours": pick(r, []float64{72, 24, 48}),
		"weights": obj{"fairness": c.w.F, "weekend_fairness": c.w.K, "wishes": c.w.P,
			"spacing": c.w.S, "travel": c.w.T, "stability": c.w.C},
	})
	if r.IntN(3) == 0 {
		withZone(c.o, pick(r, []string{"America/Montreal", "Pacific/Noumea"}), pick(r, []string{"FR", "none", "FR-57"}))
	}
	return c
}

// genRota makes a random rota: known assignments (some ineligible, some over
// headcount) and, when invalid is set, unknown shifts, unknown doctors and repeats.
func genRota(t *testing.T, r *rand.Rand, c genCase, pb *scheduler.Problem, invalid bool) *scheduler.Rota {
	t.Helper()
	ro := rota(t, c.from, c.to)
	doctors := doctorIDs(pb)
	for i := range pb.Shifts {
		si := pb.ShiftInfo(i)
		n := r.IntN(si.Headcount + 2)
		for _, k := range r.Perm(len(doctors))[:min(n, len(doctors))] {
			d := doctors[k]
			if len(si.Eligible) > 0 && r.IntN(4) != 0 {
				d = pick(r, si.Eligible)
			}
			if !slices.Contains(assigned(ro, si.Key), d) {
				ro.Assignments = append(ro.Assignments, scheduler.Assignment{Shift: si.Key, Doctor: d})
			}
		}
	}
	if invalid && len(pb.Shifts) > 0 {
		key := pb.Shifts[r.IntN(len(pb.Shifts))].Key
		ro.Assignments = append(ro.Assignments,
			scheduler.Assignment{Shift: "nope/x/" + c.from + "T08:00", Doctor: doctors[0]},
			scheduler.Assignment{Shift: key, Doctor: "ghost"})
		if len(ro.Assignments) > 2 {
			ro.Assignments = append(ro.Assignments, ro.Assignments[r.IntN(len(ro.Assignments)-2)])
		}
	}
	return ro
}

func doctorIDs(pb *scheduler.Problem) []string {
	var out []string
	for _, d := range pb.Territory.Doctors {
		out = append(out, d.ID)
	}
	return out
}

func assigned(ro *scheduler.Rota, key string) []string {
	var out []string
	for _, a := range ro.Assignments {
		if a.Shift == key {
			out = append(out, a.Doctor)
		}
	}
	return out
}

// fullViolations is the multiset of violations, details included.
func fullViolations(ev *scheduler.Evaluation) []string {
	var out []string
	for _, v := range ev.Violations {
		out = append(out, v.Rule+"|"+v.Shift+"|"+v.Doctor+"|"+v.Detail)
	}
	sort.Strings(out)
	return out
}

func sameScore(a, b scheduler.Score) bool {
	return a.U == b.U && a.P == b.P && a.S == b.S && a.C == b.C &&
		closeRel(a.F, b.F, 1e-9) && closeRel(a.K, b.K, 1e-9) && closeRel(a.T, b.T, 1e-9) && closeRel(a.Total, b.Total, 1e-9)
}

const propertySeeds = 40

func TestSpecPropertyAssignmentOrder(t *testing.T) {
	for seed := range uint64(propertySeeds) {
		r := rand.New(rand.NewPCG(seed, 1))
		c := genTerritory(t, r)
		pb := problem(t, c.o, c.from, c.to)
		for k := range 4 {
			ro := genRota(t, r, c, pb, k%2 == 1)
			ev := evaluate(t, pb, ro)
			shuffled := *ro
			shuffled.Assignments = slices.Clone(ro.Assignments)
			r.Shuffle(len(shuffled.Assignments), func(i, j int) {
				shuffled.Assignments[i], shuffled.Assignments[j] = shuffled.Assignments[j], shuffled.Assignments[i]
			})
			ev2 := evaluate(t, pb, &shuffled)
			if !slices.Equal(fullViolations(ev), fullViolations(ev2)) {
				t.Errorf("seed %d rota %d: violations depend on the order:\n %v\n %v", seed, k, fullViolations(ev), fullViolations(ev2))
			}
			if !sameScore(ev.Score, ev2.Score) {
				t.Errorf("seed %d rota %d: score depends on the order: %+v vs %+v", seed, k, ev.Score, ev2.Score)
			}
		}
	}
}

func TestSpecPropertyTotalIsWeightedSum(t *testing.T) {
	for seed := range uint64(propertySeeds) {
		r := rand.New(rand.NewPCG(seed, 2))
		c := genTerritory(t, r)
		pb := problem(t, c.o, c.from, c.to)
		var ref *scheduler.Rota
		for k := range 4 {
			ro := genRota(t, r, c, pb, k%2 == 1)
			if k == 2 && ref != nil {
				// Score against a reference too, so that C is not always 0.
				pb = problemWith(t, c.o, c.from, c.to, scheduler.ProblemOptions{Reference: ref})
			}
			ev := evaluate(t, pb, ro)
			want := 1e6*float64(ev.U) + c.w.F*ev.F + c.w.K*ev.K + c.w.P*float64(ev.P) +
				c.w.S*float64(ev.S) + c.w.T*ev.T + c.w.C*float64(ev.C)
			if !closeRel(ev.Total, want, 1e-9) {
				t.Errorf("seed %d rota %d: total %v, want 1e6*U + sum w*term = %v (score %+v, weights %+v)",
					seed, k, ev.Total, want, ev.Score, c.w)
			}
			ref = ro
		}
	}
}

// conflictFree reports whether doctor d may be added to shift s of the rota
// without breaking overlap, rest, max_shifts or max_weekends (computed here from
// the shifts' instants, modes and dates).
func conflictFree(t *testing.T, c genCase, pb *scheduler.Problem, ro *scheduler.Rota, s scheduler.ShiftInfo, d string) bool {
	t.Helper()
	at := func(x string) time.Time {
		v, err := time.Parse(time.RFC3339, x)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	rest := time.Duration(c.minRestHours * float64(time.Hour))
	weekendOf := func(si scheduler.ShiftInfo) (scheduler.Date, bool) {
		switch si.Date.Weekday() {
		case time.Saturday:
			return si.Date, true
		case time.Sunday:
			return si.Date.AddDays(-1), true
		}
		return 0, false
	}
	weekends := map[scheduler.Date]bool{}
	n := 0
	for _, a := range ro.Assignments {
		if a.Doctor != d {
			continue
		}
		i, ok := pb.ShiftIndex(a.Shift)
		if !ok {
			continue
		}
		x := pb.ShiftInfo(i)
		n++
		if w, ok := weekendOf(x); ok {
			weekends[w] = true
		}
		xs, xe, ss, se := at(x.Start), at(x.End), at(s.Start), at(s.End)
		if xs.Before(se) && ss.Before(xe) {
			return false
		}
		if x.Mode == scheduler.OnSite && !ss.Before(xe) && ss.Before(xe.Add(rest)) {
			return false
		}
		if s.Mode == scheduler.OnSite && !xs.Before(se) && xs.Before(se.Add(rest)) {
			return false
		}
	}
	limit := c.maxShifts
	if cap, ok := c.doctorCap[d]; ok {
		limit = cap
	}
	if n+1 > limit {
		return false
	}
	if w, ok := weekendOf(s); ok {
		weekends[w] = true
		if len(weekends) > c.maxWeekends {
			return false
		}
	}
	return true
}

func TestSpecPropertyFillingASeatLowersU(t *testing.T) {
	tried := 0
	for seed := range uint64(propertySeeds) {
		r := rand.New(rand.NewPCG(seed, 3))
		c := genTerritory(t, r)
		pb := problem(t, c.o, c.from, c.to)
		for k := range 4 {
			ro := genRota(t, r, c, pb, false)
			// Thin the rota out so that there are empty seats.
			ro.Assignments = slices.DeleteFunc(ro.Assignments, func(scheduler.Assignment) bool { return r.IntN(2) == 0 })
			ev := evaluate(t, pb, ro)
			filled := 0
			for _, i := range r.Perm(len(pb.Shifts)) {
				if filled == 3 {
					break
				}
				si := pb.ShiftInfo(i)
				holders := assigned(ro, si.Key)
				if len(holders) >= si.Headcount {
					continue
				}
				for _, d := range si.Eligible {
					if slices.Contains(holders, d) || !conflictFree(t, c, pb, ro, si, d) {
						continue
					}
					more := *ro
					more.Assignments = append(slices.Clone(ro.Assignments), scheduler.Assignment{Shift: si.Key, Doctor: d})
					ev2 := evaluate(t, pb, &more)
					tried++
					if ev2.U != ev.U-1 {
						t.Errorf("seed %d rota %d: adding %s to %s (%d/%d seats): U %d -> %d, want %d",
							seed, k, d, si.Key, len(holders), si.Headcount, ev.U, ev2.U, ev.U-1)
					}
					if !slices.Equal(vkeys(ev), vkeys(ev2)) {
						t.Errorf("seed %d rota %d: adding %s to %s with no conflict changed the violations:\n before %v\n after  %v",
							seed, k, d, si.Key, vkeys(ev), vkeys(ev2))
					}
					filled++
					break
				}
			}
		}
	}
	t.Logf("%d seats filled over %d territories", tried, propertySeeds)
	if tried < propertySeeds {
		t.Errorf("only %d seats were filled: the generator is too tight", tried)
	}
}

func TestSpecPropertyDeterministic(t *testing.T) {
	for seed := range uint64(propertySeeds) {
		r := rand.New(rand.NewPCG(seed, 4))
		c := genTerritory(t, r)
		pb := problem(t, c.o, c.from, c.to)
		pb2 := problem(t, c.o, c.from, c.to)
		for k := range 3 {
			ro := genRota(t, r, c, pb, k == 1)
			a, b, c2 := evaluate(t, pb, ro), evaluate(t, pb, ro), evaluate(t, pb2, ro)
			if !reflect.DeepEqual(a, b) {
				t.Errorf("seed %d rota %d: two evaluations differ:\n %+v\n %+v", seed, k, a, b)
			}
			if !reflect.DeepEqual(a, c2) {
				t.Errorf("seed %d rota %d: evaluation on a rebuilt problem differs:\n %+v\n %+v", seed, k, a, c2)
			}
		}
		// The shifts themselves are the same for the rebuilt problem.
		for i := range pb.Shifts {
			if !reflect.DeepEqual(pb.ShiftInfo(i), pb2.ShiftInfo(i)) {
				t.Errorf("seed %d: shift %d differs between two problems", seed, i)
			}
		}
	}
}

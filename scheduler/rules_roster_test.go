package scheduler

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// Hand-computed cases for the general rostering rules. Shifts here are
// day x type cells of a grid with two types (s = 2*day + type), so
// dayOf[s] = s/2 and typeOf[s] = s%2.

type gridNames struct{}

func (gridNames) shiftName(s int32) string  { return fmt.Sprintf("t%d@day%d", s%2, s/2) }
func (gridNames) personName(p int32) string { return fmt.Sprintf("p%d", p) }

func gridDays(days int) (dayOf, typeOf []int32) {
	for s := 0; s < 2*days; s++ {
		dayOf = append(dayOf, int32(s/2))
		typeOf = append(typeOf, int32(s%2))
	}
	return dayOf, typeOf
}

// on lists the shifts of a person working type typ on the given days.
func on(typ int, days ...int) []int32 {
	var out []int32
	for _, d := range days {
		out = append(out, int32(2*d+typ))
	}
	return out
}

func merge(lists ...[]int32) []int32 {
	var out []int32
	for _, l := range lists {
		out = append(out, l...)
	}
	sortInt32(out)
	return out
}

func sortInt32(s []int32) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func measure(r personRule, p int32, shifts []int32) (float64, int) {
	n := 0
	v := r.measurePerson(p, shifts, func(violation) { n++ })
	return v, n
}

func TestOneShiftPerDayRule(t *testing.T) {
	dayOf, _ := gridDays(7)
	r := newOneShiftPerDayRule(dayOf, gridNames{})
	for _, c := range []struct {
		shifts []int32
		want   float64
	}{
		{nil, 0},
		{on(0, 0, 1, 2), 0},
		{merge(on(0, 1), on(1, 1)), 1},          // both types on day 1
		{merge(on(0, 1, 3), on(1, 1, 3, 4)), 2}, // days 1 and 3 doubled
	} {
		if got, n := measure(r, 0, c.shifts); got != c.want || n != int(c.want) {
			t.Errorf("%v: measured %g with %d violations, want %g", c.shifts, got, n, c.want)
		}
	}
}

func TestSuccessionRule(t *testing.T) {
	dayOf, typeOf := gridDays(7)
	// type 1 (a night) may not be followed by type 0 (an early) the next day.
	forbidden := [][]bool{{false, false}, {true, false}}
	r := newSuccessionRule(dayOf, typeOf, forbidden, gridNames{})
	for _, c := range []struct {
		shifts []int32
		want   float64
	}{
		{merge(on(1, 2), on(0, 3)), 1},       // night day 2, early day 3
		{merge(on(0, 2), on(1, 3)), 0},       // early then night is fine
		{merge(on(1, 2), on(0, 4)), 0},       // a day between
		{merge(on(1, 1, 2), on(0, 2, 3)), 2}, // day 1->2 and day 2->3 (day 2 doubled)
		{on(1, 0, 1, 2, 3), 0},               // nights in a row are allowed here
	} {
		if got, n := measure(r, 0, c.shifts); got != c.want || n != int(c.want) {
			t.Errorf("%v: measured %g with %d violations, want %g", c.shifts, got, n, c.want)
		}
	}
}

func TestTypeLimitRule(t *testing.T) {
	_, typeOf := gridDays(7)
	r := newTypeLimitRule(typeOf, [][]int{{2, 0}}, []string{"E", "N"})
	for _, c := range []struct {
		shifts     []int32
		want       float64
		violations int
	}{
		{on(0, 0, 1), 0, 0},
		{on(0, 0, 1, 2, 3), 2, 1},         // 4 early shifts, at most 2
		{merge(on(0, 0), on(1, 1)), 1, 1}, // type N is forbidden
		{merge(on(0, 0, 1, 2), on(1, 3)), 2, 2},
	} {
		if got, n := measure(r, 0, c.shifts); got != c.want || n != c.violations {
			t.Errorf("%v: measured %g with %d violations, want %g and %d", c.shifts, got, n, c.want, c.violations)
		}
	}
}

func TestWorkMinutesRule(t *testing.T) {
	minutes := []int{480, 600, 480, 600, 480, 600, 480, 600}
	r := newWorkMinutesRule(minutes, []int{1000}, []int{1500}, 60)
	for _, c := range []struct {
		shifts []int32
		want   float64
	}{
		{[]int32{0, 1}, 0},    // 1080 minutes
		{[]int32{0}, 9},       // 480: 520 short, 9 started hours
		{nil, 17},             // 0: 1000 short -> ceil(16.67)
		{[]int32{0, 1, 3}, 3}, // 1680: 180 over -> 3 hours
	} {
		got, _ := measure(r, 0, c.shifts)
		if got != c.want {
			t.Errorf("%v: measured %g, want %g", c.shifts, got, c.want)
		}
	}
	// A single minute over still counts as broken.
	r = newWorkMinutesRule([]int{61}, []int{0}, []int{60}, 60)
	if got, n := measure(r, 0, []int32{0}); got != 1 || n != 1 {
		t.Errorf("one minute over: measured %g with %d violations", got, n)
	}
}

func TestConsecutiveDaysRules(t *testing.T) {
	dayOf, _ := gridDays(14)
	maxRule := newMaxConsecutiveDaysRule(dayOf, []int{3}, dayIndexLabel)
	minRule := newMinConsecutiveDaysRule(dayOf, 14, []int{2})
	offRule := newMinDaysOffRule(dayOf, []int{2})
	for _, c := range []struct {
		name          string
		days          []int
		max, min, off float64
	}{
		{"empty", nil, 0, 0, 0},
		{"a block of 5 inside", []int{4, 5, 6, 7, 8}, 2, 0, 0},
		{"a block of 4 at the start is measured", []int{0, 1, 2, 3}, 1, 0, 0},
		{"a single day at the start is exempt from the minimum", []int{0, 5, 6}, 0, 0, 0},
		{"a single day at the end is exempt", []int{4, 5, 13}, 0, 0, 0},
		{"a single day inside is short by one", []int{4, 5, 9}, 0, 1, 0},
		{"one day off between blocks", []int{3, 4, 6, 7}, 0, 0, 1},
		{"days off at the edges are exempt", []int{1, 2, 13}, 0, 0, 0},
	} {
		var shifts []int32
		for _, d := range c.days {
			shifts = append(shifts, int32(2*d))
		}
		gotMax, _ := measure(maxRule, 0, shifts)
		gotMin, _ := measure(minRule, 0, shifts)
		gotOff, _ := measure(offRule, 0, shifts)
		if gotMax != c.max || gotMin != c.min || gotOff != c.off {
			t.Errorf("%s: max %g min %g off %g, want %g %g %g", c.name, gotMax, gotMin, gotOff, c.max, c.min, c.off)
		}
	}
	// Two shifts on one day count one day: days 4 to 6 with a second shift
	// on 5 and 6 are a block of 3, the cap (5 if each shift counted).
	if got, _ := measure(maxRule, 0, merge(on(0, 4, 5, 6), on(1, 5, 6))); got != 0 {
		t.Errorf("two shifts a day: max consecutive measured %g, want 0", got)
	}
}

func TestMaxWeekendsRuleOnDays(t *testing.T) {
	// Days 5, 6 (weekend 0) and 12, 13 (weekend 1), day 0 a Monday.
	var weekendOf []int32
	for s := 0; s < 28; s++ {
		d := s / 2
		if d%7 >= 5 {
			weekendOf = append(weekendOf, int32(d/7))
		} else {
			weekendOf = append(weekendOf, -1)
		}
	}
	r := newMaxWeekendsRule(weekendOf, []int{1})
	for _, c := range []struct {
		days []int
		want float64
	}{
		{[]int{5, 6}, 0},    // one weekend, both days
		{[]int{6, 12}, 1},   // Sunday of one, Saturday of the next
		{[]int{1, 2, 3}, 0}, // weekdays only
	} {
		var shifts []int32
		for _, d := range c.days {
			shifts = append(shifts, int32(2*d))
		}
		if got, _ := measure(r, 0, shifts); got != c.want {
			t.Errorf("%v: measured %g, want %g", c.days, got, c.want)
		}
	}
}

// TestDayRosterIncrementalEqualsFull is check mode on a day roster with
// every rule active, walking random day moves.
func TestDayRosterIncrementalEqualsFull(t *testing.T) {
	r := randomDayRoster(rand.New(rand.NewPCG(5, 6)), 6, 21, 3)
	m, err := r.compile()
	if err != nil {
		t.Fatal(err)
	}
	w := newWorker(m, nil, searchOptions{seed: 3, hardPenalty: 200 * softUnit}, 0)
	w.constructRoster(true)
	for i := 0; i < 20000; i++ {
		changes := w.randomMove(nil)
		if len(changes) == 0 {
			continue
		}
		before := w.st.total
		predicted := w.st.delta(changes)
		w.st.apply(changes)
		if got := w.st.total.sub(before); got != predicted {
			t.Fatalf("step %d: predicted %+v, got %+v", i, predicted, got)
		}
	}
	if full := w.st.fullCost(); full != w.st.total {
		t.Fatalf("incremental %+v, full %+v", w.st.total, full)
	}
}

func randomDayRoster(rng *rand.Rand, people, days, types int) *DayRoster {
	r := &DayRoster{Name: "random", Days: days}
	for t := 0; t < types; t++ {
		forbidden := make([]bool, types)
		forbidden[rng.IntN(types)] = rng.IntN(2) == 0
		r.Shifts = append(r.Shifts, DayShift{ID: fmt.Sprintf("S%d", t), Minutes: 480 + 120*rng.IntN(3), ForbiddenNext: forbidden})
	}
	for p := 0; p < people; p++ {
		limits := make([]int, types)
		for t := range limits {
			limits[t] = rng.IntN(days)
		}
		dayOff := make([]bool, days)
		dayOff[rng.IntN(days)] = true
		r.People = append(r.People, RosterPerson{ID: fmt.Sprintf("P%d", p), MaxOfType: limits,
			MinMinutes: 480 * 5, MaxMinutes: 480 * 12, MinConsecutive: 2, MaxConsecutive: 5, MinDaysOff: 2,
			MaxWeekends: 2, DayOff: dayOff})
		r.OnRequests = append(r.OnRequests, DayRequest{p, rng.IntN(days), rng.IntN(types), 1 + rng.IntN(3)})
		r.OffRequests = append(r.OffRequests, DayRequest{p, rng.IntN(days), rng.IntN(types), 1 + rng.IntN(3)})
	}
	for d := 0; d < days; d++ {
		row := make([]DayCover, types)
		for t := range row {
			row[t] = DayCover{Requirement: rng.IntN(3), Under: 100, Over: 1}
		}
		r.Cover = append(r.Cover, row)
	}
	return r
}

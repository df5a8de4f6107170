package curtois

import (
	"fmt"
	"strings"
)

// Violation codes, one per hard rule of the README (section 3).
const (
	H1OneShiftPerDay        = "H1_one_shift_per_day"
	H2ShiftRotation         = "H2_shift_rotation"
	H3MaxShiftsOfType       = "H3_max_shifts_of_type"
	H4MaxTotalMinutes       = "H4_max_total_minutes"
	H5MinTotalMinutes       = "H5_min_total_minutes"
	H6MaxConsecutiveShifts  = "H6_max_consecutive_shifts"
	H7MinConsecutiveShifts  = "H7_min_consecutive_shifts"
	H8MinConsecutiveDaysOff = "H8_min_consecutive_days_off"
	H9MaxWeekends           = "H9_max_weekends"
	H10DayOff               = "H10_day_off"
)

// Violation is one broken hard rule.
type Violation struct {
	Code   string // one of the H* constants
	Staff  int    // staff index
	Day    int    // the day concerned (first day of a block), -1 for whole-horizon rules
	Detail string // human-readable explanation naming the staff ID
}

func (v Violation) String() string { return v.Code + ": " + v.Detail }

// Result is the outcome of Check.
type Result struct {
	// Penalty is the objective: the sum of the four parts below.
	Penalty          int
	CoverUnder       int // Σ UnderWeight × missing people
	CoverOver        int // Σ OverWeight × extra people
	ShiftOnRequests  int // Σ weights of shift-on requests not granted
	ShiftOffRequests int // Σ weights of shift-off requests not granted
	// Violations lists the broken hard rules, ordered by rule (H1 first),
	// then staff, then day.
	Violations []Violation
}

// Feasible reports whether no hard rule is broken.
func (res Result) Feasible() bool { return len(res.Violations) == 0 }

// Check scores roster r against inst: the penalty (computed even when the
// roster is infeasible) and every broken hard rule. It is written for
// clarity rather than speed, as an independent reference for solvers.
//
// A day with two or more shifts (possible only from XML) is an H1
// violation, and only its first shift counts for everything else: the
// benchmark's rosters hold one shift per person per day, and the
// hand-computed fixture Tiny1.feasible-dup.sol.xml prices the duplicate
// that way (penalty 210, H1 alone).
//
// inst must be shaped as Parse builds it (tables sized by the number of
// shift types and the horizon), and r must fit inst (see Roster.Validate);
// Check panics otherwise, as a roster of the wrong shape is a programming
// error.
func Check(inst *Instance, r *Roster) Result {
	if err := r.Validate(inst); err != nil {
		panic("curtois.Check: " + err.Error())
	}
	c := checker{inst: inst, r: r}
	c.oneShiftPerDay()
	c.r = firstShiftOfEachDay(r)
	var res Result
	res.CoverUnder, res.CoverOver = c.cover()
	res.ShiftOnRequests, res.ShiftOffRequests = c.requests()
	res.Penalty = res.CoverUnder + res.CoverOver + res.ShiftOnRequests + res.ShiftOffRequests

	c.rotation()
	c.maxShiftsOfType()
	c.totalMinutes()
	c.consecutive()
	c.weekends()
	c.daysOff()
	res.Violations = c.violations
	return res
}

// firstShiftOfEachDay returns a copy of r keeping only the first shift of
// each day.
func firstShiftOfEachDay(r *Roster) *Roster {
	out := &Roster{Shifts: make([][][]int, len(r.Shifts))}
	for e, days := range r.Shifts {
		out.Shifts[e] = make([][]int, len(days))
		for d, shifts := range days {
			if len(shifts) > 0 {
				out.Shifts[e][d] = shifts[:1]
			}
		}
	}
	return out
}

// checker holds the inputs of Check and the violations found so far.
type checker struct {
	inst       *Instance
	r          *Roster
	violations []Violation
}

func (c *checker) add(code string, e, day int, format string, args ...any) {
	detail := "staff " + c.inst.Staff[e].ID + ": " + fmt.Sprintf(format, args...)
	c.violations = append(c.violations, Violation{Code: code, Staff: e, Day: day, Detail: detail})
}

// works reports whether staff e works shift type s on day d.
func (c *checker) works(e, d, s int) bool {
	for _, t := range c.r.Shifts[e][d] {
		if t == s {
			return true
		}
	}
	return false
}

// worked reports whether staff e works at all on day d.
func (c *checker) worked(e, d int) bool { return len(c.r.Shifts[e][d]) > 0 }

// cover returns the under- and over-cover penalties.
func (c *checker) cover() (under, over int) {
	in := c.inst
	for d := 0; d < in.Horizon; d++ {
		n := make([]int, len(in.Shifts)) // people on each shift type that day
		for e := range in.Staff {
			for _, s := range c.r.Shifts[e][d] {
				n[s]++
			}
		}
		for s, cv := range in.Cover[d] {
			if n[s] < cv.Requirement {
				under += cv.UnderWeight * (cv.Requirement - n[s])
			} else {
				over += cv.OverWeight * (n[s] - cv.Requirement)
			}
		}
	}
	return under, over
}

// requests returns the penalties of the shift-on and shift-off requests not
// granted.
func (c *checker) requests() (on, off int) {
	for _, q := range c.inst.OnRequests {
		if !c.works(q.Staff, q.Day, q.Shift) {
			on += q.Weight
		}
	}
	for _, q := range c.inst.OffRequests {
		if c.works(q.Staff, q.Day, q.Shift) {
			off += q.Weight
		}
	}
	return on, off
}

// oneShiftPerDay checks H1: one violation per (staff, day) with 2+ shifts.
func (c *checker) oneShiftPerDay() {
	for e := range c.inst.Staff {
		for d, shifts := range c.r.Shifts[e] {
			if len(shifts) > 1 {
				c.add(H1OneShiftPerDay, e, d, "%d shifts on day %d (%s)", len(shifts), d, c.shiftIDs(shifts))
			}
		}
	}
}

// rotation checks H2: one violation per (day, next day) pair where some
// shift of the next day is a forbidden follower of some shift of the day.
// Nothing is checked across the horizon edges.
func (c *checker) rotation() {
	in := c.inst
	for e := range in.Staff {
		for d := 0; d+1 < in.Horizon; d++ {
			if s, t, bad := c.forbiddenPair(e, d); bad {
				c.add(H2ShiftRotation, e, d, "%s on day %d after %s on day %d (%s may not follow %s)",
					in.Shifts[t].ID, d+1, in.Shifts[s].ID, d, in.Shifts[t].ID, in.Shifts[s].ID)
			}
		}
	}
}

// forbiddenPair returns the first shift s on day d and t on day d+1 of
// staff e such that t may not follow s.
func (c *checker) forbiddenPair(e, d int) (s, t int, bad bool) {
	for _, s := range c.r.Shifts[e][d] {
		for _, t := range c.r.Shifts[e][d+1] {
			if c.inst.Shifts[s].Forbidden[t] {
				return s, t, true
			}
		}
	}
	return 0, 0, false
}

// maxShiftsOfType checks H3: one violation per (staff, shift type) over its
// maximum.
func (c *checker) maxShiftsOfType() {
	in := c.inst
	for e, st := range in.Staff {
		count := make([]int, len(in.Shifts))
		for _, shifts := range c.r.Shifts[e] {
			for _, s := range shifts {
				count[s]++
			}
		}
		for s, n := range count {
			if n > st.MaxShifts[s] {
				c.add(H3MaxShiftsOfType, e, -1, "%d %s shifts, max %d", n, in.Shifts[s].ID, st.MaxShifts[s])
			}
		}
	}
}

// totalMinutes checks H4 and H5: one violation per staff member and rule.
func (c *checker) totalMinutes() {
	in := c.inst
	total := make([]int, len(in.Staff))
	for e := range in.Staff {
		for _, shifts := range c.r.Shifts[e] {
			for _, s := range shifts {
				total[e] += in.Shifts[s].Minutes
			}
		}
	}
	for e, st := range in.Staff {
		if total[e] > st.MaxTotalMinutes {
			c.add(H4MaxTotalMinutes, e, -1, "%d minutes worked, max %d", total[e], st.MaxTotalMinutes)
		}
	}
	for e, st := range in.Staff {
		if total[e] < st.MinTotalMinutes {
			c.add(H5MinTotalMinutes, e, -1, "%d minutes worked, min %d", total[e], st.MinTotalMinutes)
		}
	}
}

// run is a maximal run of consecutive worked days or of consecutive days
// off: days start .. start+length-1.
type run struct{ start, length int }

// blocks returns the maximal runs of days on which staff e's worked status
// equals work.
func (c *checker) blocks(e int, work bool) []run {
	var out []run
	h := c.inst.Horizon
	for d := 0; d < h; {
		if c.worked(e, d) != work {
			d++
			continue
		}
		start := d
		for d < h && c.worked(e, d) == work {
			d++
		}
		out = append(out, run{start, d - start})
	}
	return out
}

// touchesEdge reports whether b contains day 0 or day H-1.
func (c *checker) touchesEdge(b run) bool {
	return b.start == 0 || b.start+b.length == c.inst.Horizon
}

// consecutive checks H6, H7 and H8, one violation per offending maximal
// block. H6 measures a block touching an edge by its length inside the
// horizon (the days outside count as off). H7 and H8 exempt blocks that
// touch an edge (the benchmark assumes unlimited work, resp. rest, outside).
func (c *checker) consecutive() {
	in := c.inst
	for e, st := range in.Staff {
		for _, b := range c.blocks(e, true) {
			if b.length > st.MaxConsecutiveShifts {
				c.add(H6MaxConsecutiveShifts, e, b.start, "works %d consecutive days (days %d..%d), max %d",
					b.length, b.start, b.start+b.length-1, st.MaxConsecutiveShifts)
			}
		}
	}
	for e, st := range in.Staff {
		for _, b := range c.blocks(e, true) {
			if b.length < st.MinConsecutiveShifts && !c.touchesEdge(b) {
				c.add(H7MinConsecutiveShifts, e, b.start, "works only %d consecutive days (days %d..%d), min %d",
					b.length, b.start, b.start+b.length-1, st.MinConsecutiveShifts)
			}
		}
	}
	for e, st := range in.Staff {
		for _, b := range c.blocks(e, false) {
			if b.length < st.MinConsecutiveDaysOff && !c.touchesEdge(b) {
				c.add(H8MinConsecutiveDaysOff, e, b.start, "only %d consecutive days off (days %d..%d), min %d",
					b.length, b.start, b.start+b.length-1, st.MinConsecutiveDaysOff)
			}
		}
	}
}

// weekends checks H9: one violation per staff member working more weekends
// than allowed. A weekend counts once whether Saturday, Sunday or both are
// worked.
func (c *checker) weekends() {
	in := c.inst
	for e, st := range in.Staff {
		worked := make(map[int]bool)
		for d := 0; d < in.Horizon; d++ {
			if w := Weekend(d); w >= 0 && c.worked(e, d) {
				worked[w] = true
			}
		}
		if len(worked) > st.MaxWeekends {
			c.add(H9MaxWeekends, e, -1, "works %d weekends, max %d", len(worked), st.MaxWeekends)
		}
	}
}

// daysOff checks H10: one violation per (staff, day) worked on a day off.
func (c *checker) daysOff() {
	in := c.inst
	for e, st := range in.Staff {
		for d := 0; d < in.Horizon; d++ {
			if st.DayOff[d] && c.worked(e, d) {
				c.add(H10DayOff, e, d, "works %s on day %d, a fixed day off", c.shiftIDs(c.r.Shifts[e][d]), d)
			}
		}
	}
}

// shiftIDs joins the IDs of shift type indices with "+".
func (c *checker) shiftIDs(shifts []int) string {
	ids := make([]string, len(shifts))
	for i, s := range shifts {
		ids[i] = c.inst.Shifts[s].ID
	}
	return strings.Join(ids, "+")
}

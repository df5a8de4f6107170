package scheduler_test

// Black-box tests of eligibility and of the hard rules of a rota
// (rota-model.md "Who may take a shift" and "Hard rules of a rota"), with the
// product decisions on how violations are reported: overlap and rest on the
// later-starting shift of the pair (ties: larger key), detail naming the other;
// headcount once per over-full shift with doctor ""; max_shifts once per doctor
// on the first shift beyond the cap (by start); max_weekends once per doctor on
// the earliest shift of the first weekend beyond the cap; pin once per missing
// pinned (shift, doctor); eligibility once per assignment; unknown_shift /
// unknown_doctor / repeated_assignment once per such assignment.
//
// 4 Jan 2027 is a Monday.

import (
	"errors"
	"strings"
	"testing"

	"garde/scheduler"
)

func TestSpecEligibilitySpecialtySitesShare(t *testing.T) {
	// l1 hosted by e1, pooled with e2; l2 hosted by e3, no pool.
	lines := []obj{
		line("l1", []obj{tmpl("jour", "08:30", "18:30")}, "pool", []string{"e2"}),
		line("l2", []obj{tmpl("jour", "08:30", "18:30")}, "establishment", "e3"),
	}
	t.Run("sites", func(t *testing.T) {
		o := territory(lines, []obj{
			doc("dA"),                        // own establishment e1 = l1's host
			doc("dB", "establishment", "e2"), // own establishment in l1's pool
			doc("dC", "establishment", nil, "sites", []string{"e2"}),  // no establishment, site in l1's pool
			doc("dD", "establishment", "e3", "sites", []string{"e1"}), // site = l1's host; own = l2's host
		})
		pb := problem(t, o, "2027-01-04", "2027-01-05")
		wantEligible(t, pb, "l1/jour/2027-01-04T08:30", "dA", "dB", "dC", "dD")
		wantEligible(t, pb, "l2/jour/2027-01-04T08:30", "dD")
	})
	t.Run("specialty and share", func(t *testing.T) {
		o := territory(lines[:1], []obj{
			doc("d1"),
			doc("d2", "specialties", []string{"surgery"}), // condition 1
			doc("d3", "share", 0),                         // condition 3: exempt
			doc("d4", "share", 0.25, "specialties", []string{"surgery", "anesthesia"}),
		})
		pb := problem(t, o, "2027-01-04", "2027-01-05")
		wantEligible(t, pb, "l1/jour/2027-01-04T08:30", "d1", "d4")
		// An ineligible assignment is one eligibility violation per assignment.
		ev := evaluate(t, pb, rota(t, "2027-01-04", "2027-01-05",
			"l1/jour/2027-01-04T08:30", "d2", "l1/jour/2027-01-04T08:30", "d3"))
		wantViolations(t, ev,
			vkey("eligibility", "l1/jour/2027-01-04T08:30", "d2"),
			vkey("eligibility", "l1/jour/2027-01-04T08:30", "d3"),
			vkey("headcount", "l1/jour/2027-01-04T08:30", ""))
	})
}

func TestSpecEligibilityUnavailableRange(t *testing.T) {
	o := territory([]obj{line("l1", []obj{tmpl("jour", "08:30", "18:30"), tmpl("nuit", "18:30", "08:30")})},
		[]obj{doc("d1", "unavailable", []obj{{"from": "2027-01-10", "to": "2027-01-12"}}), doc("d2")})
	// d1 unavailable [10 Jan 00:00, 13 Jan 00:00).
	pb := problem(t, o, "2027-01-08", "2027-01-15")
	for key, d1 := range map[string]bool{
		"l1/nuit/2027-01-08T18:30": true,  // ends 9 Jan 08:30
		"l1/nuit/2027-01-09T18:30": false, // runs into 10 Jan 00:00-08:30
		"l1/nuit/2027-01-10T18:30": false,
		"l1/nuit/2027-01-12T18:30": false, // 12 Jan 18:30-24:00 is in the range
		"l1/nuit/2027-01-13T18:30": true,
		"l1/jour/2027-01-09T08:30": true,
		"l1/jour/2027-01-10T08:30": false,
		"l1/jour/2027-01-12T08:30": false,
		"l1/jour/2027-01-13T08:30": true,
	} {
		if d1 {
			wantEligible(t, pb, key, "d1", "d2")
		} else {
			wantEligible(t, pb, key, "d2")
		}
	}
}

func TestSpecEligibilityRecurringWindowFromDayBefore(t *testing.T) {
	// Sunday 20:00 to Monday 10:00 every week.
	o := territory([]obj{line("l1", []obj{tmpl("jour", "08:30", "18:30"), tmpl("nuit", "18:30", "08:30")})},
		[]obj{doc("d1", "unavailable", []obj{{"rrule": "FREQ=WEEKLY;BYDAY=SU", "start": "20:00", "end": "10:00"}}), doc("d2")})
	pb := problem(t, o, "2027-01-01", "2027-01-12")
	for key, d1 := range map[string]bool{
		"l1/jour/2027-01-03T08:30": true,  // Sunday day shift ends before 20:00
		"l1/nuit/2027-01-02T18:30": true,  // Saturday night ends Sunday 08:30
		"l1/nuit/2027-01-03T18:30": false, // Sunday night overlaps from 20:00
		"l1/jour/2027-01-04T08:30": false, // Monday 08:30-10:00 is in Sunday's window
		"l1/nuit/2027-01-04T18:30": true,
		"l1/jour/2027-01-05T08:30": true,
		"l1/jour/2027-01-11T08:30": false, // next Monday too
	} {
		if d1 {
			wantEligible(t, pb, key, "d1", "d2")
		} else {
			wantEligible(t, pb, key, "d2")
		}
	}
	// The same Monday when the period starts that Monday: the window began the
	// evening before the period, and still makes d1 unavailable on Monday morning.
	// (A rule without dtstart is "anchored at the period start", but this rule's
	// dates do not depend on where it starts, so Sunday 3 Jan is an occurrence.)
	pb = problem(t, o, "2027-01-04", "2027-01-06")
	wantEligible(t, pb, "l1/jour/2027-01-04T08:30", "d2")
	wantEligible(t, pb, "l1/jour/2027-01-05T08:30", "d1", "d2")
}

func TestSpecEligibilityRangeAndRecurringWindow(t *testing.T) {
	// Occurrences of 08:00-20:00 daily count only when they start within 4..10 Jan.
	o := territory([]obj{line("l1", []obj{tmpl("jour", "08:30", "18:30"), tmpl("nuit", "18:30", "08:30")})},
		[]obj{doc("d1", "unavailable", []obj{{"from": "2027-01-04", "to": "2027-01-10",
			"rrule": "FREQ=DAILY", "start": "08:00", "end": "20:00"}}), doc("d2")})
	pb := problem(t, o, "2027-01-01", "2027-01-15")
	for key, d1 := range map[string]bool{
		"l1/jour/2027-01-03T08:30": true,  // 3 Jan occurrence is outside the range
		"l1/jour/2027-01-04T08:30": false, // 4 Jan 08:00-20:00
		"l1/jour/2027-01-10T08:30": false, // 10 Jan 08:00-20:00
		"l1/jour/2027-01-11T08:30": true,  // 11 Jan occurrence is outside the range
		"l1/nuit/2027-01-02T18:30": true,  // ends 3 Jan 08:30: 3 Jan occurrence does not count
		"l1/nuit/2027-01-03T18:30": false, // ends 4 Jan 08:30: overlaps 4 Jan 08:00-08:30
		"l1/nuit/2027-01-07T18:30": false, // 18:30-20:00 of 7 Jan
		"l1/nuit/2027-01-10T18:30": false, // 18:30-20:00 of 10 Jan
		"l1/nuit/2027-01-11T18:30": true,  // 11/12 Jan occurrences do not count
	} {
		if d1 {
			wantEligible(t, pb, key, "d1", "d2")
		} else {
			wantEligible(t, pb, key, "d2")
		}
	}
	// Outside the range, between 20:00 and 08:00 the doctor is free anyway.
	wantEligible(t, pb, "l1/nuit/2027-01-01T18:30", "d1", "d2")
}

func TestSpecRuleHeadcount(t *testing.T) {
	o := territory([]obj{line("l1", []obj{tmpl("jour", "08:30", "18:30")}, "mode", "on_call",
		"overrides", []obj{{"date": "2027-01-05", "headcount": 2}})},
		[]obj{doc("d1"), doc("d2"), doc("d3")})
	pb := problem(t, o, "2027-01-04", "2027-01-06")
	// 4 Jan: 3 doctors for 1 seat -> one headcount violation (not two), doctor "".
	// 5 Jan: 2 doctors for 2 seats, d1 repeated (ignored) -> fine.
	ev := evaluate(t, pb, rota(t, "2027-01-04", "2027-01-06",
		"l1/jour/2027-01-04T08:30", "d1", "l1/jour/2027-01-04T08:30", "d2", "l1/jour/2027-01-04T08:30", "d3",
		"l1/jour/2027-01-05T08:30", "d1", "l1/jour/2027-01-05T08:30", "d2", "l1/jour/2027-01-05T08:30", "d1"))
	wantViolations(t, ev,
		vkey("headcount", "l1/jour/2027-01-04T08:30", ""),
		vkey("repeated_assignment", "l1/jour/2027-01-05T08:30", "d1"))
	// U = max(0, 1-3) + max(0, 2-2) = 0.
	if ev.U != 0 {
		t.Errorf("U = %d, want 0", ev.U)
	}
}

func TestSpecRuleUnknownAndRepeated(t *testing.T) {
	o := territory([]obj{line("l1", []obj{tmpl("jour", "08:30", "18:30")}, "mode", "on_call")},
		[]obj{doc("d1"), doc("d2")})
	pb := problem(t, o, "2027-01-04", "2027-01-06")
	ev := evaluate(t, pb, rota(t, "2027-01-04", "2027-01-06",
		"l1/jour/2027-01-04T08:30", "d1",
		"l1/jour/2027-01-04T08:30", "d1", // repeated
		"l1/jour/2027-01-04T08:30", "d1", // repeated again
		"l1/jour/2027-01-04T09:00", "d2", // wrong time
		"l1/jour/2027-02-01T08:30", "d2", // outside the period
		"nope/jour/2027-01-05T08:30", "d2", // no such line
		"l1/jour/2027-01-05T08:30", "ghost", // no such doctor
	))
	wantViolations(t, ev,
		vkey("repeated_assignment", "l1/jour/2027-01-04T08:30", "d1"),
		vkey("repeated_assignment", "l1/jour/2027-01-04T08:30", "d1"),
		vkey("unknown_shift", "l1/jour/2027-01-04T09:00", "d2"),
		vkey("unknown_shift", "l1/jour/2027-02-01T08:30", "d2"),
		vkey("unknown_shift", "nope/jour/2027-01-05T08:30", "d2"),
		vkey("unknown_doctor", "l1/jour/2027-01-05T08:30", "ghost"))
	// The ignored assignments fill nothing: 5 Jan stays empty, U = 1.
	// S: d1 holds one shift (the repeats are ignored), so no pair: S = 0.
	if ev.U != 1 || ev.S != 0 {
		t.Errorf("U = %d, S = %d; want 1, 0", ev.U, ev.S)
	}
}

func TestSpecRuleOverlap(t *testing.T) {
	// on_call lines only, so that no rest applies.
	o := territory([]obj{
		line("l1", []obj{tmpl("nuit", "18:30", "08:30")}, "mode", "on_call"),
		line("l2", []obj{tmpl("matin", "08:00", "12:00")}, "mode", "on_call"),
		line("l3", []obj{tmpl("soir", "18:30", "23:00"), tmpl("jour", "08:30", "18:30")}, "mode", "on_call", "headcount", 2),
	}, []obj{doc("d1"), doc("d2"), doc("d3"), doc("d4")})
	pb := problem(t, o, "2027-01-04", "2027-01-06")
	ev := evaluate(t, pb, rota(t, "2027-01-04", "2027-01-06",
		// d1: night 4 Jan 18:30 - 5 Jan 08:30 and 5 Jan 08:00-12:00: overlap, reported
		// on the later start (l2/matin), detail naming the night.
		"l2/matin/2027-01-05T08:00", "d1", "l1/nuit/2027-01-04T18:30", "d1",
		// d2: both start 5 Jan 18:30: tie, reported on the larger key (l3/... > l1/...).
		"l1/nuit/2027-01-05T18:30", "d2", "l3/soir/2027-01-05T18:30", "d2",
		// d3: two day shifts on different days: disjoint.
		"l3/jour/2027-01-05T08:30", "d3", "l3/jour/2027-01-04T08:30", "d3",
		// d4: day 4 Jan ends 18:30 when the evening starts: touching, no overlap.
		"l3/soir/2027-01-04T18:30", "d4", "l3/jour/2027-01-04T08:30", "d4",
	))
	wantViolations(t, ev,
		vkey("overlap", "l2/matin/2027-01-05T08:00", "d1"),
		vkey("overlap", "l3/soir/2027-01-05T18:30", "d2"))
	wantDetailNames(t, ev, "overlap", "l2/matin/2027-01-05T08:00", "d1", "l1/nuit/2027-01-04T18:30")
	wantDetailNames(t, ev, "overlap", "l3/soir/2027-01-05T18:30", "d2", "l1/nuit/2027-01-05T18:30")

	// Three shifts of one doctor, two overlapping pairs: one violation per pair.
	// d4: l1 night 4 Jan [18:30, 08:30), l3 evening 4 Jan [18:30, 23:00), l2 morning
	// 5 Jan [08:00, 12:00). Pairs: (night, evening) same start -> on l3/soir (larger
	// key); (night, morning) -> on l2/matin; (evening, morning) disjoint.
	ev = evaluate(t, pb, rota(t, "2027-01-04", "2027-01-06",
		"l2/matin/2027-01-05T08:00", "d4", "l3/soir/2027-01-04T18:30", "d4", "l1/nuit/2027-01-04T18:30", "d4"))
	wantViolations(t, ev,
		vkey("overlap", "l3/soir/2027-01-04T18:30", "d4"),
		vkey("overlap", "l2/matin/2027-01-05T08:00", "d4"))
	wantDetailNames(t, ev, "overlap", "l3/soir/2027-01-04T18:30", "d4", "l1/nuit/2027-01-04T18:30")
	wantDetailNames(t, ev, "overlap", "l2/matin/2027-01-05T08:00", "d4", "l1/nuit/2027-01-04T18:30")

	// Touching shifts do not overlap: night 4 Jan ends 08:30 when the 5 Jan day starts.
	ev = evaluate(t, pb, rota(t, "2027-01-04", "2027-01-06",
		"l1/nuit/2027-01-04T18:30", "d3", "l3/jour/2027-01-05T08:30", "d3"))
	wantViolations(t, ev)
}

func TestSpecRuleRest(t *testing.T) {
	o := territory([]obj{
		line("l1", []obj{tmpl("nuit", "18:30", "08:30")}),
		line("l2", []obj{tmpl("a", "12:00", "16:00"), tmpl("b", "19:30", "23:00"), tmpl("c", "19:29", "23:00")}),
		line("l5", []obj{tmpl("n", "18:30", "08:30")}, "mode", "on_call"),
	}, []obj{doc("d1"), doc("d2"), doc("d3"), doc("d4")})
	pb := problem(t, o, "2027-01-04", "2027-01-07")
	// on_site night 4 Jan ends 5 Jan 08:30; default rest 11 h -> nothing before 19:30.
	ev := evaluate(t, pb, rota(t, "2027-01-04", "2027-01-07",
		"l1/nuit/2027-01-04T18:30", "d1", "l2/a/2027-01-05T12:00", "d1", // 3.5 h later: rest
		"l1/nuit/2027-01-05T18:30", "d2", "l2/b/2027-01-06T19:30", "d2", // exactly 11 h: fine
		"l1/nuit/2027-01-06T18:30", "d3", "l2/c/2027-01-04T19:29", "d3", // far apart
	))
	// d3: c on 4 Jan ends 23:00 (on_site) and the night of 6 Jan is far: no violation.
	wantViolations(t, ev, vkey("rest", "l2/a/2027-01-05T12:00", "d1"))
	wantDetailNames(t, ev, "rest", "l2/a/2027-01-05T12:00", "d1", "l1/nuit/2027-01-04T18:30")

	// 10 h 59 min after the night: rest.
	ev = evaluate(t, pb, rota(t, "2027-01-04", "2027-01-07",
		"l2/c/2027-01-05T19:29", "d3", "l1/nuit/2027-01-04T18:30", "d3"))
	wantViolations(t, ev, vkey("rest", "l2/c/2027-01-05T19:29", "d3"))
	wantDetailNames(t, ev, "rest", "l2/c/2027-01-05T19:29", "d3", "l1/nuit/2027-01-04T18:30")

	// After on_call, no rest: l5 night 4 Jan ends 08:30, l2/a at 12:00 is fine. But
	// l2/a (on_site) ends 5 Jan 16:00 and the on_call night of 5 Jan starts 18:30,
	// 2.5 h later: rest after the on_site shift applies to any next shift.
	ev = evaluate(t, pb, rota(t, "2027-01-04", "2027-01-07",
		"l5/n/2027-01-04T18:30", "d4", "l2/a/2027-01-05T12:00", "d4", "l5/n/2027-01-05T18:30", "d4"))
	wantViolations(t, ev, vkey("rest", "l5/n/2027-01-05T18:30", "d4"))
	wantDetailNames(t, ev, "rest", "l5/n/2027-01-05T18:30", "d4", "l2/a/2027-01-05T12:00")

	// A shift that starts exactly when the on-site night ends touches it: no overlap,
	// but 0 h of rest.
	o2 := territory([]obj{line("l1", []obj{tmpl("nuit", "18:30", "08:30"), tmpl("jour", "08:30", "18:30")})},
		[]obj{doc("d1"), doc("d2")})
	pb2 := problem(t, o2, "2027-01-04", "2027-01-07")
	ev = evaluate(t, pb2, rota(t, "2027-01-04", "2027-01-07",
		"l1/jour/2027-01-05T08:30", "d1", "l1/nuit/2027-01-04T18:30", "d1"))
	wantViolations(t, ev, vkey("rest", "l1/jour/2027-01-05T08:30", "d1"))

	// rules.min_rest_hours 3: 3.5 h after the night is now fine.
	o["rules"] = obj{"min_rest_hours": 3}
	pb = problem(t, o, "2027-01-04", "2027-01-07")
	ev = evaluate(t, pb, rota(t, "2027-01-04", "2027-01-07",
		"l1/nuit/2027-01-04T18:30", "d1", "l2/a/2027-01-05T12:00", "d1"))
	wantViolations(t, ev)
}

func TestSpecRuleRestAcrossDST(t *testing.T) {
	o := territory([]obj{
		line("l1", []obj{tmpl("nuit", "18:30", "08:30")}),
		line("l2", []obj{tmpl("s", "18:30", "22:00"), tmpl("t", "12:00", "22:00")}),
		line("l3", []obj{tmpl("u", "09:30", "12:00"), tmpl("v", "10:00", "12:00"),
			tmpl("w", "08:00", "10:00"), tmpl("w2", "07:30", "10:00")}),
	}, []obj{doc("d1"), doc("d2"), doc("d3")})

	spring := problem(t, o, "2027-03-27", "2027-03-29")
	ev := evaluate(t, spring, rota(t, "2027-03-27", "2027-03-29",
		// 13 h night: 27 Mar 18:30 CET - 28 Mar 08:30 CEST (06:30Z); 18:30 CEST = 16:30Z
		// is 10 h later: rest.
		"l1/nuit/2027-03-27T18:30", "d1", "l2/s/2027-03-28T18:30", "d1",
		// t ends 27 Mar 22:00 CET = 21:00Z; u starts 28 Mar 09:30 CEST = 07:30Z:
		// 10.5 real hours (11.5 on the wall clock): rest.
		"l2/t/2027-03-27T12:00", "d2", "l3/u/2027-03-28T09:30", "d2",
		// v starts 10:00 CEST = 08:00Z: exactly 11 real hours: fine.
		"l2/t/2027-03-27T12:00", "d3", "l3/v/2027-03-28T10:00", "d3",
	))
	wantViolations(t, ev,
		vkey("rest", "l2/s/2027-03-28T18:30", "d1"),
		vkey("rest", "l3/u/2027-03-28T09:30", "d2"),
		vkey("headcount", "l2/t/2027-03-27T12:00", "")) // d2 and d3 share t (headcount 1)
	wantDetailNames(t, ev, "rest", "l3/u/2027-03-28T09:30", "d2", "l2/t/2027-03-27T12:00")

	autumn := problem(t, o, "2027-10-30", "2027-11-01")
	ev = evaluate(t, autumn, rota(t, "2027-10-30", "2027-11-01",
		// 15 h night: 30 Oct 18:30 CEST - 31 Oct 08:30 CET (07:30Z); 18:30 CET = 17:30Z:
		// 10 h later: rest.
		"l1/nuit/2027-10-30T18:30", "d1", "l2/s/2027-10-31T18:30", "d1",
		// t ends 30 Oct 22:00 CEST = 20:00Z; w2 starts 31 Oct 07:30 CET = 06:30Z: 10.5 h: rest.
		"l2/t/2027-10-30T12:00", "d2", "l3/w2/2027-10-31T07:30", "d2",
		// w starts 08:00 CET = 07:00Z: 11 real hours (10 on the wall clock): fine.
		"l2/t/2027-10-30T12:00", "d3", "l3/w/2027-10-31T08:00", "d3",
	))
	wantViolations(t, ev,
		vkey("rest", "l2/s/2027-10-31T18:30", "d1"),
		vkey("rest", "l3/w2/2027-10-31T07:30", "d2"),
		vkey("headcount", "l2/t/2027-10-30T12:00", ""))
}

func TestSpecRuleMaxShifts(t *testing.T) {
	o := territory([]obj{line("l1", []obj{tmpl("jour", "08:30", "18:30")}, "mode", "on_call", "headcount", 3)},
		[]obj{doc("d1", "max_shifts", 2), doc("d2"), doc("d3", "max_shifts", 5)},
		"rules", obj{"max_shifts": 3})
	pb := problem(t, o, "2027-01-04", "2027-01-11")
	k := func(d string) string { return "l1/jour/2027-01-" + d + "T08:30" }
	ev := evaluate(t, pb, rota(t, "2027-01-04", "2027-01-11",
		// d1: cap 2 (own), 3 shifts given out of order; by start: 4, 6, 8 -> 8 Jan is the first beyond.
		k("08"), "d1", k("04"), "d1", k("06"), "d1",
		// d2: cap 3 (rules), 5 shifts: one violation, on the 4th by start (7 Jan).
		k("08"), "d2", k("07"), "d2", k("06"), "d2", k("05"), "d2", k("04"), "d2",
		// d3: own cap 5 beats rules 3: 4 shifts are fine.
		k("04"), "d3", k("05"), "d3", k("06"), "d3", k("07"), "d3",
	))
	wantViolations(t, ev,
		vkey("max_shifts", k("08"), "d1"),
		vkey("max_shifts", k("07"), "d2"))
}

func TestSpecRuleMaxWeekends(t *testing.T) {
	o := territory([]obj{
		line("l1", []obj{tmpl("jour", "08:30", "18:30")}, "mode", "on_call", "headcount", 3),
		line("l2", []obj{tmpl("nuit", "18:30", "08:30")}, "mode", "on_call", "headcount", 3),
	}, []obj{doc("d1"), doc("d2"), doc("d3")}, "rules", obj{"max_weekends": 1})
	pb := problem(t, o, "2027-05-01", "2027-06-01")
	j := func(d string) string { return "l1/jour/2027-05-" + d + "T08:30" }
	n := func(d string) string { return "l2/nuit/2027-05-" + d + "T18:30" }
	ev := evaluate(t, pb, rota(t, "2027-05-01", "2027-06-01",
		// d1: Sat 1 May (holiday) + Sun 2 May = one weekend; Thu 6 May (Ascension) and
		// Mon 17 May (Whit Monday) are holidays but not calendar weekends; Friday 14 May
		// night starts on a Friday. One weekend: fine.
		j("01"), "d1", j("02"), "d1", j("06"), "d1", j("17"), "d1", n("14"), "d1",
		// d2: weekends 8-9 May, 22-23 May, 29-30 May (3 > 1). The first beyond the cap is
		// 22-23 May; its earliest shift is the night of Sat 22 May 18:30 (before the
		// Sunday 23 May day shift). Listed in reverse order.
		j("30"), "d2", j("23"), "d2", n("22"), "d2", j("09"), "d2",
		// d3: Sat 29 + Sun 30 May = one weekend.
		j("29"), "d3", n("30"), "d3",
	))
	wantViolations(t, ev, vkey("max_weekends", n("22"), "d2"))
}

func TestSpecRuleMaxWeekendsAtPeriodStart(t *testing.T) {
	// August 2027 starts on a Sunday: its weekend is Sat 31 Jul + Sun 1 Aug. A shift
	// on Sun 1 Aug is one weekend of August's rota; with Sat 7 Aug that makes 2 > 1.
	o := territory([]obj{line("l1", []obj{tmpl("jour", "08:30", "18:30")}, "mode", "on_call")},
		[]obj{doc("d1"), doc("d2")}, "rules", obj{"max_weekends": 1})
	pb := problem(t, o, "2027-08-01", "2027-09-01")
	ev := evaluate(t, pb, rota(t, "2027-08-01", "2027-09-01",
		"l1/jour/2027-08-07T08:30", "d1", "l1/jour/2027-08-01T08:30", "d1",
		// d2: Sat 14 + Sun 15 Aug (a holiday too): one weekend.
		"l1/jour/2027-08-14T08:30", "d2", "l1/jour/2027-08-15T08:30", "d2"))
	wantViolations(t, ev, vkey("max_weekends", "l1/jour/2027-08-07T08:30", "d1"))
}

func TestSpecRulePins(t *testing.T) {
	o := territory([]obj{line("l1", []obj{tmpl("jour", "08:30", "18:30")}, "mode", "on_call")},
		[]obj{doc("d1"), doc("d2")},
		"pins", []obj{
			{"shift": "l1/jour/2027-01-05T08:30", "doctor": "d1"},
			{"shift": "l1/jour/2027-02-10T08:30", "doctor": "d2"}, // outside January: ignored there
		})
	pb := problem(t, o, "2027-01-04", "2027-01-08")
	// Missing pin: one violation.
	ev := evaluate(t, pb, rota(t, "2027-01-04", "2027-01-08", "l1/jour/2027-01-04T08:30", "d1"))
	wantViolations(t, ev, vkey("pin", "l1/jour/2027-01-05T08:30", "d1"))
	// Someone else on the pinned shift: still the pin violation only.
	ev = evaluate(t, pb, rota(t, "2027-01-04", "2027-01-08", "l1/jour/2027-01-05T08:30", "d2"))
	wantViolations(t, ev, vkey("pin", "l1/jour/2027-01-05T08:30", "d1"))
	// Held: no violation.
	ev = evaluate(t, pb, rota(t, "2027-01-04", "2027-01-08", "l1/jour/2027-01-05T08:30", "d1"))
	wantViolations(t, ev)
	// In February the second pin counts, the first is ignored.
	feb := problem(t, o, "2027-02-01", "2027-03-01")
	ev = evaluate(t, feb, rota(t, "2027-02-01", "2027-03-01"))
	wantViolations(t, ev, vkey("pin", "l1/jour/2027-02-10T08:30", "d2"))
}

// pinError returns the input error a territory with bad pins gives, at parse
// time or when the problem of [from, to) is prepared.
func pinError(t *testing.T, o obj, from, to string) error {
	t.Helper()
	terr, err := scheduler.ParseTerritory(territoryBytes(t, o))
	if err != nil {
		return err
	}
	_, err = scheduler.NewProblem(terr, day(t, from), day(t, to), scheduler.ProblemOptions{})
	return err
}

func TestSpecRulePinErrors(t *testing.T) {
	lines := func() []obj {
		return []obj{
			line("l1", []obj{tmpl("nuit", "18:30", "08:30")}, "mode", "on_call"),
			line("l2", []obj{tmpl("matin", "08:00", "12:00")}, "mode", "on_call"),
			line("l3", []obj{tmpl("garde", "18:30", "08:30"), tmpl("jour", "08:30", "18:30")}),
		}
	}
	doctors := func() []obj {
		return []obj{doc("d1", "max_shifts", 1), doc("d2"), doc("d3", "specialties", []string{"surgery"})}
	}
	cases := []struct {
		name        string
		pins        []obj
		from, to    string // the period of the problem
		rule, shift string // what the error must name ("|" separates alternatives)
	}{
		// A pin on a shift that does not exist: the error locates it ($.pins[0]) or names it.
		{"unknown shift", []obj{{"shift": "l1/nuit/2027-01-04T19:00", "doctor": "d2"}}, "2027-01-04", "2027-01-08",
			"", "l1/nuit/2027-01-04T19:00|pins[0]"},
		{"unknown doctor", []obj{{"shift": "l1/nuit/2027-01-04T18:30", "doctor": "ghost"}}, "2027-01-04", "2027-01-08",
			"", "ghost|l1/nuit/2027-01-04T18:30|pins[0]"},
		// Pins that on their own break a hard rule: the error names the rule and the shift.
		{"overlap", []obj{{"shift": "l1/nuit/2027-01-04T18:30", "doctor": "d2"}, {"shift": "l2/matin/2027-01-05T08:00", "doctor": "d2"}},
			"2027-01-04", "2027-01-08", "overlap", "l2/matin/2027-01-05T08:00"},
		{"rest", []obj{{"shift": "l3/garde/2027-01-04T18:30", "doctor": "d2"}, {"shift": "l3/jour/2027-01-05T08:30", "doctor": "d2"}},
			"2027-01-04", "2027-01-08", "rest", "l3/jour/2027-01-05T08:30"},
		{"eligibility", []obj{{"shift": "l1/nuit/2027-01-04T18:30", "doctor": "d3"}}, "2027-01-04", "2027-01-08",
			"eligibility", "l1/nuit/2027-01-04T18:30"},
		{"headcount", []obj{{"shift": "l1/nuit/2027-01-04T18:30", "doctor": "d1"}, {"shift": "l1/nuit/2027-01-04T18:30", "doctor": "d2"}},
			"2027-01-04", "2027-01-08", "headcount", "l1/nuit/2027-01-04T18:30"},
		{"max_shifts", []obj{{"shift": "l1/nuit/2027-01-04T18:30", "doctor": "d1"}, {"shift": "l1/nuit/2027-01-06T18:30", "doctor": "d1"}},
			"2027-01-04", "2027-01-08", "max_shifts", "l1/nuit/2027-01-06T18:30"},
		// A period that is not a calendar month: pins of 31 Jan and 1 Feb are in the
		// same period [15 Jan, 15 Feb). On-site night of 31 Jan ends 1 Feb 08:30 and
		// the day shift starts then: rest.
		{"rest across a month boundary", []obj{{"shift": "l3/garde/2027-01-31T18:30", "doctor": "d2"}, {"shift": "l3/jour/2027-02-01T08:30", "doctor": "d2"}},
			"2027-01-15", "2027-02-15", "rest", "l3/jour/2027-02-01T08:30"},
		// d1 (cap 1) pinned on 20 Jan and 5 Feb: two shifts in [15 Jan, 15 Feb).
		{"max_shifts across a month boundary", []obj{{"shift": "l1/nuit/2027-01-20T18:30", "doctor": "d1"}, {"shift": "l1/nuit/2027-02-05T18:30", "doctor": "d1"}},
			"2027-01-15", "2027-02-15", "max_shifts", "l1/nuit/2027-02-05T18:30"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := territory(lines(), doctors(), "pins", c.pins)
			err := pinError(t, o, c.from, c.to)
			if err == nil {
				t.Fatalf("pins %v over [%s, %s): accepted, want an input error", c.pins, c.from, c.to)
			}
			msg := err.Error()
			if c.rule != "" && !strings.Contains(msg, c.rule) {
				t.Errorf("error %q does not name the rule %s", msg, c.rule)
			}
			named := false
			for _, alt := range strings.Split(c.shift, "|") {
				named = named || strings.Contains(msg, alt)
			}
			if !named {
				t.Errorf("error %q does not name %s", msg, c.shift)
			}
			var pce *scheduler.PinConflictError
			if c.rule != "" && errors.As(err, &pce) {
				found := false
				for _, v := range pce.Violations {
					if v.Rule == c.rule && v.Shift == c.shift {
						found = true
					}
				}
				if !found {
					t.Errorf("PinConflictError %+v lacks %s on %s", pce.Violations, c.rule, c.shift)
				}
			}
		})
	}
	// The same conflicting pins dated in February do not stop January's problem
	// (pins outside the period are ignored), but stop February's.
	o := territory(lines(), doctors(), "pins", []obj{
		{"shift": "l1/nuit/2027-02-04T18:30", "doctor": "d2"}, {"shift": "l2/matin/2027-02-05T08:00", "doctor": "d2"}})
	terr, err := scheduler.ParseTerritory(territoryBytes(t, o))
	if err != nil {
		t.Logf("conflicting February pins rejected at parse time: %v", err)
		return
	}
	if _, err := scheduler.NewProblem(terr, day(t, "2027-01-01"), day(t, "2027-02-01"), scheduler.ProblemOptions{}); err != nil {
		t.Errorf("January problem with conflicting February pins: %v (pins outside the period are ignored)", err)
	}
	if _, err := scheduler.NewProblem(terr, day(t, "2027-02-01"), day(t, "2027-03-01"), scheduler.ProblemOptions{}); err == nil {
		t.Errorf("February problem with conflicting February pins: accepted")
	}
}

func TestSpecRuleHistory(t *testing.T) {
	o := territory([]obj{
		line("l1", []obj{tmpl("nuit", "18:30", "08:30")}),                                                     // on_site
		line("l2", []obj{tmpl("midi", "12:00", "16:00")}),                                                     // on_site
		line("l3", []obj{tmpl("matin", "08:00", "12:00"), tmpl("astr", "18:30", "08:30")}, "mode", "on_call"), // on_call
	}, []obj{doc("d1"), doc("d2"), doc("d3")})
	history := rota(t, "2026-12-01", "2027-01-01",
		"l1/nuit/2026-12-31T18:30", "d1", // on_site, ends 1 Jan 08:30
		"l3/astr/2026-12-31T18:30", "d2", // on_call, ends 1 Jan 08:30
		"l2/midi/2026-12-30T12:00", "d3", // far before anything
	)
	jan := rota(t, "2027-01-01", "2027-01-04",
		"l2/midi/2027-01-01T12:00", "d1", // 3.5 h after d1's history night: rest
		"l3/matin/2027-01-01T08:00", "d2", // overlaps d2's history astreinte (08:00 < 08:30)
		"l1/nuit/2027-01-01T18:30", "d3",
	)
	plain := problem(t, o, "2027-01-01", "2027-01-04")
	evPlain := evaluate(t, plain, jan)
	// Without history nothing crosses the boundary.
	wantViolations(t, evPlain)

	withHist := problemWith(t, o, "2027-01-01", "2027-01-04", scheduler.ProblemOptions{History: history})
	ev := evaluate(t, withHist, jan)
	wantViolations(t, ev,
		vkey("rest", "l2/midi/2027-01-01T12:00", "d1"),
		vkey("overlap", "l3/matin/2027-01-01T08:00", "d2"))
	wantDetailNames(t, ev, "rest", "l2/midi/2027-01-01T12:00", "d1", "l1/nuit/2026-12-31T18:30")
	wantDetailNames(t, ev, "overlap", "l3/matin/2027-01-01T08:00", "d2", "l3/astr/2026-12-31T18:30")
	// History counts for nothing else: the score is the same.
	wantScore(t, ev.Score, evPlain.Score)

	// A history assignment whose shift or doctor does not exist is an input error.
	for name, bad := range map[string]*scheduler.Rota{
		"unknown shift":  rota(t, "2026-12-01", "2027-01-01", "l1/nuit/2026-12-31T19:00", "d1"),
		"unknown line":   rota(t, "2026-12-01", "2027-01-01", "old/nuit/2026-12-31T18:30", "d1"),
		"unknown doctor": rota(t, "2026-12-01", "2027-01-01", "l1/nuit/2026-12-31T18:30", "ghost"),
	} {
		if _, err := scheduler.NewProblem(parse(t, o), day(t, "2027-01-01"), day(t, "2027-01-04"),
			scheduler.ProblemOptions{History: bad}); err == nil {
			t.Errorf("history with %s: accepted, want an input error", name)
		}
	}
}

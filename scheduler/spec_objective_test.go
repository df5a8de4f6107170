package scheduler_test

// Black-box tests of the objective (rota-model.md "The objective"): U, F, K, P,
// S, T, C and total, each computed by hand in the comments. Floats are
// compared with a relative tolerance of 1e-9.
//
// 4 Jan 2027 is a Monday; 9/10 Jan are Saturday/Sunday.

import (
	"testing"

	"garde/scheduler"
)

// oneDegreeKm is the haversine distance of e1 (45 N, 0 E) to e2 (46 N, 0 E): on
// one meridian it is R * dphi = 6371.0 * pi/180 = 111.19492664455873 km.
const oneDegreeKm = 111.19492664455873

func TestSpecObjectiveUncovered(t *testing.T) {
	o := territory([]obj{line("l1", []obj{tmpl("j", "08:30", "18:30")}, "mode", "on_call", "headcount", 2)},
		[]obj{doc("d1"), doc("d2"), doc("d3"), doc("d4", "specialties", []string{"surgery"})})
	pb := problem(t, o, "2027-01-04", "2027-01-09")
	j := func(d string) string { return "l1/j/2027-01-" + d + "T08:30" }
	ev := evaluate(t, pb, rota(t, "2027-01-04", "2027-01-09",
		j("04"), "d1", // 1 of 2 seats: 1 uncovered
		j("05"), "d1", j("05"), "d2", j("05"), "d3", // 3 for 2: max(0, 2-3) = 0
		j("06"), "d1", j("06"), "d1", // repeat ignored: 1 distinct, 1 uncovered
		j("07"), "d4", j("07"), "ghost", // ineligible d4 counts, ghost ignored: 1 uncovered
		// 8 Jan: empty, 2 uncovered
	))
	wantViolations(t, ev,
		vkey("headcount", j("05"), ""),
		vkey("repeated_assignment", j("06"), "d1"),
		vkey("eligibility", j("07"), "d4"),
		vkey("unknown_doctor", j("07"), "ghost"))
	// U = 1 + 0 + 1 + 1 + 2 = 5
	if ev.U != 5 {
		t.Errorf("U = %d, want 5", ev.U)
	}
	if ev.Total < 5*scheduler.UncoveredWeight {
		t.Errorf("total %v < 1e6 * U", ev.Total)
	}
}

// compositeTerritory: one on_call line, template j 08:00-18:00 daily with 1.5
// points, host e1 pooled with e2; d1 at e1 (share 1), d2 at e2 (share 0.5), d3
// with no establishment (site e1) on leave 4-5 Jan.
func compositeTerritory() obj {
	return territory(
		[]obj{line("l1", []obj{tmpl("j", "08:00", "18:00", "points", 1.5)}, "mode", "on_call", "pool", []string{"e2"})},
		[]obj{
			doc("d1"),
			doc("d2", "establishment", "e2", "share", 0.5),
			doc("d3", "establishment", nil, "sites", []string{"e1"},
				"unavailable", []obj{{"from": "2027-01-04", "to": "2027-01-05"}}),
		})
}

func compositeRota(t *testing.T) *scheduler.Rota {
	j := func(d string) string { return "l1/j/2027-01-" + d + "T08:00" }
	return rota(t, "2027-01-04", "2027-01-11",
		j("04"), "d1", j("05"), "d1", j("06"), "d1",
		j("07"), "d2",
		j("09"), "d3", j("10"), "d3",
		// 8 Jan left empty
	)
}

func TestSpecObjectiveComposite(t *testing.T) {
	pb := problem(t, compositeTerritory(), "2027-01-04", "2027-01-11")
	// Targets. 4-5 Jan: eligible d1, d2 (d3 on leave), shares 1 + 0.5 = 1.5:
	//   d1 gets 1.5 pts * 1 seat * 1/1.5 = 1.0 per shift, d2 1.5 * 0.5/1.5 = 0.5.
	// 6-10 Jan: eligible d1, d2, d3, shares 2.5:
	//   d1 1.5 * 1/2.5 = 0.6, d2 1.5 * 0.5/2.5 = 0.3, d3 0.6 per shift.
	// T_d1 = 2*1.0 + 5*0.6 = 5.0; T_d2 = 2*0.5 + 5*0.3 = 2.5; T_d3 = 5*0.6 = 3.0.
	// Weekend targets (9 Sat, 10 Sun, all eligible, value 1): d1 = 2 * 1/2.5 = 0.8,
	// d2 = 2 * 0.5/2.5 = 0.4, d3 = 0.8.
	for id, want := range map[string][2]float64{"d1": {5.0, 0.8}, "d2": {2.5, 0.4}, "d3": {3.0, 0.8}} {
		i, ok := pb.DoctorIndex(id)
		if !ok {
			t.Fatalf("no doctor %s", id)
		}
		near(t, "LoadTarget "+id, pb.LoadTarget[i], want[0])
		near(t, "WeekendTarget "+id, pb.WeekendTarget[i], want[1])
	}
	ev := evaluate(t, pb, compositeRota(t))
	wantViolations(t, ev)
	// B: d1 = 3 * 1.5 = 4.5, d2 = 1.5, d3 = 3.0.
	// F = (4.5-5)^2 + (1.5-2.5)^2 + (3-3)^2 = 0.25 + 1 + 0 = 1.25
	// K: weekend shifts held: d3 2. K = (0-0.8)^2 + (0-0.4)^2 + (2-0.8)^2 = 0.64 + 0.16 + 1.44 = 2.24
	// S: d1 starts 4, 5, 6 Jan 08:00: 24 h, 48 h, 24 h apart, all < 72: 3 pairs;
	//    d3 9, 10 Jan: 24 h: 1 pair. S = 4.
	// T: d1 at the host: 0; d2 at e2, 1 degree north: 111.19492664455873;
	//    d3 has no establishment: 10 per assignment, 2 -> 20. T = 131.19492664455873
	// U: 8 Jan empty -> 1. P = 0, C = 0.
	// total = 1e6*1 + 100*1.25 + 100*2.24 + 10*0 + 20*4 + 0.1*131.19492664455873 + 1000*0
	//       = 1000000 + 125 + 224 + 80 + 13.119492664455873 = 1000442.1194926645
	wantScore(t, ev.Score, scheduler.Score{U: 1, F: 1.25, K: 2.24, P: 0, S: 4, T: 20 + oneDegreeKm, C: 0,
		Total: 1000442.1194926645})
}

func TestSpecObjectiveTotalWithWeights(t *testing.T) {
	o := compositeTerritory()
	o["rules"] = obj{"weights": obj{"fairness": 2, "weekend_fairness": 3, "wishes": 4, "spacing": 5,
		"travel": 0.5, "stability": 7}}
	// d1 avoids weekdays (weight 2): d1 takes 4, 5, 6 Jan, all weekdays -> P = 3*2 = 6.
	o["doctors"].([]obj)[0]["wishes"] = []obj{{"kind": "avoid", "day_types": []string{"weekday"}, "weight": 2}}
	ref := rota(t, "2027-01-04", "2027-01-11", "l1/j/2027-01-08T08:00", "d2") // not held: C = 1
	pb := problemWith(t, o, "2027-01-04", "2027-01-11", scheduler.ProblemOptions{Reference: ref})
	ev := evaluate(t, pb, compositeRota(t))
	// Terms as in TestSpecObjectiveComposite plus P = 6, C = 1.
	// total = 1e6*1 + 2*1.25 + 3*2.24 + 4*6 + 5*4 + 0.5*131.19492664455873 + 7*1
	//       = 1000000 + 2.5 + 6.72 + 24 + 20 + 65.597463322279365 + 7 = 1000125.8174633223
	wantScore(t, ev.Score, scheduler.Score{U: 1, F: 1.25, K: 2.24, P: 6, S: 4, T: 20 + oneDegreeKm, C: 1,
		Total: 1000125.8174633223})
	near(t, "Soft()", ev.Score.Soft(), 125.8174633223)

	// Zero weights: only U remains.
	o["rules"] = obj{"weights": obj{"fairness": 0, "weekend_fairness": 0, "wishes": 0, "spacing": 0,
		"travel": 0, "stability": 0}}
	pb = problemWith(t, o, "2027-01-04", "2027-01-11", scheduler.ProblemOptions{Reference: ref})
	ev = evaluate(t, pb, compositeRota(t))
	near(t, "total with zero weights", ev.Total, 1e6)
}

func TestSpecObjectiveTargetsHeadcountAndIneligible(t *testing.T) {
	o := territory([]obj{line("l1", []obj{tmpl("j", "08:00", "18:00", "points", 2)}, "mode", "on_call",
		"overrides", []obj{{"date": "2027-01-05", "headcount": 2}})},
		[]obj{doc("d1"), doc("d2", "share", 3), doc("d3", "specialties", []string{"surgery"})})
	pb := problem(t, o, "2027-01-04", "2027-01-06")
	// 4 Jan (1 seat): d1 2*1*1/4 = 0.5, d2 2*1*3/4 = 1.5; 5 Jan (2 seats): d1 2*2*1/4 = 1,
	// d2 2*2*3/4 = 3. T_d1 = 1.5, T_d2 = 4.5, T_d3 = 0 (never eligible).
	ev := evaluate(t, pb, rota(t, "2027-01-04", "2027-01-06",
		"l1/j/2027-01-04T08:00", "d3", // ineligible, but counts in every term
		"l1/j/2027-01-05T08:00", "d1", "l1/j/2027-01-05T08:00", "d2"))
	wantViolations(t, ev, vkey("eligibility", "l1/j/2027-01-04T08:00", "d3"))
	// B: d1 2, d2 2, d3 2. F = (2-1.5)^2 + (2-4.5)^2 + (2-0)^2 = 0.25 + 6.25 + 4 = 10.5
	// K = 0 (Monday and Tuesday). U = 0. T = 0 (all at e1). S = 0 (one shift each).
	// total = 100 * 10.5 = 1050
	wantScore(t, ev.Score, scheduler.Score{F: 10.5, Total: 1050})
}

func TestSpecObjectiveWeekendFairnessAndSpacingOverEaster(t *testing.T) {
	o := territory([]obj{line("l1", []obj{tmpl("j", "08:00", "18:00")}, "mode", "on_call")},
		[]obj{doc("d1"), doc("d2")})
	// Fri 26 Mar (Good Friday, a weekday in FR), Sat 27, Sun 28 (Easter, DST change),
	// Mon 29 (Easter Monday: sunday_holiday, a weekend shift).
	pb := problem(t, o, "2027-03-26", "2027-03-30")
	j := func(d string) string { return "l1/j/2027-03-" + d + "T08:00" }
	ev := evaluate(t, pb, rota(t, "2027-03-26", "2027-03-30", j("26"), "d1", j("27"), "d1", j("28"), "d1", j("29"), "d1"))
	wantViolations(t, ev)
	// F: 4 shifts of 1 point, 2 eligible doctors of share 1: T = 2 each.
	//    F = (4-2)^2 + (0-2)^2 = 8
	// K: weekend shifts 27, 28, 29: T = 1.5 each. K = (3-1.5)^2 + (0-1.5)^2 = 4.5
	// S: starts 26 Mar 07:00Z, 27 Mar 07:00Z, 28 Mar 06:00Z (08:00 CEST), 29 Mar 06:00Z.
	//    Pairs: 24, 47, 71, 23, 47, 24 real hours: all < 72 (26 -> 29 is 72 h on the
	//    wall clock but 71 real hours). S = 6
	// total = 100*8 + 100*4.5 + 20*6 = 800 + 450 + 120 = 1370
	wantScore(t, ev.Score, scheduler.Score{F: 8, K: 4.5, S: 6, Total: 1370})
}

func TestSpecObjectiveSpacing(t *testing.T) {
	o := territory([]obj{line("l1", []obj{tmpl("j", "08:00", "12:00"), tmpl("k", "09:00", "12:00")},
		"mode", "on_call", "headcount", 3)}, []obj{doc("d1"), doc("d2"), doc("d3")})
	spacing := func(o obj, from, to string, pairs ...string) int {
		t.Helper()
		return evaluate(t, problem(t, o, from, to), rota(t, from, to, pairs...)).S
	}
	// January: d1 j 4 Jan -> j 7 Jan: exactly 72 h, not less: 0.
	// d2 k 4 Jan 09:00 -> j 7 Jan 08:00: 71 h: 1. d3 j 4, 5, 6: 24, 48, 24 h: 3. S = 4.
	if s := spacing(o, "2027-01-04", "2027-01-11",
		"l1/j/2027-01-04T08:00", "d1", "l1/j/2027-01-07T08:00", "d1",
		"l1/k/2027-01-04T09:00", "d2", "l1/j/2027-01-07T08:00", "d2",
		"l1/j/2027-01-04T08:00", "d3", "l1/j/2027-01-05T08:00", "d3", "l1/j/2027-01-06T08:00", "d3"); s != 4 {
		t.Errorf("January S = %d, want 4", s)
	}
	// Spring: d1 j 26 Mar 08:00 CET (07:00Z) -> j 29 Mar 08:00 CEST (06:00Z): 71 h: 1.
	// d2 k 26 Mar 09:00 CET (08:00Z) -> j 29 Mar (06:00Z): 70 h: 1. S = 2.
	if s := spacing(o, "2027-03-26", "2027-03-30",
		"l1/j/2027-03-26T08:00", "d1", "l1/j/2027-03-29T08:00", "d1",
		"l1/k/2027-03-26T09:00", "d2", "l1/j/2027-03-29T08:00", "d2"); s != 2 {
		t.Errorf("spring S = %d, want 2", s)
	}
	// Autumn: d1 k 28 Oct 09:00 CEST (07:00Z) -> j 31 Oct 08:00 CET (07:00Z): 72 real
	// hours (71 on the wall clock): 0. d2 j 28 Oct (06:00Z) -> j 31 Oct (07:00Z): 73 h: 0.
	// d3 j 28 -> j 30 Oct: 48 h: 1. S = 1.
	if s := spacing(o, "2027-10-28", "2027-11-01",
		"l1/k/2027-10-28T09:00", "d1", "l1/j/2027-10-31T08:00", "d1",
		"l1/j/2027-10-28T08:00", "d2", "l1/j/2027-10-31T08:00", "d2",
		"l1/j/2027-10-28T08:00", "d3", "l1/j/2027-10-30T08:00", "d3"); s != 1 {
		t.Errorf("autumn S = %d, want 1", s)
	}
	// rules.min_gap_hours 24: d1 j 4 -> j 5 Jan: exactly 24 h: 0; d2 k 4 -> j 5: 23 h: 1.
	o["rules"] = obj{"min_gap_hours": 24}
	if s := spacing(o, "2027-01-04", "2027-01-11",
		"l1/j/2027-01-04T08:00", "d1", "l1/j/2027-01-05T08:00", "d1",
		"l1/k/2027-01-04T09:00", "d2", "l1/j/2027-01-05T08:00", "d2"); s != 1 {
		t.Errorf("min_gap_hours 24: S = %d, want 1", s)
	}
}

func TestSpecObjectiveWishes(t *testing.T) {
	// l1 on_call, j 08:00-18:00 (day) and n 20:00-08:00 (night) daily, 4-10 Jan.
	// d1 on leave on 10 Jan: ineligible for n 9 Jan (runs into 10 Jan), j 10, n 10.
	// Rota: d1 j4, j5, n6, j9; d2 the 10 other shifts.
	build := func(d1Wishes, d2Wishes []obj) obj {
		d1 := doc("d1", "unavailable", []obj{{"from": "2027-01-10", "to": "2027-01-10"}})
		if d1Wishes != nil {
			d1["wishes"] = d1Wishes
		}
		d2 := doc("d2")
		if d2Wishes != nil {
			d2["wishes"] = d2Wishes
		}
		return territory([]obj{line("l1", []obj{tmpl("j", "08:00", "18:00"), tmpl("n", "20:00", "08:00")}, "mode", "on_call")},
			[]obj{d1, d2}, "rules", obj{"max_shifts": 20})
	}
	j := func(d string) string { return "l1/j/2027-01-" + d + "T08:00" }
	n := func(d string) string { return "l1/n/2027-01-" + d + "T20:00" }
	r := rota(t, "2027-01-04", "2027-01-11",
		j("04"), "d1", j("05"), "d1", n("06"), "d1", j("09"), "d1",
		j("06"), "d2", j("07"), "d2", j("08"), "d2", j("10"), "d2",
		n("04"), "d2", n("05"), "d2", n("07"), "d2", n("08"), "d2", n("09"), "d2", n("10"), "d2")
	cases := []struct {
		name   string
		wishes []obj
		d2     []obj
		want   int
	}{
		{"avoid dates", []obj{{"kind": "avoid", "weight": 3, "dates": []string{"2027-01-05", "2027-01-06"}}}, nil,
			6}, // j5, n6: 2 * 3
		{"avoid from-to inclusive", []obj{{"kind": "avoid", "weight": 2, "from": "2027-01-05", "to": "2027-01-09"}}, nil,
			6}, // j5, n6, j9: 3 * 2
		{"avoid from only", []obj{{"kind": "avoid", "weight": 1, "from": "2027-01-06"}}, nil,
			2}, // n6, j9
		{"avoid to only", []obj{{"kind": "avoid", "weight": 1, "to": "2027-01-05"}}, nil,
			2}, // j4, j5
		{"avoid recurring window", []obj{{"kind": "avoid", "weight": 4, "rrule": "FREQ=WEEKLY;BYDAY=TU", "start": "12:00", "end": "13:00"}}, nil,
			4}, // j5 (Tue 08:00-18:00) overlaps Tue 12:00-13:00
		{"avoid window from the evening before", []obj{{"kind": "avoid", "weight": 5, "rrule": "FREQ=WEEKLY;BYDAY=WE", "start": "23:00", "end": "01:00"}}, nil,
			5}, // n6 (Wed 20:00 - Thu 08:00) overlaps Wed 23:00 - Thu 01:00
		{"avoid touching window", []obj{{"kind": "avoid", "weight": 5, "rrule": "FREQ=WEEKLY;BYDAY=TH", "start": "08:00", "end": "09:00"}}, nil,
			0}, // n6 ends Thu 08:00 where the window starts: no overlap
		{"avoid day_types", []obj{{"kind": "avoid", "weight": 7, "day_types": []string{"saturday"}}}, nil,
			7}, // j9
		{"avoid night true", []obj{{"kind": "avoid", "weight": 2, "night": true}}, nil,
			2}, // n6
		{"avoid night false", []obj{{"kind": "avoid", "weight": 2, "night": false}}, nil,
			6}, // j4, j5, j9
		{"all filters must hold", []obj{{"kind": "avoid", "weight": 1, "day_types": []string{"weekday"}, "night": false}}, nil,
			2}, // j4, j5 (j9 is a Saturday, n6 a night)
		{"filters that exclude each other", []obj{{"kind": "avoid", "weight": 1, "dates": []string{"2027-01-09"}, "day_types": []string{"weekday"}}}, nil,
			0}, // 9 Jan is a Saturday
		{"prefer night", []obj{{"kind": "prefer", "weight": 1, "night": true}}, nil,
			4}, // nights n4..n10; eligible n4..n8; taken n6 -> n4, n5, n7, n8
		{"prefer only eligible", []obj{{"kind": "prefer", "weight": 2, "day_types": []string{"saturday", "sunday_holiday"}}}, nil,
			0}, // j9, n9, j10, n10: only j9 eligible, and taken
		{"prefer ineligible dates", []obj{{"kind": "prefer", "weight": 3, "dates": []string{"2027-01-10"}}}, nil,
			0}, // j10, n10: on leave
		{"prefer from-to", []obj{{"kind": "prefer", "weight": 1, "from": "2027-01-07", "to": "2027-01-08"}}, nil,
			4}, // j7, n7, j8, n8
		{"prefer window", []obj{{"kind": "prefer", "weight": 2, "rrule": "FREQ=WEEKLY;BYDAY=TH", "start": "06:00", "end": "09:00"}}, nil,
			2}, // n6 (taken) and j7 (not taken) overlap Thu 06:00-09:00 -> j7
		{"several wishes and doctors", []obj{
			{"kind": "avoid", "weight": 7, "day_types": []string{"saturday"}},
			{"kind": "avoid", "weight": 3, "dates": []string{"2027-01-05", "2027-01-06"}},
		}, []obj{{"kind": "avoid", "weight": 1, "night": true}},
			19}, // d1: 7 + 2*3 = 13; d2 nights n4, n5, n7, n8, n9, n10: 6. 13 + 6 = 19
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pb := problem(t, build(c.wishes, c.d2), "2027-01-04", "2027-01-11")
			ev := evaluate(t, pb, r)
			wantViolations(t, ev)
			if ev.P != c.want {
				t.Errorf("P = %d, want %d", ev.P, c.want)
			}
		})
	}
}

func TestSpecObjectiveTravel(t *testing.T) {
	// e1 (44.8262 N, 0.6014 W), e2 (44.6586 N, 1.1689 W), e3 no coordinates.
	// Haversine e2 -> e1, R = 6371.0:
	//   dphi = 0.1676 deg = 0.0029251718263425 rad, dlambda = 0.5675 deg = 0.0099047435050678 rad
	//   a = sin^2(dphi/2) + cos(44.6586 deg) cos(44.8262 deg) sin^2(dlambda/2)
	//     = 2.139156028e-06 + 0.7113075376 * 0.7092484499 * 2.452578547e-05 = 1.4512261962e-05
	//   d = 2 R asin(sqrt(a)) = 2 * 6371 * asin(0.0038094962872) = 48.5407190976585 km
	const h = 48.5407190976585
	o := territory([]obj{
		line("l1", []obj{tmpl("j", "08:30", "18:30")}, "mode", "on_call", "headcount", 4, "pool", []string{"e2", "e3"}),
		line("l2", []obj{tmpl("j", "08:30", "18:30")}, "mode", "on_call", "establishment", "e3", "pool", []string{"e1"}),
	}, []obj{
		doc("d1"),                        // at e1
		doc("d2", "establishment", "e2"), // at e2
		doc("d3", "establishment", "e3"), // at e3, no coordinates
		doc("d4", "establishment", nil, "sites", []string{"e1"}), // no establishment
	}, "establishments", []obj{
		{"id": "e1", "kind": "public_hospital", "lat": 44.8262, "lon": -0.6014},
		{"id": "e2", "kind": "private_clinic", "lat": 44.6586, "lon": -1.1689},
		{"id": "e3", "kind": "liberal_practice"},
	})
	pb := problem(t, o, "2027-01-04", "2027-01-07")
	ev := evaluate(t, pb, rota(t, "2027-01-04", "2027-01-07",
		"l1/j/2027-01-04T08:30", "d1", // host = own establishment: 0
		"l1/j/2027-01-04T08:30", "d2", // e2 -> e1: h
		"l1/j/2027-01-04T08:30", "d3", // e3 lacks coordinates: 10
		"l1/j/2027-01-04T08:30", "d4", // no establishment: 10
		"l1/j/2027-01-05T08:30", "d2", // h
		"l2/j/2027-01-06T08:30", "d1", // host e3 lacks coordinates: 10
	))
	wantViolations(t, ev)
	// T = 0 + h + 10 + 10 + h + 10 = 30 + 2 * 48.5407190976585 = 127.081438195317
	near(t, "T", ev.T, 30+2*h)
}

func TestSpecObjectiveStability(t *testing.T) {
	o := territory([]obj{line("l1", []obj{tmpl("jour", "08:30", "18:30")}, "mode", "on_call")},
		[]obj{doc("d1"), doc("d2")})
	j := func(d string) string { return "l1/jour/2027-01-" + d + "T08:30" }
	ref := rota(t, "2027-01-01", "2027-02-01",
		j("03"), "d1", // key date before the period: not counted
		j("04"), "d1", // held
		j("05"), "d2", // not held (d1 has it now): 1
		j("05"), "d2", // the same pair again: distinct pairs count once
		j("06"), "gone", // doctor no longer exists, not held: 1
		"l1/old/2027-01-06T08:30", "d1", // shift no longer exists, not held: 1
		j("07"), "d2", // held
		j("08"), "d2", // key date 8 Jan is outside [4 Jan, 8 Jan): not counted
	)
	pb := problemWith(t, o, "2027-01-04", "2027-01-08", scheduler.ProblemOptions{Reference: ref})
	ev := evaluate(t, pb, rota(t, "2027-01-04", "2027-01-08",
		j("04"), "d1", j("05"), "d1", j("07"), "d2",
		j("06"), "gone", // unknown doctor: a violation, and ignored, so the reference pair is not held
	))
	wantViolations(t, ev, vkey("unknown_doctor", j("06"), "gone"))
	// C = 3
	if ev.C != 3 {
		t.Errorf("C = %d, want 3", ev.C)
	}
	// Without a reference, C = 0.
	ev = evaluate(t, problem(t, o, "2027-01-04", "2027-01-08"), rota(t, "2027-01-04", "2027-01-08", j("04"), "d1"))
	if ev.C != 0 {
		t.Errorf("C without reference = %d, want 0", ev.C)
	}
}

package scheduler_test

// Black-box tests of shift expansion against the rota model
// (/work/shared/spec/rota-model.md, "Shifts") and the calendar facts of
// domain.md. Every expected value is computed by hand in the comments.
//
// Calendar facts used below (computed by hand):
//   - 1 Jan 2027 is a Friday; so 4 Jan 2027 is a Monday, 9/10 Jan Sat/Sun.
//   - Europe/Paris 2027: summer time starts Sun 28 Mar 02:00 CET (-> 03:00 CEST,
//     01:00Z) and ends Sun 31 Oct 03:00 CEST (-> 02:00 CET, 01:00Z).
//   - Easter (anonymous Gregorian algorithm): 2027: a=13, b=20, c=27, d=5, e=0,
//     f=1, g=6, h=(247+20-5-6+15)%30=1, i=6, k=3, l=(32+0+12-1-3)%7=5,
//     m=(13+11+110)/451=0, month=(1+5+114)/31=3, day=(120%31)+1=28 -> 28 Mar 2027.
//     2028: a=14, b=20, c=28, d=5, e=0, f=1, g=6, h=(266+20-5-6+15)%30=20, i=7,
//     k=0, l=(32+0+14-20-0)%7=5, m=(14+220+110)/451=0, month=(20+5+114)/31=4,
//     day=(139%31)+1=16 -> 16 Apr 2028.
//     Easter Monday = +1, Ascension = +39, Whit Monday = +50, Good Friday = -2:
//     2027: 29 Mar, 6 May (Thu), 17 May, Good Friday 26 Mar;
//     2028: 17 Apr, 25 May (Thu), 5 Jun, Good Friday 14 Apr.

import (
	"slices"
	"strings"
	"testing"
	"time"

	"garde/scheduler"
)

// shiftTimes is what a test expects of a shift's instants.
type shiftTimes struct {
	start, end, localStart, localEnd string
	hours                            float64
}

func wantTimes(t *testing.T, pb *scheduler.Problem, key string, want shiftTimes) {
	t.Helper()
	si := info(t, pb, key)
	if si.Start != want.start || si.End != want.end {
		t.Errorf("%s: UTC [%s, %s), want [%s, %s)", key, si.Start, si.End, want.start, want.end)
	}
	if si.LocalStart != want.localStart || si.LocalEnd != want.localEnd {
		t.Errorf("%s: local [%s, %s), want [%s, %s)", key, si.LocalStart, si.LocalEnd, want.localStart, want.localEnd)
	}
	if !closeRel(si.Hours, want.hours, 1e-12) {
		t.Errorf("%s: %v hours, want %v", key, si.Hours, want.hours)
	}
	if got := hoursBetween(t, si.Start, si.End); !closeRel(got, want.hours, 1e-12) {
		t.Errorf("%s: end - start = %v h, want %v", key, got, want.hours)
	}
}

func TestSpecExpandKeysTimesAndFields(t *testing.T) {
	o := territory(
		[]obj{line("l1", []obj{
			tmpl("nuit", "18:30", "08:30"),
			tmpl("jour", "08:30", "18:30", "day_types", []string{"saturday", "sunday_holiday"}),
			// end == start: 24 h
			tmpl("h24", "08:00", "08:00", "rrule", "FREQ=WEEKLY;BYDAY=WE", "points", 2.5),
		}, "pool", []string{"e2"}, "headcount", 2)},
		[]obj{doc("d1"), doc("d2", "establishment", "e2"), doc("d3", "specialties", []string{"surgery"})})

	// [Mon 4 Jan, Thu 7 Jan): nights of 4, 5, 6; no weekend day shift; Wed 6 Jan h24.
	// Keys sort "l1/h24/..." before "l1/nuit/..." ('h' < 'n').
	pb := problem(t, o, "2027-01-04", "2027-01-07")
	wantKeys(t, pb,
		"l1/h24/2027-01-06T08:00",
		"l1/nuit/2027-01-04T18:30",
		"l1/nuit/2027-01-05T18:30",
		"l1/nuit/2027-01-06T18:30")

	// Winter, CET = UTC+1: 18:30 local = 17:30Z; next day 08:30 local = 07:30Z; 14 h.
	wantTimes(t, pb, "l1/nuit/2027-01-04T18:30", shiftTimes{
		"2027-01-04T17:30:00Z", "2027-01-05T07:30:00Z",
		"2027-01-04T18:30:00+01:00", "2027-01-05T08:30:00+01:00", 14})
	// 08:00 -> 08:00 next day: 07:00Z -> 07:00Z, 24 h.
	wantTimes(t, pb, "l1/h24/2027-01-06T08:00", shiftTimes{
		"2027-01-06T07:00:00Z", "2027-01-07T07:00:00Z",
		"2027-01-06T08:00:00+01:00", "2027-01-07T08:00:00+01:00", 24})

	si := info(t, pb, "l1/nuit/2027-01-04T18:30")
	if si.Line != "l1" || si.Template != "nuit" || si.Establishment != "e1" || si.Specialty != "anesthesia" ||
		si.Mode != scheduler.OnSite || si.Date != day(t, "2027-01-04") {
		t.Errorf("fields of the 4 Jan night: %+v", si)
	}
	// Monday, no holiday: weekday; 18:30-08:30 holds 00:00-06:00: night; points default 1;
	// line headcount 2; eligible: d1 (own establishment e1 is the host), d2 (e2 is in
	// the pool); not d3 (specialty).
	if si.DayType != scheduler.Weekday || !si.Night || si.Weekend || si.Points != 1 || si.Headcount != 2 {
		t.Errorf("4 Jan night: day_type %s night %v weekend %v points %v headcount %d, want weekday true false 1 2",
			si.DayType, si.Night, si.Weekend, si.Points, si.Headcount)
	}
	if !slices.Equal(si.Eligible, []string{"d1", "d2"}) {
		t.Errorf("4 Jan night: eligible %v, want [d1 d2]", si.Eligible)
	}
	if p := info(t, pb, "l1/h24/2027-01-06T08:00").Points; p != 2.5 {
		t.Errorf("h24 points = %v, want 2.5", p)
	}

	// Summer, CEST = UTC+2: 18:30 local = 16:30Z, 08:30 = 06:30Z.
	summer := problem(t, o, "2027-07-05", "2027-07-06")
	wantTimes(t, summer, "l1/nuit/2027-07-05T18:30", shiftTimes{
		"2027-07-05T16:30:00Z", "2027-07-06T06:30:00Z",
		"2027-07-05T18:30:00+02:00", "2027-07-06T08:30:00+02:00", 14})

	// The night of 31 Dec belongs to the period holding its local start date.
	dec := problem(t, o, "2027-12-31", "2028-01-01")
	wantKeys(t, dec, "l1/nuit/2027-12-31T18:30")
	jan := problem(t, o, "2028-01-01", "2028-01-02")
	// 1 Jan 2028 is a Saturday and a holiday: the day shift exists (sunday_holiday).
	wantKeys(t, jan, "l1/jour/2028-01-01T08:30", "l1/nuit/2028-01-01T18:30")

	// Territory.Shifts gives the same shifts as the problem.
	terr := parse(t, o)
	shifts, err := terr.Shifts(day(t, "2027-01-04"), day(t, "2027-01-07"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range shifts {
		got = append(got, s.Key)
	}
	if !slices.Equal(got, keys(pb)) {
		t.Errorf("Territory.Shifts keys %v, problem keys %v", got, keys(pb))
	}
}

func TestSpecExpandDSTNights(t *testing.T) {
	o := territory([]obj{line("l1", []obj{tmpl("nuit", "18:30", "08:30")})}, []obj{doc("d1"), doc("d2")})

	spring := problem(t, o, "2027-03-27", "2027-03-29")
	// Sat 27 Mar 18:30 CET = 17:30Z; Sun 28 Mar 08:30 CEST = 06:30Z: 13 h.
	wantTimes(t, spring, "l1/nuit/2027-03-27T18:30", shiftTimes{
		"2027-03-27T17:30:00Z", "2027-03-28T06:30:00Z",
		"2027-03-27T18:30:00+01:00", "2027-03-28T08:30:00+02:00", 13})
	// Sun 28 Mar 18:30 CEST = 16:30Z; Mon 08:30 CEST = 06:30Z: 14 h.
	wantTimes(t, spring, "l1/nuit/2027-03-28T18:30", shiftTimes{
		"2027-03-28T16:30:00Z", "2027-03-29T06:30:00Z",
		"2027-03-28T18:30:00+02:00", "2027-03-29T08:30:00+02:00", 14})

	autumn := problem(t, o, "2027-10-30", "2027-11-01")
	// Sat 30 Oct 18:30 CEST = 16:30Z; Sun 31 Oct 08:30 CET = 07:30Z: 15 h.
	wantTimes(t, autumn, "l1/nuit/2027-10-30T18:30", shiftTimes{
		"2027-10-30T16:30:00Z", "2027-10-31T07:30:00Z",
		"2027-10-30T18:30:00+02:00", "2027-10-31T08:30:00+01:00", 15})
	// Sun 31 Oct 18:30 CET = 17:30Z; Mon 08:30 CET = 07:30Z: 14 h.
	wantTimes(t, autumn, "l1/nuit/2027-10-31T18:30", shiftTimes{
		"2027-10-31T17:30:00Z", "2027-11-01T07:30:00Z",
		"2027-10-31T18:30:00+01:00", "2027-11-01T08:30:00+01:00", 14})
}

func TestSpecExpandSpringForwardGap(t *testing.T) {
	o := territory([]obj{line("l1", []obj{tmpl("x", "02:30", "04:00")})}, []obj{doc("d1"), doc("d2")})
	pb := problem(t, o, "2027-03-27", "2027-03-30")
	// One shift a day; the key keeps the nominal 02:30 even on the 28th.
	wantKeys(t, pb, "l1/x/2027-03-27T02:30", "l1/x/2027-03-28T02:30", "l1/x/2027-03-29T02:30")
	// 27 Mar: 02:30 CET = 01:30Z, 04:00 CET = 03:00Z: 1.5 h.
	wantTimes(t, pb, "l1/x/2027-03-27T02:30", shiftTimes{
		"2027-03-27T01:30:00Z", "2027-03-27T03:00:00Z",
		"2027-03-27T02:30:00+01:00", "2027-03-27T04:00:00+01:00", 1.5})
	// 28 Mar: 02:30 does not exist; it moves to after the gap, 03:30 CEST = 01:30Z;
	// 04:00 CEST = 02:00Z: 0.5 h.
	wantTimes(t, pb, "l1/x/2027-03-28T02:30", shiftTimes{
		"2027-03-28T01:30:00Z", "2027-03-28T02:00:00Z",
		"2027-03-28T03:30:00+02:00", "2027-03-28T04:00:00+02:00", 0.5})
	// 29 Mar: 02:30 CEST = 00:30Z, 04:00 CEST = 02:00Z: 1.5 h.
	wantTimes(t, pb, "l1/x/2027-03-29T02:30", shiftTimes{
		"2027-03-29T00:30:00Z", "2027-03-29T02:00:00Z",
		"2027-03-29T02:30:00+02:00", "2027-03-29T04:00:00+02:00", 1.5})
	// Night flag: 27 Mar and 29 Mar hold 1.5 h of 00:00-06:00: night; 28 Mar only
	// 0.5 real hour: not a night.
	for key, want := range map[string]bool{
		"l1/x/2027-03-27T02:30": true, "l1/x/2027-03-28T02:30": false, "l1/x/2027-03-29T02:30": true,
	} {
		if got := info(t, pb, key).Night; got != want {
			t.Errorf("%s night = %v, want %v", key, got, want)
		}
	}
}

func TestSpecExpandAmbiguousAutumnTime(t *testing.T) {
	o := territory([]obj{line("l1", []obj{
		tmpl("y", "02:30", "05:00"),
		tmpl("z", "20:00", "02:30"),
	})}, []obj{doc("d1"), doc("d2")})
	pb := problem(t, o, "2027-10-30", "2027-11-01")
	// 31 Oct 02:30 happens twice; the first one (CEST, +02:00) = 00:30Z.
	// 05:00 is after the change: CET = 04:00Z. 3.5 h.
	wantTimes(t, pb, "l1/y/2027-10-31T02:30", shiftTimes{
		"2027-10-31T00:30:00Z", "2027-10-31T04:00:00Z",
		"2027-10-31T02:30:00+02:00", "2027-10-31T05:00:00+01:00", 3.5})
	// An end at an ambiguous time is the first one too: 30 Oct 20:00 CEST = 18:00Z to
	// 31 Oct 02:30 CEST = 00:30Z: 6.5 h.
	wantTimes(t, pb, "l1/z/2027-10-30T20:00", shiftTimes{
		"2027-10-30T18:00:00Z", "2027-10-31T00:30:00Z",
		"2027-10-30T20:00:00+02:00", "2027-10-31T02:30:00+02:00", 6.5})
	// No duplicate 02:30 shift on 31 Oct.
	wantKeys(t, pb, "l1/y/2027-10-30T02:30", "l1/y/2027-10-31T02:30",
		"l1/z/2027-10-30T20:00", "l1/z/2027-10-31T20:00")
	// Night: y on 31 Oct holds [00:30Z, 04:00Z) of 31 Oct's [22:00Z (30th), 05:00Z): 3.5 h.
	if !info(t, pb, "l1/y/2027-10-31T02:30").Night {
		t.Errorf("l1/y/2027-10-31T02:30 should be a night")
	}
}

func TestSpecExpandDSTMonthsNoShiftLostOrDuplicated(t *testing.T) {
	o := territory([]obj{line("l1", []obj{
		tmpl("nuit", "18:30", "08:30"),
		tmpl("x", "02:30", "04:30"),
		tmpl("m", "00:00", "00:00"), // 24 h from local midnight
	})}, []obj{doc("d1"), doc("d2")})
	for _, month := range []struct {
		from, to   string
		totalHours float64
	}{
		// Consecutive 24 h "m" shifts tile the month: March loses one hour (31*24-1),
		// October gains one (31*24+1).
		{"2027-03-01", "2027-04-01", 743},
		{"2027-10-01", "2027-11-01", 745},
	} {
		pb := problem(t, o, month.from, month.to)
		from := day(t, month.from)
		for _, tp := range []string{"nuit", "x", "m"} {
			var got []string
			for _, k := range keys(pb) {
				if strings.HasPrefix(k, "l1/"+tp+"/") {
					got = append(got, k)
				}
			}
			var want []string
			start := map[string]string{"nuit": "18:30", "x": "02:30", "m": "00:00"}[tp]
			for i := 0; i < 31; i++ {
				want = append(want, "l1/"+tp+"/"+from.AddDays(i).String()+"T"+start)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s %s: %d shifts %v, want one per day (31)", month.from, tp, len(got), got)
			}
		}
		// "m" shifts: each ends where the next starts; total real time as above.
		var total float64
		for i := 0; i < 31; i++ {
			si := info(t, pb, "l1/m/"+from.AddDays(i).String()+"T00:00")
			total += si.Hours
			if i < 30 {
				next := info(t, pb, "l1/m/"+from.AddDays(i+1).String()+"T00:00")
				if si.End != next.Start {
					t.Errorf("%s ends %s but the next starts %s", si.Key, si.End, next.Start)
				}
			}
			// Nights end at local 08:30 every day, whatever the offset.
			n := info(t, pb, "l1/nuit/"+from.AddDays(i).String()+"T18:30")
			if !strings.Contains(n.LocalEnd, "T08:30:00+0") || !strings.Contains(n.LocalStart, "T18:30:00+0") {
				t.Errorf("%s local [%s, %s): want 18:30 to 08:30", n.Key, n.LocalStart, n.LocalEnd)
			}
		}
		if !closeRel(total, month.totalHours, 1e-12) {
			t.Errorf("%s: 24 h shifts total %v h, want %v", month.from, total, month.totalHours)
		}
	}
}

func TestSpecExpandDayTypes(t *testing.T) {
	o := territory([]obj{line("l1", []obj{tmpl("j", "08:30", "18:30")})}, []obj{doc("d1"), doc("d2")})
	// FR holidays (hand list, see the header): fixed dates plus Easter Monday,
	// Ascension and Whit Monday.
	frHolidays := map[string]bool{}
	for _, y := range []string{"2027", "2028"} {
		for _, md := range []string{"01-01", "05-01", "05-08", "07-14", "08-15", "11-01", "11-11", "12-25"} {
			frHolidays[y+"-"+md] = true
		}
	}
	for _, d := range []string{"2027-03-29", "2027-05-06", "2027-05-17", "2028-04-17", "2028-05-25", "2028-06-05"} {
		frHolidays[d] = true
	}
	alsace := map[string]bool{"2027-03-26": true, "2027-12-26": true, "2028-04-14": true, "2028-12-26": true}

	check := func(name string, o obj, holidays map[string]bool) {
		t.Helper()
		terr := parse(t, o)
		for _, year := range [][2]string{{"2027-01-01", "2028-01-01"}, {"2028-01-01", "2029-01-01"}} {
			shifts, err := terr.Shifts(day(t, year[0]), day(t, year[1]))
			if err != nil {
				t.Fatal(err)
			}
			from, to := day(t, year[0]), day(t, year[1])
			if len(shifts) != int(to-from) {
				t.Fatalf("%s: %d shifts in %s, want one per day (%d)", name, len(shifts), year[0][:4], int(to-from))
			}
			for i, s := range shifts {
				d := from.AddDays(i)
				want := scheduler.Weekday
				switch {
				case d.Weekday() == time.Sunday || holidays[d.String()]:
					want = scheduler.SundayHoliday
				case d.Weekday() == time.Saturday:
					want = scheduler.Saturday
				}
				if s.Date != d || s.DayType != want {
					t.Errorf("%s: %s (%s) day type %s, want %s", name, s.Key, d.Weekday(), s.DayType, want)
				}
				if s.Weekend() != (want != scheduler.Weekday) {
					t.Errorf("%s: %s weekend %v", name, s.Key, s.Weekend())
				}
			}
		}
	}
	check("FR (default)", o, frHolidays)
	check("FR", withZone(territory([]obj{line("l1", []obj{tmpl("j", "08:30", "18:30")})}, []obj{doc("d1"), doc("d2")}), "", "FR"), frHolidays)
	am := map[string]bool{}
	for d := range frHolidays {
		am[d] = true
	}
	for d := range alsace {
		am[d] = true
	}
	for _, cal := range []string{"FR-Alsace-Moselle", "FR-57", "FR-67", "FR-68"} {
		check(cal, withZone(territory([]obj{line("l1", []obj{tmpl("j", "08:30", "18:30")})}, []obj{doc("d1"), doc("d2")}), "", cal), am)
	}
	check("none", withZone(territory([]obj{line("l1", []obj{tmpl("j", "08:30", "18:30")})}, []obj{doc("d1"), doc("d2")}), "", "none"), map[string]bool{})

	// Spot checks written out.
	pb := problem(t, o, "2027-03-26", "2027-03-31")
	for key, want := range map[string]scheduler.DayType{
		"l1/j/2027-03-26T08:30": scheduler.Weekday,       // Good Friday: not a FR holiday
		"l1/j/2027-03-27T08:30": scheduler.Saturday,      // Saturday
		"l1/j/2027-03-28T08:30": scheduler.SundayHoliday, // Easter Sunday
		"l1/j/2027-03-29T08:30": scheduler.SundayHoliday, // Easter Monday
		"l1/j/2027-03-30T08:30": scheduler.Weekday,
	} {
		if got := info(t, pb, key).DayType; got != want {
			t.Errorf("%s: %s, want %s", key, got, want)
		}
	}

	// day_types filter: "Sunday and holiday days" over May 2027 = Sundays 2, 9, 16,
	// 23, 30 + Sat 1 May, Thu 6 May (Ascension), Sat 8 May, Mon 17 May (Whit Monday).
	// Saturdays kept by [saturday]: 15, 22, 29 (1 and 8 are holidays).
	f := territory([]obj{line("l1", []obj{
		tmpl("dim", "08:30", "18:30", "day_types", []string{"sunday_holiday"}),
		tmpl("sam", "13:00", "18:30", "day_types", []string{"saturday"}),
	})}, []obj{doc("d1"), doc("d2")})
	may := problem(t, f, "2027-05-01", "2027-06-01")
	var want []string
	for _, d := range []string{"01", "02", "06", "08", "09", "16", "17", "23", "30"} {
		want = append(want, "l1/dim/2027-05-"+d+"T08:30")
	}
	for _, d := range []string{"15", "22", "29"} {
		want = append(want, "l1/sam/2027-05-"+d+"T13:00")
	}
	wantKeys(t, may, want...)
}

func TestSpecExpandNightFlag(t *testing.T) {
	o := territory([]obj{line("l1", []obj{
		tmpl("a", "20:00", "01:00"), // 00:00-01:00 = 3600 s: night
		tmpl("b", "20:00", "00:59"), // 59 min: not a night
		tmpl("c", "05:00", "12:00"), // 05:00-06:00 = 1 h: night
		tmpl("d", "05:01", "12:00"), // 59 min: not a night
		tmpl("e", "23:30", "00:30"), // 30 min: not a night
		tmpl("f", "05:30", "00:30"), // 30 min of day 1 + 30 min of day 2: not in a single day
		tmpl("g", "12:00", "12:00"), // 24 h, holds 00:00-06:00 of day 2: night
		tmpl("h", "18:30", "08:30"), // night
		tmpl("i", "08:30", "18:30"), // day
		tmpl("j", "00:00", "06:00"), // 6 h: night
		tmpl("k", "01:00", "03:30"), // 28 Mar 2027: 01:00 CET = 00:00Z to 03:30 CEST = 01:30Z, 1.5 real h: night
		tmpl("l", "01:30", "03:15"), // 28 Mar 2027: 00:30Z to 03:15 CEST = 01:15Z, 0.75 real h: not a night
		tmpl("o", "02:00", "03:00"), // 31 Oct 2027: 02:00 CEST = 00:00Z to 03:00 CET = 02:00Z, 2 real h: night
		tmpl("p", "02:30", "03:00"), // 31 Oct 2027: 00:30Z to 02:00Z, 1.5 real h (nominal 30 min): night
	})}, []obj{doc("d1"), doc("d2")})
	winter := map[string]bool{"a": true, "b": false, "c": true, "d": false, "e": false, "f": false,
		"g": true, "h": true, "i": false, "j": true}
	pb := problem(t, o, "2027-01-11", "2027-01-12")
	for tp, want := range winter {
		n := 0
		for _, k := range keys(pb) {
			if strings.HasPrefix(k, "l1/"+tp+"/") {
				n++
				if got := info(t, pb, k).Night; got != want {
					t.Errorf("%s night = %v, want %v", k, got, want)
				}
			}
		}
		if n != 1 {
			t.Errorf("template %s: %d shifts on 11 Jan 2027, want 1", tp, n)
		}
	}
	spring := problem(t, o, "2027-03-28", "2027-03-29")
	if si := info(t, spring, "l1/k/2027-03-28T01:00"); !si.Night || !closeRel(si.Hours, 1.5, 1e-12) {
		t.Errorf("%s: night %v hours %v, want true 1.5", si.Key, si.Night, si.Hours)
	}
	if si := info(t, spring, "l1/l/2027-03-28T01:30"); si.Night || !closeRel(si.Hours, 0.75, 1e-12) {
		t.Errorf("%s: night %v hours %v, want false 0.75", si.Key, si.Night, si.Hours)
	}
	autumn := problem(t, o, "2027-10-31", "2027-11-01")
	if si := info(t, autumn, "l1/o/2027-10-31T02:00"); !si.Night || !closeRel(si.Hours, 2, 1e-12) {
		t.Errorf("%s: night %v hours %v, want true 2", si.Key, si.Night, si.Hours)
	}
	if si := info(t, autumn, "l1/p/2027-10-31T02:30"); !si.Night || !closeRel(si.Hours, 1.5, 1e-12) {
		t.Errorf("%s: night %v hours %v, want true 1.5", si.Key, si.Night, si.Hours)
	}
}

func TestSpecExpandWeekendFlag(t *testing.T) {
	o := territory([]obj{line("l1", []obj{tmpl("nuit", "18:30", "08:30")})}, []obj{doc("d1"), doc("d2")})
	pb := problem(t, o, "2027-01-08", "2027-01-12")
	for key, want := range map[string]bool{
		"l1/nuit/2027-01-08T18:30": false, // Friday night: day type of its start date, weekday
		"l1/nuit/2027-01-09T18:30": true,  // Saturday
		"l1/nuit/2027-01-10T18:30": true,  // Sunday
		"l1/nuit/2027-01-11T18:30": false, // Monday
	} {
		if got := info(t, pb, key).Weekend; got != want {
			t.Errorf("%s weekend = %v, want %v", key, got, want)
		}
	}
	// Easter Monday 29 Mar 2027: sunday_holiday, so a weekend shift.
	easter := problem(t, o, "2027-03-29", "2027-03-30")
	if si := info(t, easter, "l1/nuit/2027-03-29T18:30"); !si.Weekend || si.DayType != scheduler.SundayHoliday {
		t.Errorf("Easter Monday night: weekend %v day type %s, want true sunday_holiday", si.Weekend, si.DayType)
	}
}

func TestSpecExpandOverrides(t *testing.T) {
	o := territory([]obj{line("l1", []obj{
		tmpl("jour", "08:30", "18:30"),
		tmpl("nuit", "18:30", "08:30"),
	}, "headcount", 3, "overrides", []obj{
		{"date": "2027-01-05", "closed": true},
		{"date": "2027-01-06", "headcount": 0},
		{"date": "2027-01-07", "headcount": 2},
	})}, []obj{doc("d1"), doc("d2")})
	pb := problem(t, o, "2027-01-04", "2027-01-09")
	// 5 Jan closed and 6 Jan headcount 0: no shift starts on those dates (the night
	// of 4 Jan, which runs into 5 Jan, still exists).
	wantKeys(t, pb,
		"l1/jour/2027-01-04T08:30", "l1/jour/2027-01-07T08:30", "l1/jour/2027-01-08T08:30",
		"l1/nuit/2027-01-04T18:30", "l1/nuit/2027-01-07T18:30", "l1/nuit/2027-01-08T18:30")
	for key, want := range map[string]int{
		"l1/jour/2027-01-04T08:30": 3, "l1/nuit/2027-01-04T18:30": 3,
		"l1/jour/2027-01-07T08:30": 2, "l1/nuit/2027-01-07T18:30": 2,
		"l1/jour/2027-01-08T08:30": 3, "l1/nuit/2027-01-08T18:30": 3,
	} {
		if got := info(t, pb, key).Headcount; got != want {
			t.Errorf("%s headcount %d, want %d", key, got, want)
		}
	}
	// An empty rota leaves every seat uncovered: U = 3+3+2+2+3+3 = 16.
	ev := evaluate(t, pb, rota(t, "2027-01-04", "2027-01-09"))
	if ev.U != 16 {
		t.Errorf("U = %d, want 16", ev.U)
	}
	// A closed shift has no key: assigning it is unknown_shift.
	ev = evaluate(t, pb, rota(t, "2027-01-04", "2027-01-09", "l1/jour/2027-01-05T08:30", "d1"))
	wantViolations(t, ev, vkey("unknown_shift", "l1/jour/2027-01-05T08:30", "d1"))
}

func TestSpecExpandUntil(t *testing.T) {
	o := territory([]obj{line("l1", []obj{
		tmpl("a", "18:30", "08:30", "rrule", "FREQ=DAILY;UNTIL=20270110"),        // bare date: whole 10 Jan included
		tmpl("b", "18:30", "08:30", "rrule", "FREQ=DAILY;UNTIL=20270110T120000"), // local 12:00: 10 Jan 18:30 excluded
		tmpl("c", "18:30", "08:30", "rrule", "FREQ=DAILY;UNTIL=20270110T183000"), // UNTIL is inclusive: 10 Jan included
	})}, []obj{doc("d1"), doc("d2")})
	pb := problem(t, o, "2027-01-01", "2027-02-01")
	count := map[string]int{}
	last := map[string]string{}
	for _, k := range keys(pb) {
		tp := strings.Split(k, "/")[1]
		count[tp]++
		last[tp] = k
	}
	for tp, want := range map[string]struct {
		n    int
		last string
	}{
		"a": {10, "l1/a/2027-01-10T18:30"}, // 1..10 Jan
		"b": {9, "l1/b/2027-01-09T18:30"},  // 1..9 Jan
		"c": {10, "l1/c/2027-01-10T18:30"}, // 1..10 Jan
	} {
		if count[tp] != want.n || last[tp] != want.last {
			t.Errorf("template %s: %d shifts, last %s; want %d, last %s", tp, count[tp], last[tp], want.n, want.last)
		}
	}
	// Nothing after UNTIL in a later period.
	feb := problem(t, o, "2027-02-01", "2027-03-01")
	wantKeys(t, feb)
}

func TestSpecExpandDtstartAndInterval(t *testing.T) {
	o := territory([]obj{line("l1", []obj{
		tmpl("a", "08:30", "18:30", "rrule", "FREQ=DAILY;INTERVAL=2", "dtstart", "2027-01-02"),
		tmpl("b", "08:30", "18:30", "rrule", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "dtstart", "2027-01-04"),
		tmpl("c", "08:30", "18:30", "rrule", "FREQ=DAILY", "dtstart", "2027-01-05"),
		tmpl("d", "08:30", "18:30", "rrule", "FREQ=DAILY;COUNT=3", "dtstart", "2027-01-02"),
		tmpl("e", "08:30", "18:30", "rrule", "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15", "dtstart", "2027-01-01"),
		tmpl("f", "08:30", "18:30", "rrule", "FREQ=MONTHLY;BYDAY=1MO"), // first Monday, no dtstart needed
	})}, []obj{doc("d1"), doc("d2")})
	byTemplate := func(pb *scheduler.Problem) map[string][]string {
		out := map[string][]string{}
		for _, k := range keys(pb) {
			parts := strings.Split(k, "/")
			out[parts[1]] = append(out[parts[1]], parts[2][:10])
		}
		return out
	}
	check := func(from, to string, want map[string][]string) {
		t.Helper()
		got := byTemplate(problem(t, o, from, to))
		for _, tp := range []string{"a", "b", "c", "d", "e", "f"} {
			if !slices.Equal(got[tp], want[tp]) {
				t.Errorf("[%s, %s) template %s: dates %v, want %v", from, to, tp, got[tp], want[tp])
			}
		}
	}
	check("2027-01-01", "2027-01-09", map[string][]string{
		"a": {"2027-01-02", "2027-01-04", "2027-01-06", "2027-01-08"}, // every other day from 2 Jan
		"b": {"2027-01-04"},                                           // Mondays 4, 18 Jan...
		"c": {"2027-01-05", "2027-01-06", "2027-01-07", "2027-01-08"}, // nothing before dtstart
		"d": {"2027-01-02", "2027-01-03", "2027-01-04"},               // COUNT=3 from 2 Jan
		"f": {"2027-01-04"},                                           // first Monday of January
	})
	// A later window: the rule stays anchored at its dtstart.
	check("2027-01-05", "2027-01-12", map[string][]string{
		"a": {"2027-01-06", "2027-01-08", "2027-01-10"},
		"c": {"2027-01-05", "2027-01-06", "2027-01-07", "2027-01-08", "2027-01-09", "2027-01-10", "2027-01-11"},
	})
	check("2027-01-03", "2027-01-10", map[string][]string{
		"a": {"2027-01-04", "2027-01-06", "2027-01-08"},
		"b": {"2027-01-04"},
		"c": {"2027-01-05", "2027-01-06", "2027-01-07", "2027-01-08", "2027-01-09"},
		"d": {"2027-01-03", "2027-01-04"},
		"f": {"2027-01-04"},
	})
	// Two-weekly Mondays from 4 Jan: 18 Jan, 1 Feb, 15 Feb; bimonthly 15th: 15 Jan, 15 Mar.
	got := byTemplate(problem(t, o, "2027-01-10", "2027-03-20"))
	if want := []string{"2027-01-18", "2027-02-01", "2027-02-15", "2027-03-01", "2027-03-15"}; !slices.Equal(got["b"], want) {
		t.Errorf("two-weekly Mondays: %v, want %v", got["b"], want)
	}
	if want := []string{"2027-01-15", "2027-03-15"}; !slices.Equal(got["e"], want) {
		t.Errorf("every other month on the 15th: %v, want %v", got["e"], want)
	}
	if want := []string{"2027-02-01", "2027-03-01"}; !slices.Equal(got["f"], want) {
		t.Errorf("first Mondays: %v, want %v", got["f"], want)
	}
	if len(got["d"]) != 0 {
		t.Errorf("COUNT=3 from 2 Jan: nothing after 4 Jan, got %v", got["d"])
	}
}

func TestSpecExpandRuleNeedsDtstart(t *testing.T) {
	for _, rule := range []string{
		"FREQ=DAILY;INTERVAL=2",
		"FREQ=DAILY;COUNT=5",
		"FREQ=WEEKLY",
		"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
		"FREQ=MONTHLY",
		"FREQ=YEARLY;BYMONTH=1",
		"FREQ=YEARLY",
	} {
		o := territory([]obj{line("l1", []obj{tmpl("x", "08:30", "18:30", "rrule", rule)})}, []obj{doc("d1"), doc("d2")})
		_, err := scheduler.ParseTerritory(territoryBytes(t, o))
		if err == nil {
			t.Errorf("%s without dtstart: accepted, want an input error", rule)
			continue
		}
		fe := fieldErrors(t, err)
		found := false
		for _, e := range fe {
			if strings.Contains(e.Path, "lines[0].templates[0]") && strings.Contains(strings.ToLower(e.Reason), "dtstart") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s without dtstart: error %v does not say dtstart at $.lines[0].templates[0]", rule, err)
		}
		// With a dtstart it is fine.
		o = territory([]obj{line("l1", []obj{tmpl("x", "08:30", "18:30", "rrule", rule, "dtstart", "2027-01-01")})}, []obj{doc("d1"), doc("d2")})
		if _, err := scheduler.ParseTerritory(territoryBytes(t, o)); err != nil {
			t.Errorf("%s with dtstart: %v", rule, err)
		}
	}
	for _, rule := range []string{
		"FREQ=DAILY",
		"FREQ=DAILY;UNTIL=20270601",
		"FREQ=WEEKLY;BYDAY=SA,SU",
		"FREQ=MONTHLY;BYMONTHDAY=1",
		"FREQ=MONTHLY;BYDAY=1MO",
		"FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25",
		"FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO",
		"FREQ=YEARLY;BYYEARDAY=100",
		"FREQ=YEARLY;BYWEEKNO=1",
	} {
		o := territory([]obj{line("l1", []obj{tmpl("x", "08:30", "18:30", "rrule", rule)})}, []obj{doc("d1"), doc("d2")})
		if _, err := scheduler.ParseTerritory(territoryBytes(t, o)); err != nil {
			t.Errorf("%s without dtstart should be accepted: %v", rule, err)
		}
	}
}

func TestSpecExpandKeySeparator(t *testing.T) {
	// "/" is not allowed in line ids or template names: keys would be ambiguous.
	for name, o := range map[string]obj{
		"line id":       territory([]obj{line("a/b", []obj{tmpl("j", "08:30", "18:30")})}, []obj{doc("d1"), doc("d2")}),
		"template name": territory([]obj{line("l1", []obj{tmpl("j/k", "08:30", "18:30")})}, []obj{doc("d1"), doc("d2")}),
	} {
		_, err := scheduler.ParseTerritory(territoryBytes(t, o))
		fe := fieldErrors(t, err)
		if len(fe) == 0 || !strings.Contains(fe[0].Path, "lines[0]") {
			t.Errorf("%s with '/': %v, want an error at $.lines[0]", name, err)
		}
	}
}

func TestSpecExpandOtherTimeZones(t *testing.T) {
	lines := func() []obj {
		return []obj{line("l1", []obj{tmpl("nuit", "18:30", "08:30"), tmpl("x", "02:30", "04:00")})}
	}
	// America/Montreal, 2027: EST (-05:00) -> EDT (-04:00) on Sun 14 Mar at 02:00;
	// back on Sun 7 Nov at 02:00.
	mtl := withZone(territory(lines(), []obj{doc("d1"), doc("d2")}), "America/Montreal", "none")
	pb := problem(t, mtl, "2027-03-13", "2027-03-15")
	// Sat 13 Mar 18:30 EST = 23:30Z; Sun 14 Mar 08:30 EDT = 12:30Z: 13 h.
	wantTimes(t, pb, "l1/nuit/2027-03-13T18:30", shiftTimes{
		"2027-03-13T23:30:00Z", "2027-03-14T12:30:00Z",
		"2027-03-13T18:30:00-05:00", "2027-03-14T08:30:00-04:00", 13})
	// 14 Mar 02:30 is in the gap: 03:30 EDT = 07:30Z; 04:00 EDT = 08:00Z.
	wantTimes(t, pb, "l1/x/2027-03-14T02:30", shiftTimes{
		"2027-03-14T07:30:00Z", "2027-03-14T08:00:00Z",
		"2027-03-14T03:30:00-04:00", "2027-03-14T04:00:00-04:00", 0.5})
	// Paris changes two weeks later: the same night in Paris is still 14 h.
	paris := problem(t, territory(lines(), []obj{doc("d1"), doc("d2")}), "2027-03-13", "2027-03-14")
	if h := info(t, paris, "l1/nuit/2027-03-13T18:30").Hours; h != 14 {
		t.Errorf("Paris night of 13 Mar 2027: %v h, want 14", h)
	}
	nov := problem(t, mtl, "2027-11-06", "2027-11-07")
	// Sat 6 Nov 18:30 EDT = 22:30Z; Sun 7 Nov 08:30 EST = 13:30Z: 15 h.
	wantTimes(t, nov, "l1/nuit/2027-11-06T18:30", shiftTimes{
		"2027-11-06T22:30:00Z", "2027-11-07T13:30:00Z",
		"2027-11-06T18:30:00-04:00", "2027-11-07T08:30:00-05:00", 15})
	// holidays none: 14 Jul is a plain Wednesday.
	jul := problem(t, mtl, "2027-07-14", "2027-07-15")
	if dt := info(t, jul, "l1/nuit/2027-07-14T18:30").DayType; dt != scheduler.Weekday {
		t.Errorf("Montreal (holidays none) 14 Jul 2027: %s, want weekday", dt)
	}

	// Pacific/Noumea: UTC+11, no daylight saving; FR holidays by default.
	nou := withZone(territory(lines(), []obj{doc("d1"), doc("d2")}), "Pacific/Noumea", "")
	pb = problem(t, nou, "2027-03-27", "2027-03-28")
	// 18:30+11:00 = 07:30Z; 08:30+11:00 next day = 21:30Z: 14 h even on the Paris change night.
	wantTimes(t, pb, "l1/nuit/2027-03-27T18:30", shiftTimes{
		"2027-03-27T07:30:00Z", "2027-03-27T21:30:00Z",
		"2027-03-27T18:30:00+11:00", "2027-03-28T08:30:00+11:00", 14})
	jul = problem(t, nou, "2027-07-14", "2027-07-15")
	if dt := info(t, jul, "l1/nuit/2027-07-14T18:30").DayType; dt != scheduler.SundayHoliday {
		t.Errorf("Noumea (FR) 14 Jul 2027: %s, want sunday_holiday", dt)
	}
}

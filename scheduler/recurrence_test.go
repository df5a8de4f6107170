package scheduler

import (
	"strings"
	"testing"
	"time"
)

var paris, _ = time.LoadLocation("Europe/Paris")

func mustRule(t *testing.T, text string, dtstart *Date) *recurrence {
	t.Helper()
	r, err := parseRecurrence(text, dtstart, 18*60+30, paris)
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	return r
}

// TestRecurrenceWindowIndependent: for rules without dtstart, expanding a
// period at once or day by day selects the same dates, BYSETPOS included.
func TestRecurrenceWindowIndependent(t *testing.T) {
	from := DateOf(2027, time.March, 1)
	to := DateOf(2027, time.May, 1)
	for _, text := range []string{
		"FREQ=DAILY", "FREQ=WEEKLY;BYDAY=SA,SU", "FREQ=WEEKLY;BYDAY=MO,TU,WE;BYSETPOS=1",
		"FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-1", "FREQ=MONTHLY;BYMONTHDAY=1,15", "FREQ=MONTHLY;BYDAY=2TH",
		"FREQ=YEARLY;BYMONTH=3,4;BYDAY=-1SU", "FREQ=YEARLY;BYWEEKNO=13", "FREQ=YEARLY;BYYEARDAY=100",
	} {
		r := mustRule(t, text, nil)
		whole := r.dates(from, to)
		var daily []Date
		for d := from; d < to; d++ {
			daily = append(daily, r.dates(d, d+1)...)
		}
		if len(whole) == 0 || !equalDates(whole, daily) {
			t.Errorf("%s: whole window %v, day by day %v", text, whole, daily)
		}
	}
}

func equalDates(a, b []Date) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestRecurrenceUntilAndAnchor(t *testing.T) {
	from := DateOf(2027, time.January, 1)
	// A bare UNTIL date includes that day, although shifts start at 18:30.
	r := mustRule(t, "FREQ=DAILY;UNTIL=20270105", nil)
	if got := r.dates(from, from+31); len(got) != 5 || got[4] != DateOf(2027, time.January, 5) {
		t.Errorf("UNTIL=20270105 gives %v, want 1 to 5 January", got)
	}
	// A local UNTIL time before the start time excludes that day.
	r = mustRule(t, "FREQ=DAILY;UNTIL=20270105T120000", nil)
	if got := r.dates(from, from+31); len(got) != 4 {
		t.Errorf("UNTIL=20270105T120000 gives %v, want 1 to 4 January", got)
	}
	// Every other day from an anchor, and nothing before it.
	anchor := DateOf(2027, time.January, 2)
	r = mustRule(t, "FREQ=DAILY;INTERVAL=2", &anchor)
	got := r.dates(from, from+8)
	want := []Date{anchor, anchor + 2, anchor + 4, anchor + 6}
	if !equalDates(got, want) {
		t.Errorf("INTERVAL=2 from 2 January gives %v, want %v", got, want)
	}
	// A far-back anchor is fast-forwarded without changing the dates: the
	// same as expanding from the anchor itself and keeping the window.
	old := DateOf(1990, time.January, 1)
	r = mustRule(t, "FREQ=WEEKLY;INTERVAL=3;BYDAY=FR", &old)
	var tail []Date
	for _, d := range r.dates(old, from+120) {
		if d >= from {
			tail = append(tail, d)
		}
	}
	if fast := r.dates(from, from+120); len(tail) == 0 || !equalDates(fast, tail) {
		t.Errorf("fast-forwarded %v, from the anchor %v", fast, tail)
	}
}

func TestRecurrenceErrors(t *testing.T) {
	for text, want := range map[string]string{
		"FREQ=WEEKLY;BYDAY=1MO":               "numbered weekday",
		"FREQ=MONTHLY;BYWEEKNO=3":             "BYWEEKNO only goes with FREQ=YEARLY",
		"FREQ=DAILY;BYHOUR=8":                 "time of day comes from start",
		"FREQ=HOURLY":                         "selects dates",
		"FREQ=DAILY;COUNT=3":                  "give dtstart",
		"FREQ=WEEKLY":                         "give dtstart",
		"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30": "never selects a date",
		"FREQ=DAILY;COUNT=2;UNTIL=20270101":   "COUNT and UNTIL",
		"FREQ=DAILY;FREQ=DAILY":               "given twice",
		"BYDAY=MO":                            "FREQ is missing",
		"FREQ=DAILY;UNTIL=2027-01-01":         "is not a date",
	} {
		_, err := parseRecurrence(text, nil, 0, paris)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want an error with %q", text, err, want)
		}
	}
	if _, err := parseRecurrence("rrule:freq=daily", nil, 0, paris); err != nil {
		t.Errorf("a lower-case rule with its prefix: %v", err)
	}
}

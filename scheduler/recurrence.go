package scheduler

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/teambition/rrule-go"
)

// A recurrence is a parsed RRULE that selects dates. The time of day never
// comes from the rule: templates, unavailability and wishes give it as
// start and end. This is the only place that knows rrule-go, which is
// unmaintained: swapping it out touches this file alone.
//
// Rules are expanded on a "floating" wall clock (local times written as if
// they were UTC), so that rrule-go never sees a daylight-saving change: each
// occurrence is a date, and the zone applies only when the date and its
// start time become an instant.
type recurrence struct {
	text   string
	opt    rrule.ROption // without Dtstart; Until is floating local
	anchor *Date         // dtstart, when the rule has one
	start  ClockTime     // time of day of the occurrences
}

// rruleKeys are the RRULE parts a date-selecting rule may use.
var rruleKeys = map[string]bool{
	"FREQ": true, "INTERVAL": true, "COUNT": true, "UNTIL": true, "WKST": true,
	"BYDAY": true, "BYMONTHDAY": true, "BYMONTH": true, "BYYEARDAY": true,
	"BYWEEKNO": true, "BYSETPOS": true,
}

// parseRecurrence parses a bare RRULE (an optional "RRULE:" prefix is
// allowed). dtstart anchors rules whose dates depend on where they start;
// start is the occurrences' time of day; loc converts a UTC UNTIL to the
// local wall clock.
func parseRecurrence(text string, dtstart *Date, start ClockTime, loc *time.Location) (*recurrence, error) {
	body := strings.TrimSpace(text)
	if len(body) >= 6 && strings.EqualFold(body[:6], "RRULE:") {
		body = body[6:]
	}
	if body == "" {
		return nil, errors.New("the rule is empty")
	}
	parts := map[string]string{}
	for _, part := range strings.Split(body, ";") {
		key, value, ok := strings.Cut(part, "=")
		key = strings.ToUpper(strings.TrimSpace(key))
		value = strings.ToUpper(strings.TrimSpace(value))
		switch {
		case !ok || key == "" || value == "":
			return nil, fmt.Errorf("%q is not a KEY=VALUE part", part)
		case key == "BYHOUR" || key == "BYMINUTE" || key == "BYSECOND":
			return nil, fmt.Errorf("%s is not allowed: the rule selects dates, the time of day comes from start and end", key)
		case key == "DTSTART":
			return nil, errors.New("DTSTART is not part of the rule: give the anchor date as dtstart")
		case key == "FREQ" && (value == "HOURLY" || value == "MINUTELY" || value == "SECONDLY"):
			return nil, fmt.Errorf("FREQ=%s is not allowed: the rule selects dates (DAILY, WEEKLY, MONTHLY or YEARLY)", value)
		case !rruleKeys[key]:
			return nil, fmt.Errorf("%s is not a supported RRULE part", key)
		}
		if _, dup := parts[key]; dup {
			return nil, fmt.Errorf("%s is given twice", key)
		}
		parts[key] = value
	}

	r := &recurrence{text: text, anchor: dtstart, start: start}
	var err error
	if r.opt.Freq, err = parseFreq(parts["FREQ"]); err != nil {
		return nil, err
	}
	if v, ok := parts["INTERVAL"]; ok {
		if r.opt.Interval, err = parseBoundedInt("INTERVAL", v, 1, 1000); err != nil {
			return nil, err
		}
	}
	if v, ok := parts["COUNT"]; ok {
		if r.opt.Count, err = parseBoundedInt("COUNT", v, 1, 100000); err != nil {
			return nil, err
		}
	}
	if v, ok := parts["UNTIL"]; ok {
		if _, hasCount := parts["COUNT"]; hasCount {
			return nil, errors.New("COUNT and UNTIL cannot both be given")
		}
		if r.opt.Until, err = parseUntil(v, loc); err != nil {
			return nil, err
		}
	}
	if v, ok := parts["WKST"]; ok {
		if r.opt.Wkst, err = parseWeekday(v); err != nil {
			return nil, fmt.Errorf("WKST: %w", err)
		}
	}
	if v, ok := parts["BYDAY"]; ok {
		for _, s := range strings.Split(v, ",") {
			wd, err := parseWeekday(s)
			if err != nil {
				return nil, fmt.Errorf("BYDAY: %w", err)
			}
			r.opt.Byweekday = append(r.opt.Byweekday, wd)
		}
	}
	for _, list := range []struct {
		key string
		dst *[]int
	}{
		{"BYMONTHDAY", &r.opt.Bymonthday}, {"BYMONTH", &r.opt.Bymonth}, {"BYYEARDAY", &r.opt.Byyearday},
		{"BYWEEKNO", &r.opt.Byweekno}, {"BYSETPOS", &r.opt.Bysetpos},
	} {
		if v, ok := parts[list.key]; ok {
			if *list.dst, err = parseIntList(list.key, v); err != nil {
				return nil, err
			}
		}
	}
	if r.opt.Freq != rrule.MONTHLY && r.opt.Freq != rrule.YEARLY {
		for _, wd := range r.opt.Byweekday {
			if wd.N() != 0 {
				return nil, fmt.Errorf("BYDAY=%s: a numbered weekday only goes with FREQ=MONTHLY or YEARLY", parts["BYDAY"])
			}
		}
	}
	if len(r.opt.Byweekno) > 0 && r.opt.Freq != rrule.YEARLY {
		return nil, errors.New("BYWEEKNO only goes with FREQ=YEARLY")
	}
	probe := r.opt
	probe.Dtstart = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := rrule.NewRRule(probe); err != nil {
		return nil, err
	}
	if dtstart == nil && r.dependsOnAnchor() {
		return nil, errors.New("this rule's dates depend on where it starts: give dtstart (a local date)")
	}
	if !r.selectsSomeDate() {
		return nil, errors.New("this rule never selects a date")
	}
	return r, nil
}

// dependsOnAnchor reports whether the dates a rule selects depend on its
// DTSTART (rota model: INTERVAL > 1 or COUNT, or a frequency whose day
// within the period is taken from DTSTART).
func (r *recurrence) dependsOnAnchor() bool {
	o := r.opt
	if o.Interval > 1 || o.Count > 0 {
		return true
	}
	switch o.Freq {
	case rrule.DAILY:
		return false
	case rrule.WEEKLY:
		return len(o.Byweekday) == 0
	case rrule.MONTHLY:
		return len(o.Bymonthday) == 0 && len(o.Byweekday) == 0
	default: // YEARLY
		byMonth := len(o.Bymonth) > 0 && (len(o.Bymonthday) > 0 || len(o.Byweekday) > 0)
		return !byMonth && len(o.Byyearday) == 0 && len(o.Byweekno) == 0
	}
}

// selectsSomeDate reports whether the rule selects at least one date in the
// 400 years (a full Gregorian cycle) after its anchor, or after the earliest
// date Garde accepts, so that a rule such as 30 February is refused instead
// of silently making no shift.
func (r *recurrence) selectsSomeDate() bool {
	from := minDate
	if r.anchor != nil {
		from = *r.anchor
	}
	return len(r.datesUpTo(from, from+146097, 1)) > 0
}

// dates returns, in order, the dates in [from, to) the rule selects.
func (r *recurrence) dates(from, to Date) []Date {
	return r.datesUpTo(from, to, -1)
}

// datesUpTo is dates, stopping after limit dates when limit >= 0.
func (r *recurrence) datesUpTo(from, to Date, limit int) []Date {
	o := r.opt
	anchor := r.periodStart(from)
	if r.anchor != nil {
		anchor = r.fastForward(*r.anchor, from)
	}
	o.Dtstart = anchor.utcMidnight().Add(time.Duration(r.start) * time.Minute)
	// Stop the iterator at the end of the window: without it, a rule with
	// rare dates would be iterated far beyond the window to find the next.
	end := to.utcMidnight().Add(-time.Second)
	if o.Until.IsZero() || o.Until.After(end) {
		o.Until = end
	}
	rule, err := rrule.NewRRule(o)
	if err != nil {
		return nil // the options were checked when parsed
	}
	var out []Date
	next := rule.Iterator()
	for limit < 0 || len(out) < limit {
		t, ok := next()
		if !ok {
			break
		}
		if d := dateOfTime(t); d >= from {
			out = append(out, d)
		}
	}
	return out
}

// periodStart anchors a rule without dtstart at the start of the period
// (week, month, year) holding from, so that rrule-go sees whole periods:
// BYSETPOS picks among a whole period's dates, whatever the window. Dates
// before from are dropped afterwards. Yearly rules start a year earlier,
// since ISO week 1 may begin in the previous December.
func (r *recurrence) periodStart(from Date) Date {
	y, m, _ := from.Parts()
	switch r.opt.Freq {
	case rrule.WEEKLY:
		wkst := (r.opt.Wkst.Day() + 1) % 7 // rrule counts from Monday, time from Sunday
		return from - Date((int(from.Weekday())-wkst+7)%7)
	case rrule.MONTHLY:
		return DateOf(y, m, 1)
	case rrule.YEARLY:
		return DateOf(y-1, time.January, 1)
	}
	return from
}

// fastForward moves a daily or weekly anchor forward by whole periods to
// just before from, which selects the same dates at a cost that no longer
// grows with how far back the anchor is.
func (r *recurrence) fastForward(anchor, from Date) Date {
	o := r.opt
	if o.Count > 0 || len(o.Bysetpos) > 0 || anchor >= from {
		return anchor
	}
	step := max(o.Interval, 1)
	switch o.Freq {
	case rrule.DAILY:
	case rrule.WEEKLY:
		step *= 7
	default:
		return anchor
	}
	periods := (int(from-anchor) / step) - 1
	if periods <= 0 {
		return anchor
	}
	return anchor + Date(periods*step)
}

func parseFreq(v string) (rrule.Frequency, error) {
	switch v {
	case "DAILY":
		return rrule.DAILY, nil
	case "WEEKLY":
		return rrule.WEEKLY, nil
	case "MONTHLY":
		return rrule.MONTHLY, nil
	case "YEARLY":
		return rrule.YEARLY, nil
	case "":
		return 0, errors.New("FREQ is missing (DAILY, WEEKLY, MONTHLY or YEARLY)")
	}
	return 0, fmt.Errorf("FREQ=%s is not DAILY, WEEKLY, MONTHLY or YEARLY", v)
}

func parseBoundedInt(key, v string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%s=%s is not a whole number from %d to %d", key, v, lo, hi)
	}
	return n, nil
}

func parseIntList(key, v string) ([]int, error) {
	var out []int
	for _, s := range strings.Split(v, ",") {
		n, err := strconv.Atoi(strings.TrimPrefix(s, "+"))
		if err != nil || n == 0 {
			return nil, fmt.Errorf("%s: %q is not a non-zero whole number", key, s)
		}
		out = append(out, n)
	}
	return out, nil
}

var weekdays = map[string]rrule.Weekday{
	"MO": rrule.MO, "TU": rrule.TU, "WE": rrule.WE, "TH": rrule.TH,
	"FR": rrule.FR, "SA": rrule.SA, "SU": rrule.SU,
}

// parseWeekday reads MO..SU with an optional ordinal (+1MO, -1FR).
func parseWeekday(s string) (rrule.Weekday, error) {
	if len(s) < 2 {
		return rrule.Weekday{}, fmt.Errorf("%q is not a weekday (MO, TU, WE, TH, FR, SA, SU)", s)
	}
	wd, ok := weekdays[s[len(s)-2:]]
	if !ok {
		return rrule.Weekday{}, fmt.Errorf("%q is not a weekday (MO, TU, WE, TH, FR, SA, SU)", s)
	}
	if ord := s[:len(s)-2]; ord != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(ord, "+"))
		if err != nil || n == 0 || n < -53 || n > 53 {
			return rrule.Weekday{}, fmt.Errorf("%q has a bad ordinal (1 to 53 or -1 to -53)", s)
		}
		wd = wd.Nth(n)
	}
	return wd, nil
}

// parseUntil reads UNTIL as a floating local wall-clock time. A bare date
// means the whole of that local day is included; a UTC time (ending in Z)
// is converted to the local wall clock.
func parseUntil(v string, loc *time.Location) (time.Time, error) {
	bad := fmt.Errorf("UNTIL=%s is not a date (YYYYMMDD) or a local time (YYYYMMDDTHHMMSS)", v)
	var t time.Time
	var err error
	switch len(v) {
	case 8:
		t, err = time.Parse("20060102", v)
		t = t.Add(24*time.Hour - time.Second)
	case 15:
		t, err = time.Parse("20060102T150405", v)
	case 16:
		t, err = time.Parse("20060102T150405Z", v)
		w := t.In(loc)
		t = time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, time.UTC)
	default:
		return time.Time{}, bad
	}
	if err != nil {
		return time.Time{}, bad
	}
	if d := dateOfTime(t); d < minDate || d > maxDate {
		return time.Time{}, fmt.Errorf("UNTIL=%s is out of range (%s to %s)", v, minDate, maxDate)
	}
	return t, nil
}

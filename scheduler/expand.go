package scheduler

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// A Shift is one occurrence of a line's template: a duty that needs
// Headcount doctors from Start to End.
type Shift struct {
	Key       string // LINE_ID/TEMPLATE_NAME/YYYY-MM-DDTHH:MM, local nominal start
	Line      *Line
	Template  *Template
	Date      Date      // local start date: the shift belongs to the period holding it
	Start     time.Time // UTC
	End       time.Time // UTC
	DayType   DayType
	Night     bool
	Points    float64
	Headcount int
}

// Weekend reports whether the shift falls on a Saturday, Sunday or holiday
// (by its day type): the shifts weekend fairness counts.
func (s *Shift) Weekend() bool { return s.DayType != Weekday }

// window is the shift's real time span.
func (s *Shift) window() window { return window{s.Start, s.End} }

// ShiftKey builds the stable key of the shift a template starts on a date.
func ShiftKey(lineID, templateName string, d Date, start ClockTime) string {
	return lineID + "/" + templateName + "/" + d.String() + "T" + start.String()
}

// ParsedKey is a shift key split into its parts.
type ParsedKey struct {
	Line, Template string
	Date           Date
	Start          ClockTime
}

// ParseShiftKey splits a key LINE_ID/TEMPLATE_NAME/YYYY-MM-DDTHH:MM.
func ParseShiftKey(key string) (ParsedKey, error) {
	parts := strings.Split(key, "/")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" {
		return ParsedKey{}, fmt.Errorf("%q is not a shift key LINE/TEMPLATE/YYYY-MM-DDTHH:MM", key)
	}
	date, clock, ok := strings.Cut(parts[2], "T")
	if !ok {
		return ParsedKey{}, fmt.Errorf("%q is not a shift key LINE/TEMPLATE/YYYY-MM-DDTHH:MM", key)
	}
	d, err := ParseDate(date)
	if err != nil {
		return ParsedKey{}, fmt.Errorf("shift key %q: %w", key, err)
	}
	c, err := ParseClockTime(clock)
	if err != nil {
		return ParsedKey{}, fmt.Errorf("shift key %q: %w", key, err)
	}
	return ParsedKey{Line: parts[0], Template: parts[1], Date: d, Start: c}, nil
}

// ErrNotValidated is returned when shifts are asked of a territory that was
// not validated.
var ErrNotValidated = errors.New("the territory must be validated before use")

// MaxPeriodDays bounds a period: a year is the longest rota anyone plans.
const MaxPeriodDays = 366

// CheckPeriod checks a period [from, to).
func CheckPeriod(from, to Date) error {
	switch {
	case to == from:
		return fmt.Errorf("the period from %s to %s is empty: to is the day after the last day", from, to)
	case to < from:
		return fmt.Errorf("the period ends (%s) before it starts (%s): to is the day after the last day", to, from)
	case int(to-from) > MaxPeriodDays:
		return fmt.Errorf("the period from %s to %s is longer than %d days", from, to, MaxPeriodDays)
	}
	return nil
}

// Shifts expands every template of every line over the local dates
// [from, to), in key order. A shift belongs to the period holding its local
// start date, so the night of the last day ends after the period.
func (t *Territory) Shifts(from, to Date) ([]Shift, error) {
	if t.ix == nil {
		return nil, ErrNotValidated
	}
	if err := CheckPeriod(from, to); err != nil {
		return nil, err
	}
	var shifts []Shift
	for li := range t.Lines {
		l := &t.Lines[li]
		for ti := range l.Templates {
			tp := &l.Templates[ti]
			for _, d := range tp.rule.dates(from, to) {
				if s, ok := t.shiftOn(l, tp, d); ok {
					shifts = append(shifts, s)
				}
			}
		}
	}
	sort.Slice(shifts, func(i, j int) bool { return shifts[i].Key < shifts[j].Key })
	return shifts, nil
}

// shiftOn makes the shift a template starts on date d, if the template's day
// types and the line's overrides let it exist. The caller has checked that
// the template's rule selects d.
func (t *Territory) shiftOn(l *Line, tp *Template, d Date) (Shift, bool) {
	dayType := t.ix.holidays.dayType(d)
	if len(tp.DayTypes) > 0 && !containsDayType(tp.DayTypes, dayType) {
		return Shift{}, false
	}
	headcount := l.EffectiveHeadcount()
	if o := l.override(d); o != nil {
		if o.Closed != nil && *o.Closed {
			return Shift{}, false
		}
		if o.Headcount != nil {
			headcount = *o.Headcount
		}
	}
	if headcount == 0 {
		return Shift{}, false
	}
	w := localWindow(t.ix.loc, d, tp.Start, tp.End)
	return Shift{
		Key:       ShiftKey(l.ID, tp.Name, d, tp.Start),
		Line:      l,
		Template:  tp,
		Date:      d,
		Start:     w.start,
		End:       w.end,
		DayType:   dayType,
		Night:     t.isNight(w),
		Points:    tp.EffectivePoints(),
		Headcount: headcount,
	}, true
}

// ShiftByKey makes the shift a key names, whatever the period: the line and
// template must exist, start at the key's time and make a shift that date.
func (t *Territory) ShiftByKey(key string) (Shift, error) {
	if t.ix == nil {
		return Shift{}, ErrNotValidated
	}
	k, err := ParseShiftKey(key)
	if err != nil {
		return Shift{}, err
	}
	l := t.ix.lines[k.Line]
	if l == nil {
		return Shift{}, fmt.Errorf("no line has the id %q", k.Line)
	}
	tp := l.template(k.Template)
	switch {
	case tp == nil:
		return Shift{}, fmt.Errorf("line %q has no template %q", l.ID, k.Template)
	case tp.Start != k.Start:
		return Shift{}, fmt.Errorf("template %s/%s starts at %s, not %s", l.ID, tp.Name, tp.Start, k.Start)
	case len(tp.rule.dates(k.Date, k.Date+1)) == 0:
		return Shift{}, fmt.Errorf("template %s/%s makes no shift on %s (its rule is %s)", l.ID, tp.Name, k.Date, tp.RRule)
	}
	s, ok := t.shiftOn(l, tp, k.Date)
	if !ok {
		return Shift{}, fmt.Errorf("line %s has no %s shift on %s (closed that day, or not a day type of the template)", l.ID, tp.Name, k.Date)
	}
	return s, nil
}

func (l *Line) template(name string) *Template {
	for i := range l.Templates {
		if l.Templates[i].Name == name {
			return &l.Templates[i]
		}
	}
	return nil
}

func (l *Line) override(d Date) *Override {
	for i := range l.Overrides {
		if l.Overrides[i].Date == d {
			return &l.Overrides[i]
		}
	}
	return nil
}

func containsDayType(types []DayType, dt DayType) bool {
	for _, x := range types {
		if x == dt {
			return true
		}
	}
	return false
}

// isNight reports whether at least one real hour of w lies between local
// 00:00 and 06:00 of a single day.
func (t *Territory) isNight(w window) bool {
	loc := t.ix.loc
	first, last := dateOfTime(w.start.In(loc)), dateOfTime(w.end.In(loc))
	for d := first; d <= last; d++ {
		night := window{instant(loc, d, 0), instant(loc, d, 6*60)}
		if w.overlapSeconds(night) >= 3600 {
			return true
		}
	}
	return false
}

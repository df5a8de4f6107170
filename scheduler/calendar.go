package scheduler

import (
	"fmt"
	"time"
)

// A holidayCalendar knows the public holidays of a territory.
type holidayCalendar struct {
	name          string
	none          bool // no public holiday at all
	alsaceMoselle bool // adds Good Friday and 26 December
}

// holidayCalendars are the calendars a territory file may name.
var holidayCalendars = map[string]holidayCalendar{
	"FR":                {name: "FR"},
	"FR-Alsace-Moselle": {name: "FR-Alsace-Moselle", alsaceMoselle: true},
	"FR-57":             {name: "FR-57", alsaceMoselle: true},
	"FR-67":             {name: "FR-67", alsaceMoselle: true},
	"FR-68":             {name: "FR-68", alsaceMoselle: true},
	"none":              {name: "none", none: true},
}

func lookupHolidayCalendar(name string) (holidayCalendar, error) {
	if name == "" {
		name = DefaultHolidays
	}
	c, ok := holidayCalendars[name]
	if !ok {
		return c, fmt.Errorf("%q is not a known holiday calendar (FR, FR-Alsace-Moselle, FR-57, FR-67, FR-68 or none)", name)
	}
	return c, nil
}

// isHoliday reports whether d is a public holiday.
func (c holidayCalendar) isHoliday(d Date) bool {
	if c.none {
		return false
	}
	y, m, day := d.Parts()
	switch {
	case m == time.January && day == 1,
		m == time.May && (day == 1 || day == 8),
		m == time.July && day == 14,
		m == time.August && day == 15,
		m == time.November && (day == 1 || day == 11),
		m == time.December && day == 25:
		return true
	case m == time.December && day == 26:
		return c.alsaceMoselle
	}
	switch d - easter(y) {
	case 1, 39, 50: // Easter Monday, Ascension Thursday, Whit Monday
		return true
	case -2: // Good Friday
		return c.alsaceMoselle
	}
	return false
}

// dayType classifies a local date: Sundays and public holidays first (a
// holiday Saturday is a holiday), then Saturdays, then weekdays.
func (c holidayCalendar) dayType(d Date) DayType {
	switch {
	case d.Weekday() == time.Sunday || c.isHoliday(d):
		return SundayHoliday
	case d.Weekday() == time.Saturday:
		return Saturday
	default:
		return Weekday
	}
}

// easter returns Easter Sunday of the Gregorian year y (the anonymous
// Gregorian algorithm, Meeus/Jones/Butcher).
func easter(y int) Date {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return DateOf(y, time.Month(month), day)
}

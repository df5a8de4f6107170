package scheduler

import (
	"fmt"
	"time"
)

// Date is a calendar date with no time of day and no zone: a local date of
// the territory, such as the date a shift starts on. It counts days since
// 1970-01-01, so that day arithmetic and comparisons are plain integer ones.
type Date int32

// DateOf returns the calendar date of y-m-d. Out-of-range parts normalise as
// in time.Date (1 March is 29 February + 1).
func DateOf(y int, m time.Month, d int) Date {
	return Date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// The dates Garde accepts: a rota is planned in the present, and bounding
// dates keeps every date computation far from overflow.
var (
	minDate = DateOf(1970, time.January, 1)
	maxDate = DateOf(2199, time.December, 31)
)

// ParseDate reads a date written YYYY-MM-DD, from 1970 to 2199.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil || len(s) != 10 {
		return 0, fmt.Errorf("%q is not a date written YYYY-MM-DD", s)
	}
	d := dateOfTime(t)
	if d < minDate || d > maxDate {
		return 0, fmt.Errorf("%q is out of range (%s to %s)", s, minDate, maxDate)
	}
	return d, nil
}

// dateOfTime returns the wall-clock date of t in t's own location.
func dateOfTime(t time.Time) Date {
	y, m, d := t.Date()
	return DateOf(y, m, d)
}

// utcMidnight is the date as a time at 00:00 UTC, used as a "floating" wall
// clock where no zone applies (recurrence rules are expanded that way).
func (d Date) utcMidnight() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// Parts returns the year, month and day.
func (d Date) Parts() (int, time.Month, int) { return d.utcMidnight().Date() }

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday { return time.Weekday((int64(d)%7 + 7 + 4) % 7) } // 1970-01-01 was a Thursday

// AddDays returns the date n days later (earlier when n < 0).
func (d Date) AddDays(n int) Date { return d + Date(n) }

// String writes the date as YYYY-MM-DD.
func (d Date) String() string { return d.utcMidnight().Format("2006-01-02") }

// MarshalText writes the date as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a date written YYYY-MM-DD.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ClockTime is a local time of day, in minutes after midnight (0 to 1439).
type ClockTime int16

// ParseClockTime reads a time of day written HH:MM (00:00 to 23:59).
func ParseClockTime(s string) (ClockTime, error) {
	if len(s) != 5 || s[2] != ':' || !isDigits(s[:2]) || !isDigits(s[3:]) {
		return 0, fmt.Errorf("%q is not a time written HH:MM", s)
	}
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	if h == 24 && m == 0 {
		return 0, fmt.Errorf("%q is not a time of day: write 00:00 (an end not after the start is on the next day)", s)
	}
	if h > 23 || m > 59 {
		return 0, fmt.Errorf("%q is not a time of day (00:00 to 23:59)", s)
	}
	return ClockTime(h*60 + m), nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Hour and Minute split the time of day.
func (c ClockTime) Hour() int   { return int(c) / 60 }
func (c ClockTime) Minute() int { return int(c) % 60 }

// String writes the time as HH:MM.
func (c ClockTime) String() string { return fmt.Sprintf("%02d:%02d", c.Hour(), c.Minute()) }

// MarshalText writes the time as HH:MM.
func (c ClockTime) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads a time written HH:MM.
func (c *ClockTime) UnmarshalText(b []byte) error {
	v, err := ParseClockTime(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// endDate returns the local date on which a window that starts at start on
// day d and ends at end finishes: the same day when end is after start, else
// the next day (equal times mean 24 hours).
func endDate(d Date, start, end ClockTime) Date {
	if end > start {
		return d
	}
	return d + 1
}

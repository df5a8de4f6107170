package store

import (
	"database/sql/driver"
	"fmt"
	"time"

	"garde/scheduler"
)

// sqlDate is a scheduler.Date as a column holds it: a PostgreSQL date, SQLite
// text YYYY-MM-DD. Both compare and sort as dates.
type sqlDate scheduler.Date

// Value writes YYYY-MM-DD, which both backends read as the date.
func (d sqlDate) Value() (driver.Value, error) { return scheduler.Date(d).String(), nil }

// Scan reads a date back: pgx gives a time.Time at midnight, SQLite the text.
func (d *sqlDate) Scan(src any) error {
	switch v := src.(type) {
	case time.Time:
		y, m, day := v.Date()
		*d = sqlDate(scheduler.DateOf(y, m, day))
		return nil
	case string:
		return d.parse(v)
	case []byte:
		return d.parse(string(v))
	}
	return fmt.Errorf("cannot read a date from %T", src)
}

func (d *sqlDate) parse(s string) error {
	v, err := scheduler.ParseDate(s)
	if err != nil {
		return fmt.Errorf("stored date: %w", err)
	}
	*d = sqlDate(v)
	return nil
}

// sqlClock is a scheduler.ClockTime as a column holds it: text HH:MM on both
// backends, readable in a SQL shell.
type sqlClock scheduler.ClockTime

// Value writes HH:MM.
func (c sqlClock) Value() (driver.Value, error) { return scheduler.ClockTime(c).String(), nil }

// Scan reads HH:MM.
func (c *sqlClock) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("cannot read a time of day from %T", src)
	}
	v, err := scheduler.ParseClockTime(s)
	if err != nil {
		return fmt.Errorf("stored time of day: %w", err)
	}
	*c = sqlClock(v)
	return nil
}

// Conversions between the optional fields of scheduler types and nullable
// columns. An optional string of a territory file is never empty (the
// parser refuses blank strings), so "" and NULL both mean absent.

func nullString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func stringOf(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func nullDate(d *scheduler.Date) *sqlDate {
	if d == nil {
		return nil
	}
	v := sqlDate(*d)
	return &v
}

func dateOf(d *sqlDate) *scheduler.Date {
	if d == nil {
		return nil
	}
	v := scheduler.Date(*d)
	return &v
}

func nullClock(c *scheduler.ClockTime) *sqlClock {
	if c == nil {
		return nil
	}
	v := sqlClock(*c)
	return &v
}

func clockOf(c *sqlClock) *scheduler.ClockTime {
	if c == nil {
		return nil
	}
	v := scheduler.ClockTime(*c)
	return &v
}

// copyOf returns a fresh pointer to *p, or nil: rows and scheduler values
// never share memory.
func copyOf[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// ptr returns a pointer to a copy of v.
func ptr[T any](v T) *T { return &v }

// num copies an optional number for storage, and plain0 a number: both turn
// -0 into 0. SQLite stores a whole REAL as an integer and loses the sign of
// zero, PostgreSQL keeps it; storing 0 on both keeps one behaviour, and -0
// means nothing more than 0 in a territory.
func num(p *float64) *float64 {
	if p == nil {
		return nil
	}
	return ptr(plain0(*p))
}

func plain0(x float64) float64 {
	if x == 0 {
		return 0
	}
	return x
}

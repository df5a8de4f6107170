package scheduler

import (
	"fmt"
	"time"
)

// A span is a shift's real time, in Unix seconds [start, end).
type span struct{ start, end int64 }

func spanOf(s *Shift) span { return span{s.Start.Unix(), s.End.Unix()} }

func (a span) overlaps(b span) bool { return a.start < b.end && b.start < a.end }

// A fixedShift is an assignment from outside the period (the previous
// rota): it cannot change, but it still counts for overlap and rest.
type fixedShift struct {
	span
	restAfter int64 // seconds of rest owed after it (0 after an astreinte)
	key       string
}

// namer gives the names violations are reported with.
type namer interface {
	shiftName(s int32) string
	personName(p int32) string
}

func hoursText(seconds int64) string {
	return fmt.Sprintf("%gh", float64(seconds)/3600)
}

func durationSeconds(d time.Duration) int64 { return int64(d / time.Second) }

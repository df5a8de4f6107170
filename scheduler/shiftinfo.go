package scheduler

import (
	"sort"
	"time"
)

// ShiftInfo describes one shift of a problem for people and programs: the
// shape garde shifts --json prints, one object per shift.
type ShiftInfo struct {
	Key           string   `json:"key"`
	Line          string   `json:"line"`
	Template      string   `json:"template"`
	Establishment string   `json:"establishment"`
	Specialty     string   `json:"specialty"`
	Mode          Mode     `json:"mode"`
	Date          Date     `json:"date"`
	Start         string   `json:"start"`       // RFC 3339, UTC
	End           string   `json:"end"`         // RFC 3339, UTC
	LocalStart    string   `json:"local_start"` // RFC 3339 with the local offset
	LocalEnd      string   `json:"local_end"`
	Hours         float64  `json:"hours"` // real elapsed time
	DayType       DayType  `json:"day_type"`
	Night         bool     `json:"night"`
	Weekend       bool     `json:"weekend"`
	Points        float64  `json:"points"`
	Headcount     int      `json:"headcount"`
	Eligible      []string `json:"eligible"` // doctor ids, sorted
}

// ShiftInfo describes shift i.
func (pb *Problem) ShiftInfo(i int) ShiftInfo {
	s := &pb.Shifts[i]
	loc := pb.Territory.ix.loc
	eligible := make([]string, 0, len(pb.Eligible[i]))
	for _, p := range pb.Eligible[i] {
		eligible = append(eligible, pb.Territory.Doctors[p].ID)
	}
	sort.Strings(eligible)
	return ShiftInfo{
		Key:           s.Key,
		Line:          s.Line.ID,
		Template:      s.Template.Name,
		Establishment: s.Line.Establishment,
		Specialty:     s.Line.Specialty,
		Mode:          s.Line.Mode,
		Date:          s.Date,
		Start:         s.Start.UTC().Format(time.RFC3339),
		End:           s.End.UTC().Format(time.RFC3339),
		LocalStart:    s.Start.In(loc).Format(time.RFC3339),
		LocalEnd:      s.End.In(loc).Format(time.RFC3339),
		Hours:         s.End.Sub(s.Start).Hours(),
		DayType:       s.DayType,
		Night:         s.Night,
		Weekend:       s.Weekend(),
		Points:        s.Points,
		Headcount:     s.Headcount,
		Eligible:      eligible,
	}
}

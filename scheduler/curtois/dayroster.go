package curtois

import "garde/scheduler"

// DayRoster states the instance as the engine's general day-rostering
// problem, rule for rule: H1 one shift per day, H2 successions, H3 caps per
// shift type, H4-H5 worked minutes, H6-H7 blocks of worked days, H8 blocks
// of days off, H9 weekends, H10 days off (people are not eligible then).
func (in *Instance) DayRoster() *scheduler.DayRoster {
	r := &scheduler.DayRoster{Name: in.Name, Days: in.Horizon}
	for _, s := range in.Shifts {
		r.Shifts = append(r.Shifts, scheduler.DayShift{ID: s.ID, Minutes: s.Minutes, ForbiddenNext: s.Forbidden})
	}
	for _, st := range in.Staff {
		r.People = append(r.People, scheduler.RosterPerson{
			ID: st.ID, MaxOfType: st.MaxShifts,
			MinMinutes: st.MinTotalMinutes, MaxMinutes: st.MaxTotalMinutes,
			MinConsecutive: st.MinConsecutiveShifts, MaxConsecutive: st.MaxConsecutiveShifts,
			MinDaysOff: st.MinConsecutiveDaysOff, MaxWeekends: st.MaxWeekends,
			DayOff: st.DayOff,
		})
	}
	convert := func(qs []Request) []scheduler.DayRequest {
		out := make([]scheduler.DayRequest, len(qs))
		for i, q := range qs {
			out[i] = scheduler.DayRequest{Person: q.Staff, Day: q.Day, Shift: q.Shift, Weight: q.Weight}
		}
		return out
	}
	r.OnRequests, r.OffRequests = convert(in.OnRequests), convert(in.OffRequests)
	r.Cover = make([][]scheduler.DayCover, in.Horizon)
	for d, row := range in.Cover {
		r.Cover[d] = make([]scheduler.DayCover, len(row))
		for s, c := range row {
			r.Cover[d][s] = scheduler.DayCover{Requirement: c.Requirement, Under: c.UnderWeight, Over: c.OverWeight}
		}
	}
	return r
}

// RosterOf turns a solved assignment ([staff][day] shift type or -1) into
// a Roster.
func (in *Instance) RosterOf(assign [][]int) *Roster {
	r := NewRoster(in)
	for e, days := range assign {
		for d, s := range days {
			if s >= 0 {
				r.Shifts[e][d] = []int{s}
			}
		}
	}
	return r
}

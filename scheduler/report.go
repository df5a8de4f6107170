package scheduler

import "sort"

// A DoctorLoad is one doctor's part of a rota: what they carry against
// their fair share, the wishes the rota breaks for them, and their pay.
type DoctorLoad struct {
	Doctor        string  `json:"doctor"`
	Name          string  `json:"name,omitempty"`
	Sector        Sector  `json:"sector"`
	Establishment string  `json:"establishment,omitempty"`
	Shifts        int     `json:"shifts"`
	Nights        int     `json:"nights"`
	Hours         float64 `json:"hours"`  // real elapsed time
	Points        float64 `json:"points"` // B_d
	Target        float64 `json:"target"` // T_d, the fair share of points
	Weekends      int     `json:"weekend_shifts"`
	WeekendTarget float64 `json:"weekend_target"`
	WishesBroken  int     `json:"wishes_broken"` // summed weights
	Pay           float64 `json:"pay"`           // harmonized grid
	LegacyPay     float64 `json:"legacy_pay"`    // the sector's grid before harmonization
}

// Loads describes every doctor's part of a rota, in the territory's order.
// Assignments to unknown shifts or doctors are left out.
func (pb *Problem) Loads(r *Rota) []DoctorLoad {
	t := pb.Territory
	out := make([]DoctorLoad, len(t.Doctors))
	taken := map[[2]int32]bool{}
	for pos := range t.Doctors {
		d := &t.Doctors[pos]
		out[pos] = DoctorLoad{Doctor: d.ID, Name: d.Name, Sector: d.Sector, Establishment: d.Establishment,
			Target: pb.LoadTarget[pos], WeekendTarget: pb.WeekendTarget[pos]}
	}
	harmonized := t.harmonizedGrid()
	for _, a := range r.Assignments {
		s, okShift := pb.shiftIndex[a.Shift]
		pos, okDoctor := t.ix.doctorPos[a.Doctor]
		if !okShift || !okDoctor || taken[[2]int32{s, int32(pos)}] {
			continue
		}
		taken[[2]int32{s, int32(pos)}] = true
		sh := &pb.Shifts[s]
		l := &out[pos]
		l.Shifts++
		l.Points += sh.Points
		l.Hours += sh.End.Sub(sh.Start).Hours()
		if sh.Night {
			l.Nights++
		}
		if sh.Weekend() {
			l.Weekends++
		}
		l.Pay += payFor(sh, harmonized)
		l.LegacyPay += payFor(sh, t.legacyGrid(t.Doctors[pos].Sector))
		avoid, _ := pb.wishes[pos].weights(sh)
		l.WishesBroken += avoid
	}
	for s, people := range pb.Eligible {
		for _, p := range people {
			if len(pb.wishes[p].wishes) > 0 && !taken[[2]int32{int32(s), p}] {
				_, prefer := pb.wishes[p].weights(&pb.Shifts[s])
				out[p].WishesBroken += prefer
			}
		}
	}
	return out
}

// A SectorBalance compares a sector's part of the load with its part of
// the capacity: the fair shares (targets) of its doctors.
type SectorBalance struct {
	Sector        Sector  `json:"sector"`
	Doctors       int     `json:"doctors"`
	Points        float64 `json:"points"`
	LoadShare     float64 `json:"load_share"`     // of all points assigned
	CapacityShare float64 `json:"capacity_share"` // of all fair shares
	Pay           float64 `json:"pay"`
	LegacyPay     float64 `json:"legacy_pay"`
}

// SectorBalances sums loads by sector, in the order public, private, liberal.
func SectorBalances(loads []DoctorLoad) []SectorBalance {
	by := map[Sector]*SectorBalance{}
	var points, targets float64
	for _, s := range Sectors {
		by[s] = &SectorBalance{Sector: s}
	}
	capacity := map[Sector]float64{}
	for _, l := range loads {
		b := by[l.Sector]
		b.Doctors++
		b.Points += l.Points
		b.Pay += l.Pay
		b.LegacyPay += l.LegacyPay
		capacity[l.Sector] += l.Target
		points += l.Points
		targets += l.Target
	}
	out := make([]SectorBalance, 0, len(Sectors))
	for _, s := range Sectors {
		b := by[s]
		if points > 0 {
			b.LoadShare = b.Points / points
		}
		if targets > 0 {
			b.CapacityShare = capacity[s] / targets
		}
		out = append(out, *b)
	}
	return out
}

// An EstablishmentPay is what the rota pays the doctors of one
// establishment, under the harmonized grid and the legacy ones.
type EstablishmentPay struct {
	Establishment string  `json:"establishment"`
	Pay           float64 `json:"pay"`
	LegacyPay     float64 `json:"legacy_pay"`
}

// EstablishmentPays sums pay by the doctors' own establishment ("" for
// doctors without one), sorted by establishment.
func EstablishmentPays(loads []DoctorLoad) []EstablishmentPay {
	by := map[string]*EstablishmentPay{}
	for _, l := range loads {
		e := by[l.Establishment]
		if e == nil {
			e = &EstablishmentPay{Establishment: l.Establishment}
			by[l.Establishment] = e
		}
		e.Pay += l.Pay
		e.LegacyPay += l.LegacyPay
	}
	out := make([]EstablishmentPay, 0, len(by))
	for _, e := range by {
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Establishment < out[j].Establishment })
	return out
}

package store

import (
	"garde/scheduler"

	"gorm.io/gorm"
)

// revisionContent is every row of one territory revision but the revision
// row itself, table by table.
type revisionContent struct {
	rules            []rulesRow // zero or one
	pay              []paySettingsRow
	payRates         []payRateRow
	establishments   []establishmentRow
	lines            []lineRow
	pool             []linePoolRow
	overrides        []overrideRow
	templates        []templateRow
	templateDayTypes []templateDayTypeRow
	templatePay      []templatePayRow
	doctors          []doctorRow
	specialties      []doctorSpecialtyRow
	sites            []doctorSiteRow
	unavailable      []unavailabilityRow
	wishes           []wishRow
	wishDates        []wishDateRow
	wishDayTypes     []wishDayTypeRow
	pins             []pinRow
}

// insertBatch bounds the rows of one INSERT, far below the bound parameters
// either backend accepts (SQLite 32766, PostgreSQL 65535).
const insertBatch = 500

// insert writes the rows, parents before children (foreign keys are
// checked at once).
func (c *revisionContent) insert(tx *gorm.DB) error {
	for _, insert := range []func(*gorm.DB) error{
		insertRows(c.rules), insertRows(c.pay), insertRows(c.payRates),
		insertRows(c.establishments), insertRows(c.lines), insertRows(c.pool), insertRows(c.overrides),
		insertRows(c.templates), insertRows(c.templateDayTypes), insertRows(c.templatePay),
		insertRows(c.doctors), insertRows(c.specialties), insertRows(c.sites), insertRows(c.unavailable),
		insertRows(c.wishes), insertRows(c.wishDates), insertRows(c.wishDayTypes), insertRows(c.pins),
	} {
		if err := insert(tx); err != nil {
			return err
		}
	}
	return nil
}

func insertRows[T any](rows []T) func(*gorm.DB) error {
	return func(tx *gorm.DB) error {
		if len(rows) == 0 {
			return nil
		}
		return tx.CreateInBatches(rows, insertBatch).Error
	}
}

// loadContent reads every row of a revision. Rows come ordered by position,
// so the children of each parent come in their file order too.
func loadContent(db *gorm.DB, revisionID int64) (*revisionContent, error) {
	c := &revisionContent{}
	for _, load := range []func(*gorm.DB) error{
		loadRows(&c.rules, revisionID, "revision_id"), loadRows(&c.pay, revisionID, "revision_id"),
		loadRows(&c.payRates, revisionID, "position"),
		loadRows(&c.establishments, revisionID, "position"), loadRows(&c.lines, revisionID, "position"),
		loadRows(&c.pool, revisionID, "position"), loadRows(&c.overrides, revisionID, "position"),
		loadRows(&c.templates, revisionID, "position"), loadRows(&c.templateDayTypes, revisionID, "position"),
		loadRows(&c.templatePay, revisionID, "position"),
		loadRows(&c.doctors, revisionID, "position"), loadRows(&c.specialties, revisionID, "position"),
		loadRows(&c.sites, revisionID, "position"), loadRows(&c.unavailable, revisionID, "position"),
		loadRows(&c.wishes, revisionID, "position"), loadRows(&c.wishDates, revisionID, "position"),
		loadRows(&c.wishDayTypes, revisionID, "position"), loadRows(&c.pins, revisionID, "position"),
	} {
		if err := load(db); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func loadRows[T any](dst *[]T, revisionID int64, order string) func(*gorm.DB) error {
	return func(db *gorm.DB) error {
		return db.Where("revision_id = ?", revisionID).Order(order).Find(dst).Error
	}
}

// contentOf turns a territory into the rows of revision revisionID.
func contentOf(t *scheduler.Territory, revisionID int64) *revisionContent {
	c := &revisionContent{}
	id := revisionID
	if r := t.Rules; r != nil {
		row := rulesRow{RevisionID: id, MinRestHours: num(r.MinRestHours), MaxShifts: copyOf(r.MaxShifts),
			MaxWeekends: copyOf(r.MaxWeekends), MinGapHours: num(r.MinGapHours), MaxConsecutiveDays: copyOf(r.MaxConsecutiveDays)}
		if w := r.Weights; w != nil {
			row.WeightsPresent = true
			row.WeightFairness, row.WeightWeekendFairness = num(w.Fairness), num(w.WeekendFairness)
			row.WeightWishes, row.WeightSpacing = num(w.Wishes), num(w.Spacing)
			row.WeightTravel, row.WeightStability = num(w.Travel), num(w.Stability)
		}
		c.rules = append(c.rules, row)
	}
	if p := t.Pay; p != nil {
		c.pay = append(c.pay, paySettingsRow{RevisionID: id, Currency: nullString(p.Currency), LegacyPresent: p.Legacy != nil})
		c.addRates(id, gridHarmonized, p.Grid)
		if l := p.Legacy; l != nil {
			c.addRates(id, gridPublic, l.Public)
			c.addRates(id, gridPrivate, l.Private)
			c.addRates(id, gridLiberal, l.Liberal)
		}
	}
	for i, e := range t.Establishments {
		c.establishments = append(c.establishments, establishmentRow{RevisionID: id, ID: e.ID, Position: i,
			Kind: string(e.Kind), Name: nullString(e.Name), Lat: num(e.Lat), Lon: num(e.Lon), Finess: nullString(e.Finess)})
	}
	for i := range t.Lines {
		c.addLine(id, i, &t.Lines[i])
	}
	for i := range t.Doctors {
		c.addDoctor(id, i, &t.Doctors[i])
	}
	for i, p := range t.Pins {
		c.pins = append(c.pins, pinRow{RevisionID: id, Position: i, ShiftKey: p.Shift, DoctorID: p.Doctor})
	}
	return c
}

func (c *revisionContent) addRates(id int64, grid string, rates []scheduler.PayRate) {
	for i, r := range rates {
		c.payRates = append(c.payRates, payRateRow{RevisionID: id, Grid: grid, Position: i,
			Mode: string(r.Mode), DayType: string(r.DayType), Night: r.Night, Amount: plain0(r.Amount)})
	}
}

func (c *revisionContent) addLine(id int64, pos int, l *scheduler.Line) {
	c.lines = append(c.lines, lineRow{RevisionID: id, ID: l.ID, Position: pos, EstablishmentID: l.Establishment,
		Specialty: l.Specialty, Mode: string(l.Mode), Name: nullString(l.Name), Headcount: copyOf(l.Headcount)})
	for i, e := range l.Pool {
		c.pool = append(c.pool, linePoolRow{RevisionID: id, LineID: l.ID, Position: i, EstablishmentID: e})
	}
	for i, o := range l.Overrides {
		c.overrides = append(c.overrides, overrideRow{RevisionID: id, LineID: l.ID, Position: i,
			Date: sqlDate(o.Date), Closed: copyOf(o.Closed), Headcount: copyOf(o.Headcount)})
	}
	for i, tp := range l.Templates {
		c.templates = append(c.templates, templateRow{RevisionID: id, LineID: l.ID, Name: tp.Name, Position: i,
			RRule: tp.RRule, StartTime: sqlClock(tp.Start), EndTime: sqlClock(tp.End), DTStart: nullDate(tp.DTStart),
			Points: num(tp.Points)})
		for j, dt := range tp.DayTypes {
			c.templateDayTypes = append(c.templateDayTypes, templateDayTypeRow{RevisionID: id, LineID: l.ID,
				TemplateName: tp.Name, Position: j, DayType: string(dt)})
		}
		for j, p := range tp.Pay {
			c.templatePay = append(c.templatePay, templatePayRow{RevisionID: id, LineID: l.ID, TemplateName: tp.Name,
				Position: j, Amount: plain0(p.Amount), Mode: nullString(string(p.Mode)), DayType: nullString(string(p.DayType)),
				Night: copyOf(p.Night)})
		}
	}
}

func (c *revisionContent) addDoctor(id int64, pos int, d *scheduler.Doctor) {
	c.doctors = append(c.doctors, doctorRow{RevisionID: id, ID: d.ID, Position: pos, Sector: string(d.Sector),
		Name: nullString(d.Name), EstablishmentID: nullString(d.Establishment), Share: num(d.Share),
		MaxShifts: copyOf(d.MaxShifts), MinHours: num(d.MinHours), RPPS: nullString(d.RPPS)})
	for i, s := range d.Specialties {
		c.specialties = append(c.specialties, doctorSpecialtyRow{RevisionID: id, DoctorID: d.ID, Position: i, Specialty: s})
	}
	for i, s := range d.Sites {
		c.sites = append(c.sites, doctorSiteRow{RevisionID: id, DoctorID: d.ID, Position: i, EstablishmentID: s})
	}
	for i, u := range d.Unavailable {
		c.unavailable = append(c.unavailable, unavailabilityRow{RevisionID: id, DoctorID: d.ID, Position: i,
			FromDate: nullDate(u.From), ToDate: nullDate(u.To), RRule: nullString(u.RRule),
			StartTime: nullClock(u.Start), EndTime: nullClock(u.End), DTStart: nullDate(u.DTStart)})
	}
	for i, w := range d.Wishes {
		c.wishes = append(c.wishes, wishRow{RevisionID: id, DoctorID: d.ID, Position: i, Kind: string(w.Kind),
			Weight: w.Weight, FromDate: nullDate(w.From), ToDate: nullDate(w.To), RRule: nullString(w.RRule),
			StartTime: nullClock(w.Start), EndTime: nullClock(w.End), DTStart: nullDate(w.DTStart), Night: copyOf(w.Night)})
		for j, date := range w.Dates {
			c.wishDates = append(c.wishDates, wishDateRow{RevisionID: id, DoctorID: d.ID, WishPosition: i, Position: j, Date: sqlDate(date)})
		}
		for j, dt := range w.DayTypes {
			c.wishDayTypes = append(c.wishDayTypes, wishDayTypeRow{RevisionID: id, DoctorID: d.ID, WishPosition: i, Position: j, DayType: string(dt)})
		}
	}
}

// territory rebuilds the territory file the rows hold. Lists the file
// requires (establishments, lines, templates, doctors, specialties, sites,
// the harmonized grid) come back empty rather than nil, so that they encode
// as [] and not null; optional lists with no rows come back nil, as the file
// parser leaves them when the field is absent.
func (c *revisionContent) territory(rev revisionRow) *scheduler.Territory {
	t := &scheduler.Territory{
		Format: rev.Format,
		Info: scheduler.TerritoryInfo{ID: rev.TerritoryID, Name: stringOf(rev.Name),
			Timezone: stringOf(rev.Timezone), Holidays: stringOf(rev.Holidays)},
		Establishments: make([]scheduler.Establishment, 0, len(c.establishments)),
		Lines:          make([]scheduler.Line, 0, len(c.lines)),
		Doctors:        make([]scheduler.Doctor, 0, len(c.doctors)),
	}
	for _, r := range c.rules {
		t.Rules = &scheduler.Rules{MinRestHours: copyOf(r.MinRestHours), MaxShifts: copyOf(r.MaxShifts),
			MaxWeekends: copyOf(r.MaxWeekends), MinGapHours: copyOf(r.MinGapHours), MaxConsecutiveDays: copyOf(r.MaxConsecutiveDays)}
		if r.WeightsPresent {
			t.Rules.Weights = &scheduler.Weights{Fairness: copyOf(r.WeightFairness), WeekendFairness: copyOf(r.WeightWeekendFairness),
				Wishes: copyOf(r.WeightWishes), Spacing: copyOf(r.WeightSpacing), Travel: copyOf(r.WeightTravel),
				Stability: copyOf(r.WeightStability)}
		}
	}
	for _, p := range c.pay {
		t.Pay = c.payOf(p)
	}
	for _, e := range c.establishments {
		t.Establishments = append(t.Establishments, scheduler.Establishment{ID: e.ID, Kind: scheduler.EstablishmentKind(e.Kind),
			Name: stringOf(e.Name), Lat: copyOf(e.Lat), Lon: copyOf(e.Lon), Finess: stringOf(e.Finess)})
	}
	c.fillLines(t)
	c.fillDoctors(t)
	for _, p := range c.pins {
		t.Pins = append(t.Pins, scheduler.Pin{Shift: p.ShiftKey, Doctor: p.DoctorID})
	}
	return t
}

func (c *revisionContent) payOf(p paySettingsRow) *scheduler.Pay {
	grids := map[string][]scheduler.PayRate{}
	for _, r := range c.payRates {
		grids[r.Grid] = append(grids[r.Grid], scheduler.PayRate{Mode: scheduler.Mode(r.Mode),
			DayType: scheduler.DayType(r.DayType), Night: r.Night, Amount: plain0(r.Amount)})
	}
	pay := &scheduler.Pay{Currency: stringOf(p.Currency), Grid: grids[gridHarmonized]}
	if pay.Grid == nil {
		pay.Grid = []scheduler.PayRate{}
	}
	if p.LegacyPresent {
		pay.Legacy = &scheduler.LegacyPay{Public: grids[gridPublic], Private: grids[gridPrivate], Liberal: grids[gridLiberal]}
	}
	return pay
}

func (c *revisionContent) fillLines(t *scheduler.Territory) {
	lineAt := map[string]int{}
	for i, l := range c.lines {
		lineAt[l.ID] = i
		t.Lines = append(t.Lines, scheduler.Line{ID: l.ID, Establishment: l.EstablishmentID, Specialty: l.Specialty,
			Mode: scheduler.Mode(l.Mode), Templates: []scheduler.Template{}, Name: stringOf(l.Name), Headcount: copyOf(l.Headcount)})
	}
	for _, p := range c.pool {
		l := &t.Lines[lineAt[p.LineID]]
		l.Pool = append(l.Pool, p.EstablishmentID)
	}
	for _, o := range c.overrides {
		l := &t.Lines[lineAt[o.LineID]]
		l.Overrides = append(l.Overrides, scheduler.Override{Date: scheduler.Date(o.Date), Closed: copyOf(o.Closed), Headcount: copyOf(o.Headcount)})
	}
	type templateKey struct{ line, name string }
	templateAt := map[templateKey]int{}
	for _, tp := range c.templates {
		l := &t.Lines[lineAt[tp.LineID]]
		templateAt[templateKey{tp.LineID, tp.Name}] = len(l.Templates)
		l.Templates = append(l.Templates, scheduler.Template{Name: tp.Name, RRule: tp.RRule,
			Start: scheduler.ClockTime(tp.StartTime), End: scheduler.ClockTime(tp.EndTime),
			DTStart: dateOf(tp.DTStart), Points: copyOf(tp.Points)})
	}
	template := func(line, name string) *scheduler.Template {
		return &t.Lines[lineAt[line]].Templates[templateAt[templateKey{line, name}]]
	}
	for _, r := range c.templateDayTypes {
		tp := template(r.LineID, r.TemplateName)
		tp.DayTypes = append(tp.DayTypes, scheduler.DayType(r.DayType))
	}
	for _, r := range c.templatePay {
		tp := template(r.LineID, r.TemplateName)
		tp.Pay = append(tp.Pay, scheduler.TemplatePay{Amount: r.Amount, Mode: scheduler.Mode(stringOf(r.Mode)),
			DayType: scheduler.DayType(stringOf(r.DayType)), Night: copyOf(r.Night)})
	}
}

func (c *revisionContent) fillDoctors(t *scheduler.Territory) {
	doctorAt := map[string]int{}
	for i, d := range c.doctors {
		doctorAt[d.ID] = i
		t.Doctors = append(t.Doctors, scheduler.Doctor{ID: d.ID, Sector: scheduler.Sector(d.Sector),
			Specialties: []string{}, Sites: []string{}, Name: stringOf(d.Name), Establishment: stringOf(d.EstablishmentID),
			Share: copyOf(d.Share), MaxShifts: copyOf(d.MaxShifts), MinHours: copyOf(d.MinHours), RPPS: stringOf(d.RPPS)})
	}
	doctor := func(id string) *scheduler.Doctor { return &t.Doctors[doctorAt[id]] }
	for _, r := range c.specialties {
		d := doctor(r.DoctorID)
		d.Specialties = append(d.Specialties, r.Specialty)
	}
	for _, r := range c.sites {
		d := doctor(r.DoctorID)
		d.Sites = append(d.Sites, r.EstablishmentID)
	}
	for _, u := range c.unavailable {
		d := doctor(u.DoctorID)
		d.Unavailable = append(d.Unavailable, scheduler.Unavailability{From: dateOf(u.FromDate), To: dateOf(u.ToDate),
			RRule: stringOf(u.RRule), Start: clockOf(u.StartTime), End: clockOf(u.EndTime), DTStart: dateOf(u.DTStart)})
	}
	type wishKey struct {
		doctor string
		pos    int
	}
	wishAt := map[wishKey]int{}
	for _, w := range c.wishes {
		d := doctor(w.DoctorID)
		wishAt[wishKey{w.DoctorID, w.Position}] = len(d.Wishes)
		d.Wishes = append(d.Wishes, scheduler.Wish{Kind: scheduler.WishKind(w.Kind), Weight: w.Weight,
			From: dateOf(w.FromDate), To: dateOf(w.ToDate), RRule: stringOf(w.RRule), Start: clockOf(w.StartTime),
			End: clockOf(w.EndTime), DTStart: dateOf(w.DTStart), Night: copyOf(w.Night)})
	}
	wish := func(doctorID string, pos int) *scheduler.Wish {
		return &doctor(doctorID).Wishes[wishAt[wishKey{doctorID, pos}]]
	}
	for _, r := range c.wishDates {
		w := wish(r.DoctorID, r.WishPosition)
		w.Dates = append(w.Dates, scheduler.Date(r.Date))
	}
	for _, r := range c.wishDayTypes {
		w := wish(r.DoctorID, r.WishPosition)
		w.DayTypes = append(w.DayTypes, scheduler.DayType(r.DayType))
	}
}

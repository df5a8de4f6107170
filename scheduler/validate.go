package scheduler

import (
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// territoryIndex holds what validation derives from a territory and what
// expansion needs: the zone, the calendar, the effective rules and lookups.
type territoryIndex struct {
	loc            *time.Location
	holidays       holidayCalendar
	rules          EffectiveRules
	establishments map[string]*Establishment
	lines          map[string]*Line
	doctors        map[string]*Doctor
	doctorPos      map[string]int // position in Territory.Doctors
	doctorSites    []map[string]bool
	bySpecialty    map[string][]int // specialty -> doctor positions, in file order
}

// ParseTerritory reads and validates a territory file. On failure the error
// is a FieldErrors listing every problem with its JSON path.
func ParseTerritory(data []byte) (*Territory, error) {
	t := &Territory{}
	decodeErrs := decodeStrict(data, t)
	if len(decodeErrs) > 0 && decodeErrs[0].Path == "$" && strings.HasPrefix(decodeErrs[0].Reason, "not valid JSON") {
		return nil, decodeErrs
	}
	validateErrs := t.validate()
	errs := mergeFieldErrors(decodeErrs, validateErrs)
	if len(errs) > 0 {
		return nil, errs
	}
	return t, nil
}

// mergeFieldErrors keeps every decoding problem and the validation problems
// that do not repeat one: a value the decoder could not read is left empty,
// and validation would otherwise report it again as missing.
func mergeFieldErrors(decoded, validated FieldErrors) FieldErrors {
	out := append(FieldErrors{}, decoded...)
	for _, v := range validated {
		repeated := false
		for _, d := range decoded {
			if v.Path == d.Path || strings.HasPrefix(v.Path, d.Path+".") || strings.HasPrefix(v.Path, d.Path+"[") {
				repeated = true
				break
			}
		}
		if !repeated {
			out = append(out, v)
		}
	}
	out.sortByPath()
	if len(out) > maxFieldErrors {
		out = out[:maxFieldErrors]
	}
	return out
}

// Validate checks the whole territory and prepares it for expansion. On
// failure the error is a FieldErrors listing every problem.
func (t *Territory) Validate() error {
	errs := t.validate()
	errs.sortByPath()
	return errs.err()
}

func (t *Territory) validate() FieldErrors {
	v := &validator{t: t, ix: &territoryIndex{
		establishments: map[string]*Establishment{},
		lines:          map[string]*Line{},
		doctors:        map[string]*Doctor{},
		doctorPos:      map[string]int{},
		bySpecialty:    map[string][]int{},
	}, badDoctors: map[int]bool{}}
	v.header()
	v.rules()
	v.pay()
	v.establishmentList()
	v.lineList()
	v.doctorList()
	t.ix = v.ix // pins are checked against the expanded territory
	v.pinList()
	if len(v.errs) > 0 {
		t.ix = nil
	}
	return v.errs
}

type validator struct {
	t          *Territory
	ix         *territoryIndex
	errs       FieldErrors
	badDoctors map[int]bool // doctors with a problem: pins on them are not checked further
}

func (v *validator) add(path, format string, args ...any) { v.errs.add(path, format, args...) }

// id checks an identifier: present, and free of the characters that would
// break a shift key or a URL.
func (v *validator) id(path, id string) bool {
	switch {
	case id == "":
		v.add(path, "required field is missing")
	case strings.TrimSpace(id) != id:
		v.add(path, "%q has spaces at its start or end", id)
	case strings.Contains(id, "/"):
		v.add(path, "%q must not contain /: it separates the parts of a shift key", id)
	case strings.IndexFunc(id, unicode.IsControl) >= 0:
		v.add(path, "%q contains a control character", id)
	case utf8.RuneCountInString(id) > 100:
		v.add(path, "is longer than 100 characters")
	default:
		return true
	}
	return false
}

// number checks that a value lies in [lo, hi].
func (v *validator) number(path string, x, lo, hi float64, what string) bool {
	if math.IsNaN(x) || x < lo || x > hi {
		v.add(path, "%s must be from %g to %g, got %g", what, lo, hi, x)
		return false
	}
	return true
}

func (v *validator) header() {
	t := v.t
	switch t.Format {
	case TerritoryFormat:
	case "":
		v.add("$.format", "required field is missing")
	default:
		v.add("$.format", "must be %q, got %q", TerritoryFormat, t.Format)
	}
	v.id("$.territory.id", t.Info.ID)
	v.ix.loc, _ = time.LoadLocation(DefaultTimezone)
	if tz := t.Info.Timezone; tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil || tz == "Local" {
			v.add("$.territory.timezone", "%q is not a known IANA time zone (such as Europe/Paris)", tz)
		} else {
			v.ix.loc = loc
		}
	}
	cal, err := lookupHolidayCalendar(t.Info.Holidays)
	if err != nil {
		v.add("$.territory.holidays", "%s", err)
	}
	v.ix.holidays = cal
}

func (v *validator) rules() {
	r := v.t.Rules
	v.ix.rules = v.t.EffectiveRules()
	if r == nil {
		return
	}
	if r.MinRestHours != nil {
		v.number("$.rules.min_rest_hours", *r.MinRestHours, 0, 48, "hours of rest")
	}
	if r.MaxShifts != nil {
		v.number("$.rules.max_shifts", float64(*r.MaxShifts), 0, 1000, "the cap")
	}
	if r.MaxWeekends != nil {
		v.number("$.rules.max_weekends", float64(*r.MaxWeekends), 0, 60, "the cap")
	}
	if r.MinGapHours != nil {
		v.number("$.rules.min_gap_hours", *r.MinGapHours, 0, 744, "the gap in hours")
	}
	if r.MaxConsecutiveDays != nil {
		v.number("$.rules.max_consecutive_days", float64(*r.MaxConsecutiveDays), 1, 366, "the cap")
	}
	if w := r.Weights; w != nil {
		for _, f := range []struct {
			name string
			val  *float64
		}{
			{"fairness", w.Fairness}, {"weekend_fairness", w.WeekendFairness}, {"wishes", w.Wishes},
			{"spacing", w.Spacing}, {"travel", w.Travel}, {"stability", w.Stability},
		} {
			if f.val != nil {
				v.number("$.rules.weights."+f.name, *f.val, 0, 1e6, "a weight")
			}
		}
	}
}

func (v *validator) pay() {
	p := v.t.Pay
	if p == nil {
		return
	}
	if p.Currency != "" && (len(p.Currency) != 3 || strings.ToUpper(p.Currency) != p.Currency ||
		strings.IndexFunc(p.Currency, func(r rune) bool { return r < 'A' || r > 'Z' }) >= 0) {
		v.add("$.pay.currency", "%q is not a 3-letter ISO 4217 code such as EUR", p.Currency)
	}
	v.payGrid("$.pay.grid", p.Grid)
	if l := p.Legacy; l != nil {
		for _, g := range []struct {
			name  string
			rates []PayRate
		}{{"public", l.Public}, {"private", l.Private}, {"liberal", l.Liberal}} {
			if g.rates != nil {
				v.payGrid("$.pay.legacy."+g.name, g.rates)
			}
		}
	}
}

func (v *validator) payGrid(path string, rates []PayRate) {
	if len(rates) == 0 {
		v.add(path, "must list at least one rate")
		return
	}
	seen := map[PayRate]int{}
	for i, r := range rates {
		p := indexPath(path, i)
		v.number(fieldPath(p, "amount"), r.Amount, 0, 1e6, "an amount")
		if r.Mode == "" {
			v.add(fieldPath(p, "mode"), "required field is missing")
		}
		if r.DayType == "" {
			v.add(fieldPath(p, "day_type"), "required field is missing")
		}
		k := PayRate{Mode: r.Mode, DayType: r.DayType, Night: r.Night}
		if j, dup := seen[k]; dup {
			v.add(p, "same mode, day type and night as %s", indexPath(path, j))
		}
		seen[k] = i
	}
}

func (v *validator) establishmentList() {
	if len(v.t.Establishments) == 0 {
		v.add("$.establishments", "must list at least one establishment")
	}
	firstAt := map[string]int{}
	for i := range v.t.Establishments {
		e := &v.t.Establishments[i]
		p := indexPath("$.establishments", i)
		if v.id(fieldPath(p, "id"), e.ID) {
			if j, dup := firstAt[e.ID]; dup {
				v.add(fieldPath(p, "id"), "%q is already the id of establishments[%d]", e.ID, j)
			} else {
				firstAt[e.ID] = i
				v.ix.establishments[e.ID] = e
			}
		}
		if e.Kind == "" {
			v.add(fieldPath(p, "kind"), "required field is missing")
		}
		if (e.Lat == nil) != (e.Lon == nil) {
			v.add(p, "give both lat and lon, or neither")
		}
		if e.Lat != nil {
			v.number(fieldPath(p, "lat"), *e.Lat, -90, 90, "a latitude")
		}
		if e.Lon != nil {
			v.number(fieldPath(p, "lon"), *e.Lon, -180, 180, "a longitude")
		}
		if e.Finess != "" && !validFiness(e.Finess) {
			v.add(fieldPath(p, "finess"), "%q is not a FINESS number (9 characters: department, then digits)", e.Finess)
		}
	}
}

func validFiness(s string) bool {
	if len(s) != 9 {
		return false
	}
	dept := s[:2]
	return (isDigits(dept) || dept == "2A" || dept == "2B") && isDigits(s[2:])
}

func (v *validator) lineList() {
	if len(v.t.Lines) == 0 {
		v.add("$.lines", "must list at least one line")
	}
	firstAt := map[string]int{}
	for i := range v.t.Lines {
		l := &v.t.Lines[i]
		p := indexPath("$.lines", i)
		if v.id(fieldPath(p, "id"), l.ID) {
			if j, dup := firstAt[l.ID]; dup {
				v.add(fieldPath(p, "id"), "%q is already the id of lines[%d]", l.ID, j)
			} else {
				firstAt[l.ID] = i
				v.ix.lines[l.ID] = l
			}
		}
		v.establishmentRef(fieldPath(p, "establishment"), l.Establishment)
		v.specialty(fieldPath(p, "specialty"), l.Specialty)
		if l.Mode == "" {
			v.add(fieldPath(p, "mode"), "required field is missing")
		}
		pooled := map[string]bool{}
		for j, e := range l.Pool {
			pp := indexPath(fieldPath(p, "pool"), j)
			switch {
			case !v.establishmentRef(pp, e):
			case e == l.Establishment:
				v.add(pp, "%q is the line's own establishment: the pool lists the others", e)
			case pooled[e]:
				v.add(pp, "%q is listed twice", e)
			}
			pooled[e] = true
		}
		if l.Headcount != nil {
			v.number(fieldPath(p, "headcount"), float64(*l.Headcount), 1, 100, "the headcount")
		}
		v.templateList(p, l)
		v.overrideList(p, l)
	}
}

// specialty checks a specialty name: lines and doctors match on it exactly,
// so a stray space would silently match nobody.
func (v *validator) specialty(path, name string) bool {
	switch {
	case name == "":
		v.add(path, "required field is missing")
	case strings.TrimSpace(name) != name:
		v.add(path, "%q has spaces at its start or end, and would match no specialty", name)
	default:
		return true
	}
	return false
}

func (v *validator) establishmentRef(path, id string) bool {
	if id == "" {
		v.add(path, "required field is missing")
		return false
	}
	if _, ok := v.ix.establishments[id]; !ok {
		v.add(path, "no establishment has the id %q", id)
		return false
	}
	return true
}

func (v *validator) templateList(linePath string, l *Line) {
	path := fieldPath(linePath, "templates")
	if len(l.Templates) == 0 {
		v.add(path, "a line needs at least one template")
	}
	firstAt := map[string]int{}
	for i := range l.Templates {
		tp := &l.Templates[i]
		p := indexPath(path, i)
		tp.rule = nil
		if v.id(fieldPath(p, "name"), tp.Name) {
			if j, dup := firstAt[tp.Name]; dup {
				v.add(fieldPath(p, "name"), "%q is already the name of templates[%d] of this line", tp.Name, j)
			} else {
				firstAt[tp.Name] = i
			}
		}
		tp.rule = v.recurrence(p, tp.RRule, tp.DTStart, tp.Start)
		v.dayTypes(fieldPath(p, "day_types"), tp.DayTypes)
		if tp.rule != nil && len(tp.DayTypes) > 0 && !containsDayType(tp.DayTypes, "") && !v.someDayTypeMatches(tp) {
			v.add(fieldPath(p, "day_types"), "no date the rule selects is of these day types: the template would make no shift")
		}
		if tp.Points != nil && (math.IsNaN(*tp.Points) || *tp.Points <= 0 || *tp.Points > 100) {
			v.add(fieldPath(p, "points"), "points must be more than 0 and at most 100, got %g", *tp.Points)
		}
		for j, pay := range tp.Pay {
			v.number(fieldPath(indexPath(fieldPath(p, "pay"), j), "amount"), pay.Amount, 0, 1e6, "an amount")
		}
	}
}

// someDayTypeMatches reports whether one of the first 400 dates a
// template's rule selects has one of its day types: 400 consecutive
// selected dates cover every weekday and the holidays' pattern, so a
// template that matches none of them would never make a shift.
func (v *validator) someDayTypeMatches(tp *Template) bool {
	from := minDate
	if tp.DTStart != nil {
		from = *tp.DTStart
	}
	for _, d := range tp.rule.datesUpTo(from, maxDate, 400) {
		if containsDayType(tp.DayTypes, v.ix.holidays.dayType(d)) {
			return true
		}
	}
	return false
}

// recurrence parses the rule of a template, unavailability or wish at path.
func (v *validator) recurrence(path, text string, dtstart *Date, start ClockTime) *recurrence {
	if text == "" {
		v.add(fieldPath(path, "rrule"), "required field is missing")
		return nil
	}
	if dtstart != nil && (*dtstart < minDate || *dtstart > maxDate) {
		return nil // the date itself was reported
	}
	r, err := parseRecurrence(text, dtstart, start, v.ix.loc)
	if err != nil {
		v.add(fieldPath(path, "rrule"), "%q: %s", text, err)
		return nil
	}
	return r
}

func (v *validator) dayTypes(path string, types []DayType) {
	seen := map[DayType]bool{}
	for i, dt := range types {
		if seen[dt] {
			v.add(indexPath(path, i), "%q is listed twice", dt)
		}
		seen[dt] = true
	}
}

func (v *validator) overrideList(linePath string, l *Line) {
	seen := map[Date]int{}
	for i, o := range l.Overrides {
		p := indexPath(fieldPath(linePath, "overrides"), i)
		if j, dup := seen[o.Date]; dup {
			v.add(fieldPath(p, "date"), "%s is already overridden by overrides[%d]", o.Date, j)
		}
		seen[o.Date] = i
		switch {
		case o.Closed == nil && o.Headcount == nil:
			v.add(p, "an override needs closed: true or a headcount")
		case o.Closed != nil && !*o.Closed && o.Headcount == nil:
			v.add(fieldPath(p, "closed"), "closed: false changes nothing: give a headcount or remove the override")
		case o.Closed != nil && *o.Closed && o.Headcount != nil && *o.Headcount > 0:
			v.add(p, "closed: true contradicts a headcount of %d", *o.Headcount)
		case o.Headcount != nil:
			v.number(fieldPath(p, "headcount"), float64(*o.Headcount), 0, 100, "the headcount")
		}
	}
}

func (v *validator) doctorList() {
	firstAt := map[string]int{}
	for i := range v.t.Doctors {
		d := &v.t.Doctors[i]
		p := indexPath("$.doctors", i)
		before := len(v.errs)
		if v.id(fieldPath(p, "id"), d.ID) {
			if j, dup := firstAt[d.ID]; dup {
				v.add(fieldPath(p, "id"), "%q is already the id of doctors[%d]", d.ID, j)
			} else {
				firstAt[d.ID] = i
				v.ix.doctors[d.ID] = d
				v.ix.doctorPos[d.ID] = i
			}
		}
		if d.Sector == "" {
			v.add(fieldPath(p, "sector"), "required field is missing")
		}
		if len(d.Specialties) == 0 {
			v.add(fieldPath(p, "specialties"), "a doctor needs at least one specialty")
		}
		specialties := map[string]bool{}
		for j, s := range d.Specialties {
			if !v.specialty(indexPath(fieldPath(p, "specialties"), j), s) {
				continue
			}
			if specialties[s] {
				v.add(indexPath(fieldPath(p, "specialties"), j), "%q is listed twice", s)
			} else if s != "" {
				specialties[s] = true
				v.ix.bySpecialty[s] = append(v.ix.bySpecialty[s], i)
			}
		}
		sites := map[string]bool{}
		for j, s := range d.Sites {
			sp := indexPath(fieldPath(p, "sites"), j)
			if sites[s] {
				v.add(sp, "%q is listed twice", s)
			} else if v.establishmentRef(sp, s) {
				sites[s] = true
			}
		}
		if d.Establishment != "" && v.establishmentRef(fieldPath(p, "establishment"), d.Establishment) {
			sites[d.Establishment] = true
		}
		if len(d.Sites) == 0 && d.Establishment == "" {
			v.add(fieldPath(p, "sites"), "the doctor has no site: give an establishment or sites")
		}
		v.ix.doctorSites = append(v.ix.doctorSites, sites)
		if d.Share != nil {
			v.number(fieldPath(p, "share"), *d.Share, 0, 10, "the share")
		}
		if d.MaxShifts != nil {
			v.number(fieldPath(p, "max_shifts"), float64(*d.MaxShifts), 0, 1000, "the cap")
		}
		if d.MinHours != nil && v.number(fieldPath(p, "min_hours"), *d.MinHours, 0, 744, "the minimum") &&
			*d.MinHours > 0 && d.Share != nil && *d.Share == 0 {
			v.add(fieldPath(p, "min_hours"), "an exempt doctor (share 0) takes no shift, so cannot have a minimum")
		}
		if d.RPPS != "" && (len(d.RPPS) != 11 || !isDigits(d.RPPS)) {
			v.add(fieldPath(p, "rpps"), "%q is not an RPPS number (11 digits)", d.RPPS)
		}
		for j := range d.Unavailable {
			v.unavailability(indexPath(fieldPath(p, "unavailable"), j), &d.Unavailable[j])
		}
		for j := range d.Wishes {
			v.wish(indexPath(fieldPath(p, "wishes"), j), &d.Wishes[j])
		}
		if len(v.errs) > before {
			v.badDoctors[i] = true
		}
	}
}

func (v *validator) unavailability(p string, u *Unavailability) {
	u.rule = nil
	hasRange := u.From != nil || u.To != nil
	if hasRange {
		switch {
		case u.From == nil:
			v.add(fieldPath(p, "from"), "a date range needs both from and to")
		case u.To == nil:
			v.add(fieldPath(p, "to"), "a date range needs both from and to")
		case *u.To < *u.From:
			v.add(fieldPath(p, "to"), "%s is before from (%s)", *u.To, *u.From)
		}
	}
	if u.RRule == "" && !hasRange {
		v.add(p, "give a date range (from, to), a recurring window (rrule, start, end), or both")
	}
	u.rule = v.window(p, u.RRule, u.Start, u.End, u.DTStart)
}

func (v *validator) wish(p string, w *Wish) {
	w.rule = nil
	v.number(fieldPath(p, "weight"), float64(w.Weight), 1, 10, "the weight")
	if w.From != nil && w.To != nil && *w.To < *w.From {
		v.add(fieldPath(p, "to"), "%s is before from (%s)", *w.To, *w.From)
	}
	seen := map[Date]bool{}
	for i, d := range w.Dates {
		if seen[d] {
			v.add(indexPath(fieldPath(p, "dates"), i), "%s is listed twice", d)
		}
		seen[d] = true
	}
	v.dayTypes(fieldPath(p, "day_types"), w.DayTypes)
	if len(w.Dates) == 0 && w.From == nil && w.To == nil && w.RRule == "" && len(w.DayTypes) == 0 && w.Night == nil {
		v.add(p, "a wish needs at least one filter (dates, from, to, rrule, day_types or night)")
	}
	w.rule = v.window(p, w.RRule, w.Start, w.End, w.DTStart)
}

// window checks the recurring window of an unavailability or a wish: start
// and end go with a rule and only with one.
func (v *validator) window(p, rule string, start, end *ClockTime, dtstart *Date) *recurrence {
	if rule == "" {
		for name, set := range map[string]bool{"start": start != nil, "end": end != nil, "dtstart": dtstart != nil} {
			if set {
				v.add(fieldPath(p, name), "only goes with a recurring window (rrule)")
			}
		}
		return nil
	}
	if start == nil {
		v.add(fieldPath(p, "start"), "a recurring window needs start and end")
	}
	if end == nil {
		v.add(fieldPath(p, "end"), "a recurring window needs start and end")
	}
	if start == nil || end == nil {
		return nil
	}
	return v.recurrence(p, rule, dtstart, *start)
}

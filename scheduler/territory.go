package scheduler

import "time"

// TerritoryFormat tags a territory file.
const TerritoryFormat = "garde.territory/v1"

// A Territory is a whole territory's setup as the coordinator writes it in a
// territory file: its establishments, the duty lines they share, the doctors
// who staff them, the rules and the pay grid.
//
// The struct mirrors the file field for field, so that exporting what was
// imported gives the same file. Optional fields the file leaves out stay nil
// or empty; the Effective* methods apply the documented defaults.
//
// A Territory must be validated (ParseTerritory or Validate) before shifts are
// expanded from it: validation also prepares the lookups expansion uses.
// Change it only before validating, or validate it again after.
type Territory struct {
	Format         string          `json:"format" garde:"required"`
	Info           TerritoryInfo   `json:"territory" garde:"required"`
	Rules          *Rules          `json:"rules,omitempty"`
	Pay            *Pay            `json:"pay,omitempty"`
	Establishments []Establishment `json:"establishments" garde:"required"`
	Lines          []Line          `json:"lines" garde:"required"`
	Doctors        []Doctor        `json:"doctors" garde:"required"`
	Pins           []Pin           `json:"pins,omitempty"`

	ix *territoryIndex // built by Validate
}

// TerritoryInfo names the territory and sets its clock and calendar.
type TerritoryInfo struct {
	ID       string `json:"id" garde:"required"`
	Name     string `json:"name,omitempty"`
	Timezone string `json:"timezone,omitempty"` // IANA name, default Europe/Paris
	Holidays string `json:"holidays,omitempty"` // FR (default), FR-Alsace-Moselle (FR-57, FR-67, FR-68) or none
}

// Rules are the territory's working-time rules and objective weights.
// A nil field takes its default.
type Rules struct {
	MinRestHours *float64 `json:"min_rest_hours,omitempty"` // after an on-site shift; default 11
	MaxShifts    *int     `json:"max_shifts,omitempty"`     // per doctor per period; default 8
	MaxWeekends  *int     `json:"max_weekends,omitempty"`   // distinct weekends per period; default 2
	MinGapHours  *float64 `json:"min_gap_hours,omitempty"`  // spacing between starts; default 72
	// MaxConsecutiveDays caps the days in a row on which a doctor starts a
	// shift (by local start date); no cap by default.
	MaxConsecutiveDays *int     `json:"max_consecutive_days,omitempty"`
	Weights            *Weights `json:"weights,omitempty"`
}

// Weights weigh the terms of the objective; each is at least 0.
type Weights struct {
	Fairness        *float64 `json:"fairness,omitempty"`         // F, default 100
	WeekendFairness *float64 `json:"weekend_fairness,omitempty"` // K, default 100
	Wishes          *float64 `json:"wishes,omitempty"`           // P, default 10
	Spacing         *float64 `json:"spacing,omitempty"`          // S, default 20
	Travel          *float64 `json:"travel,omitempty"`           // T, default 0.1
	Stability       *float64 `json:"stability,omitempty"`        // C, default 1000
}

// Pay is the territory's harmonized pay grid and, for comparison, the
// legacy grids each sector was paid before.
type Pay struct {
	Currency string     `json:"currency,omitempty"` // ISO 4217, default EUR
	Grid     []PayRate  `json:"grid" garde:"required"`
	Legacy   *LegacyPay `json:"legacy,omitempty"`
}

// A PayRate is what one shift of a mode, day type and night flag pays.
type PayRate struct {
	Mode    Mode    `json:"mode" garde:"required"`
	DayType DayType `json:"day_type" garde:"required"`
	Night   bool    `json:"night" garde:"required"`
	Amount  float64 `json:"amount" garde:"required"`
}

// LegacyPay holds a grid per sector; a sector left out was paid the
// harmonized grid.
type LegacyPay struct {
	Public  []PayRate `json:"public,omitempty"`
	Private []PayRate `json:"private,omitempty"`
	Liberal []PayRate `json:"liberal,omitempty"`
}

// An Establishment is a site: a public hospital, a private clinic or a
// liberal practice.
type Establishment struct {
	ID     string            `json:"id" garde:"required"`
	Kind   EstablishmentKind `json:"kind" garde:"required"`
	Name   string            `json:"name,omitempty"`
	Lat    *float64          `json:"lat,omitempty"`
	Lon    *float64          `json:"lon,omitempty"`
	Finess string            `json:"finess,omitempty"` // 9-character FINESS number
}

// A Line is a duty that must be staffed: one specialty hosted by one
// establishment, optionally pooled with others whose doctors may take it.
type Line struct {
	ID            string     `json:"id" garde:"required"`
	Establishment string     `json:"establishment" garde:"required"`
	Specialty     string     `json:"specialty" garde:"required"`
	Mode          Mode       `json:"mode" garde:"required"`
	Templates     []Template `json:"templates" garde:"required"`
	Name          string     `json:"name,omitempty"`
	Pool          []string   `json:"pool,omitempty"`
	Headcount     *int       `json:"headcount,omitempty"` // seats per shift; default 1
	Overrides     []Override `json:"overrides,omitempty"`
}

// A Template makes a line's shifts: its rule selects dates, and each selected
// date gets a shift from Start to End, local wall-clock time.
type Template struct {
	Name     string        `json:"name" garde:"required"`
	RRule    string        `json:"rrule" garde:"required"`
	Start    ClockTime     `json:"start" garde:"required"`
	End      ClockTime     `json:"end" garde:"required"`
	DTStart  *Date         `json:"dtstart,omitempty"`
	DayTypes []DayType     `json:"day_types,omitempty"`
	Points   *float64      `json:"points,omitempty"` // load of one shift; default 1
	Pay      []TemplatePay `json:"pay,omitempty"`

	rule *recurrence // parsed by Validate
}

// A TemplatePay overrides the grid for the template's shifts that match its
// given filters; the first matching entry wins.
type TemplatePay struct {
	Amount  float64 `json:"amount" garde:"required"`
	Mode    Mode    `json:"mode,omitempty"`
	DayType DayType `json:"day_type,omitempty"`
	Night   *bool   `json:"night,omitempty"`
}

// An Override changes one date of a line: closed (no shift at all) or a
// different headcount (0 also closes).
type Override struct {
	Date      Date  `json:"date" garde:"required"`
	Closed    *bool `json:"closed,omitempty"`
	Headcount *int  `json:"headcount,omitempty"`
}

// A Doctor is a person who takes shifts.
type Doctor struct {
	ID            string   `json:"id" garde:"required"`
	Sector        Sector   `json:"sector" garde:"required"`
	Specialties   []string `json:"specialties" garde:"required"`
	Sites         []string `json:"sites" garde:"required"`
	Name          string   `json:"name,omitempty"`
	Establishment string   `json:"establishment,omitempty"`
	Share         *float64 `json:"share,omitempty"`      // part of a full load; 0 = exempt; default 1
	MaxShifts     *int     `json:"max_shifts,omitempty"` // personal cap per period
	// MinHours is a personal minimum of real hours on duty per period (a
	// commitment the doctor made); none by default.
	MinHours    *float64         `json:"min_hours,omitempty"`
	RPPS        string           `json:"rpps,omitempty"` // 11-digit RPPS number
	Unavailable []Unavailability `json:"unavailable,omitempty"`
	Wishes      []Wish           `json:"wishes,omitempty"`
}

// An Unavailability is a time a doctor cannot work: whole local days from
// From to To (both included), a recurring window, or a recurring window
// whose occurrences start within the days. No reason is stored: it could be
// health data.
type Unavailability struct {
	From    *Date      `json:"from,omitempty"`
	To      *Date      `json:"to,omitempty"`
	RRule   string     `json:"rrule,omitempty"`
	Start   *ClockTime `json:"start,omitempty"`
	End     *ClockTime `json:"end,omitempty"`
	DTStart *Date      `json:"dtstart,omitempty"`

	rule *recurrence // parsed by Validate
}

// A Wish is a soft preference of a doctor about the shifts that match all of
// its given filters.
type Wish struct {
	Kind     WishKind   `json:"kind" garde:"required"`
	Weight   int        `json:"weight" garde:"required"` // 1 to 10
	Dates    []Date     `json:"dates,omitempty"`
	From     *Date      `json:"from,omitempty"`
	To       *Date      `json:"to,omitempty"`
	RRule    string     `json:"rrule,omitempty"`
	Start    *ClockTime `json:"start,omitempty"`
	End      *ClockTime `json:"end,omitempty"`
	DTStart  *Date      `json:"dtstart,omitempty"`
	DayTypes []DayType  `json:"day_types,omitempty"`
	Night    *bool      `json:"night,omitempty"`

	rule *recurrence // parsed by Validate
}

// A Pin fixes one doctor on one shift, whatever the solver would prefer.
type Pin struct {
	Shift  string `json:"shift" garde:"required"`
	Doctor string `json:"doctor" garde:"required"`
}

// Defaults of the rules and weights (rota model).
const (
	DefaultTimezone     = "Europe/Paris"
	DefaultHolidays     = "FR"
	DefaultMinRestHours = 11.0
	DefaultMaxShifts    = 8
	DefaultMaxWeekends  = 2
	DefaultMinGapHours  = 72.0
	DefaultCurrency     = "EUR"
)

// EffectiveRules are the rules with every default applied.
type EffectiveRules struct {
	MinRest     time.Duration
	MaxShifts   int
	MaxWeekends int
	MinGap      time.Duration
	// MaxConsecutiveDays is 0 when there is no cap.
	MaxConsecutiveDays int
	Weights            EffectiveWeights
}

// EffectiveWeights are the objective weights with every default applied.
type EffectiveWeights struct {
	Fairness, WeekendFairness, Wishes, Spacing, Travel, Stability float64
}

// DefaultWeights are the weights of a territory that sets none.
var DefaultWeights = EffectiveWeights{
	Fairness: 100, WeekendFairness: 100, Wishes: 10, Spacing: 20, Travel: 0.1, Stability: 1000,
}

// EffectiveRules returns the territory's rules with defaults applied.
func (t *Territory) EffectiveRules() EffectiveRules {
	r := EffectiveRules{
		MinRest:     hoursDuration(DefaultMinRestHours),
		MaxShifts:   DefaultMaxShifts,
		MaxWeekends: DefaultMaxWeekends,
		MinGap:      hoursDuration(DefaultMinGapHours),
		Weights:     DefaultWeights,
	}
	if t.Rules == nil {
		return r
	}
	setIf(&r.MaxShifts, t.Rules.MaxShifts)
	setIf(&r.MaxWeekends, t.Rules.MaxWeekends)
	setIf(&r.MaxConsecutiveDays, t.Rules.MaxConsecutiveDays)
	if t.Rules.MinRestHours != nil {
		r.MinRest = hoursDuration(*t.Rules.MinRestHours)
	}
	if t.Rules.MinGapHours != nil {
		r.MinGap = hoursDuration(*t.Rules.MinGapHours)
	}
	if w := t.Rules.Weights; w != nil {
		setIf(&r.Weights.Fairness, w.Fairness)
		setIf(&r.Weights.WeekendFairness, w.WeekendFairness)
		setIf(&r.Weights.Wishes, w.Wishes)
		setIf(&r.Weights.Spacing, w.Spacing)
		setIf(&r.Weights.Travel, w.Travel)
		setIf(&r.Weights.Stability, w.Stability)
	}
	return r
}

func setIf[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

func hoursDuration(h float64) time.Duration { return time.Duration(h * float64(time.Hour)) }

// EffectiveShare is the doctor's share of a full load (default 1).
func (d *Doctor) EffectiveShare() float64 {
	if d.Share == nil {
		return 1
	}
	return *d.Share
}

// EffectiveHeadcount is the line's seats per shift (default 1).
func (l *Line) EffectiveHeadcount() int {
	if l.Headcount == nil {
		return 1
	}
	return *l.Headcount
}

// EffectivePoints is the load of one of the template's shifts (default 1).
func (tp *Template) EffectivePoints() float64 {
	if tp.Points == nil {
		return 1
	}
	return *tp.Points
}

// Location is the territory's time zone; valid once the territory is validated.
func (t *Territory) Location() *time.Location { return t.ix.loc }

// Doctor returns the doctor with that id, or nil.
func (t *Territory) Doctor(id string) *Doctor { return t.ix.doctors[id] }

// Line returns the line with that id, or nil.
func (t *Territory) Line(id string) *Line { return t.ix.lines[id] }

// Establishment returns the establishment with that id, or nil.
func (t *Territory) Establishment(id string) *Establishment { return t.ix.establishments[id] }

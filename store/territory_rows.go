package store

import "time"

// The rows of a territory revision, one type per table of the migrations.
// Children carry their parent's natural key (line id, doctor id, ...) and a
// position that keeps the order of the file. Pointers are nullable columns:
// the optional fields of the file.

type territoryRow struct {
	ID             string `gorm:"primaryKey"`
	LatestRevision int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (territoryRow) TableName() string { return "territories" }

type revisionRow struct {
	ID          int64 `gorm:"primaryKey"`
	TerritoryID string
	Revision    int
	Format      string
	Name        *string
	Timezone    *string
	Holidays    *string
	ContentHash string
	CreatedAt   time.Time
}

func (revisionRow) TableName() string { return "territory_revisions" }

type rulesRow struct {
	RevisionID            int64 `gorm:"primaryKey;autoIncrement:false"`
	MinRestHours          *float64
	MaxShifts             *int
	MaxWeekends           *int
	MinGapHours           *float64
	MaxConsecutiveDays    *int
	WeightsPresent        bool
	WeightFairness        *float64
	WeightWeekendFairness *float64
	WeightWishes          *float64
	WeightSpacing         *float64
	WeightTravel          *float64
	WeightStability       *float64
}

func (rulesRow) TableName() string { return "territory_rules" }

type paySettingsRow struct {
	RevisionID    int64 `gorm:"primaryKey;autoIncrement:false"`
	Currency      *string
	LegacyPresent bool
}

func (paySettingsRow) TableName() string { return "pay_settings" }

// The grids a pay rate belongs to.
const (
	gridHarmonized = "harmonized"
	gridPublic     = "public"
	gridPrivate    = "private"
	gridLiberal    = "liberal"
)

type payRateRow struct {
	RevisionID int64
	Grid       string
	Position   int
	Mode       string
	DayType    string
	Night      bool
	Amount     float64
}

func (payRateRow) TableName() string { return "pay_rates" }

type establishmentRow struct {
	RevisionID int64
	ID         string
	Position   int
	Kind       string
	Name       *string
	Lat        *float64
	Lon        *float64
	Finess     *string
}

func (establishmentRow) TableName() string { return "establishments" }

type lineRow struct {
	RevisionID      int64
	ID              string
	Position        int
	EstablishmentID string
	Specialty       string
	Mode            string
	Name            *string
	Headcount       *int
}

func (lineRow) TableName() string { return "duty_lines" }

type linePoolRow struct {
	RevisionID      int64
	LineID          string
	Position        int
	EstablishmentID string
}

func (linePoolRow) TableName() string { return "line_pool" }

type overrideRow struct {
	RevisionID int64
	LineID     string
	Position   int
	Date       sqlDate
	Closed     *bool
	Headcount  *int
}

func (overrideRow) TableName() string { return "line_overrides" }

type templateRow struct {
	RevisionID int64
	LineID     string
	Name       string
	Position   int
	RRule      string `gorm:"column:rrule"`
	StartTime  sqlClock
	EndTime    sqlClock
	DTStart    *sqlDate `gorm:"column:dtstart"`
	Points     *float64
}

func (templateRow) TableName() string { return "shift_templates" }

type templateDayTypeRow struct {
	RevisionID   int64
	LineID       string
	TemplateName string
	Position     int
	DayType      string
}

func (templateDayTypeRow) TableName() string { return "template_day_types" }

type templatePayRow struct {
	RevisionID   int64
	LineID       string
	TemplateName string
	Position     int
	Amount       float64
	Mode         *string
	DayType      *string
	Night        *bool
}

func (templatePayRow) TableName() string { return "template_pay" }

type doctorRow struct {
	RevisionID      int64
	ID              string
	Position        int
	Sector          string
	Name            *string
	EstablishmentID *string
	Share           *float64
	MaxShifts       *int
	MinHours        *float64
	RPPS            *string `gorm:"column:rpps"`
}

func (doctorRow) TableName() string { return "doctors" }

type doctorSpecialtyRow struct {
	RevisionID int64
	DoctorID   string
	Position   int
	Specialty  string
}

func (doctorSpecialtyRow) TableName() string { return "doctor_specialties" }

type doctorSiteRow struct {
	RevisionID      int64
	DoctorID        string
	Position        int
	EstablishmentID string
}

func (doctorSiteRow) TableName() string { return "doctor_sites" }

type unavailabilityRow struct {
	RevisionID int64
	DoctorID   string
	Position   int
	FromDate   *sqlDate
	ToDate     *sqlDate
	RRule      *string `gorm:"column:rrule"`
	StartTime  *sqlClock
	EndTime    *sqlClock
	DTStart    *sqlDate `gorm:"column:dtstart"`
}

func (unavailabilityRow) TableName() string { return "unavailabilities" }

type wishRow struct {
	RevisionID int64
	DoctorID   string
	Position   int
	Kind       string
	Weight     int
	FromDate   *sqlDate
	ToDate     *sqlDate
	RRule      *string `gorm:"column:rrule"`
	StartTime  *sqlClock
	EndTime    *sqlClock
	DTStart    *sqlDate `gorm:"column:dtstart"`
	Night      *bool
}

func (wishRow) TableName() string { return "wishes" }

type wishDateRow struct {
	RevisionID   int64
	DoctorID     string
	WishPosition int
	Position     int
	Date         sqlDate
}

func (wishDateRow) TableName() string { return "wish_dates" }

type wishDayTypeRow struct {
	RevisionID   int64
	DoctorID     string
	WishPosition int
	Position     int
	DayType      string
}

func (wishDayTypeRow) TableName() string { return "wish_day_types" }

type pinRow struct {
	RevisionID int64
	Position   int
	ShiftKey   string
	DoctorID   string
}

func (pinRow) TableName() string { return "pins" }

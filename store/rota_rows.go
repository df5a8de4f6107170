package store

import (
	"time"

	"garde/scheduler"
)

// rotaRow is a rota: a territory and a period. LatestVersion and
// PublishedVersion (0 = none) are what writers state they expect.
type rotaRow struct {
	ID               int64 `gorm:"primaryKey"`
	TerritoryID      string
	PeriodFrom       sqlDate
	PeriodTo         sqlDate
	LatestVersion    int
	PublishedVersion int
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

func (rotaRow) TableName() string { return "rotas" }

// rotaVersionRow is one saved version of a rota. Only Status and the
// PublishedAt, SupersededAt, SupersededBy that go with it ever change, and
// only forward (the migrations' triggers enforce it).
type rotaVersionRow struct {
	ID                  int64 `gorm:"primaryKey"`
	RotaID              int64
	Version             int
	Status              string
	BasedOn             int
	TerritoryRevisionID int64
	AssignmentCount     int

	ScoreU     *int     `gorm:"column:score_u"`
	ScoreF     *float64 `gorm:"column:score_f"`
	ScoreK     *float64 `gorm:"column:score_k"`
	ScoreP     *int     `gorm:"column:score_p"`
	ScoreS     *int     `gorm:"column:score_s"`
	ScoreT     *float64 `gorm:"column:score_t"`
	ScoreC     *int     `gorm:"column:score_c"`
	ScoreTotal *float64 `gorm:"column:score_total"`

	SolverVersion *string
	Seed          *int64
	TimeLimitMS   *int64 `gorm:"column:time_limit_ms"`
	InputHash     *string
	DurationMS    *int64 `gorm:"column:duration_ms"`

	CreatedAt    time.Time
	PublishedAt  *time.Time
	SupersededAt *time.Time
	SupersededBy *int
}

func (rotaVersionRow) TableName() string { return "rota_versions" }

type assignmentRow struct {
	VersionID int64
	Position  int
	ShiftKey  string
	DoctorID  string
}

func (assignmentRow) TableName() string { return "rota_assignments" }

// setScore stores a score breakdown; nil leaves every column NULL.
func (v *rotaVersionRow) setScore(s *scheduler.Score) {
	if s == nil {
		return
	}
	c := *s // the row keeps pointers into its own copy
	s = &c
	v.ScoreU, v.ScoreF, v.ScoreK, v.ScoreP = &s.U, &s.F, &s.K, &s.P
	v.ScoreS, v.ScoreT, v.ScoreC, v.ScoreTotal = &s.S, &s.T, &s.C, &s.Total
}

// score reads the breakdown back; nil when the rota file had none.
func (v *rotaVersionRow) score() *scheduler.Score {
	if v.ScoreTotal == nil || v.ScoreU == nil || v.ScoreF == nil || v.ScoreK == nil || v.ScoreP == nil ||
		v.ScoreS == nil || v.ScoreT == nil || v.ScoreC == nil {
		return nil
	}
	return &scheduler.Score{U: *v.ScoreU, F: *v.ScoreF, K: *v.ScoreK, P: *v.ScoreP,
		S: *v.ScoreS, T: *v.ScoreT, C: *v.ScoreC, Total: *v.ScoreTotal}
}

// setProvenance stores how the version was made; what was not told is NULL.
func (v *rotaVersionRow) setProvenance(p Provenance) {
	v.SolverVersion, v.InputHash = nullString(p.SolverVersion), nullString(p.InputHash)
	v.Seed = copyOf(p.Seed)
	if p.TimeLimit > 0 {
		v.TimeLimitMS = ptr(p.TimeLimit.Milliseconds())
	}
	if p.Duration > 0 {
		v.DurationMS = ptr(p.Duration.Milliseconds())
	}
}

func (v *rotaVersionRow) provenance() Provenance {
	p := Provenance{SolverVersion: stringOf(v.SolverVersion), InputHash: stringOf(v.InputHash), Seed: copyOf(v.Seed)}
	if v.TimeLimitMS != nil {
		p.TimeLimit = time.Duration(*v.TimeLimitMS) * time.Millisecond
	}
	if v.DurationMS != nil {
		p.Duration = time.Duration(*v.DurationMS) * time.Millisecond
	}
	return p
}

package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"garde/scheduler"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// A RotaKey names a rota: a territory and a period [From, To).
type RotaKey struct {
	Territory string
	From, To  scheduler.Date
}

// KeyOf is the key of the rota a rota file is a version of.
func KeyOf(r *scheduler.Rota) RotaKey { return RotaKey{Territory: r.Territory, From: r.From, To: r.To} }

func (k RotaKey) String() string {
	return fmt.Sprintf("rota of %s from %s to %s", k.Territory, k.From, k.To)
}

// Status is where a version stands. It only moves forward: a draft may be
// published; publishing another version supersedes the published one.
type Status string

const (
	Draft      Status = "draft"
	Published  Status = "published"
	Superseded Status = "superseded"
)

// Provenance says how a version was made. Zero fields mean "not told" (a
// rota edited by hand has no solver). Durations are kept to the millisecond.
type Provenance struct {
	SolverVersion string
	Seed          *int64 // nil: no seed (0 is a seed)
	TimeLimit     time.Duration
	InputHash     string // identifies what the solver was given
	Duration      time.Duration
}

// VersionInfo describes a stored version of a rota.
type VersionInfo struct {
	Rota              RotaKey
	Version           int
	Status            Status
	BasedOn           int // the version the writer started from; 0 for none
	TerritoryRevision int // the territory revision the version was made for
	Assignments       int
	Score             *scheduler.Score // as the rota file gave it; nil when it had none
	Provenance        Provenance
	CreatedAt         time.Time  // UTC
	PublishedAt       *time.Time // UTC; nil for a draft
	SupersededAt      *time.Time // UTC; nil unless superseded
	SupersededBy      int        // the version published in its place; 0 unless superseded
}

// RotaSummary describes a stored rota.
type RotaSummary struct {
	Rota             RotaKey
	LatestVersion    int
	PublishedVersion int // 0 when none is published
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// SaveOptions go with a rota saved as a new version.
type SaveOptions struct {
	// Base is the version the writer's work starts from, 0 when it expects
	// the rota to have no version yet. The save succeeds only if Base is
	// still the latest version: otherwise someone else saved in between and
	// the save is an ErrConflict that writes nothing.
	Base int
	// Revision is the territory revision the rota was made for; 0 means the
	// latest one.
	Revision   int
	Provenance Provenance
}

// SaveRotaFile parses a rota file and saves it as a new draft version.
func (s *Store) SaveRotaFile(ctx context.Context, data []byte, opt SaveOptions) (VersionInfo, error) {
	r, err := scheduler.ParseRota(data)
	if err != nil {
		return VersionInfo{}, invalid(err, "not a valid rota file; nothing was saved")
	}
	return s.SaveVersion(ctx, r, opt)
}

// SaveVersion saves a rota as the next draft version of its rota (created
// on its first version), with its score breakdown as given and how it was
// made. The territory must be stored. All or nothing: on any error, a
// cancelled context included, nothing is written.
func (s *Store) SaveVersion(ctx context.Context, r *scheduler.Rota, opt SaveOptions) (VersionInfo, error) {
	if err := checkRota(r, opt); err != nil {
		return VersionInfo{}, err
	}
	key := KeyOf(r)
	var info VersionInfo
	err := s.write(ctx, func(tx *gorm.DB) error {
		rev, err := findRevision(tx, key.Territory, opt.Revision)
		if err != nil {
			return err
		}
		now := s.clock()
		rota, err := lockRota(tx, key, now)
		if err != nil {
			return err
		}
		if rota.LatestVersion != opt.Base {
			return staleBase(tx, key, rota, opt.Base)
		}
		v := rotaVersionRow{RotaID: rota.ID, Version: opt.Base + 1, Status: string(Draft), BasedOn: opt.Base,
			TerritoryRevisionID: rev.ID, AssignmentCount: len(r.Assignments), CreatedAt: now}
		v.setScore(r.Score)
		v.setProvenance(opt.Provenance)
		if err := tx.Create(&v).Error; err != nil {
			return err
		}
		rows := make([]assignmentRow, len(r.Assignments))
		for i, a := range r.Assignments {
			rows[i] = assignmentRow{VersionID: v.ID, Position: i, ShiftKey: a.Shift, DoctorID: a.Doctor}
		}
		if err := insertRows(rows)(tx); err != nil {
			return err
		}
		moved := tx.Model(&rotaRow{}).Where("id = ? AND latest_version = ?", rota.ID, opt.Base).
			Updates(map[string]any{"latest_version": v.Version, "updated_at": now})
		if moved.Error != nil {
			return moved.Error
		}
		if moved.RowsAffected != 1 {
			return conflict("%s: another version was saved while this one was being saved; nothing was saved: reload the latest version, redo your changes on it and save again", key)
		}
		info = versionInfo(key, v, rev.Revision)
		return nil
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		// Two first saves raced to create the same version number.
		err = conflict("%s: version %d was saved by someone else at the same time; nothing was saved: reload it, redo your changes on it and save again", key, opt.Base+1)
	}
	if err != nil {
		return VersionInfo{}, wrapWrite(err, "saving a version of the %s", key)
	}
	return info, nil
}

// checkRota refuses a rota no file could hold.
func checkRota(r *scheduler.Rota, opt SaveOptions) error {
	var problems scheduler.FieldErrors
	add := func(path, format string, args ...any) {
		problems = append(problems, scheduler.FieldError{Path: path, Reason: fmt.Sprintf(format, args...)})
	}
	if r == nil {
		return invalid(nil, "no rota to save")
	}
	if r.Format != scheduler.RotaFormat {
		add("$.format", "must be %q, got %q", scheduler.RotaFormat, r.Format)
	}
	if r.Territory == "" {
		add("$.territory", "required field is missing")
	}
	if err := scheduler.CheckPeriod(r.From, r.To); err != nil {
		add("$.to", "%s", err)
	}
	for i, a := range r.Assignments {
		if a.Shift == "" || a.Doctor == "" {
			add(fmt.Sprintf("$.assignments[%d]", i), "needs a shift and a doctor")
		}
	}
	problems = append(problems, nulProblems(r)...)
	if len(problems) > 0 {
		return invalid(problems, "not a valid rota; nothing was saved")
	}
	if opt.Base < 0 || opt.Revision < 0 {
		return invalid(nil, "the base version and the territory revision are 0 or more")
	}
	return nil
}

// lockRota finds the rota of key, creating it with no version when it is
// new, and locks its row until the transaction ends (PostgreSQL; SQLite
// holds the whole database from BEGIN).
func lockRota(tx *gorm.DB, key RotaKey, now time.Time) (rotaRow, error) {
	row := rotaRow{TerritoryID: key.Territory, PeriodFrom: sqlDate(key.From), PeriodTo: sqlDate(key.To), CreatedAt: now, UpdatedAt: now}
	if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
		return rotaRow{}, err
	}
	return findRota(tx.Clauses(clause.Locking{Strength: "UPDATE"}), key)
}

func findRota(db *gorm.DB, key RotaKey) (rotaRow, error) {
	var row rotaRow
	err := db.Where("territory_id = ? AND period_from = ? AND period_to = ?", key.Territory, sqlDate(key.From), sqlDate(key.To)).
		Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return rotaRow{}, notFound("no %s is stored (garde rota list %s shows those that are)", key, key.Territory)
	}
	if err != nil {
		return rotaRow{}, fmt.Errorf("reading the %s: %w", key, err)
	}
	return row, nil
}

// staleBase explains why a save based on version base is refused.
func staleBase(tx *gorm.DB, key RotaKey, rota rotaRow, base int) error {
	if base > rota.LatestVersion {
		return notFound("%s has no version %d to start from (latest is %d)", key, base, rota.LatestVersion)
	}
	var latest rotaVersionRow
	if err := tx.Where("rota_id = ? AND version = ?", rota.ID, rota.LatestVersion).Take(&latest).Error; err != nil {
		return err
	}
	what := "by hand"
	if sv := stringOf(latest.SolverVersion); sv != "" {
		what = "by solver " + sv
	}
	if base == 0 {
		return conflict("%s: you expected no version yet, but version %d was saved at %s (%s); nothing was saved: start from version %d, redo your changes on it and save with base %d",
			key, latest.Version, latest.CreatedAt.UTC().Format(time.RFC3339), what, latest.Version, latest.Version)
	}
	return conflict("%s: your work starts from version %d, but version %d was saved since, at %s (%s); nothing was saved: compare with version %d, redo your changes on it and save with base %d",
		key, base, latest.Version, latest.CreatedAt.UTC().Format(time.RFC3339), what, latest.Version, latest.Version)
}

func findVersion(db *gorm.DB, key RotaKey, rota rotaRow, version int) (rotaVersionRow, error) {
	var v rotaVersionRow
	err := db.Where("rota_id = ? AND version = ?", rota.ID, version).Take(&v).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		if rota.LatestVersion == 0 {
			return v, notFound("%s has no version %d (it has none)", key, version)
		}
		return v, notFound("%s has no version %d (its versions are 1 to %d)", key, version, rota.LatestVersion)
	}
	if err != nil {
		return v, fmt.Errorf("reading version %d of the %s: %w", version, key, err)
	}
	return v, nil
}

func versionInfo(key RotaKey, v rotaVersionRow, revision int) VersionInfo {
	info := VersionInfo{Rota: key, Version: v.Version, Status: Status(v.Status), BasedOn: v.BasedOn,
		TerritoryRevision: revision, Assignments: v.AssignmentCount, Score: v.score(), Provenance: v.provenance(),
		CreatedAt: v.CreatedAt.UTC(), PublishedAt: utcOf(v.PublishedAt), SupersededAt: utcOf(v.SupersededAt)}
	if v.SupersededBy != nil {
		info.SupersededBy = *v.SupersededBy
	}
	return info
}

// versionInfoOf completes a version row with its territory revision number.
func versionInfoOf(db *gorm.DB, key RotaKey, v rotaVersionRow) (VersionInfo, error) {
	var rev revisionRow
	if err := db.Where("id = ?", v.TerritoryRevisionID).Take(&rev).Error; err != nil {
		return VersionInfo{}, fmt.Errorf("reading the territory revision of version %d of the %s: %w", v.Version, key, err)
	}
	return versionInfo(key, v, rev.Revision), nil
}

func utcOf(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	return ptr(t.UTC())
}

package store

import (
	"context"
	"fmt"

	"garde/scheduler"
)

// Versions lists the versions of a rota, oldest first.
func (s *Store) Versions(ctx context.Context, key RotaKey) ([]VersionInfo, error) {
	db := s.db.WithContext(ctx)
	rota, err := findRota(db, key)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		Version  rotaVersionRow `gorm:"embedded"`
		Revision int
	}
	err = db.Table("rota_versions v").Select("v.*, r.revision").
		Joins("JOIN territory_revisions r ON r.id = v.territory_revision_id").
		Where("v.rota_id = ?", rota.ID).Order("v.version").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("listing the versions of the %s: %w", key, err)
	}
	out := make([]VersionInfo, len(rows))
	for i, r := range rows {
		out[i] = versionInfo(key, r.Version, r.Revision)
	}
	return out, nil
}

// A Period is a range of dates [From, To).
type Period struct{ From, To scheduler.Date }

// Rotas lists the rotas of a territory by period; with within set, only the
// rotas whose whole period lies inside it.
func (s *Store) Rotas(ctx context.Context, territory string, within *Period) ([]RotaSummary, error) {
	db := s.db.WithContext(ctx)
	if _, err := findRevision(db, territory, 0); err != nil {
		return nil, err
	}
	q := db.Where("territory_id = ?", territory)
	if within != nil {
		q = q.Where("period_from >= ? AND period_to <= ?", sqlDate(within.From), sqlDate(within.To))
	}
	var rows []rotaRow
	if err := q.Order("period_from, period_to").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("listing the rotas of %s: %w", territory, err)
	}
	out := make([]RotaSummary, len(rows))
	for i, r := range rows {
		out[i] = RotaSummary{Rota: RotaKey{Territory: territory, From: scheduler.Date(r.PeriodFrom), To: scheduler.Date(r.PeriodTo)},
			LatestVersion: r.LatestVersion, PublishedVersion: r.PublishedVersion, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
	}
	return out, nil
}

// Version reads a version back as a rota file, with its description.
func (s *Store) Version(ctx context.Context, key RotaKey, version int) (*scheduler.Rota, VersionInfo, error) {
	db := s.db.WithContext(ctx)
	rota, err := findRota(db, key)
	if err != nil {
		return nil, VersionInfo{}, err
	}
	v, err := findVersion(db, key, rota, version)
	if err != nil {
		return nil, VersionInfo{}, err
	}
	info, err := versionInfoOf(db, key, v)
	if err != nil {
		return nil, VersionInfo{}, err
	}
	var rows []assignmentRow
	if err := db.Where("version_id = ?", v.ID).Order("position").Find(&rows).Error; err != nil {
		return nil, VersionInfo{}, fmt.Errorf("reading version %d of the %s: %w", version, key, err)
	}
	r := &scheduler.Rota{Format: scheduler.RotaFormat, Territory: key.Territory, From: key.From, To: key.To,
		Assignments: make([]scheduler.Assignment, len(rows)), Score: v.score()}
	for i, a := range rows {
		r.Assignments[i] = scheduler.Assignment{Shift: a.ShiftKey, Doctor: a.DoctorID}
	}
	return r, info, nil
}

// DiffVersions compares version a (old) with version b (new) of a rota.
func (s *Store) DiffVersions(ctx context.Context, key RotaKey, a, b int) (scheduler.RotaDiff, error) {
	ra, _, err := s.Version(ctx, key, a)
	if err != nil {
		return scheduler.RotaDiff{}, err
	}
	rb, _, err := s.Version(ctx, key, b)
	if err != nil {
		return scheduler.RotaDiff{}, err
	}
	return scheduler.DiffRotas(ra, rb), nil
}

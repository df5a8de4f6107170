package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// PublishVersion publishes a draft version. expectPublished is the version
// the caller believes is published now (0 for none): if another one is, the
// call is an ErrConflict and changes nothing. The version published until
// now becomes superseded. Published and superseded versions never change,
// so publishing one of them is an ErrImmutable.
func (s *Store) PublishVersion(ctx context.Context, key RotaKey, version, expectPublished int) (VersionInfo, error) {
	var info VersionInfo
	err := s.write(ctx, func(tx *gorm.DB) error {
		rota, err := findRota(tx.Clauses(clause.Locking{Strength: "UPDATE"}), key)
		if err != nil {
			return err
		}
		if rota.PublishedVersion != expectPublished {
			return stalePublish(tx, key, rota, expectPublished)
		}
		v, err := findVersion(tx, key, rota, version)
		if err != nil {
			return err
		}
		switch Status(v.Status) {
		case Published:
			return immutable("%s: version %d is already the published one", key, version)
		case Superseded:
			return immutable("%s: version %d was superseded by version %d and never changes: to publish its assignments again, save them as a new version (base %d) and publish that",
				key, version, *v.SupersededBy, rota.LatestVersion)
		}
		now := s.clock()
		if rota.PublishedVersion > 0 {
			old := tx.Model(&rotaVersionRow{}).Where("rota_id = ? AND version = ? AND status = ?", rota.ID, rota.PublishedVersion, Published).
				Updates(map[string]any{"status": string(Superseded), "superseded_at": now, "superseded_by": version})
			if err := oneRow(old, key, "supersede version %d", rota.PublishedVersion); err != nil {
				return err
			}
		}
		published := tx.Model(&rotaVersionRow{}).Where("id = ? AND status = ?", v.ID, Draft).
			Updates(map[string]any{"status": string(Published), "published_at": now})
		if err := oneRow(published, key, "publish version %d", version); err != nil {
			return err
		}
		moved := tx.Model(&rotaRow{}).Where("id = ? AND published_version = ?", rota.ID, expectPublished).
			Updates(map[string]any{"published_version": version, "updated_at": now})
		if err := oneRow(moved, key, "record version %d as published", version); err != nil {
			return err
		}
		v.Status, v.PublishedAt = string(Published), &now
		info, err = versionInfoOf(tx, key, v)
		return err
	})
	if err != nil {
		return VersionInfo{}, wrapWrite(err, "publishing version %d of the %s", version, key)
	}
	return info, nil
}

// oneRow checks that a guarded UPDATE changed its row: zero rows means
// another writer changed the state the update was conditioned on.
func oneRow(res *gorm.DB, key RotaKey, format string, args ...any) error {
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected != 1 {
		return conflict("%s: could not %s: another writer changed the rota meanwhile; nothing was changed: reload and retry", key, fmt.Sprintf(format, args...))
	}
	return nil
}

// stalePublish explains why a publish expecting version expect is refused.
func stalePublish(tx *gorm.DB, key RotaKey, rota rotaRow, expect int) error {
	if rota.PublishedVersion == 0 {
		return conflict("%s: you expected version %d to be published, but none is; nothing was changed: check the versions and publish again expecting none (0)", key, expect)
	}
	var cur rotaVersionRow
	if err := tx.Where("rota_id = ? AND version = ?", rota.ID, rota.PublishedVersion).Take(&cur).Error; err != nil {
		return err
	}
	expected := fmt.Sprintf("version %d", expect)
	if expect == 0 {
		expected = "none"
	}
	since := ""
	if cur.PublishedAt != nil {
		since = " since " + cur.PublishedAt.UTC().Format(time.RFC3339)
	}
	return conflict("%s: you expected %s to be published, but version %d has been published%s; nothing was changed: check version %d and publish again expecting it",
		key, expected, rota.PublishedVersion, since, rota.PublishedVersion)
}

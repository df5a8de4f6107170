package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"garde/scheduler"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ImportResult says what an import did.
type ImportResult struct {
	Territory string
	Revision  int  // the revision that holds the imported content
	Created   bool // the territory was not stored before
	// Unchanged: the content is identical to the latest revision, so
	// nothing was written and Revision is that latest revision. Importing
	// the same file twice does not pile up identical revisions.
	Unchanged bool
}

// RevisionInfo describes one stored revision of a territory.
type RevisionInfo struct {
	Territory   string
	Revision    int
	Name        string    // the territory's name in that revision
	ContentHash string    // SHA-256 of the territory's canonical JSON
	CreatedAt   time.Time // UTC
}

// TerritorySummary describes a stored territory by its latest revision.
type TerritorySummary struct {
	ID             string
	Name           string
	LatestRevision int
	CreatedAt      time.Time // UTC, first import
	UpdatedAt      time.Time // UTC, latest revision
}

// ImportTerritoryFile parses, validates and imports a territory file. A file
// that does not validate changes nothing: the error is ErrInvalid and wraps
// the scheduler.FieldErrors listing every problem.
func (s *Store) ImportTerritoryFile(ctx context.Context, data []byte) (ImportResult, error) {
	t, err := scheduler.ParseTerritory(data)
	if err != nil {
		return ImportResult{}, invalid(err, "not a valid territory file; nothing was stored")
	}
	return s.ImportTerritory(ctx, t)
}

// ImportTerritory stores t as a new territory (revision 1), or as the next
// revision of the stored territory with its id: a full snapshot, so that a
// rota version keeps naming the revision it was made from. It validates t
// first (which also prepares it for use). Everything happens in one
// transaction: on any error, a cancelled context included, nothing is
// written.
func (s *Store) ImportTerritory(ctx context.Context, t *scheduler.Territory) (ImportResult, error) {
	if err := t.Validate(); err != nil {
		return ImportResult{}, invalid(err, "territory %q does not validate; nothing was stored", t.Info.ID)
	}
	if problems := nulProblems(t); len(problems) > 0 {
		return ImportResult{}, invalid(problems, "territory %q cannot be stored; nothing was stored", t.Info.ID)
	}
	hash, err := contentHash(storedForm(t))
	if err != nil {
		return ImportResult{}, err
	}
	id := t.Info.ID
	res := ImportResult{Territory: id}
	err = s.write(ctx, func(tx *gorm.DB) error {
		now := s.clock()
		insert := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&territoryRow{ID: id, CreatedAt: now, UpdatedAt: now})
		if insert.Error != nil {
			return insert.Error
		}
		res.Created = insert.RowsAffected == 1
		var tr territoryRow
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(&tr).Error; err != nil {
			return err
		}
		if tr.LatestRevision > 0 {
			var latest revisionRow
			if err := tx.Where("territory_id = ? AND revision = ?", id, tr.LatestRevision).Take(&latest).Error; err != nil {
				return err
			}
			if latest.ContentHash == hash {
				res.Revision, res.Unchanged = latest.Revision, true
				return nil
			}
		}
		rev := revisionHeader(t)
		rev.Revision, rev.ContentHash, rev.CreatedAt = tr.LatestRevision+1, hash, now
		if err := tx.Create(&rev).Error; err != nil {
			return err
		}
		if err := contentOf(t, rev.ID).insert(tx); err != nil {
			return err
		}
		moved := tx.Model(&territoryRow{}).Where("id = ? AND latest_revision = ?", id, tr.LatestRevision).
			Updates(map[string]any{"latest_revision": rev.Revision, "updated_at": now})
		if moved.Error != nil {
			return moved.Error
		}
		if moved.RowsAffected != 1 {
			return conflict("territory %q got a new revision from another import while this one ran; nothing was stored: import again", id)
		}
		res.Revision = rev.Revision
		return nil
	})
	if err != nil {
		return ImportResult{}, wrapWrite(err, "importing territory %q", id)
	}
	return res, nil
}

// revisionHeader is the revision row of t, but for its number, hash and time.
func revisionHeader(t *scheduler.Territory) revisionRow {
	return revisionRow{TerritoryID: t.Info.ID, Format: t.Format, Name: nullString(t.Info.Name),
		Timezone: nullString(t.Info.Timezone), Holidays: nullString(t.Info.Holidays)}
}

// storedForm is t as the store will give it back: the same content, with
// the few normalisations storage makes (-0 is 0, an optional list given
// empty is left out). Hashing it, rather than t, makes re-importing an
// export a no-op.
func storedForm(t *scheduler.Territory) *scheduler.Territory {
	return contentOf(t, 0).territory(revisionHeader(t))
}

// contentHash identifies a territory's content: the SHA-256 of its JSON
// encoding, which lists fields in a fixed order.
func contentHash(t *scheduler.Territory) (string, error) {
	b, err := json.Marshal(t)
	if err != nil {
		return "", fmt.Errorf("encoding territory %q: %w", t.Info.ID, err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// ExportTerritory reads back revision rev of a territory (0: the latest),
// validated and ready for use. Encoded as JSON it is a territory file equal
// to the one imported.
func (s *Store) ExportTerritory(ctx context.Context, id string, rev int) (*scheduler.Territory, RevisionInfo, error) {
	db := s.db.WithContext(ctx)
	r, err := findRevision(db, id, rev)
	if err != nil {
		return nil, RevisionInfo{}, err
	}
	content, err := loadContent(db, r.ID)
	if err != nil {
		return nil, RevisionInfo{}, fmt.Errorf("reading revision %d of territory %q: %w", r.Revision, id, err)
	}
	t := content.territory(r)
	if err := t.Validate(); err != nil {
		return nil, RevisionInfo{}, fmt.Errorf("revision %d of territory %q as stored does not validate (was it written by another version of garde?): %w",
			r.Revision, id, err)
	}
	return t, revisionInfo(r), nil
}

// findRevision finds revision rev of territory id; 0 is the latest.
func findRevision(db *gorm.DB, id string, rev int) (revisionRow, error) {
	var tr territoryRow
	err := db.Where("id = ?", id).Take(&tr).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return revisionRow{}, notFound("territory %q is not stored (garde territories lists those that are)", id)
	}
	if err != nil {
		return revisionRow{}, fmt.Errorf("reading territory %q: %w", id, err)
	}
	if rev == 0 {
		rev = tr.LatestRevision
	}
	var r revisionRow
	err = db.Where("territory_id = ? AND revision = ?", id, rev).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return revisionRow{}, notFound("territory %q has no revision %d (its revisions are 1 to %d)", id, rev, tr.LatestRevision)
	}
	if err != nil {
		return revisionRow{}, fmt.Errorf("reading revision %d of territory %q: %w", rev, id, err)
	}
	return r, nil
}

func revisionInfo(r revisionRow) RevisionInfo {
	return RevisionInfo{Territory: r.TerritoryID, Revision: r.Revision, Name: stringOf(r.Name),
		ContentHash: r.ContentHash, CreatedAt: r.CreatedAt.UTC()}
}

// Territories lists the stored territories by id.
func (s *Store) Territories(ctx context.Context) ([]TerritorySummary, error) {
	var rows []struct {
		Territory territoryRow `gorm:"embedded"`
		Name      *string
	}
	err := s.db.WithContext(ctx).Table("territories t").
		Select("t.id, t.latest_revision, t.created_at, t.updated_at, r.name").
		Joins("JOIN territory_revisions r ON r.territory_id = t.id AND r.revision = t.latest_revision").
		Order("t.id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("listing territories: %w", err)
	}
	out := make([]TerritorySummary, len(rows))
	for i, r := range rows {
		out[i] = TerritorySummary{ID: r.Territory.ID, Name: stringOf(r.Name), LatestRevision: r.Territory.LatestRevision,
			CreatedAt: r.Territory.CreatedAt.UTC(), UpdatedAt: r.Territory.UpdatedAt.UTC()}
	}
	return out, nil
}

// Revisions lists the revisions of a territory, oldest first.
func (s *Store) Revisions(ctx context.Context, id string) ([]RevisionInfo, error) {
	db := s.db.WithContext(ctx)
	if _, err := findRevision(db, id, 0); err != nil {
		return nil, err
	}
	var rows []revisionRow
	if err := db.Where("territory_id = ?", id).Order("revision").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("listing revisions of territory %q: %w", id, err)
	}
	out := make([]RevisionInfo, len(rows))
	for i, r := range rows {
		out[i] = revisionInfo(r)
	}
	return out, nil
}

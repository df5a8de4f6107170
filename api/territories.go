package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"garde/scheduler"
	"garde/store"

	"github.com/labstack/echo/v4"
)

// TerritoriesBody is the answer of GET /api/v1/territories.
type TerritoriesBody struct {
	Territories []TerritoryItem `json:"territories"`
}

// TerritoryItem describes a stored territory by its latest revision.
type TerritoryItem struct {
	ID             string    `json:"id"`
	Name           string    `json:"name"`
	LatestRevision int       `json:"latest_revision"`
	CreatedAt      time.Time `json:"created_at"` // first import, UTC
	UpdatedAt      time.Time `json:"updated_at"` // latest revision, UTC
}

// territories lists the stored territories, by id.
func (h *handlers) territories(c echo.Context) error {
	list, err := h.store.Territories(c.Request().Context())
	if err != nil {
		return err
	}
	body := TerritoriesBody{Territories: make([]TerritoryItem, len(list))}
	for i, t := range list {
		body.Territories[i] = TerritoryItem{ID: t.ID, Name: t.Name, LatestRevision: t.LatestRevision,
			CreatedAt: t.CreatedAt.UTC(), UpdatedAt: t.UpdatedAt.UTC()}
	}
	return c.JSON(http.StatusOK, body)
}

// territory reads revision rev (0: the latest) of the territory the path
// names; an unknown territory is a 404 on "id".
func (h *handlers) territory(ctx context.Context, id string, rev int) (*scheduler.Territory, store.RevisionInfo, error) {
	t, info, err := h.store.ExportTerritory(ctx, id, rev)
	switch {
	case errors.Is(err, store.ErrNotFound) && rev == 0:
		return nil, info, notFound("id", "no territory has the id %q (GET %s/territories lists them)", id, Prefix)
	case err != nil:
		return nil, info, fmt.Errorf("reading revision %d of territory %q: %w", rev, id, err)
	}
	return t, info, nil
}

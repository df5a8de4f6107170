// Package api serves Garde's read-only HTTP API for establishments: the
// stored territories, the seats no rota can cover in a period, and who is
// on duty at an instant according to the published rota.
//
// It is a thin layer over the domain: the gap diagnosis is the scheduler's
// (exactly what garde gaps prints), the data is the store's. Echo's types
// stay in this package; scheduler and store know nothing of HTTP.
package api

import (
	"context"
	"log/slog"
	"net/http"

	"garde/scheduler"
	"garde/store"

	"github.com/labstack/echo/v4"
)

// Store is what the API reads. *store.Store satisfies it; naming only the
// reads keeps the API read-only by construction and lets a test stand in a
// failing store.
type Store interface {
	CheckSchema(ctx context.Context) error
	Territories(ctx context.Context) ([]store.TerritorySummary, error)
	ExportTerritory(ctx context.Context, id string, rev int) (*scheduler.Territory, store.RevisionInfo, error)
	Rotas(ctx context.Context, territory string, within *store.Period) ([]store.RotaSummary, error)
	Version(ctx context.Context, key store.RotaKey, version int) (*scheduler.Rota, store.VersionInfo, error)
}

// Options tune the handler.
type Options struct {
	// Logger receives the access log, internal errors and recovered panics;
	// nil discards them.
	Logger *slog.Logger
}

// Prefix is the path under which every endpoint lives: a breaking change
// gets /api/v2 rather than surprising the establishments' scripts.
const Prefix = "/api/v1"

// handlers holds what every endpoint needs.
type handlers struct {
	store Store
	log   *slog.Logger
}

// NewHandler returns the API as an http.Handler, ready to mount in an
// http.Server (see NewServer).
func NewHandler(s Store, opt Options) http.Handler {
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	h := &handlers{store: s, log: log}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	// The API is served directly, not behind a proxy we trust: the client's
	// address is the connection's, never an X-Forwarded-For a client wrote.
	e.IPExtractor = echo.ExtractIPDirect()
	e.HTTPErrorHandler = h.handleError
	// Outermost first: the request id exists before anything logs, and the
	// access log sees the status a recovered panic turned into.
	e.Use(requestID(), h.accessLog(), h.recoverPanics())

	v1 := e.Group(Prefix)
	v1.GET("/health", h.health)
	v1.GET("/territories", h.territories)
	v1.GET("/territories/:id/gaps", h.gaps)
	v1.GET("/territories/:id/on-duty", h.onDuty)
	return e
}

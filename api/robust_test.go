package api_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"garde/api"
	"garde/scheduler"
	"garde/store"
)

// failingStore fails every read: with an error, or with a panic.
type failingStore struct {
	err   error
	panic bool
}

func (f failingStore) fail() error {
	if f.panic {
		panic("the store broke")
	}
	return f.err
}

func (f failingStore) CheckSchema(context.Context) error { return f.fail() }
func (f failingStore) Territories(context.Context) ([]store.TerritorySummary, error) {
	return nil, f.fail()
}
func (f failingStore) ExportTerritory(context.Context, string, int) (*scheduler.Territory, store.RevisionInfo, error) {
	return nil, store.RevisionInfo{}, f.fail()
}
func (f failingStore) Rotas(context.Context, string, *store.Period) ([]store.RotaSummary, error) {
	return nil, f.fail()
}
func (f failingStore) Version(context.Context, store.RotaKey, int) (*scheduler.Rota, store.VersionInfo, error) {
	return nil, store.VersionInfo{}, f.fail()
}

// An internal error is a 500 with a generic message; the details, which
// may name the database, go to the log only. A panic is the same, and the
// server keeps serving.
func TestInternalErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		store failingStore
		logs  string
	}{
		{"error", failingStore{err: errors.New("dial tcp 10.0.0.7:5432: secret-host refused")}, "secret-host refused"},
		{"panic", failingStore{panic: true}, "the store broke"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			logs := &syncBuffer{}
			srv := httptest.NewServer(api.NewHandler(tc.store, api.Options{Logger: slog.New(slog.NewTextHandler(logs, nil))}))
			defer srv.Close()
			for _, path := range []string{
				"/api/v1/territories",
				"/api/v1/territories/x/gaps?from=2026-12-01&to=2027-01-01",
				"/api/v1/territories/x/on-duty?at=2026-12-08T22:00:00Z",
			} {
				var body api.ErrorBody
				if status := get(t, srv.URL, path, &body); status != http.StatusInternalServerError {
					t.Errorf("GET %s: status %d, want 500", path, status)
				}
				if !strings.Contains(body.Error, "internal error") || strings.Contains(body.Error, tc.logs) || body.Field != "" {
					t.Errorf("GET %s: error %+v", path, body)
				}
			}
			if !strings.Contains(logs.String(), tc.logs) || strings.Count(logs.String(), "level=ERROR") != 3 {
				t.Errorf("log, want 3 errors with %q:\n%s", tc.logs, logs)
			}
			// Health says the database does not answer, without the details.
			var body api.ErrorBody
			if status := get(t, srv.URL, "/api/v1/health", &body); status != http.StatusServiceUnavailable && !tc.store.panic {
				t.Errorf("health: status %d, want 503", status)
			}
			if strings.Contains(body.Error, tc.logs) {
				t.Errorf("health leaks the cause: %+v", body)
			}
		})
	}
}

// A client's X-Request-ID is kept when short and plain, replaced otherwise.
func TestRequestID(t *testing.T) {
	srv := httptest.NewServer(api.NewHandler(failingStore{}, api.Options{}))
	defer srv.Close()
	for _, tc := range []struct {
		sent string
		kept bool
	}{
		{"", false},
		{"job-42.retry:1", true},
		{strings.Repeat("a", 64), true},
		{strings.Repeat("a", 65), false},
		{"a b", false},
		{"évite", false},
	} {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/v1/health", nil)
		if tc.sent != "" {
			req.Header.Set("X-Request-ID", tc.sent)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		got := res.Header.Get("X-Request-ID")
		if tc.kept && got != tc.sent || !tc.kept && (got == tc.sent || len(got) != 32) {
			t.Errorf("sent %q, got back %q", tc.sent, got)
		}
	}
}

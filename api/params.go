package api

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"garde/scheduler"

	"github.com/labstack/echo/v4"
)

// The query parameters of each endpoint are bound into these small types,
// as text, then parsed here so that every error names its parameter. They
// are never bound into a store or scheduler type.

// periodQuery is the ?from=&to= of an endpoint over a period.
type periodQuery struct {
	From string `query:"from"`
	To   string `query:"to"`
}

// instantQuery is the ?at= of an endpoint about one instant.
type instantQuery struct {
	At string `query:"at"`
}

// maxPeriodDays bounds a period asked of the API: a year is the longest
// rota anyone plans, and it bounds the work one request can cause.
const maxPeriodDays = scheduler.MaxPeriodDays

// bindQuery fills q from the query string.
func bindQuery(c echo.Context, q any) error {
	if err := (&echo.DefaultBinder{}).BindQueryParams(c, q); err != nil {
		return &apiError{status: http.StatusBadRequest, msg: "the query string cannot be read: " + err.Error()}
	}
	return nil
}

// period reads and checks [from, to).
func (q periodQuery) period() (from, to scheduler.Date, err error) {
	if from, err = parseDateParam("from", q.From); err != nil {
		return 0, 0, err
	}
	if to, err = parseDateParam("to", q.To); err != nil {
		return 0, 0, err
	}
	switch {
	case to == from:
		return 0, 0, badParam("to", "the period from %s to %s is empty: to is the day after the last day", from, to)
	case to < from:
		return 0, 0, badParam("to", "the period ends (%s) before it starts (%s): to is the day after the last day", to, from)
	case int(to-from) > maxPeriodDays:
		return 0, 0, badParam("to", "the period from %s to %s is %d days long; ask for at most %d days at a time", from, to, int(to-from), maxPeriodDays)
	}
	return from, to, nil
}

func parseDateParam(field, s string) (scheduler.Date, error) {
	if s == "" {
		return 0, badParam(field, "missing: want a date YYYY-MM-DD")
	}
	d, err := scheduler.ParseDate(s)
	if err != nil {
		return 0, badParam(field, "want a date YYYY-MM-DD, got %q", s)
	}
	return d, nil
}

// instant reads ?at as an RFC 3339 instant.
func (q instantQuery) instant() (time.Time, error) {
	if q.At == "" {
		return time.Time{}, badParam("at", "missing: want an instant such as 2026-12-24T22:00:00Z (RFC 3339)")
	}
	t, err := time.Parse(time.RFC3339, q.At)
	if err != nil {
		hint := ""
		if strings.Contains(q.At, " ") {
			hint = " (a + in a URL reads as a space: write it %2B, or give the time in UTC with Z)"
		}
		return time.Time{}, badParam("at", "want an instant such as 2026-12-24T22:00:00Z (RFC 3339), got %q%s", q.At, hint)
	}
	if y := t.UTC().Year(); y < 1970 || y > 2199 {
		return time.Time{}, badParam("at", "%s is out of range (years 1970 to 2199)", q.At)
	}
	return t.UTC(), nil
}

// territoryID reads the :id path parameter.
func territoryID(c echo.Context) (string, error) {
	id := c.Param("id")
	if id == "" || len(id) > 200 {
		return "", badParam("id", "want a territory id, got %q", truncate(id, 40))
	}
	return id, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return fmt.Sprintf("%s...", s[:n])
}

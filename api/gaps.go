package api

import (
	"fmt"
	"net/http"
	"time"

	"garde/scheduler"

	"github.com/labstack/echo/v4"
)

// GapsBody is the answer of GET /api/v1/territories/:id/gaps: the gap
// diagnosis garde gaps prints, for the latest revision of the territory.
type GapsBody struct {
	Territory string `json:"territory"`
	Revision  int    `json:"revision"` // the territory revision diagnosed
	From      string `json:"from"`
	To        string `json:"to"` // the day after the last day
	Seats     int    `json:"seats"`
	// MinUncovered is proven: no rota leaves fewer seats empty.
	MinUncovered int       `json:"min_uncovered"`
	Gaps         []GapItem `json:"gaps"`
}

// GapItem is a group of seats that cannot all be filled.
type GapItem struct {
	Missing int `json:"missing"` // at least this many of the seats stay empty
	// NobodyEligible: nobody at all may take these seats (everyone on
	// leave, say), as opposed to too few doctors for too many seats.
	NobodyEligible bool          `json:"nobody_eligible"`
	Why            string        `json:"why"`
	Seats          []GapSeatItem `json:"seats"`       // in time order
	Doctors        []string      `json:"doctors"`     // ids of who may take some of the seats
	Unavailable    []string      `json:"unavailable"` // who practises there but may not, and why
}

// GapSeatItem is one shift of a gap.
type GapSeatItem struct {
	Shift         string    `json:"shift"`
	Line          string    `json:"line"`
	LineName      string    `json:"line_name"`
	Specialty     string    `json:"specialty"`
	Establishment string    `json:"establishment"`
	Start         time.Time `json:"start"` // UTC
	End           time.Time `json:"end"`   // UTC
	Headcount     int       `json:"headcount"`
	Eligible      int       `json:"eligible"` // doctors who may take it
}

// gaps diagnoses a period of the territory's latest revision with exactly
// the scheduler functions garde gaps uses (NewProblem, then Diagnose).
func (h *handlers) gaps(c echo.Context) error {
	id, err := territoryID(c)
	if err != nil {
		return err
	}
	var q periodQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	from, to, err := q.period()
	if err != nil {
		return err
	}
	t, rev, err := h.territory(c.Request().Context(), id, 0)
	if err != nil {
		return err
	}
	pb, err := scheduler.NewProblem(t, from, to, scheduler.ProblemOptions{})
	if err != nil {
		return fmt.Errorf("preparing the gap diagnosis of %s from %s to %s: %w", id, from, to, err)
	}
	return c.JSON(http.StatusOK, gapsBody(id, rev.Revision, from, to, pb.Diagnose()))
}

// gapsBody copies the diagnosis into the API's own types, so that the
// answer keeps its field names whatever the scheduler's types become.
func gapsBody(id string, rev int, from, to scheduler.Date, d *scheduler.Diagnosis) GapsBody {
	body := GapsBody{Territory: id, Revision: rev, From: from.String(), To: to.String(),
		Seats: d.Seats, MinUncovered: d.MinUncovered, Gaps: make([]GapItem, len(d.Gaps))}
	for i, g := range d.Gaps {
		item := GapItem{Missing: g.Missing, NobodyEligible: len(g.Doctors) == 0, Why: g.Why,
			Seats: make([]GapSeatItem, len(g.Seats)), Doctors: nonNil(g.Doctors), Unavailable: nonNil(g.Unavailable)}
		for j, s := range g.Seats {
			item.Seats[j] = GapSeatItem{Shift: s.Shift, Line: s.Line, LineName: s.LineName, Specialty: s.Specialty,
				Establishment: s.Establishment, Start: s.Start.UTC(), End: s.End.UTC(), Headcount: s.Headcount, Eligible: s.Eligible}
		}
		body.Gaps[i] = item
	}
	return body
}

// nonNil makes an absent list an empty JSON array rather than null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

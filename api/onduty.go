package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"time"

	"garde/scheduler"
	"garde/store"

	"github.com/labstack/echo/v4"
)

// OnDutyBody is the answer of GET /api/v1/territories/:id/on-duty.
type OnDutyBody struct {
	Territory string    `json:"territory"`
	At        time.Time `json:"at"` // UTC
	// Rotas are the published rota versions the answer comes from: the one
	// whose period holds the instant, and the previous period's when one of
	// its shifts (the night of its last day) still runs.
	Rotas  []OnDutyRota  `json:"rotas"`
	OnDuty []OnDutyEntry `json:"on_duty"` // by start, shift, doctor
}

// OnDutyRota names a published rota version.
type OnDutyRota struct {
	From              string     `json:"from"`
	To                string     `json:"to"` // the day after the last day
	Version           int        `json:"version"`
	TerritoryRevision int        `json:"territory_revision"`
	PublishedAt       *time.Time `json:"published_at"`
}

// OnDutyEntry is one doctor on one shift that runs at the instant.
type OnDutyEntry struct {
	Shift             string    `json:"shift"`
	Line              string    `json:"line"`
	LineName          string    `json:"line_name"`
	Specialty         string    `json:"specialty"`
	Establishment     string    `json:"establishment"`
	EstablishmentName string    `json:"establishment_name"`
	DoctorID          string    `json:"doctor_id"`
	DoctorName        string    `json:"doctor_name"` // empty when the territory does not name the doctor
	Start             time.Time `json:"start"`       // UTC
	End               time.Time `json:"end"`         // UTC
}

// onDuty says who is on duty at an instant according to the published
// rotas. A published rota covers the instant when its period holds the
// instant's local date, or when one of its shifts still runs then. When
// published rotas of overlapping periods both cover it, the one published
// last wins. No covering rota is a 404: drafts are never shown.
func (h *handlers) onDuty(c echo.Context) error {
	id, err := territoryID(c)
	if err != nil {
		return err
	}
	var q instantQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	at, err := q.instant()
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	rotas, err := h.store.Rotas(ctx, id, nil)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("id", "no territory has the id %q (GET %s/territories lists them)", id, Prefix)
	}
	if err != nil {
		return fmt.Errorf("listing the rotas of %s: %w", id, err)
	}
	var covering []coverage
	territories := map[int]*scheduler.Territory{} // by revision
	for _, r := range rotas {
		if r.PublishedVersion == 0 || !mayCover(r.Rota, at) {
			continue
		}
		cv, err := h.coverageOf(ctx, r, at, territories)
		if err != nil {
			return err
		}
		if cv.covers {
			covering = append(covering, cv)
		}
	}
	chosen := lastPublished(covering)
	if len(chosen) == 0 {
		return notFound("", "no published rota of territory %q covers %s: a rota must be published for that period (drafts are not shown)",
			id, at.Format(time.RFC3339))
	}
	body := OnDutyBody{Territory: id, At: at, Rotas: []OnDutyRota{}, OnDuty: []OnDutyEntry{}}
	for _, cv := range chosen {
		body.Rotas = append(body.Rotas, cv.rota)
		body.OnDuty = append(body.OnDuty, cv.entries...)
	}
	sort.Slice(body.Rotas, func(i, j int) bool { return body.Rotas[i].From < body.Rotas[j].From })
	sort.Slice(body.OnDuty, func(i, j int) bool {
		a, b := body.OnDuty[i], body.OnDuty[j]
		if !a.Start.Equal(b.Start) {
			return a.Start.Before(b.Start)
		}
		if a.Shift != b.Shift {
			return a.Shift < b.Shift
		}
		return a.DoctorID < b.DoctorID
	})
	return c.JSON(http.StatusOK, body)
}

// mayCover is a cheap first filter on dates before reading a version:
// shifts last at most a day and zones are within a day of UTC, so a rota
// two days or more away from the instant's UTC date cannot cover it.
func mayCover(k store.RotaKey, at time.Time) bool {
	y, m, d := at.Date()
	day := scheduler.DateOf(y, m, d)
	return k.From.AddDays(-2) <= day && day <= k.To.AddDays(1)
}

// coverage is what one published rota says about the instant.
type coverage struct {
	key     store.RotaKey
	rota    OnDutyRota
	covers  bool
	entries []OnDutyEntry
}

// coverageOf reads the published version of r and finds its doctors on
// shifts that run at the instant. Shift times come from the territory
// revision the version was made for.
func (h *handlers) coverageOf(ctx context.Context, r store.RotaSummary, at time.Time, cache map[int]*scheduler.Territory) (coverage, error) {
	rota, info, err := h.store.Version(ctx, r.Rota, r.PublishedVersion)
	if err != nil {
		return coverage{}, fmt.Errorf("reading the published version %d of the %s: %w", r.PublishedVersion, r.Rota, err)
	}
	t := cache[info.TerritoryRevision]
	if t == nil {
		if t, _, err = h.territory(ctx, r.Rota.Territory, info.TerritoryRevision); err != nil {
			return coverage{}, err
		}
		cache[info.TerritoryRevision] = t
	}
	cv := coverage{key: r.Rota, rota: OnDutyRota{From: r.Rota.From.String(), To: r.Rota.To.String(), Version: info.Version,
		TerritoryRevision: info.TerritoryRevision, PublishedAt: info.PublishedAt}}
	start, end := localMidnight(r.Rota.From, t.Location()), localMidnight(r.Rota.To, t.Location())
	cv.covers = !at.Before(start) && at.Before(end)
	for _, a := range rota.Assignments {
		sh, err := t.ShiftByKey(a.Shift)
		if err != nil {
			// A published rota naming a shift its territory cannot make is
			// corrupt data: answering without it could show a seat as empty.
			return coverage{}, fmt.Errorf("version %d of the %s: assignment %s to %s: %w", info.Version, r.Rota, a.Shift, a.Doctor, err)
		}
		if at.Before(sh.Start) || !at.Before(sh.End) {
			continue
		}
		cv.covers = true
		e := OnDutyEntry{Shift: sh.Key, Line: sh.Line.ID, LineName: sh.Line.Name, Specialty: sh.Line.Specialty,
			Establishment: sh.Line.Establishment, DoctorID: a.Doctor, Start: sh.Start.UTC(), End: sh.End.UTC()}
		if est := t.Establishment(sh.Line.Establishment); est != nil {
			e.EstablishmentName = est.Name
		}
		if d := t.Doctor(a.Doctor); d != nil {
			e.DoctorName = d.Name
		}
		cv.entries = append(cv.entries, e)
	}
	return cv, nil
}

// localMidnight is the instant a date begins in the territory's zone.
func localMidnight(d scheduler.Date, loc *time.Location) time.Time {
	y, m, day := d.Parts()
	return time.Date(y, m, day, 0, 0, 0, 0, loc)
}

// lastPublished keeps, among covering rotas of overlapping periods, the one
// published last; rotas of disjoint periods (this month's and the previous
// one, whose last night is still running) are all kept.
func lastPublished(covering []coverage) []coverage {
	sort.SliceStable(covering, func(i, j int) bool {
		a, b := covering[i].rota.PublishedAt, covering[j].rota.PublishedAt
		if a != nil && b != nil && !a.Equal(*b) {
			return a.After(*b)
		}
		return covering[i].key.From > covering[j].key.From
	})
	var kept []coverage
	for _, cv := range covering {
		overlaps := false
		for _, k := range kept {
			if cv.key.From < k.key.To && k.key.From < cv.key.To {
				overlaps = true
				break
			}
		}
		if !overlaps {
			kept = append(kept, cv)
		}
	}
	return kept
}

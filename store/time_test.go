package store

import (
	"context"
	"sync"
	"testing"
	"time"
)

// A settableClock is a clock the test moves by hand.
type settableClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *settableClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *settableClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// Instants are stored as UTC whole seconds, whatever zone and fraction the
// clock gives, and come back equal, sorted in time order, and selected
// correctly by range queries, on both backends.
func testTimes(t *testing.T, b backend) {
	paris, _ := time.LoadLocation("Europe/Paris")
	newYork, _ := time.LoadLocation("America/New_York")
	nine := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	clock := &settableClock{now: time.Date(2027, 2, 28, 12, 0, 0, 999_999_999, paris)}
	s, ter := withTiny(t, b, Options{Now: clock.Now})
	ctx := context.Background()

	// What the clock says when each version is saved, and what is stored.
	saves := []struct{ clock, stored time.Time }{
		{nine.Add(500 * time.Millisecond).In(paris), nine},               // v1: a fraction, Paris time
		{nine.Add(time.Second), nine.Add(time.Second)},                   // v2
		{nine.Add(-time.Nanosecond).In(newYork), nine.Add(-time.Second)}, // v3: just before nine, New York time
		{nine.In(newYork), nine},                                         // v4: nine again, another zone
	}
	for i, sv := range saves {
		clock.set(sv.clock)
		save(t, s, rotaFor(t, ter, jan, i), SaveOptions{Base: i})
	}
	versions, err := s.Versions(ctx, jan)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range versions {
		if want := saves[i].stored; !v.CreatedAt.Equal(want) || v.CreatedAt.Location() != time.UTC {
			t.Errorf("version %d: created at %v (%v), want %v UTC", v.Version, v.CreatedAt, v.CreatedAt.Location(), want)
		}
	}
	revs, _ := s.Revisions(ctx, jan.Territory)
	if want := time.Date(2027, 2, 28, 11, 0, 0, 0, time.UTC); !revs[0].CreatedAt.Equal(want) || revs[0].CreatedAt.Location() != time.UTC {
		t.Errorf("revision created at %v, want %v", revs[0].CreatedAt, want)
	}

	// Sorting by instant: v3 (08:59:59) first, then v1 and v4 (09:00:00), then v2.
	var order []int
	err = s.db.Model(&rotaVersionRow{}).Order("created_at, version").Pluck("version", &order).Error
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{3, 1, 4, 2}; !equalInts(order, want) {
		t.Errorf("ordered by created_at: %v, want %v", order, want)
	}

	// Range queries at second boundaries.
	between := func(from, to time.Time) []int {
		var got []int
		err := s.db.Model(&rotaVersionRow{}).Where("created_at >= ? AND created_at < ?", instant(from), instant(to)).
			Order("version").Pluck("version", &got).Error
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	for _, tc := range []struct {
		from, to time.Time
		want     []int
	}{
		{nine, nine.Add(time.Second), []int{1, 4}},
		{nine.In(paris), nine.Add(time.Second).In(newYork), []int{1, 4}},
		{nine.Add(-time.Second), nine, []int{3}},
		{nine.Add(time.Second), nine.Add(time.Hour), []int{2}},
		{nine.Add(-time.Hour), nine.Add(time.Hour), []int{1, 2, 3, 4}},
		{nine.Add(time.Hour), nine.Add(2 * time.Hour), nil},
	} {
		if got := between(tc.from, tc.to); !equalInts(got, tc.want) {
			t.Errorf("created in [%v, %v): %v, want %v", tc.from, tc.to, got, tc.want)
		}
	}

	// Publishing stamps the clock's instant the same way.
	clock.set(nine.Add(90*time.Minute + 250*time.Millisecond).In(paris))
	p, err := s.PublishVersion(ctx, jan, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := nine.Add(90 * time.Minute); !p.PublishedAt.Equal(want) || p.PublishedAt.Location() != time.UTC {
		t.Errorf("published at %v, want %v UTC", p.PublishedAt, want)
	}
	listed, _ := s.Versions(ctx, jan)
	if !listed[1].PublishedAt.Equal(*p.PublishedAt) {
		t.Errorf("published at %v as listed, %v as returned", listed[1].PublishedAt, p.PublishedAt)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// The schema itself refuses instants that are not UTC whole seconds, so a
// write that bypasses the store's clock cannot break ordering.
func testTimeConstraints(t *testing.T, b backend) {
	s, _ := withTiny(t, b, Options{})
	good := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	if err := s.db.Exec("UPDATE territories SET updated_at = ?", good).Error; err != nil {
		t.Errorf("a UTC whole-second instant was refused: %v", err)
	}
	if err := s.db.Exec("UPDATE territories SET updated_at = ?", good.Add(500*time.Millisecond)).Error; err == nil {
		t.Error("an instant with a fraction of a second was accepted")
	}
	if s.Backend() == SQLite {
		// PostgreSQL stores instants without their zone; SQLite stores text.
		paris, _ := time.LoadLocation("Europe/Paris")
		if err := s.db.Exec("UPDATE territories SET updated_at = ?", good.In(paris)).Error; err == nil {
			t.Error("an instant with a zone offset was accepted")
		}
		var raw string
		s.db.Raw("SELECT CAST(updated_at AS TEXT) FROM territories").Scan(&raw)
		if raw != "2027-03-01T09:00:00Z" {
			t.Errorf("SQLite holds %q", raw)
		}
	}
}

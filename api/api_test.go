package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"garde/api"
	"garde/scheduler"
	"garde/store"
)

const pilotID = "pilote-estuaire"

var (
	december = store.RotaKey{Territory: pilotID, From: scheduler.DateOf(2026, 12, 1), To: scheduler.DateOf(2027, 1, 1)}
	january  = store.RotaKey{Territory: pilotID, From: scheduler.DateOf(2027, 1, 1), To: scheduler.DateOf(2027, 2, 1)}
)

// fixture is a store holding the pilot territory, December 2026's rota
// published and January 2027's only as a draft, and the API over it.
type fixture struct {
	srv       *httptest.Server
	territory *scheduler.Territory
	published *scheduler.Rota // December, version 1, published
	draft     *scheduler.Rota // January, version 1, draft
	logs      *syncBuffer
}

// runAPISuite runs every API test on one backend. The tests only read, so
// they share one database.
func runAPISuite(t *testing.T, b backend) {
	f := newFixture(t, b.migrated(t))
	tests := []struct {
		name string
		run  func(t *testing.T, f *fixture)
	}{
		{"Health", testHealth},
		{"Territories", testTerritories},
		{"Gaps", testGaps},
		{"OnDuty", testOnDuty},
		{"OnDutyNobody", testOnDutyNobody},
		{"OnDutyNeedsAPublishedRota", testOnDutyNeedsPublished},
		{"BadParameters", testBadParameters},
		{"UnknownTerritory", testUnknownTerritory},
		{"UnknownEndpoint", testUnknownEndpoint},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, f) })
	}
	t.Run("SchemaBehind", func(t *testing.T) { testSchemaBehind(t, b) })
	t.Run("LastPublishedWins", func(t *testing.T) { testLastPublishedWins(t, b) })
	// Refusing a bad request is not a server error: nothing above may log one.
	if logs := f.logs.String(); strings.Contains(logs, "level=ERROR") || !strings.Contains(logs, "status=400") {
		t.Errorf("server log:\n%s", logs)
	}
}

func newFixture(t *testing.T, s *store.Store) *fixture {
	t.Helper()
	ctx := context.Background()
	data, err := os.ReadFile("../fixtures/pilot.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportTerritoryFile(ctx, data); err != nil {
		t.Fatalf("import the pilot: %v", err)
	}
	ter, _, err := s.ExportTerritory(ctx, pilotID, 0)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{territory: ter, logs: &syncBuffer{}}
	f.published = eligibleRota(t, ter, december)
	if _, err := s.SaveVersion(ctx, f.published, store.SaveOptions{}); err != nil {
		t.Fatalf("save December: %v", err)
	}
	if _, err := s.PublishVersion(ctx, december, 1, 0); err != nil {
		t.Fatalf("publish December: %v", err)
	}
	f.draft = eligibleRota(t, ter, january)
	if _, err := s.SaveVersion(ctx, f.draft, store.SaveOptions{}); err != nil {
		t.Fatalf("save January: %v", err)
	}
	log := slog.New(slog.NewTextHandler(f.logs, nil))
	f.srv = httptest.NewServer(api.NewHandler(s, api.Options{Logger: log}))
	t.Cleanup(f.srv.Close)
	return f
}

// eligibleRota fills every seat of the period with doctors who may take it,
// in turn: not a good rota, but a real one, with different doctors on
// different shifts.
func eligibleRota(t testing.TB, ter *scheduler.Territory, key store.RotaKey) *scheduler.Rota {
	return eligibleRotaFrom(t, ter, key, 0)
}

// eligibleRotaFrom is eligibleRota with the turn of doctors started
// offset places later, for a rota of the same shifts with other doctors.
func eligibleRotaFrom(t testing.TB, ter *scheduler.Territory, key store.RotaKey, offset int) *scheduler.Rota {
	t.Helper()
	pb, err := scheduler.NewProblem(ter, key.From, key.To, scheduler.ProblemOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r := &scheduler.Rota{Format: scheduler.RotaFormat, Territory: key.Territory, From: key.From, To: key.To}
	for s, sh := range pb.Shifts {
		eligible := pb.Eligible[s]
		for k := 0; k < sh.Headcount && k < len(eligible); k++ {
			doc := ter.Doctors[eligible[(s+k+offset)%len(eligible)]].ID
			r.Assignments = append(r.Assignments, scheduler.Assignment{Shift: sh.Key, Doctor: doc})
		}
	}
	if len(r.Assignments) < 100 {
		t.Fatalf("the %s rota has only %d assignments", key, len(r.Assignments))
	}
	return r
}

// get requests a path and decodes the JSON answer into out (when not nil);
// it returns the status.
func get(t *testing.T, base, path string, out any) int {
	t.Helper()
	res, err := http.Get(base + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("GET %s: Content-Type %q, want JSON", path, ct)
	}
	var raw json.RawMessage
	if err := json.NewDecoder(res.Body).Decode(&raw); err != nil {
		t.Fatalf("GET %s: %d, body is not JSON: %v", path, res.StatusCode, err)
	}
	if out != nil {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields() // the documented fields, no more
		if err := dec.Decode(out); err != nil {
			t.Fatalf("GET %s: %d, decoding %s: %v", path, res.StatusCode, raw, err)
		}
	}
	return res.StatusCode
}

// wantError checks a failed request's status, field and message.
func wantError(t *testing.T, base, path string, status int, field string, msgParts ...string) {
	t.Helper()
	var body api.ErrorBody
	if got := get(t, base, path, &body); got != status {
		t.Errorf("GET %s: status %d, want %d (%+v)", path, got, status, body)
	}
	if body.Field != field {
		t.Errorf("GET %s: field %q, want %q (error %q)", path, body.Field, field, body.Error)
	}
	for _, p := range msgParts {
		if !strings.Contains(body.Error, p) {
			t.Errorf("GET %s: error %q lacks %q", path, body.Error, p)
		}
	}
}

func testHealth(t *testing.T, f *fixture) {
	var body api.HealthBody
	if got := get(t, f.srv.URL, "/api/v1/health", &body); got != http.StatusOK || body.Status != "ok" {
		t.Errorf("health: %d %+v, want 200 ok", got, body)
	}
}

func testTerritories(t *testing.T, f *fixture) {
	var body api.TerritoriesBody
	if got := get(t, f.srv.URL, "/api/v1/territories", &body); got != http.StatusOK {
		t.Fatalf("status %d", got)
	}
	if len(body.Territories) != 1 {
		t.Fatalf("territories %+v, want the pilot only", body.Territories)
	}
	got := body.Territories[0]
	if got.ID != pilotID || got.Name != f.territory.Info.Name || got.LatestRevision != 1 || got.CreatedAt.IsZero() ||
		got.UpdatedAt.Location() != time.UTC {
		t.Errorf("territory %+v", got)
	}
}

// The pilot's interventional cardiologists are all on leave over
// Christmas: 5 seats from the night of 23 December to 27 December 2026
// have nobody, and that is the proven minimum of empty seats.
func testGaps(t *testing.T, f *fixture) {
	var body api.GapsBody
	if got := get(t, f.srv.URL, "/api/v1/territories/"+pilotID+"/gaps?from=2026-12-01&to=2027-01-01", &body); got != http.StatusOK {
		t.Fatalf("status %d", got)
	}
	if body.Territory != pilotID || body.Revision != 1 || body.From != "2026-12-01" || body.To != "2027-01-01" {
		t.Errorf("header %+v", body)
	}
	if body.MinUncovered != 5 || body.Seats != 1074 {
		t.Errorf("min_uncovered %d of %d seats, want 5 of 1074", body.MinUncovered, body.Seats)
	}
	if len(body.Gaps) != 1 {
		t.Fatalf("%d gaps, want 1: %+v", len(body.Gaps), body.Gaps)
	}
	g := body.Gaps[0]
	if g.Missing != 5 || !g.NobodyEligible || len(g.Doctors) != 0 || len(g.Seats) != 5 || len(g.Unavailable) == 0 || g.Why == "" {
		t.Errorf("gap %+v", g)
	}
	for i, s := range g.Seats {
		day := s.Start.Format("2006-01-02")
		if s.Line != "cardio-interv-chu" || s.Eligible != 0 || day != []string{"2026-12-23", "2026-12-24", "2026-12-25", "2026-12-26", "2026-12-27"}[i] ||
			!s.End.After(s.Start) || s.Start.Location() != time.UTC {
			t.Errorf("seat %d: %+v", i, s)
		}
	}
	// A period with no gap answers an empty list, not null.
	var feb api.GapsBody
	get(t, f.srv.URL, "/api/v1/territories/"+pilotID+"/gaps?from=2027-02-01&to=2027-02-08", &feb)
	if feb.MinUncovered != 0 || feb.Gaps == nil || len(feb.Gaps) != 0 || feb.Seats == 0 {
		t.Errorf("first week of February: %+v", feb)
	}
}

// onDutyOf is the expectation, computed from the rota and the territory's
// shifts (expanded over the period, not looked up one by one as the server
// does): the (shift, doctor) pairs whose shift runs at the instant.
func onDutyOf(t *testing.T, ter *scheduler.Territory, r *scheduler.Rota, at time.Time) []string {
	t.Helper()
	shifts, err := ter.Shifts(r.From, r.To)
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]scheduler.Shift{}
	for _, sh := range shifts {
		byKey[sh.Key] = sh
	}
	var out []string
	for _, a := range r.Assignments {
		sh, ok := byKey[a.Shift]
		if !ok {
			t.Fatalf("the rota names shift %s, not in its period", a.Shift)
		}
		if !sh.Start.After(at) && sh.End.After(at) {
			out = append(out, a.Shift+" "+a.Doctor)
		}
	}
	sort.Strings(out)
	return out
}

func testOnDuty(t *testing.T, f *fixture) {
	names := map[string]string{}
	for _, d := range f.territory.Doctors {
		names[d.ID] = d.Name
	}
	for _, tc := range []struct {
		at        string
		wantRotas []string // from dates of the rotas answering
	}{
		{"2026-12-08T22:00:00Z", []string{"2026-12-01"}},      // a weekday night
		{"2026-12-08T23:00:00+01:00", []string{"2026-12-01"}}, // the same night, another zone
		{"2026-12-12T10:00:00Z", []string{"2026-12-01"}},      // a Saturday
		{"2026-12-01T18:00:00Z", []string{"2026-12-01"}},      // the first night of the period
		// January is only a draft, but the night of 31 December, in the
		// published December rota, still runs.
		{"2027-01-01T02:00:00Z", []string{"2026-12-01"}},
	} {
		at, _ := time.Parse(time.RFC3339, tc.at)
		want := onDutyOf(t, f.territory, f.published, at)
		if len(want) == 0 {
			t.Fatalf("at %s: the rota has nobody on duty: the test proves nothing", tc.at)
		}
		var body api.OnDutyBody
		status := get(t, f.srv.URL, "/api/v1/territories/"+pilotID+"/on-duty?at="+urlQueryEscape(tc.at), &body)
		if status != http.StatusOK {
			t.Fatalf("at %s: status %d", tc.at, status)
		}
		var got []string
		for _, e := range body.OnDuty {
			got = append(got, e.Shift+" "+e.DoctorID)
			if e.DoctorName != names[e.DoctorID] || e.DoctorName == "" {
				t.Errorf("at %s: %s is named %q, want %q", tc.at, e.DoctorID, e.DoctorName, names[e.DoctorID])
			}
			if e.Start.After(at) || !e.End.After(at) || e.Start.Location() != time.UTC || e.End.Location() != time.UTC {
				t.Errorf("at %s: %s runs from %s to %s", tc.at, e.Shift, e.Start, e.End)
			}
			if line := f.territory.Line(e.Line); line == nil || line.Establishment != e.Establishment || e.EstablishmentName == "" ||
				!strings.HasPrefix(e.Shift, e.Line+"/") {
				t.Errorf("at %s: entry %+v does not match its line", tc.at, e)
			}
		}
		sort.Strings(got)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("at %s: on duty\n%s\nwant\n%s", tc.at, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		var rotas []string
		for _, r := range body.Rotas {
			rotas = append(rotas, r.From)
			if r.Version != 1 || r.PublishedAt == nil || r.TerritoryRevision != 1 {
				t.Errorf("at %s: rota %+v", tc.at, r)
			}
		}
		if strings.Join(rotas, ",") != strings.Join(tc.wantRotas, ",") || !body.At.Equal(at) || body.Territory != pilotID {
			t.Errorf("at %s: answered at %s from rotas %v, want %v", tc.at, body.At, rotas, tc.wantRotas)
		}
	}
}

// The night of 30 November belongs to no stored rota, so at 01:30 on 1
// December nobody is on duty according to the December rota, whose period
// holds the instant: an empty list, not a 404.
func testOnDutyNobody(t *testing.T, f *fixture) {
	at := "2026-12-01T00:30:00Z"
	instant, _ := time.Parse(time.RFC3339, at)
	if got := onDutyOf(t, f.territory, f.published, instant); len(got) != 0 {
		t.Fatalf("the rota has %v on duty then: the test proves nothing", got)
	}
	var body api.OnDutyBody
	if status := get(t, f.srv.URL, "/api/v1/territories/"+pilotID+"/on-duty?at="+at, &body); status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	if body.OnDuty == nil || len(body.OnDuty) != 0 || len(body.Rotas) != 1 || body.Rotas[0].From != "2026-12-01" {
		t.Errorf("answer %+v, want the December rota and nobody", body)
	}
}

// January has a draft but nothing published: nobody is shown, even though
// the draft has doctors then.
func testOnDutyNeedsPublished(t *testing.T, f *fixture) {
	at := "2027-01-15T22:00:00Z"
	instant, _ := time.Parse(time.RFC3339, at)
	if len(onDutyOf(t, f.territory, f.draft, instant)) == 0 {
		t.Fatal("the draft has nobody on duty then: the test proves nothing")
	}
	wantError(t, f.srv.URL, "/api/v1/territories/"+pilotID+"/on-duty?at="+at, http.StatusNotFound, "", "no published rota", "covers 2027-01-15T22:00:00Z")
	wantError(t, f.srv.URL, "/api/v1/territories/"+pilotID+"/on-duty?at=2026-06-01T12:00:00Z", http.StatusNotFound, "", "no published rota")
}

func testBadParameters(t *testing.T, f *fixture) {
	gaps := "/api/v1/territories/" + pilotID + "/gaps"
	onDuty := "/api/v1/territories/" + pilotID + "/on-duty"
	for _, tc := range []struct {
		path, field string
		parts       []string
	}{
		{gaps + "?from=2026-13-01&to=2027-01-01", "from", []string{`from: want a date YYYY-MM-DD, got "2026-13-01"`}},
		{gaps + "?to=2027-01-01", "from", []string{"from: missing"}},
		{gaps + "?from=2026-12-01", "to", []string{"to: missing"}},
		{gaps + "?from=2026-12-01&to=1/1/2027", "to", []string{`got "1/1/2027"`}},
		{gaps + "?from=2026-12-01&to=2026-11-01", "to", []string{"ends (2026-11-01) before it starts (2026-12-01)"}},
		{gaps + "?from=2026-12-01&to=2026-12-01", "to", []string{"is empty"}},
		{gaps + "?from=2026-01-01&to=2027-06-01", "to", []string{"at most 366 days"}},
		{onDuty, "at", []string{"at: missing"}},
		{onDuty + "?at=2026-12-08", "at", []string{`got "2026-12-08"`, "RFC 3339"}},
		{onDuty + "?at=2026-12-08T22:00:00+01:00", "at", []string{"%2B"}}, // an unescaped + reads as a space
	} {
		wantError(t, f.srv.URL, tc.path, http.StatusBadRequest, tc.field, tc.parts...)
	}
}

func testUnknownTerritory(t *testing.T, f *fixture) {
	wantError(t, f.srv.URL, "/api/v1/territories/nowhere/gaps?from=2026-12-01&to=2027-01-01", http.StatusNotFound, "id", `"nowhere"`)
	wantError(t, f.srv.URL, "/api/v1/territories/nowhere/on-duty?at=2026-12-08T22:00:00Z", http.StatusNotFound, "id", `"nowhere"`)
}

func testUnknownEndpoint(t *testing.T, f *fixture) {
	wantError(t, f.srv.URL, "/api/v1/doctors", http.StatusNotFound, "", "no endpoint GET /api/v1/doctors")
	res, err := http.Post(f.srv.URL+"/api/v1/territories", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d, want 405", res.StatusCode)
	}
}

// A database that lacks migrations makes health a 503 that says what to do.
func testSchemaBehind(t *testing.T, b backend) {
	srv := httptest.NewServer(api.NewHandler(b.open(t), api.Options{}))
	defer srv.Close()
	wantError(t, srv.URL, "/api/v1/health", http.StatusServiceUnavailable, "", "run garde migrate")
}

// Two published rotas of overlapping periods (December, and a week of it
// re-planned apart): at an instant both cover, the one published last
// answers; elsewhere in December, December does. Publishing a new version
// of December makes it the last again.
func testLastPublishedWins(t *testing.T, b backend) {
	ctx := context.Background()
	s := b.migrated(t)
	data, err := os.ReadFile("../fixtures/pilot.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportTerritoryFile(ctx, data); err != nil {
		t.Fatal(err)
	}
	ter, _, err := s.ExportTerritory(ctx, pilotID, 0)
	if err != nil {
		t.Fatal(err)
	}
	week := store.RotaKey{Territory: pilotID, From: scheduler.DateOf(2026, 12, 8), To: scheduler.DateOf(2026, 12, 15)}
	publish := func(key store.RotaKey, r *scheduler.Rota, version, expect int) {
		t.Helper()
		if _, err := s.SaveVersion(ctx, r, store.SaveOptions{Base: version - 1}); err != nil {
			t.Fatalf("save %s: %v", key, err)
		}
		if _, err := s.PublishVersion(ctx, key, version, expect); err != nil {
			t.Fatalf("publish %s v%d: %v", key, version, err)
		}
		time.Sleep(1100 * time.Millisecond) // publication times a second apart on any backend
	}
	dec1, weekly, dec2 := eligibleRota(t, ter, december), eligibleRotaFrom(t, ter, week, 1), eligibleRotaFrom(t, ter, december, 2)
	publish(december, dec1, 1, 0)
	publish(week, weekly, 1, 0)
	srv := httptest.NewServer(api.NewHandler(s, api.Options{}))
	defer srv.Close()
	ask := func(at string, want *scheduler.Rota, wantFrom string) {
		t.Helper()
		wantOnDuty := onDutyOf(t, ter, want, mustTime(t, at))
		var body api.OnDutyBody
		if status := get(t, srv.URL, "/api/v1/territories/"+pilotID+"/on-duty?at="+at, &body); status != http.StatusOK {
			t.Fatalf("at %s: status %d", at, status)
		}
		var got []string
		for _, e := range body.OnDuty {
			got = append(got, e.Shift+" "+e.DoctorID)
		}
		sort.Strings(got)
		if len(body.Rotas) != 1 || body.Rotas[0].From != wantFrom || strings.Join(got, ",") != strings.Join(wantOnDuty, ",") {
			t.Errorf("at %s: rotas %+v on duty %v, want the rota from %s with %v", at, body.Rotas, got, wantFrom, wantOnDuty)
		}
	}
	if strings.Join(onDutyOf(t, ter, dec1, mustTime(t, "2026-12-10T22:00:00Z")), ",") ==
		strings.Join(onDutyOf(t, ter, weekly, mustTime(t, "2026-12-10T22:00:00Z")), ",") {
		t.Fatal("December and the week have the same doctors on duty: the test proves nothing")
	}
	ask("2026-12-10T22:00:00Z", weekly, "2026-12-08") // in the week: published last
	ask("2026-12-20T22:00:00Z", dec1, "2026-12-01")   // outside it: December
	publish(december, dec2, 2, 1)
	ask("2026-12-10T22:00:00Z", dec2, "2026-12-01") // December's version 2, published after the week
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

func urlQueryEscape(s string) string { return strings.ReplaceAll(s, "+", "%2B") }

// syncBuffer collects log output written from the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

package store

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"garde/scheduler"
)

// BenchmarkImportExportPilot measures what garde import and garde export do
// with the pilot territory: parse and validate the file, store it as a new
// territory in one transaction (validating it again), read it back and
// validate it. It reports each phase too. The target is under a second on
// each backend; docs/benchmarks.md has the figures.
func BenchmarkImportExportPilot(b *testing.B) {
	data, err := os.ReadFile("../fixtures/pilot.json")
	if err != nil {
		b.Skipf("no pilot fixture: %v", err)
	}
	backends := []backend{sqliteBackend()}
	if pg, ok := postgresBackend(b); ok {
		backends = append(backends, pg)
	}
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			s := be.migrated(b, Options{})
			ctx := context.Background()
			var parse, store, export time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				t, err := scheduler.ParseTerritory(data)
				if err != nil {
					b.Fatal(err)
				}
				t.Info.ID = fmt.Sprintf("pilot-%d", i) // a new territory each time, not a no-op
				parsed := time.Now()
				if _, err := s.ImportTerritory(ctx, t); err != nil {
					b.Fatal(err)
				}
				stored := time.Now()
				if _, _, err := s.ExportTerritory(ctx, t.Info.ID, 0); err != nil {
					b.Fatal(err)
				}
				parse, store, export = parse+parsed.Sub(start), store+stored.Sub(parsed), export+time.Since(stored)
			}
			n := float64(b.N) * float64(time.Millisecond)
			b.ReportMetric(float64(parse)/n, "parse-ms/op")
			b.ReportMetric(float64(store)/n, "import-ms/op")
			b.ReportMetric(float64(export)/n, "export-ms/op")
		})
	}
}

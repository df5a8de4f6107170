# Garde: build, run the demo, test.
GO      ?= go
BIN     := bin/garde
PILOT   := fixtures/pilot.json
MONTH   := --from 2026-12-01 --to 2027-01-01

.PHONY: build run test test-short bench bench-curtois lint fuzz clean

build:
	CGO_ENABLED=0 $(GO) build -o $(BIN) ./cmd/garde

# The demo: the pilot territory's December 2026 rota, solved and stored in
# the embedded database (./garde.db), with the coordinator's report.
run: build
	@mkdir -p out
	$(BIN) migrate
	$(BIN) import $(PILOT)
	$(BIN) gaps $(PILOT) $(MONTH)
	$(BIN) solve $(PILOT) $(MONTH) --time-limit 10s --out out/pilot-2026-12.json --save
	$(BIN) rota list pilote-estuaire

test: lint
	$(GO) test -count=1 ./...

test-short:
	$(GO) test -short ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./scheduler/ ./store/ | tee out-bench.txt

bench-curtois: build
	$(BIN) bench curtois-all --limits 10s,60s --seeds 3 --markdown docs/benchmarks.md

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt would change:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParseTerritory -fuzztime 120s ./scheduler/

clean:
	rm -rf bin out garde.db garde.db-shm garde.db-wal

# Quality against the exact optimum: CBC (Debian coinor-cbc) vs garde solve; see scripts/exact/README.md.
.PHONY: bench-exact
bench-exact:
	scripts/exact/compare.sh

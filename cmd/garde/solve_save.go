package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	"garde/scheduler"
	"garde/store"
)

// solveInput is what a solve was given, for its provenance.
type solveInput struct {
	territory, reference, history []byte
	from, to                      scheduler.Date
	seed                          uint64
}

// hash identifies the input: the same files, period and seed give the same hash.
func (in solveInput) hash() string {
	h := sha256.New()
	for _, part := range [][]byte{in.territory, in.reference, in.history} {
		fmt.Fprintf(h, "%d:", len(part))
		h.Write(part)
	}
	fmt.Fprintf(h, "%s/%s/%d", in.from, in.to, in.seed)
	return hex.EncodeToString(h.Sum(nil))
}

// saveSolution stores a solved rota as the next draft version, with how it
// was made. The territory file is imported first (nothing is written when
// the stored latest revision already holds it), so that the version names
// the revision it was made from.
func saveSolution(ctx context.Context, dbURL string, t *scheduler.Territory, sol *scheduler.Solution,
	in solveInput, opt scheduler.SolveOptions) (store.VersionInfo, error) {
	s, err := openStore(ctx, dbURL)
	if err != nil {
		return store.VersionInfo{}, err
	}
	defer s.Close()
	imported, err := s.ImportTerritory(ctx, t)
	if err != nil {
		return store.VersionInfo{}, err
	}
	key := store.KeyOf(sol.Rota)
	versions, err := s.Versions(ctx, key)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return store.VersionInfo{}, err
	}
	base := 0
	for _, v := range versions {
		base = max(base, v.Version)
	}
	seed := int64(opt.Seed)
	return s.SaveVersion(ctx, sol.Rota, store.SaveOptions{
		Base:     base,
		Revision: imported.Revision,
		Provenance: store.Provenance{
			SolverVersion: scheduler.SolverVersion,
			Seed:          &seed,
			TimeLimit:     opt.TimeLimit,
			InputHash:     in.hash(),
			Duration:      sol.Elapsed,
		},
	})
}

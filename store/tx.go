package store

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// write runs fn in one transaction: all of its writes or none. A cancelled
// context rolls the transaction back, whatever fn had written so far.
// SQLite takes the write lock at BEGIN (_txlock=immediate), so writers queue
// rather than fail half-way.
func (s *Store) write(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.db.WithContext(ctx).Transaction(fn)
}

// wrapWrite says what a failed write was doing, unless the error is already
// a store *Error, whose message says it all.
func wrapWrite(err error, format string, args ...any) error {
	var se *Error
	if errors.As(err, &se) {
		return err
	}
	what := fmt.Sprintf(format, args...)
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: interrupted before the end, nothing was written: %w", what, err)
	}
	return fmt.Errorf("%s: %w", what, err)
}

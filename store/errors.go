package store

import (
	"errors"
	"fmt"
)

// The kinds of failure a caller tells apart with errors.Is. The error a
// Store returns says in words what happened and what to do; its kind says
// how to react (an API maps them to 404, 409, 422, 503).
var (
	// ErrNotFound: the territory, revision, rota or version does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict: someone else wrote first; the write was based on a stale
	// state and changed nothing. Reload, redo the change and retry.
	ErrConflict = errors.New("conflict")
	// ErrImmutable: the write would change a published or superseded rota
	// version, which never changes.
	ErrImmutable = errors.New("immutable")
	// ErrInvalid: the input does not validate; nothing was written. The
	// error also wraps the scheduler.FieldErrors that list the problems.
	ErrInvalid = errors.New("invalid input")
	// ErrSchemaBehind: the database lacks migrations this Garde needs.
	ErrSchemaBehind = errors.New("the database schema is behind this version of garde: run garde migrate")
	// ErrSchemaAhead: the database was migrated by a newer Garde.
	ErrSchemaAhead = errors.New("the database schema is newer than this version of garde: upgrade garde")
)

// Error is a store failure: a message for people and a kind for programs.
type Error struct {
	Kind  error  // one of the Err* values above
	Msg   string // what happened and what to do
	Cause error  // the underlying error, if any
}

func (e *Error) Error() string {
	if e.Cause != nil {
		return e.Msg + ": " + e.Cause.Error()
	}
	return e.Msg
}

// Unwrap exposes both the kind and the cause to errors.Is and errors.As.
func (e *Error) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Cause}
}

func newError(kind, cause error, format string, args ...any) error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...), Cause: cause}
}

func notFound(format string, args ...any) error { return newError(ErrNotFound, nil, format, args...) }
func conflict(format string, args ...any) error { return newError(ErrConflict, nil, format, args...) }
func immutable(format string, args ...any) error {
	return newError(ErrImmutable, nil, format, args...)
}
func invalid(cause error, format string, args ...any) error {
	return newError(ErrInvalid, cause, format, args...)
}

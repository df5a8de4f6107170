package api

import (
	"errors"
	"fmt"
	"net/http"

	"garde/store"

	"github.com/labstack/echo/v4"
)

// ErrorBody is the JSON body of every failed request.
type ErrorBody struct {
	// Error says what went wrong in words a coordinator understands.
	Error string `json:"error"`
	// Field names the query or path parameter at fault, when one is.
	Field string `json:"field,omitempty"`
}

// apiError is a failure the client is told about as is: its status, its
// message and the parameter at fault. Any other error is internal: logged
// in full, answered with a generic 500 so no internal detail leaks.
type apiError struct {
	status int
	field  string
	msg    string
}

func (e *apiError) Error() string {
	if e.field != "" {
		return fmt.Sprintf("%d %s: %s", e.status, e.field, e.msg)
	}
	return fmt.Sprintf("%d %s", e.status, e.msg)
}

// badParam is a 400 naming the parameter at fault; the message starts with
// its name so that it reads on its own too.
func badParam(field, format string, args ...any) error {
	return &apiError{status: http.StatusBadRequest, field: field, msg: field + ": " + fmt.Sprintf(format, args...)}
}

func notFound(field, format string, args ...any) error {
	return &apiError{status: http.StatusNotFound, field: field, msg: fmt.Sprintf(format, args...)}
}

// internalMessage is all a client learns of an internal error; the request
// id lets an operator find the logged details.
const internalMessage = "internal error: the server could not answer; it has been logged (quote the X-Request-ID header when reporting it)"

// handleError is Echo's central error handler: it writes every error as an
// ErrorBody with the right status.
func (h *handlers) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		h.log.Error("error after the response was sent", "request_id", requestIDOf(c), "error", err)
		return
	}
	status, body := h.describe(err, c)
	if c.Request().Method == http.MethodHead {
		err = c.NoContent(status)
	} else {
		err = c.JSON(status, body)
	}
	if err != nil {
		h.log.Error("writing an error response", "request_id", requestIDOf(c), "error", err)
	}
}

// describe maps an error to a status and a body.
func (h *handlers) describe(err error, c echo.Context) (int, ErrorBody) {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae.status, ErrorBody{Error: ae.msg, Field: ae.field}
	}
	var he *echo.HTTPError
	if errors.As(err, &he) && he.Code < http.StatusInternalServerError {
		switch he.Code {
		case http.StatusNotFound:
			return he.Code, ErrorBody{Error: fmt.Sprintf("no endpoint %s %s: the endpoints are listed in docs/api.md", c.Request().Method, c.Request().URL.Path)}
		case http.StatusMethodNotAllowed:
			return he.Code, ErrorBody{Error: fmt.Sprintf("%s is not allowed on %s: this API only reads (GET)", c.Request().Method, c.Request().URL.Path)}
		}
		return he.Code, ErrorBody{Error: fmt.Sprint(he.Message)}
	}
	if errors.Is(err, store.ErrSchemaBehind) || errors.Is(err, store.ErrSchemaAhead) {
		h.log.Error("database schema mismatch", "request_id", requestIDOf(c), "error", err)
		return http.StatusServiceUnavailable, ErrorBody{Error: schemaMessage(err)}
	}
	h.log.Error("internal error", "request_id", requestIDOf(c), "method", c.Request().Method,
		"path", c.Request().URL.Path, "error", err)
	return http.StatusInternalServerError, ErrorBody{Error: internalMessage}
}

// schemaMessage tells an operator how to fix a schema mismatch without
// revealing where the database is.
func schemaMessage(err error) string {
	if errors.Is(err, store.ErrSchemaAhead) {
		return "the database was migrated by a newer garde: upgrade this server"
	}
	return "the database schema is behind this server: run garde migrate, then retry"
}

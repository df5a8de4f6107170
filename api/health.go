package api

import (
	"errors"
	"net/http"

	"garde/store"

	"github.com/labstack/echo/v4"
)

// HealthBody is the answer of GET /api/v1/health.
type HealthBody struct {
	Status string `json:"status"`
}

// health answers 200 when the database answers and has this server's
// schema, so that a load balancer or a monitor stops sending work to a
// server that could only fail; 503 otherwise, saying what to do.
func (h *handlers) health(c echo.Context) error {
	err := h.store.CheckSchema(c.Request().Context())
	switch {
	case errors.Is(err, store.ErrSchemaBehind) || errors.Is(err, store.ErrSchemaAhead):
		return &apiError{status: http.StatusServiceUnavailable, msg: schemaMessage(err)}
	case err != nil:
		h.log.Error("health: the database does not answer", "request_id", requestIDOf(c), "error", err)
		return &apiError{status: http.StatusServiceUnavailable, msg: "the database does not answer; the error has been logged"}
	}
	return c.JSON(http.StatusOK, HealthBody{Status: "ok"})
}

package api

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// maxRequestIDLen bounds an X-Request-ID a client sends. Echo's own
// middleware echoes any value back and into the logs; a bounded, plain
// value keeps a client from flooding the logs or forging log lines.
const maxRequestIDLen = 64

const requestIDKey = "request_id"

// requestID gives each request an id, answered in X-Request-ID and written
// with every log line of the request. A client's own id is kept when it is
// short and plain (letters, digits, '-', '_', '.', ':'); otherwise the
// server makes one.
func requestID() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			id := c.Request().Header.Get(echo.HeaderXRequestID)
			if !plainRequestID(id) {
				id = newRequestID()
			}
			c.Set(requestIDKey, id)
			c.Response().Header().Set(echo.HeaderXRequestID, id)
			return next(c)
		}
	}
}

func plainRequestID(id string) bool {
	if id == "" || len(id) > maxRequestIDLen {
		return false
	}
	for _, r := range id {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			r == '-' || r == '_' || r == '.' || r == ':'
		if !ok {
			return false
		}
	}
	return true
}

func newRequestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b)
}

func requestIDOf(c echo.Context) string {
	id, _ := c.Get(requestIDKey).(string)
	return id
}

// accessLog writes one line per request: method, path, status, time
// taken. It hands an error to the central handler itself, so that the
// status it logs is the one sent, and the error is handled only once.
func (h *handlers) accessLog() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			if err := next(c); err != nil {
				c.Error(err)
			}
			h.log.Info("request", "request_id", requestIDOf(c), "method", c.Request().Method,
				"path", c.Request().URL.Path, "status", c.Response().Status,
				"duration", time.Since(start).Round(time.Microsecond))
			return nil
		}
	}
}

// recoverPanics turns a panic in a handler into a logged 500, so that one
// bad request never takes the server down.
func (h *handlers) recoverPanics() echo.MiddlewareFunc {
	return middleware.RecoverWithConfig(middleware.RecoverConfig{
		DisableStackAll: true, // the panicking goroutine is enough, and keeps the log line short
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			h.log.Error("panic while serving a request", slog.String("request_id", requestIDOf(c)),
				slog.String("path", c.Request().URL.Path), slog.Any("panic", err), slog.String("stack", string(stack)))
			// Logged here with its stack: the client gets the generic 500.
			return &apiError{status: http.StatusInternalServerError, msg: internalMessage}
		},
	})
}

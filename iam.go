package rocketmq

import (
	"errors"
	"fmt"

	"github.com/dms-rocketmq/rocketmq-go/internal/httpx"
)

// authorizeError is the error of credentials that could not authorize an
// attempt: it matches errAuthorize (never retried) and, through iamError,
// the *APIError of an IAM answer.
func authorizeError(err error) error {
	return fmt.Errorf("%w: %w", errAuthorize, iamError(err))
}

// iamError makes an IAM answer of status ≥ 300 (a refused password login)
// reachable as an *APIError through errors.As, like the service's own;
// errors.Is still matches the credentials' error (auth.ErrPasswordRefused).
// Other errors are returned as they are.
func iamError(err error) error {
	var se *httpx.StatusError
	if !errors.As(err, &se) {
		return err
	}
	e := newAPIError(se.StatusCode, se.Header, se.Body)
	e.Code = se.Secrets.String(e.Code)
	e.Message = se.Secrets.String(e.Message)
	e.RequestID = se.Secrets.String(e.RequestID)
	e.RetryAfter = se.Secrets.String(e.RetryAfter)
	if se.StatusCode < 400 {
		e.Message = "unexpected redirect (not followed)"
	}
	e.Method, e.Path = se.Method, se.Path
	return &withAPIError{err: err, api: e}
}

// withAPIError is what credentials returned, with the *APIError of the IAM
// answer inside it.
type withAPIError struct {
	err error
	api *APIError
}

func (e *withAPIError) Error() string   { return e.err.Error() }
func (e *withAPIError) Unwrap() []error { return []error{e.err, e.api} }

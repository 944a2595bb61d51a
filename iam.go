package rocketmq

import (
	"errors"

	"github.com/dms-rocketmq/rocketmq-go/internal/httpx"
)

// authorizeError is the error of credentials that could not authorize an
// attempt. An IAM answer of status ≥ 300 (a refused password login) is
// reachable as an *APIError through errors.As, like the service's own;
// errors.Is still matches the credentials' error (auth.ErrPasswordRefused).
func authorizeError(err error) error {
	var se *httpx.StatusError
	if !errors.As(err, &se) {
		return &authError{err: err}
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
	return &authError{err: err, api: e}
}

// authError wraps what credentials returned: it matches errAuthorize, the
// credentials' error, and the *APIError of an IAM answer.
type authError struct {
	err error
	api *APIError
}

func (e *authError) Error() string { return errAuthorize.Error() + ": " + e.err.Error() }

func (e *authError) Unwrap() []error {
	if e.api != nil {
		return []error{errAuthorize, e.err, e.api}
	}
	return []error{errAuthorize, e.err}
}

package rocketmq

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dms-rocketmq/rocketmq-go/auth"
)

// RetryPolicy says when and how often a failed attempt is tried again.
//
// Which failures are retried:
//   - GET, PUT, DELETE (and HEAD, OPTIONS): HTTP 429, 502, 503 and 504, and
//     transport failures (no response arrived, or an attempt timed out by
//     WithTimeout);
//   - POST: only HTTP 429 and the "busy, try later" codes in RetryableCodes,
//     since only then is it known that the request was not applied;
//   - any method: a response carrying one of RetryableCodes;
//   - never 401 or 403 (five bad signatures in a row lock an access key),
//     never after the context ends, and never a wait past the context's
//     deadline.
//
// One exception to the 401 rule: when the service refuses the token of
// *auth.PasswordCredentials with 401, the client logs in again once and
// resends; that attempt does not count against MaxAttempts.
//
// Waits grow exponentially from MinBackoff to MaxBackoff with jitter (half
// the computed wait fixed, half random, never below MinBackoff); a
// Retry-After header from the server (seconds or an HTTP date) replaces the
// computed wait, and a Retry-After longer than MaxRetryAfter ends the
// retries instead; a negative or unreadable one is ignored (the computed
// wait applies). Each attempt is signed afresh.
//
// The defaults: 3 attempts, 500ms to 20s backoff, Retry-After up to 2m,
// DefaultRetryableCodes.
type RetryPolicy struct {
	// MaxAttempts is the number of attempts including the first; default
	// DefaultMaxAttempts, 3 (0 or less means the default). 1 turns retries
	// off.
	MaxAttempts int
	// MinBackoff is the first wait and the shortest; default
	// DefaultMinBackoff, 500ms.
	MinBackoff time.Duration
	// MaxBackoff caps a computed wait; default DefaultMaxBackoff, 20s. A
	// value below MinBackoff is raised to MinBackoff.
	MaxBackoff time.Duration
	// MaxRetryAfter is the longest server-requested (Retry-After) wait
	// honoured; default DefaultMaxRetryAfter, 2m. A longer one ends the
	// retries.
	MaxRetryAfter time.Duration
	// RetryableCodes are error codes (APIError.Code) that mean "busy, try
	// later" for every method, POST included; nil means
	// DefaultRetryableCodes, an empty non-nil slice none.
	RetryableCodes []string
}

// DefaultRetryableCodes are the documented "try again later" codes, the
// RetryableCodes of a policy that sets none.
var DefaultRetryableCodes = []string{
	CodeJobRunning,             // DMS.00400017: this DMS instance job task is still running
	CodeInstanceStatusConflict, // DMS.00400026: the operation is not allowed due to the instance status
	CodeScaleUpInProgress,      // DMS.00400108: the instance is processing a scale-up order, try again later
	CodeFlowControl,            // DMS.10240407: the request is too frequent; flow control (sent as 404)
}

// Defaults of RetryPolicy.
const (
	DefaultMaxAttempts   = 3
	DefaultMinBackoff    = 500 * time.Millisecond
	DefaultMaxBackoff    = 20 * time.Second
	DefaultMaxRetryAfter = 2 * time.Minute
)

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = DefaultMaxAttempts
	}
	if p.MinBackoff <= 0 {
		p.MinBackoff = DefaultMinBackoff
	}
	if p.MaxBackoff <= 0 {
		p.MaxBackoff = DefaultMaxBackoff
	}
	if p.MaxBackoff < p.MinBackoff {
		p.MaxBackoff = p.MinBackoff
	}
	if p.MaxRetryAfter <= 0 {
		p.MaxRetryAfter = DefaultMaxRetryAfter
	}
	if p.RetryableCodes == nil {
		p.RetryableCodes = DefaultRetryableCodes
	}
	return p
}

func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

// send runs the attempts of a prepared request: the retry loop. Whether an
// attempt is tried again is decided by retryable alone (and the one re-login
// of a refused token, which is not a retry).
func (c *Client) send(ctx context.Context, p *prepared, out any) (*Response, error) {
	pol := c.retry
	if p.call.retry != nil {
		pol = *p.call.retry
	}
	var (
		resp     *Response
		lastErr  error
		relogged bool
		extra    int
	)
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			if lastErr != nil {
				return resp, c.failure(p, attempt-1, fmt.Errorf("%w (last attempt: %v)", err, lastErr))
			}
			return resp, err
		}
		var (
			apiErr       *APIError
			transportErr error
			sentHeader   http.Header
		)
		resp, apiErr, sentHeader, transportErr = c.attempt(ctx, p, attempt)
		if transportErr == nil && apiErr == nil {
			if err := decodeInto(out, resp.Body, sentRequest{c, p, sentHeader}); err != nil {
				return resp, fmt.Errorf("rocketmq: %s %s: decoding the response: %w", p.method, p.logPath, err)
			}
			return resp, nil
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return resp, c.failure(p, attempt, ctxErr)
		}
		if apiErr != nil {
			lastErr = apiErr
		} else {
			lastErr = transportErr
		}
		if apiErr != nil && apiErr.StatusCode == http.StatusUnauthorized && !relogged {
			// A refused IAM token (expired early, revoked, or a clock
			// apart from IAM's): log in again once. The request was not
			// applied; this is not a retry of a bad AK/SK signature.
			if r, ok := c.creds.Credentials.(tokenRejecter); ok && firstValue(sentHeader[auth.HeaderAuthToken]) != "" {
				r.Reject(firstValue(sentHeader[auth.HeaderAuthToken]))
				relogged = true
				extra++ // this attempt is not counted against MaxAttempts
				continue
			}
		}
		if attempt-extra >= pol.MaxAttempts || !pol.retryable(p.method, apiErr, transportErr) {
			return resp, c.failure(p, attempt, lastErr)
		}
		wait := pol.backoff(attempt - extra)
		if apiErr != nil {
			if ra, ok := parseRetryAfter(apiErr.RetryAfter, time.Now()); ok {
				if ra > pol.MaxRetryAfter {
					return resp, lastErr
				}
				wait = ra
			}
		}
		if !sleepCtx(ctx, wait) {
			if err := ctx.Err(); err != nil {
				return resp, c.failure(p, attempt, fmt.Errorf("%w (last attempt: %v)", err, lastErr))
			}
			// The deadline comes before the wait would end: give up now.
			return resp, c.failure(p, attempt, lastErr)
		}
	}
}

// failure is the error of a call that ended after n attempts with err: an
// *APIError (which names the operation itself) and the refusals of
// retryable as they are, any other failure wrapped with the operation and
// the attempt count.
func (c *Client) failure(p *prepared, n int, err error) error {
	var apiErr *APIError
	if errors.As(err, &apiErr) && err == error(apiErr) {
		return err
	}
	if final(err) && !errors.Is(err, errAttemptTimeout) && n <= 1 {
		return err
	}
	return &opError{method: p.method, path: p.logPath, attempts: n, err: err}
}

// opError is a failure to get an answer, with the operation and the number
// of attempts made; it unwraps to the last attempt's error.
type opError struct {
	method, path string
	attempts     int
	err          error
}

func (e *opError) Error() string {
	a := " attempts: "
	if e.attempts == 1 {
		a = " attempt: "
	}
	return "rocketmq: " + e.method + " " + e.path + ": " + strconv.Itoa(e.attempts) + a + e.err.Error()
}

func (e *opError) Unwrap() error { return e.err }

// final reports errors that no attempt can change: input refused by a
// check, a body too large to sign, credentials that cannot authorize, a
// success body over the cap.
func final(err error) bool {
	var vErr *ValidationError
	return errors.As(err, &vErr) || errors.Is(err, auth.ErrBodyTooLarge) || errors.Is(err, errAuthorize) ||
		errors.Is(err, ErrResponseTooLarge)
}

// retryable decides whether an attempt that ended with apiErr (a response)
// or transportErr (no response) may be tried again.
func (p RetryPolicy) retryable(method string, apiErr *APIError, transportErr error) bool {
	if transportErr != nil {
		if errors.Is(transportErr, context.Canceled) || final(transportErr) {
			return false
		}
		// A DeadlineExceeded here is the attempt's own (WithTimeout, or the
		// http.Client's Timeout): send has checked the caller's context
		// first. Like any transport failure, it is retried when idempotent.
		return idempotent(method)
	}
	if apiErr == nil {
		return false
	}
	switch apiErr.StatusCode {
	case http.StatusUnauthorized, http.StatusForbidden:
		return false
	}
	if apiErr.Code != "" && slices.Contains(p.RetryableCodes, apiErr.Code) {
		return true
	}
	switch apiErr.StatusCode {
	case http.StatusTooManyRequests:
		return true
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return idempotent(method)
	}
	return false
}

// backoff returns the wait before attempt n+1 (n ≥ 1 attempts made).
func (p RetryPolicy) backoff(n int) time.Duration {
	d := p.MinBackoff
	for i := 1; i < n && d < p.MaxBackoff; i++ {
		d *= 2
	}
	if d > p.MaxBackoff {
		d = p.MaxBackoff
	}
	// Equal jitter: half fixed, half random, never below MinBackoff.
	half := d / 2
	d = half + time.Duration(rand.Int64N(int64(half)+1))
	if d < p.MinBackoff {
		d = p.MinBackoff
	}
	return d
}

// parseRetryAfter reads a Retry-After value: seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		switch {
		case math.IsNaN(secs):
			return 0, false
		case secs < 0:
			// Invalid: the normal backoff applies.
			return 0, false
		case secs >= float64(math.MaxInt64)/float64(time.Second):
			// Converting would overflow into a negative wait.
			return time.Duration(math.MaxInt64), true
		}
		return time.Duration(secs * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

// sleepCtx waits d unless ctx ends first or its deadline comes before the
// wait would end; it reports whether the full wait happened.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		return false
	}
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

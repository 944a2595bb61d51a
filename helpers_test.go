package rocketmq_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/signer"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

// bg is the context of calls that need no deadline.
var bg = context.Background()

// sent is one request as the mock transport received it.
type sent struct {
	Method string
	Host   string
	// Path is the escaped path, base path included.
	Path   string
	Query  string
	Header http.Header
	Body   []byte
	At     time.Time
}

// recorder records every request the mock transport receives and answers
// them in order with its steps (the last step answers any extra request).
type recorder struct {
	mu    sync.Mutex
	reqs  []sent
	steps []httpmock.Responder
}

// record installs a recorder as mt's only responder.
func record(t testing.TB, mt *httpmock.MockTransport, steps ...httpmock.Responder) *recorder {
	t.Helper()
	require.NotEmpty(t, steps)
	r := &recorder{steps: steps}
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		var body []byte
		if req.Body != nil {
			body, _ = io.ReadAll(req.Body)
		}
		r.mu.Lock()
		i := len(r.reqs)
		r.reqs = append(r.reqs, sent{
			Method: req.Method,
			Host:   req.URL.Host,
			Path:   req.URL.EscapedPath(),
			Query:  req.URL.RawQuery,
			Header: req.Header.Clone(),
			Body:   body,
			At:     time.Now(),
		})
		step := r.steps[min(i, len(r.steps)-1)]
		r.mu.Unlock()
		req.Body = io.NopCloser(bytes.NewReader(body))
		return step(req)
	})
	return r
}

// requests returns a copy of what was received so far.
func (r *recorder) requests() []sent {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]sent(nil), r.reqs...)
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.reqs)
}

// reply answers with status and body (JSON content type) and extra headers
// given as name/value pairs.
func reply(status int, body string, hdr ...string) httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(status, body)
		if body != "" {
			resp.Header.Set("Content-Type", "application/json")
		}
		for i := 0; i+1 < len(hdr); i += 2 {
			resp.Header.Set(hdr[i], hdr[i+1])
		}
		resp.Request = req
		return resp, nil
	}
}

// verifySignature asserts that s carries a valid AK/SK signature of the
// test client's keys.
func verifySignature(t testing.TB, s sent) {
	t.Helper()
	req := &http.Request{Method: s.Method, Header: s.Header, Host: s.Host}
	u := "https://" + s.Host + s.Path
	if s.Query != "" {
		u += "?" + s.Query
	}
	parsed, err := http.NewRequest(s.Method, u, nil)
	require.NoError(t, err)
	req.URL = parsed.URL
	_, err = signer.Verify(req, s.Body, func(ak string) (string, bool) {
		return testutil.SecretKey, ak == testutil.AccessKey
	}, time.Now())
	assert.NoError(t, err, "signature of %s %s", s.Method, s.Path)
}

// fast is a retry policy with tiny waits.
func fast(attempts int) rocketmq.Option {
	return rocketmq.WithRetry(rocketmq.RetryPolicy{MaxAttempts: attempts, MinBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond})
}

package rocketmq_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/signer"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

func instancesReq() *rocketmq.Request {
	return &rocketmq.Request{Path: "/v2/{project_id}/instances"}
}

func TestCaptureResponseOnSuccess(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	record(t, mt, reply(503, `{}`), reply(201, `{"id":"x"}`, "X-Request-Id", "req-201"))
	var got rocketmq.Response
	resp, err := c.Do(bg, instancesReq(), nil, rocketmq.CaptureResponse(&got))
	require.NoError(t, err)
	assert.Equal(t, *resp, got)
	assert.Equal(t, 201, got.StatusCode)
	assert.Equal(t, "req-201", got.RequestID)
	assert.Equal(t, `{"id":"x"}`, string(got.Body))
	assert.Equal(t, 2, got.Attempts)
	assert.Equal(t, "application/json", got.Header.Get("Content-Type"))
}

func TestCaptureResponseOnFailure(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	record(t, mt, reply(404, `{"error_code":"DMS.00404022","error_msg":"gone"}`, "X-Request-Id", "req-404"))
	got := rocketmq.Response{StatusCode: -1}
	_, err := c.Do(bg, instancesReq(), nil, rocketmq.CaptureResponse(&got))
	require.Error(t, err)
	assert.Equal(t, 404, got.StatusCode)
	assert.Equal(t, "req-404", got.RequestID)
	assert.Equal(t, `{"error_code":"DMS.00404022","error_msg":"gone"}`, string(got.Body))
	assert.Equal(t, 1, got.Attempts)

	// No response at all: dst is left as it was.
	c, mt = testutil.NewClient(t, fast(1))
	record(t, mt, func(*http.Request) (*http.Response, error) { return nil, assert.AnError })
	_, err = c.Do(bg, instancesReq(), nil, rocketmq.CaptureResponse(&got))
	require.Error(t, err)
	assert.Equal(t, 404, got.StatusCode, "unchanged")
}

func TestWithHeaderIsSentAndSigned(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	rec := record(t, mt, reply(200, `{}`))
	_, err := c.Do(bg, &rocketmq.Request{Method: http.MethodPost, Path: "/v2/{project_id}/instances", Body: map[string]int{"a": 1}}, nil,
		rocketmq.WithHeader("x-trace-id", "trace-1"), rocketmq.WithHeader("X-Trace-Id", "trace-2"), nil)
	require.NoError(t, err)
	s := rec.requests()[0]
	assert.Equal(t, []string{"trace-1", "trace-2"}, s.Header.Values("X-Trace-Id"))
	a, err := signer.ParseAuthorization(s.Header.Get("Authorization"))
	require.NoError(t, err)
	assert.Contains(t, a.SignedHeaders, "x-trace-id")
	assert.Contains(t, a.SignedHeaders, "x-project-id")
	// Signed in resty's pre-request hook: every header sent is signed.
	assert.Contains(t, a.SignedHeaders, "user-agent")
	assert.Contains(t, a.SignedHeaders, "accept")
	verifySignature(t, s)

	// Changing the header's value breaks the signature: it is signed.
	s.Header.Set("X-Trace-Id", "other")
	_, err = signer.Verify(&http.Request{Method: s.Method, Header: s.Header, Host: s.Host,
		URL: mustURL(t, "https://"+s.Host+s.Path).URL}, s.Body, func(string) (string, bool) { return testutil.SecretKey, true }, time.Now())
	assert.Error(t, err)
}

func mustURL(t *testing.T, s string) *http.Request {
	t.Helper()
	r, err := http.NewRequest(http.MethodGet, s, nil)
	require.NoError(t, err)
	return r
}

func TestWithHeaderRefusesReservedHeaders(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"Authorization", "x-sdk-date", "X-Auth-Token", "X-Security-Token", "X-Project-Id",
		"Host", "content-type", "Content-Length", "User-Agent"} {
		c, mt := testutil.NewClient(t)
		rec := record(t, mt, reply(200, `{}`))
		_, err := c.Do(bg, instancesReq(), nil, rocketmq.WithHeader(k, "v"))
		var vErr *rocketmq.ValidationError
		require.ErrorAs(t, err, &vErr, k)
		assert.Equal(t, "header", vErr.Field)
		assert.Contains(t, vErr.Message, "is set by the client", k)
		assert.Equal(t, 0, rec.count(), k)
	}
	for _, h := range [][2]string{{"Bad Name", "v"}, {"X-Ok", "a\r\nX-Evil: 1"}, {"", "v"}, {"X:Colon", "v"}} {
		c, mt := testutil.NewClient(t)
		rec := record(t, mt, reply(200, `{}`))
		_, err := c.Do(bg, instancesReq(), nil, rocketmq.WithHeader(h[0], h[1]))
		var vErr *rocketmq.ValidationError
		require.ErrorAs(t, err, &vErr, "%q", h)
		assert.Equal(t, 0, rec.count())
	}
}

func TestWithCallRetryOverridesMaxAttempts(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t) // 3 attempts
	rec := record(t, mt, reply(503, `{}`))
	_, err := c.Do(bg, instancesReq(), nil, rocketmq.WithCallRetry(rocketmq.RetryPolicy{MaxAttempts: 1}))
	require.Error(t, err)
	assert.Equal(t, 1, rec.count())

	rec = record(t, mt, reply(503, `{}`))
	_, err = c.Do(bg, instancesReq(), nil, rocketmq.WithCallRetry(rocketmq.RetryPolicy{MaxAttempts: 5, MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond}))
	require.Error(t, err)
	assert.Equal(t, 5, rec.count())

	rec = record(t, mt, reply(503, `{}`))
	_, err = c.Do(bg, instancesReq(), nil)
	require.Error(t, err)
	assert.Equal(t, 3, rec.count(), "the next call has the client's policy again")
}

// hang answers only when the request's context ends.
func hang(req *http.Request) (*http.Response, error) {
	<-req.Context().Done()
	return nil, req.Context().Err()
}

func TestWithCallTimeoutOverridesTheAttemptTimeout(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t, rocketmq.WithTimeout(time.Hour), fast(2))
	rec := record(t, mt, hang)
	_, err := c.Do(bg, instancesReq(), nil, rocketmq.WithCallTimeout(20*time.Millisecond))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "attempt timed out")
	assert.Contains(t, err.Error(), ": 2 attempts: ")
	assert.Equal(t, 2, rec.count(), "each attempt bounded, then retried")

	// 0 removes the client's per-attempt timeout: a slow answer arrives.
	c, mt = testutil.NewClient(t, rocketmq.WithTimeout(time.Millisecond), fast(1))
	record(t, mt, func(req *http.Request) (*http.Response, error) {
		time.Sleep(30 * time.Millisecond)
		if err := req.Context().Err(); err != nil {
			return nil, err
		}
		return reply(200, `{"ok":true}`)(req)
	})
	var out struct{ OK bool }
	_, err = c.Do(bg, instancesReq(), &out, rocketmq.WithCallTimeout(0))
	require.NoError(t, err)
	assert.True(t, out.OK)
	_, err = c.Do(bg, instancesReq(), &out)
	require.Error(t, err, "without the option the client's 1ms applies")
	assert.True(t, strings.Contains(err.Error(), "attempt timed out"), err.Error())
	assert.Equal(t, 2, rec.count(), "one call with the option, one without")
}

package rocketmq_test

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

var errConn = errors.New("dial tcp: connection refused")

// failure is a way for an attempt to fail.
type failure struct {
	name      string
	responder httpmock.Responder
}

func statusFailure(status int) failure {
	return failure{strconv.Itoa(status), reply(status, `{"error_code":"X.1","error_msg":"failed"}`)}
}

func codeFailure(status int, code string) failure {
	return failure{code, reply(status, `{"error_code":"`+code+`","error_msg":"try again later"}`)}
}

var connFailure = failure{"connection error", httpmock.NewErrorResponder(errConn)}

func request(method string) *rocketmq.Request {
	r := &rocketmq.Request{Method: method, Path: "/v2/{project_id}/instances/{instance_id}",
		PathParams: map[string]string{"instance_id": "i"}}
	if method == http.MethodPost || method == http.MethodPut {
		r.Body = map[string]string{"name": "n"}
	}
	return r
}

// TestRetryMatrix checks which failures each method retries: a retried
// call fails twice and then succeeds (3 requests); a call that is not
// retried fails after one request.
func TestRetryMatrix(t *testing.T) {
	t.Parallel()
	cases := []struct {
		f     failure
		retry map[string]bool // method → retried
	}{
		{statusFailure(429), map[string]bool{"GET": true, "PUT": true, "DELETE": true, "POST": true}},
		{statusFailure(502), map[string]bool{"GET": true, "PUT": true, "DELETE": true, "POST": false}},
		{statusFailure(503), map[string]bool{"GET": true, "PUT": true, "DELETE": true, "POST": false}},
		{statusFailure(504), map[string]bool{"GET": true, "PUT": true, "DELETE": true, "POST": false}},
		{connFailure, map[string]bool{"GET": true, "PUT": true, "DELETE": true, "POST": false}},
		{codeFailure(400, "DMS.00400026"), map[string]bool{"GET": true, "PUT": true, "DELETE": true, "POST": true}},
		{codeFailure(400, "DMS.00400017"), map[string]bool{"GET": true, "PUT": true, "DELETE": true, "POST": true}},
		{codeFailure(404, "DMS.10240407"), map[string]bool{"GET": true, "PUT": true, "DELETE": true, "POST": true}},
		{statusFailure(500), map[string]bool{"GET": false, "PUT": false, "DELETE": false, "POST": false}},
		{statusFailure(400), map[string]bool{"GET": false, "PUT": false, "DELETE": false, "POST": false}},
		{statusFailure(404), map[string]bool{"GET": false, "PUT": false, "DELETE": false, "POST": false}},
		{statusFailure(401), map[string]bool{"GET": false, "PUT": false, "DELETE": false, "POST": false}},
		{statusFailure(403), map[string]bool{"GET": false, "PUT": false, "DELETE": false, "POST": false}},
		// Never 401/403, even with a busy code.
		{failure{"401 busy", reply(401, `{"error_code":"DMS.00400026","error_msg":"x"}`)}, map[string]bool{"GET": false, "POST": false}},
		{failure{"403 busy", reply(403, `{"error_code":"DMS.10240407","error_msg":"x"}`)}, map[string]bool{"GET": false, "POST": false}},
		// 503 with a busy code: the code says the request was not applied.
		{codeFailure(503, "DMS.00400017"), map[string]bool{"GET": true, "POST": true}},
	}
	for _, tc := range cases {
		for method, retried := range tc.retry {
			t.Run(tc.f.name+"/"+method, func(t *testing.T) {
				t.Parallel()
				c, mt := testutil.NewClient(t, fast(3))
				rec := record(t, mt, tc.f.responder, tc.f.responder, reply(200, `{"ok":true}`))
				var out struct{ OK bool }
				resp, err := c.Do(bg, request(method), &out)
				if retried {
					require.NoError(t, err)
					assert.True(t, out.OK)
					assert.Equal(t, 3, resp.Attempts)
					assert.Equal(t, 3, rec.count())
				} else {
					require.Error(t, err)
					assert.Equal(t, 1, rec.count())
				}
				reqs := rec.requests()
				for _, s := range reqs {
					assert.Equal(t, method, s.Method)
					verifySignature(t, s)
				}
				if method == http.MethodPost || method == http.MethodPut {
					for _, s := range reqs {
						assert.JSONEq(t, `{"name":"n"}`, string(s.Body), "every attempt resends the body")
					}
				}
			})
		}
	}
}

func TestRetryGivesUpAfterMaxAttempts(t *testing.T) {
	t.Parallel()
	for _, attempts := range []int{1, 2, 5} {
		c, mt := testutil.NewClient(t, fast(attempts))
		rec := record(t, mt, reply(503, `{"error_code":"X","error_msg":"unavailable"}`, "X-Request-Id", "last"))
		resp, err := doGet(bg, c)
		var apiErr *rocketmq.APIError
		require.ErrorAs(t, err, &apiErr, "the last attempt's APIError is returned")
		assert.Equal(t, 503, apiErr.StatusCode)
		assert.Equal(t, "last", apiErr.RequestID)
		assert.Equal(t, attempts, rec.count(), "MaxAttempts %d", attempts)
		require.NotNil(t, resp)
		assert.Equal(t, attempts, resp.Attempts)
	}

	// Zero means the default (3).
	c, mt := testutil.NewClient(t, rocketmq.WithRetry(rocketmq.RetryPolicy{MinBackoff: time.Millisecond}))
	rec := record(t, mt, httpmock.NewErrorResponder(errConn))
	_, err := doGet(bg, c)
	require.ErrorIs(t, err, errConn)
	assert.Equal(t, rocketmq.DefaultMaxAttempts, rec.count())
}

func TestRetryCustomCodes(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t, rocketmq.WithRetry(rocketmq.RetryPolicy{
		MaxAttempts: 2, MinBackoff: time.Millisecond, RetryableCodes: []string{"DMS.99999999"},
	}))
	rec := record(t, mt, codeFailure(400, "DMS.99999999").responder, reply(200, `{}`))
	_, err := c.Do(bg, request(http.MethodPost), nil)
	require.NoError(t, err)
	assert.Equal(t, 2, rec.count())

	// The custom list replaces the defaults.
	rec = record(t, mt, codeFailure(400, "DMS.00400026").responder, reply(200, `{}`))
	_, err = c.Do(bg, request(http.MethodPost), nil)
	require.Error(t, err)
	assert.Equal(t, 1, rec.count())
}

func TestRetryEachAttemptSignedAfresh(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	path := "/v2/" + pid + "/instances/i"
	// Expect verifies the signature of every attempt.
	testutil.Expect(t, mt,
		testutil.Call{Method: http.MethodPut, Path: path, Body: `{"name":"n"}`, Status: 503, Response: `{"error_code":"X","error_msg":"down"}`},
		testutil.Call{Method: http.MethodPut, Path: path, Body: `{"name":"n"}`, Status: 429, Response: `{"error_code":"X","error_msg":"slow"}`},
		testutil.Call{Method: http.MethodPut, Path: path, Body: `{"name":"n"}`, Response: `{}`},
	)
	resp, err := c.Do(bg, request(http.MethodPut), nil)
	require.NoError(t, err)
	assert.Equal(t, 3, resp.Attempts)
	assert.Equal(t, "req-3", resp.RequestID)
}

func TestRetryDateChangesBetweenAttempts(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	rec := record(t, mt, reply(429, `{}`, "Retry-After", "1.05"), reply(200, `{}`))
	_, err := doGet(bg, c)
	require.NoError(t, err)
	reqs := rec.requests()
	require.Len(t, reqs, 2)
	d0, d1 := reqs[0].Header.Get("X-Sdk-Date"), reqs[1].Header.Get("X-Sdk-Date")
	assert.NotEqual(t, d0, d1, "a fresh X-Sdk-Date per attempt")
	assert.NotEqual(t, reqs[0].Header.Get("Authorization"), reqs[1].Header.Get("Authorization"), "a fresh signature per attempt")
	for _, s := range reqs {
		verifySignature(t, s)
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	t.Parallel()
	for name, value := range map[string]string{
		"seconds":   "1",
		"HTTP date": "", // filled per request below
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t) // computed backoff: 1-2ms
			first := func(req *http.Request) (*http.Response, error) {
				v := value
				if v == "" {
					// An HTTP date has one-second resolution: ask for two
					// seconds from now so that at least one is left.
					v = time.Now().Add(2 * time.Second).UTC().Format(http.TimeFormat)
				}
				return reply(503, `{}`, "Retry-After", v)(req)
			}
			rec := record(t, mt, first, reply(200, `{}`))
			_, err := doGet(bg, c)
			require.NoError(t, err)
			reqs := rec.requests()
			require.Len(t, reqs, 2)
			gap := reqs[1].At.Sub(reqs[0].At)
			assert.GreaterOrEqual(t, gap, 900*time.Millisecond, "the server's wait replaces the 1-2ms backoff")
			assert.Less(t, gap, 2500*time.Millisecond)
		})
	}
}

func TestRetryAfterBeyondMaxStops(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t, rocketmq.WithRetry(rocketmq.RetryPolicy{MinBackoff: time.Millisecond, MaxRetryAfter: time.Second}))
	for _, v := range []string{"5", "99999999999", "1e300", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)} {
		rec := record(t, mt, reply(429, `{"error_code":"X","error_msg":"slow down"}`, "Retry-After", v), reply(200, `{}`))
		start := time.Now()
		_, err := doGet(bg, c)
		var apiErr *rocketmq.APIError
		require.ErrorAs(t, err, &apiErr, "Retry-After %s", v)
		assert.Equal(t, 429, apiErr.StatusCode)
		assert.Equal(t, v, apiErr.RetryAfter)
		assert.Equal(t, 1, rec.count(), "Retry-After %s", v)
		assert.Less(t, time.Since(start), time.Second)
	}
}

func TestRetryNeverSleepsPastTheDeadline(t *testing.T) {
	t.Parallel()

	t.Run("Retry-After", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		rec := record(t, mt, reply(429, `{"error_code":"X","error_msg":"slow down"}`, "Retry-After", "10"), reply(200, `{}`))
		ctx, cancel := context.WithTimeout(bg, 50*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := doGet(ctx, c)
		var apiErr *rocketmq.APIError
		require.ErrorAs(t, err, &apiErr, "the last answer, not a context error")
		assert.Equal(t, 429, apiErr.StatusCode)
		assert.Less(t, time.Since(start), 40*time.Millisecond, "returns at once instead of sleeping")
		assert.Equal(t, 1, rec.count())
	})

	t.Run("computed backoff", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t, rocketmq.WithRetry(rocketmq.RetryPolicy{MinBackoff: 5 * time.Second, MaxBackoff: 5 * time.Second}))
		rec := record(t, mt, httpmock.NewErrorResponder(errConn), reply(200, `{}`))
		ctx, cancel := context.WithTimeout(bg, 100*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := doGet(ctx, c)
		require.ErrorIs(t, err, errConn)
		assert.Less(t, time.Since(start), 90*time.Millisecond)
		assert.Equal(t, 1, rec.count())
	})
}

func TestRetryPerAttemptTimeout(t *testing.T) {
	t.Parallel()
	slow := httpmock.NewStringResponder(200, `{"n":1}`).Delay(10 * time.Second)

	t.Run("GET is retried", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t, rocketmq.WithTimeout(50*time.Millisecond))
		rec := record(t, mt, slow, reply(200, `{"n":2}`))
		var out struct{ N int }
		start := time.Now()
		resp, err := doGetInto(c, &out)
		require.NoError(t, err)
		assert.Equal(t, 2, out.N)
		assert.Equal(t, 2, resp.Attempts)
		assert.Equal(t, 2, rec.count())
		assert.Less(t, time.Since(start), 2*time.Second)
	})

	t.Run("every attempt times out", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t, rocketmq.WithTimeout(20*time.Millisecond), fast(2))
		rec := record(t, mt, slow)
		_, err := doGet(bg, c)
		require.Error(t, err)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Contains(t, err.Error(), "WithTimeout")
		assert.Equal(t, 2, rec.count())
	})

	t.Run("POST is not retried", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t, rocketmq.WithTimeout(20*time.Millisecond))
		rec := record(t, mt, slow, reply(200, `{}`))
		_, err := c.Do(bg, request(http.MethodPost), nil)
		require.Error(t, err)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, 1, rec.count())
	})
}

func doGetInto(c *rocketmq.Client, out any) (*rocketmq.Response, error) {
	return c.Do(bg, request(http.MethodGet), out)
}

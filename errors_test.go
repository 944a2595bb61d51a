package rocketmq_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

// doGet sends GET /v2/{project_id}/instances/i with the client.
func doGet(ctx context.Context, c *rocketmq.Client) (*rocketmq.Response, error) {
	return c.Do(ctx, &rocketmq.Request{Method: http.MethodGet, Path: "/v2/{project_id}/instances/{instance_id}",
		PathParams: map[string]string{"instance_id": "i"}}, nil)
}

func TestAPIErrorShapes(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		status   int
		body     string
		header   []string
		code     string
		message  string
		reqID    string
		notFound bool
	}{
		{
			name: "error_code/error_msg", status: 400,
			body: `{"error_code":"DMS.00400060","error_msg":"The instance name already exists.","request_id":"body-id"}`,
			code: "DMS.00400060", message: "The instance name already exists.", reqID: "body-id",
		},
		{
			name: "header request id wins", status: 404,
			body:   `{"error_code":"DMS.00404022","error_msg":"This instance does not exist.","request_id":"body-id"}`,
			header: []string{"X-Request-Id", "header-id"},
			code:   "DMS.00404022", message: "This instance does not exist.", reqID: "header-id", notFound: true,
		},
		{
			name: "code/message", status: 409,
			body: `{"code":"DMS.00400026","message":"status conflict"}`,
			code: "DMS.00400026", message: "status conflict",
		},
		{
			name: "numeric code", status: 400,
			body: `{"code":400,"message":"bad"}`,
			code: "400", message: "bad",
		},
		{
			name: "nested error", status: 401,
			body: `{"error":{"code":"APIGW.0301","message":"Incorrect IAM authentication information: verify aksk signature fail"}}`,
			code: "APIGW.0301", message: "Incorrect IAM authentication information: verify aksk signature fail",
		},
		{
			name: "nested error with title only", status: 403,
			body: `{"error":{"code":403,"title":"Forbidden"}}`,
			code: "403", message: "Forbidden",
		},
		{
			name: "spaced code from the document", status: 400,
			body: `{"error_code":"DMS. 00400015","error_msg":"Invalid username."}`,
			code: "DMS.00400015", message: "Invalid username.",
		},
		{
			name: "HTML", status: 502,
			body:    "<html>\n<head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center></body>\n</html>",
			message: "<html> <head><title>502 Bad Gateway</title></head> <body><center><h1>502 Bad Gateway</h1></center></body> </html>",
		},
		{
			name: "plain text", status: 500,
			body: "internal error\n", message: "internal error",
		},
		{
			name: "JSON of another shape", status: 500,
			body: `{"foo":"bar"}`, message: `{"foo":"bar"}`,
		},
		{
			name: "JSON array", status: 500,
			body: `["x"]`, message: `["x"]`,
		},
		{
			name: "truncated JSON", status: 500,
			body: `{"error_code":"DMS.1`, message: `{"error_code":"DMS.1`,
		},
		{
			name: "empty body", status: 404,
			message: "Not Found", notFound: true,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t, fast(1))
			record(t, mt, reply(tc.status, tc.body, tc.header...))
			resp, err := doGet(bg, c)
			require.Error(t, err)
			var apiErr *rocketmq.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.status, apiErr.StatusCode)
			assert.Equal(t, tc.code, apiErr.Code)
			assert.Equal(t, tc.message, apiErr.Message)
			assert.Equal(t, tc.reqID, apiErr.RequestID)
			assert.Equal(t, http.MethodGet, apiErr.Method)
			assert.Equal(t, testutil.BasePath+"/v2/"+pid+"/instances/i", apiErr.Path)
			assert.Equal(t, tc.notFound, rocketmq.IsNotFound(err))
			assert.Contains(t, err.Error(), fmt.Sprintf("HTTP %d", tc.status))
			require.NotNil(t, resp)
			assert.Equal(t, tc.status, resp.StatusCode)
			assert.Equal(t, tc.reqID, resp.RequestID)

			// errors.As works through wrapping too.
			wrapped := fmt.Errorf("listing: %w", err)
			var again *rocketmq.APIError
			require.ErrorAs(t, wrapped, &again)
			assert.Same(t, apiErr, again)
		})
	}
}

func TestIsNotFound(t *testing.T) {
	t.Parallel()
	cases := []struct {
		status int
		code   string
		want   bool
	}{
		{404, "", true},
		{404, "DMS.00404022", true},
		{400, "DMS.00404022", true},
		{400, "DMS.00500972", true},
		{400, "DMS.00050012", true},
		{400, "DMS.00050004", true},
		{400, "DMS.00405011", true},
		{404, "DMS.10240407", false}, // flow control sent as 404
		{400, "DMS.00400060", false},
		{500, "", false},
		{410, "", false},
	}
	for _, tc := range cases {
		c, mt := testutil.NewClient(t, fast(1))
		body := ""
		if tc.code != "" {
			body = `{"error_code":"` + tc.code + `","error_msg":"x"}`
		}
		record(t, mt, reply(tc.status, body))
		_, err := doGet(bg, c)
		assert.Equal(t, tc.want, rocketmq.IsNotFound(err), "%d %s", tc.status, tc.code)
		assert.Equal(t, tc.want, rocketmq.IsNotFound(fmt.Errorf("wrapped: %w", err)), "%d %s wrapped", tc.status, tc.code)
	}
	assert.False(t, rocketmq.IsNotFound(nil))
	assert.False(t, rocketmq.IsNotFound(errors.New("404 not found")))
	assert.False(t, rocketmq.IsNotFound(&rocketmq.ValidationError{Field: "x"}))
}

func TestSignatureExpiredMentionsTheClock(t *testing.T) {
	t.Parallel()
	for _, msg := range []string{
		"Incorrect IAM authentication information: the signature expired",
		"Incorrect IAM authentication information: x-sdk-date expired",
	} {
		c, mt := testutil.NewClient(t)
		rec := record(t, mt, reply(401, `{"error_code":"APIGW.0301","error_msg":"`+msg+`","request_id":"r1"}`))
		_, err := doGet(bg, c)
		var apiErr *rocketmq.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, rocketmq.CodeSignatureInvalid, apiErr.Code)
		assert.Contains(t, err.Error(), "clock")
		assert.Contains(t, err.Error(), "15 minutes")
		assert.Contains(t, err.Error(), "r1")
		assert.Equal(t, 1, rec.count(), "a 401 is never retried")
	}

	// A plain bad signature says nothing about clocks.
	c, mt := testutil.NewClient(t)
	record(t, mt, reply(401, `{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information: verify aksk signature fail"}`))
	_, err := doGet(bg, c)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "clock")
}

func TestAPIErrorAdviceFromCatalogue(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	record(t, mt, reply(400, `{"error_code":"DMS.00400002","error_msg":"The project ID format is invalid."}`))
	_, err := doGet(bg, c)
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, err, &apiErr)
	info, ok := apiErr.Info()
	require.True(t, ok)
	assert.Equal(t, 400, info.Status)
	assert.Contains(t, err.Error(), info.Advice)
}

func TestErrorBodiesAreCapped(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", 5<<20)
	for name, body := range map[string]string{
		"HTML": "<html><body>" + big + "</body></html>",
		"JSON": `{"error_code":"DMS.00400060","error_msg":"` + big + `"}`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t, fast(1))
			record(t, mt, reply(500, body))
			resp, err := doGet(bg, c)
			var apiErr *rocketmq.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, 500, apiErr.StatusCode)
			assert.LessOrEqual(t, len(apiErr.Message), 300, "the message is a short snippet")
			assert.Less(t, len(err.Error()), 1024)
			require.NotNil(t, resp)
			assert.LessOrEqual(t, len(resp.Body), 1<<20, "the body read is capped")
		})
	}
}

func TestTransportErrorsUnwrap(t *testing.T) {
	t.Parallel()
	boom := errors.New("connection reset by peer")
	c, mt := testutil.NewClient(t)
	rec := record(t, mt, httpmock.NewErrorResponder(boom))
	resp, err := doGet(bg, c)
	require.ErrorIs(t, err, boom)
	assert.Nil(t, resp)
	var apiErr *rocketmq.APIError
	assert.False(t, errors.As(err, &apiErr))
	assert.False(t, rocketmq.IsNotFound(err))
	assert.Equal(t, 3, rec.count(), "a GET is retried on connection errors (default 3 attempts)")
}

func TestContextErrors(t *testing.T) {
	t.Parallel()

	t.Run("already cancelled: nothing sent", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		ctx, cancel := context.WithCancel(bg)
		cancel()
		_, err := doGet(ctx, c)
		assert.Equal(t, context.Canceled, err)
		assert.Zero(t, mt.GetTotalCallCount())
	})

	t.Run("already expired: nothing sent", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		ctx, cancel := context.WithDeadline(bg, time.Now().Add(-time.Second))
		defer cancel()
		_, err := doGet(ctx, c)
		assert.Equal(t, context.DeadlineExceeded, err)
		assert.Zero(t, mt.GetTotalCallCount())
	})

	t.Run("cancelled in flight", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		ctx, cancel := context.WithCancel(bg)
		rec := record(t, mt, func(req *http.Request) (*http.Response, error) {
			cancel()
			<-req.Context().Done()
			return nil, req.Context().Err()
		})
		_, err := doGet(ctx, c)
		require.ErrorIs(t, err, context.Canceled)
		assert.Equal(t, 1, rec.count(), "no retry after the context ends")
	})

	t.Run("deadline in flight", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		ctx, cancel := context.WithTimeout(bg, 30*time.Millisecond)
		defer cancel()
		rec := record(t, mt, httpmock.NewStringResponder(200, `{}`).Delay(5*time.Second))
		start := time.Now()
		_, err := doGet(ctx, c)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Less(t, time.Since(start), 2*time.Second)
		assert.Equal(t, 1, rec.count())
	})

	t.Run("cancelled during backoff", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t, rocketmq.WithRetry(rocketmq.RetryPolicy{MinBackoff: 10 * time.Second, MaxBackoff: 10 * time.Second}))
		ctx, cancel := context.WithCancel(bg)
		rec := record(t, mt, func(req *http.Request) (*http.Response, error) {
			time.AfterFunc(20*time.Millisecond, cancel)
			return reply(503, `{"error_code":"X","error_msg":"busy"}`)(req)
		})
		start := time.Now()
		_, err := doGet(ctx, c)
		require.ErrorIs(t, err, context.Canceled)
		assert.Contains(t, err.Error(), "busy", "the last attempt's error is kept in the message")
		assert.Less(t, time.Since(start), 2*time.Second)
		assert.Equal(t, 1, rec.count())
	})

	t.Run("nil context", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		record(t, mt, reply(200, `{}`))
		var none context.Context // Do tolerates a nil context
		_, err := doGet(none, c)
		require.NoError(t, err)
	})
}

func TestValidationErrorMessage(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "rocketmq: invalid queue_num: must be 1 to 50", (&rocketmq.ValidationError{Field: "queue_num", Message: "must be 1 to 50"}).Error())
	assert.Equal(t, "rocketmq: invalid input: bad", (&rocketmq.ValidationError{Message: "bad"}).Error())
}

package rocketmq_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/errcodes"
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
	assert.Equal(t, "请检查Project-ID的格式", info.Advice, "the documented advice is kept")
	assert.Equal(t, "Check the format of the project ID.", info.AdviceEN)
	assert.Contains(t, err.Error(), "(Check the format of the project ID.)")
	assert.NotContains(t, err.Error(), info.Advice)
}

// TestAPIErrorPrintsEnglishOnly: no error string carries the catalogue's
// Chinese advice, whatever the code (the service's own message is printed
// as sent).
func TestAPIErrorPrintsEnglishOnly(t *testing.T) {
	t.Parallel()
	for _, info := range errcodes.All() {
		e := &rocketmq.APIError{StatusCode: info.Status, Code: info.Code, Message: info.Message, Method: http.MethodGet, Path: "/v2/p/instances"}
		msg := e.Error()
		for _, r := range msg {
			require.False(t, unicode.Is(unicode.Han, r), "%s: %s", info.Code, msg)
		}
		if e.StatusCode != http.StatusForbidden && e.StatusCode != http.StatusUnauthorized {
			require.Contains(t, msg, "("+info.AdviceEN+")", info.Code)
		}
	}
	// An injected 500 (DMS.00500000) reads "Contact technical support."
	e := &rocketmq.APIError{StatusCode: 500, Code: "DMS.00500000", Message: "Internal Server Error (injected fault)."}
	assert.Equal(t, "rocketmq: HTTP 500 DMS.00500000: Internal Server Error (injected fault). (Contact technical support.)", e.Error())
}

// TestForbiddenNamesTheIAMAction: a 403 of a call that named its IAM
// action says which permission it needs, in place of the catalogue advice.
func TestForbiddenNamesTheIAMAction(t *testing.T) {
	t.Parallel()
	e := &rocketmq.APIError{StatusCode: 403, Code: "DMS.10240309", Message: "Access denied. You cannot perform operations on DMS.", Action: "dms:instance:get"}
	assert.Contains(t, e.Error(), "(this call needs the IAM permission dms:instance:get)")
	assert.NotContains(t, e.Error(), "Check that you have permission")
	e.Action = ""
	assert.Contains(t, e.Error(), "(Check that you have permission to operate DMS.)")
	assert.NotContains(t, e.Error(), "IAM permission")
}

// TestErrorClasses is the code-to-class table of ErrNotFound's doc.
func TestErrorClasses(t *testing.T) {
	t.Parallel()
	classes := []error{rocketmq.ErrNotFound, rocketmq.ErrInstanceNotFound, rocketmq.ErrTopicNotFound,
		rocketmq.ErrGroupNotFound, rocketmq.ErrUserNotFound, rocketmq.ErrTaskNotFound, rocketmq.ErrAlreadyExists}
	cases := []struct {
		status int
		code   string
		msg    string
		want   []error // the classes it matches; every other one must not match
	}{
		{404, "DMS.00404022", "This instance does not exist.", []error{rocketmq.ErrNotFound, rocketmq.ErrInstanceNotFound}},
		{400, "DMS.00050004", "The topic does not exist.", []error{rocketmq.ErrNotFound, rocketmq.ErrTopicNotFound}},
		{400, "DMS.00050012", "The group does not exist.", []error{rocketmq.ErrNotFound, rocketmq.ErrGroupNotFound}},
		{404, "DMS.10240405", "The consumption group ID is incorrect or not found.", []error{rocketmq.ErrNotFound, rocketmq.ErrGroupNotFound}},
		{400, "DMS.00500972", "The user does not exist.", []error{rocketmq.ErrNotFound, rocketmq.ErrUserNotFound}},
		{400, "DMS.00405011", "The task does not exist.", []error{rocketmq.ErrNotFound, rocketmq.ErrTaskNotFound}},
		{404, "", "Not Found", []error{rocketmq.ErrNotFound}},
		{404, "DMS.00404001", "The requested URL does not exist.", []error{rocketmq.ErrNotFound}},
		{404, "DMS.10540401", "The queue name does not exist.", []error{rocketmq.ErrNotFound}},
		{404, "DMS.10240407", "Flow control.", nil},
		{400, "DMS.00400060", "This instance name already exists.", []error{rocketmq.ErrAlreadyExists}},
		{400, "DMS.10240018", "The consumer group already exists.", []error{rocketmq.ErrAlreadyExists}},
		{400, "DMS.10240017", "The queue already exists.", []error{rocketmq.ErrAlreadyExists}},
		{400, "DMS.00400800", "Duplicate topic name.", []error{rocketmq.ErrAlreadyExists}},
		{400, "DMS.00400800", "The topic \"orders\" already exists.", []error{rocketmq.ErrAlreadyExists}},
		{400, "DMS.00400800", "Invalid request. You can create, delete, or query a topic only for a Kafka instance.", nil},
		{400, "DMS.00400800", "Duplicate topic name.Invalid request. You can create, delete, or query a topic only for a Kafka instance.Invalid parameter. Error information varies by scenario.", nil},
		{400, "DMS.00400800", "Invalid parameter name.", nil},
		{400, "DMS.00400062", "The user \"app\" already exists.", nil}, // no code of its own: left out
		{400, "DMS.00400081", "Duplicate instance name.", nil},
		{500, "DMS.00500000", "Internal service error.", nil},
	}
	for _, tc := range cases {
		c, mt := testutil.NewClient(t, fast(1))
		body := `{"error_code":"` + tc.code + `","error_msg":` + strconv.Quote(tc.msg) + `}`
		if tc.code == "" {
			body = ""
		}
		record(t, mt, reply(tc.status, body))
		_, err := doGet(bg, c)
		require.Error(t, err)
		for _, wrapped := range []error{err, fmt.Errorf("ensuring: %w", err)} {
			for _, class := range classes {
				assert.Equal(t, slices.Contains(tc.want, class), errors.Is(wrapped, class), "%d %s %q is %v", tc.status, tc.code, tc.msg, class)
			}
			assert.Equal(t, slices.Contains(tc.want, rocketmq.ErrNotFound), rocketmq.IsNotFound(wrapped), "%s IsNotFound", tc.code)
			assert.Equal(t, slices.Contains(tc.want, rocketmq.ErrAlreadyExists), rocketmq.IsAlreadyExists(wrapped), "%s IsAlreadyExists", tc.code)
		}
	}
	for _, class := range classes[1:6] {
		assert.ErrorIs(t, class, rocketmq.ErrNotFound, "%v is also ErrNotFound", class)
		assert.NotErrorIs(t, rocketmq.ErrNotFound, class)
	}
	assert.NotErrorIs(t, rocketmq.ErrAlreadyExists, rocketmq.ErrNotFound)
	assert.NotErrorIs(t, rocketmq.ErrInstanceNotFound, rocketmq.ErrTopicNotFound)
	for _, e := range []error{nil, errors.New("already exists"), &rocketmq.ValidationError{Field: "name"}, (*rocketmq.APIError)(nil)} {
		assert.False(t, rocketmq.IsAlreadyExists(e))
		assert.False(t, rocketmq.IsNotFound(e))
	}
}

// TestNotFoundError: a not-found the SDK infers matches ErrNotFound and
// the class of its kind, and is no *APIError.
func TestNotFoundError(t *testing.T) {
	t.Parallel()
	kinds := map[string]error{
		rocketmq.KindInstance: rocketmq.ErrInstanceNotFound,
		rocketmq.KindTopic:    rocketmq.ErrTopicNotFound,
		rocketmq.KindGroup:    rocketmq.ErrGroupNotFound,
		rocketmq.KindUser:     rocketmq.ErrUserNotFound,
		rocketmq.KindTask:     rocketmq.ErrTaskNotFound,
	}
	for kind, class := range kinds {
		err := fmt.Errorf("metadata: %w", &rocketmq.NotFoundError{Kind: kind, ID: "t-1", RequestID: "r-9"})
		assert.True(t, rocketmq.IsNotFound(err), kind)
		assert.ErrorIs(t, err, rocketmq.ErrNotFound)
		assert.ErrorIs(t, err, class)
		for other, oc := range kinds {
			if other != kind {
				assert.NotErrorIs(t, err, oc, "%s is not %s", kind, other)
			}
		}
		assert.False(t, rocketmq.IsAlreadyExists(err))
		var apiErr *rocketmq.APIError
		assert.False(t, errors.As(err, &apiErr), "not a server answer")
		var nf *rocketmq.NotFoundError
		require.ErrorAs(t, err, &nf)
		assert.Equal(t, kind, nf.Kind)
	}
	e := &rocketmq.NotFoundError{Kind: rocketmq.KindTask, ID: "t-1", RequestID: "r-9"}
	assert.Equal(t, `rocketmq: task "t-1" not found in the answer [request id r-9]`, e.Error())
	other := &rocketmq.NotFoundError{Kind: "diagnosis report", ID: "x"}
	assert.True(t, rocketmq.IsNotFound(other))
	assert.NotErrorIs(t, other, rocketmq.ErrTaskNotFound)
}

// TestErrorCodeAliases: the friendly names keep their codes and, for the
// appendix 7.2 ones, the catalogue knows them.
func TestErrorCodeAliases(t *testing.T) {
	t.Parallel()
	for _, c := range [][2]string{
		{rocketmq.CodeInstanceNotFound, "DMS.00404022"},
		{rocketmq.CodeGroupIDNotFound, "DMS.10240405"},
		{rocketmq.CodeDuplicateInstanceName, "DMS.00400060"},
		{rocketmq.CodeInstanceNameAlreadyExists, "DMS.00400060"},
		{rocketmq.CodeTopicAlreadyExists, "DMS.00400800"},
		{rocketmq.CodeGroupAlreadyExists, "DMS.10240018"},
		{rocketmq.CodeQueueAlreadyExists, "DMS.10240017"},
		{rocketmq.CodeInstanceStatusConflict, "DMS.00400026"},
		{rocketmq.CodeJobRunning, "DMS.00400017"},
		{rocketmq.CodeFlowControl, "DMS.10240407"},
		{rocketmq.CodeScaleUpInProgress, "DMS.00400108"},
	} {
		alias, want := c[0], c[1]
		assert.Equal(t, want, alias)
		_, ok := rocketmq.LookupErrorCode(alias)
		assert.True(t, ok, alias)
	}
	for _, c := range [][2]string{
		{rocketmq.CodeUserNotFound, "DMS.00500972"},
		{rocketmq.CodeGroupNotFound, "DMS.00050012"},
		{rocketmq.CodeTopicNotFound, "DMS.00050004"},
		{rocketmq.CodeMigrationTaskNotFound, "DMS.00405011"},
		{rocketmq.CodeOffsetInvalid, "DMS.40050010"},
		{rocketmq.CodeSignatureInvalid, "APIGW.0301"},
	} {
		alias, want := c[0], c[1]
		assert.Equal(t, want, alias)
		_, ok := rocketmq.LookupErrorCode(alias)
		assert.False(t, ok, "%s is not in appendix 7.2", alias)
	}
	assert.Equal(t, []string{"DMS.00400017", "DMS.00400026", "DMS.00400108", "DMS.10240407"}, rocketmq.DefaultRetryableCodes)
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

package rocketmq_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

// An IAM password login goes through the client's core: its refusal is an
// *APIError naming the IAM request, scrubbed of the password, and still
// matches auth.ErrPasswordRefused; it is logged like API calls (without
// the body); it never follows a redirect.
func TestPasswordLoginErrorsAreAPIErrors(t *testing.T) {
	t.Parallel()
	const password = "Hunter2/Secret<pw>"
	var logs bytes.Buffer
	creds := auth.NewPasswordCredentials(auth.Password{Username: "alice", Password: password, DomainName: "acme", ProjectName: "cn-north-4"})
	c, mt := discoveryClient(t, rocketmq.WithCredentials(creds),
		rocketmq.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	rec := record(t, mt, reply(401, `{"error":{"code":"1101","message":"The password `+strings.ReplaceAll(password, "/", `\/`)+` is incorrect"}}`,
		"X-Request-Id", "iam-req-1"))
	_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
	require.Error(t, err)
	assert.Equal(t, 1, rec.count(), "the login only: refused, not retried")
	assert.ErrorIs(t, err, auth.ErrPasswordRefused)
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, &rocketmq.APIError{StatusCode: 401, Code: "1101", Message: "The password [REDACTED] is incorrect",
		RequestID: "iam-req-1", Method: http.MethodPost, Path: "/iam/v3/auth/tokens"}, apiErr)
	assert.NotContains(t, err.Error(), "Hunter2")
	assert.Contains(t, logs.String(), "path=/iam/v3/auth/tokens")
	assert.Contains(t, logs.String(), "status=401")
	assert.NotContains(t, logs.String(), "Hunter2")
	assert.Contains(t, rec.requests()[0].Header.Get("User-Agent"), "rocketmq-go/", "the client's user agent")

	creds.Invalidate()
	rec = record(t, mt, reply(307, "", "Location", "https://elsewhere.example/v3/auth/tokens"))
	_, err = c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 307, apiErr.StatusCode)
	assert.Equal(t, 1, rec.count(), "the redirect is not followed")
}

// A failure to get an answer names the operation and the attempts made;
// the cause stays reachable.
func TestTransportFailureNamesOperationAndAttempts(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	reset := &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}
	record(t, mt, func(*http.Request) (*http.Response, error) { return nil, reset })
	_, err := doGet(bg, c)
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(),
		"rocketmq: GET "+testutil.BasePath+"/v2/"+testutil.ProjectID+"/instances/i: 3 attempts: Get \"https://"+testutil.Host), err.Error())
	var ue *url.Error
	assert.ErrorAs(t, err, &ue)
	var ne net.Error
	assert.ErrorAs(t, err, &ne)
	assert.ErrorIs(t, err, reset)

	c, mt = testutil.NewClient(t, fast(1))
	record(t, mt, func(*http.Request) (*http.Response, error) { return nil, reset })
	_, err = doGet(bg, c)
	assert.Contains(t, err.Error(), "/instances/i: 1 attempt: ")

	// Cancelled in flight: context.Canceled, with the operation.
	c, mt = testutil.NewClient(t)
	ctx, cancel := context.WithCancel(bg)
	record(t, mt, func(req *http.Request) (*http.Response, error) {
		cancel()
		<-req.Context().Done()
		return nil, req.Context().Err()
	})
	_, err = doGet(ctx, c)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Contains(t, err.Error(), "rocketmq: GET "+testutil.BasePath+"/v2/")
}

// NewClient's refusals match exported sentinels.
func TestNewClientRefusalsAreSentinels(t *testing.T) {
	t.Parallel()
	tok := rocketmq.WithCredentials(auth.Token("tok-1234"))
	for _, tc := range []struct {
		opts   []rocketmq.Option
		target error
	}{
		{[]rocketmq.Option{tok}, rocketmq.ErrNoEndpoint},
		{[]rocketmq.Option{rocketmq.WithRegion("cn-north-4")}, rocketmq.ErrNoCredentials},
		{[]rocketmq.Option{rocketmq.WithRegion("cn-north-4"), rocketmq.WithCredentials((*auth.PasswordCredentials)(nil))}, rocketmq.ErrNoCredentials},
		{[]rocketmq.Option{rocketmq.WithRegion("cn-nort h-4"), tok}, rocketmq.ErrInvalidRegion},
		{[]rocketmq.Option{rocketmq.WithEndpoint("ftp://x"), tok}, rocketmq.ErrInvalidEndpoint},
		{[]rocketmq.Option{rocketmq.WithEndpoint("/relative"), tok}, rocketmq.ErrInvalidEndpoint},
		{[]rocketmq.Option{rocketmq.WithEndpoint(testutil.Endpoint), rocketmq.WithIAMEndpoint("iam.example"), tok}, rocketmq.ErrInvalidEndpoint},
		{[]rocketmq.Option{rocketmq.WithRegion("cn-north-4"), rocketmq.WithCredentials(auth.AKSK{AccessKey: "ak"})}, rocketmq.ErrInvalidCredentials},
		{[]rocketmq.Option{rocketmq.WithRegion("cn-north-4"), rocketmq.WithCredentials(auth.Token(""))}, rocketmq.ErrInvalidCredentials},
	} {
		_, err := rocketmq.NewClient(tc.opts...)
		assert.ErrorIs(t, err, tc.target)
	}
}

// The URL is built once from the endpoint and the parsed template: what is
// signed is what is sent, and the base path is kept.
func TestBuiltURL(t *testing.T) {
	t.Parallel()
	c, _ := testutil.NewClient(t)
	u, _, err := c.BuildForBench(bg, &rocketmq.Request{Path: "/v2/{project_id}/{engine}/instances/{instance_id}/topics/{topic}",
		PathParams: map[string]string{"instance_id": "a b", "topic": "t/1%"}, Query: map[string]string{"k": "v w"}})
	require.NoError(t, err)
	assert.Equal(t, testutil.Endpoint+"/v2/"+testutil.ProjectID+"/reliability/instances/a%20b/topics/t%2F1%25?k=v%20w", u)
	_, _, err = c.BuildForBench(bg, &rocketmq.Request{Path: "/v2/{project_id/x"})
	var vErr *rocketmq.ValidationError
	require.ErrorAs(t, err, &vErr)
	assert.Equal(t, "path", vErr.Field)
	_ = time.Second
}

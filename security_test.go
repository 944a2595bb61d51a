package rocketmq_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

func TestExpiredTokenIsNotAClockProblem(t *testing.T) {
	t.Parallel()
	for _, msg := range []string{
		"The token expires.",
		"Authentication required: token has expired",
	} {
		c, mt := testutil.NewClient(t)
		record(t, mt, reply(401, `{"error_code":"APIGW.0307","error_msg":"`+msg+`"}`))
		_, err := doGet(bg, c)
		require.Error(t, err)
		assert.NotContains(t, err.Error(), "clock", msg)
	}
}

func TestLongErrorMessageIsCapped(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	long := strings.Repeat("é", 5000) // 10000 bytes, two per rune
	record(t, mt, reply(400, `{"error_code":"DMS.00400000","error_msg":"`+long+`"}`))
	_, err := doGet(bg, c)
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.LessOrEqual(t, len(apiErr.Message), 1024+len("…"))
	assert.True(t, strings.HasSuffix(apiErr.Message, "…"))
	assert.True(t, strings.HasPrefix(long, strings.TrimSuffix(apiErr.Message, "…")), "cut at a rune boundary")
	assert.Equal(t, "DMS.00400000", apiErr.Code)
}

func TestExplicitProjectPathParamIsTheProjectHeader(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	rec := record(t, mt, reply(200, `{}`))
	_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances", PathParams: map[string]string{"project_id": "other-project"}}, nil)
	require.NoError(t, err)
	s := rec.requests()[0]
	assert.Equal(t, "/base/v2/other-project/instances", s.Path)
	assert.Equal(t, "other-project", s.Header.Get("X-Project-Id"))
	verifySignature(t, s)
	assert.Equal(t, testutil.ProjectID, c.ProjectID(), "the client's own project is unchanged")
}

func TestDecodeErrorNeverShowsASecret(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	record(t, mt, reply(200, `{"access_key":"app","secret_key":"Sup3r$ecretValue","white_remote_address":`))
	var out map[string]any
	_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/users"}, &out)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "Sup3r$ecretValue")
	assert.Contains(t, err.Error(), "decoding the response")
	assert.Contains(t, err.Error(), "malformed JSON")

	// A proxy's page is shown as a snippet.
	c, mt = testutil.NewClient(t)
	record(t, mt, reply(200, `<html>gateway maintenance</html>`))
	_, err = c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/users"}, &out)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "gateway maintenance")
}

// A caller whose context ends stops waiting for a discovery that another
// caller runs; a discovery abandoned by its caller is run again by the
// next one rather than failing everybody.
func TestProjectDiscoveryWaitersKeepTheirOwnContext(t *testing.T) {
	t.Parallel()
	c, mt := discoveryClient(t)
	release := make(chan struct{})
	var calls atomic.Int32
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		if strings.HasSuffix(req.URL.Path, "/v3/projects") {
			if calls.Add(1) == 1 {
				select { // the first discovery hangs until its caller gives up
				case <-release:
				case <-req.Context().Done():
					return nil, req.Context().Err()
				}
			}
			return reply(200, projectsBody)(req)
		}
		return reply(200, `{}`)(req)
	})

	leaderCtx, cancelLeader := context.WithCancel(bg)
	leaderDone := make(chan error, 1)
	go func() {
		_, err := c.Do(leaderCtx, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
		leaderDone <- err
	}()
	require.Eventually(t, func() bool { return calls.Load() == 1 }, 5*time.Second, time.Millisecond)

	// A waiter with a short deadline returns on its own deadline.
	wctx, cancelW := context.WithTimeout(bg, 20*time.Millisecond)
	defer cancelW()
	_, err := c.Do(wctx, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)

	// A patient waiter survives the leader's cancellation.
	waiterDone := make(chan error, 1)
	go func() {
		_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
		waiterDone <- err
	}()
	cancelLeader()
	require.True(t, errors.Is(<-leaderDone, context.Canceled))
	require.NoError(t, <-waiterDone)
	close(release)
	assert.Equal(t, "proj-north-4", c.ProjectID())
	assert.EqualValues(t, 2, calls.Load(), "the abandoned discovery ran once more, then was cached")
}

// A token the service refuses (here: the emulator's clock has moved past
// its expiry while the client still trusts it) is replaced by one new
// login and the call goes through; a token that keeps being refused ends
// the call with the 401.
func TestRefusedTokenLogsInAgainOnce(t *testing.T) {
	t.Parallel()
	var skew atomic.Int64
	srv := rocketmqtest.NewServer(
		rocketmqtest.WithTokenTTL(time.Hour),
		rocketmqtest.WithClock(func() time.Time { return time.Now().Add(time.Duration(skew.Load())) }),
	)
	t.Cleanup(srv.Close)
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "relogin"})
	creds := auth.NewPasswordCredentials(srv.Password())
	c, err := srv.Client(rocketmq.WithCredentials(creds), fast(1))
	require.NoError(t, err)
	ic := instances.New(c)

	_, err = ic.Get(bg, id)
	require.NoError(t, err)
	logins := func() int {
		n := 0
		for _, r := range srv.Requests() {
			if r.Method == http.MethodPost && strings.HasSuffix(r.Path, "/v3/auth/tokens") {
				n++
			}
		}
		return n
	}
	require.Equal(t, 1, logins())

	skew.Store(int64(2 * time.Hour)) // the service now sees the token as expired
	var got instances.Instance
	resp, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances/{instance_id}", PathParams: map[string]string{"instance_id": id}}, &got)
	require.NoError(t, err, "one new login, then the call succeeds (even with retries off)")
	assert.Equal(t, "relogin", got.Name)
	assert.Equal(t, 2, logins())
	assert.Equal(t, 2, resp.Attempts, "two requests were sent")

	// A token refused every time: one new login, then the 401 is the
	// answer.
	srv.InjectFault(rocketmqtest.Fault{Path: "/v2/{project_id}/instances", Status: http.StatusUnauthorized,
		Code: "APIGW.0307", Message: "The token must be updated.", Times: -1})
	_, err = ic.List(bg, nil)
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
	assert.Equal(t, "APIGW.0307", apiErr.Code)
	assert.Equal(t, 3, logins())
	n := 0
	for _, r := range srv.Requests() {
		if strings.HasSuffix(r.Path, "/instances") {
			n++
		}
	}
	assert.Equal(t, 2, n, "the first attempt and one after a new login; a 401 is not retried further")
}

// A gateway that echoes the request's security token into its error body
// never gets it into the error.
func TestEchoedCredentialNeverReachesTheError(t *testing.T) {
	t.Parallel()
	const token = "TemporarySecurityToken-abcdef0123456789"
	c, mt := testutil.NewClient(t, rocketmq.WithCredentials(auth.AKSK{AccessKey: testutil.AccessKey, SecretKey: testutil.SecretKey, SecurityToken: token}))
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		body := strings.Repeat("x", 240) + " bad token " + req.Header.Get("X-Security-Token")
		return reply(400, `{"error_code":"APIGW.0101","error_msg":"`+body+`"}`)(req)
	})
	resp, err := doGet(bg, c)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), token)
	assert.NotContains(t, err.Error(), token[:16], "not even a cut-off part")
	assert.Contains(t, err.Error(), "[REDACTED]")
	assert.Contains(t, string(resp.Body), token, "Response.Body stays the raw answer")
}

func TestRequestBodyIsCheckedBeforeAnyIO(t *testing.T) {
	t.Parallel()
	// A client that would first discover its project through IAM.
	c, mt := discoveryClient(t)
	rec := record(t, mt, reply(200, projectsBody))

	_, err := c.Do(bg, &rocketmq.Request{Method: http.MethodPost, Path: "/v2/{project_id}/instances", Body: func() {}}, nil)
	var ve *rocketmq.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "body", ve.Field)

	_, err = c.Do(bg, &rocketmq.Request{Method: http.MethodGet, Path: "/v2/{project_id}/instances", Body: map[string]string{"a": "b"}}, nil)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "body", ve.Field, "a GET has no body (it would not be sent, yet be signed)")

	_, err = c.Do(bg, &rocketmq.Request{Method: http.MethodPost, Path: "/v2/{project_id}/metadata", Body: make([]byte, auth.MaxSignedBody+1)}, nil)
	require.ErrorIs(t, err, auth.ErrBodyTooLarge)
	assert.Zero(t, rec.count(), "not even the IAM discovery was sent")
}

// A server that echoes a secret of the request body in its error does not
// get it into the error.
func TestEchoedBodySecretNeverReachesTheError(t *testing.T) {
	t.Parallel()
	const secret = "Zq9#secretXYZ-1234"
	c, mt := testutil.NewClient(t)
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		return reply(400, `{"error_code":"DMS.00400000","error_msg":"invalid secret_key `+secret+`"}`)(req)
	})
	_, err := c.Do(bg, &rocketmq.Request{Method: http.MethodPost, Path: "/v2/{project_id}/instances/i/users",
		Body: map[string]any{"access_key": "app_user", "secret_key": secret}}, nil)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), secret)
	assert.Contains(t, err.Error(), "[REDACTED]")
}

// The debug log masks secret query parameters too.
func TestLogRedactsSecretQueryParameters(t *testing.T) {
	t.Parallel()
	var buf strings.Builder
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, mt := testutil.NewClient(t, rocketmq.WithLogger(logger))
	record(t, mt, reply(200, `{}`))
	_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/x", Query: url.Values{"token": {"QSECRET"}, "name": {"visible"}}}, nil)
	require.NoError(t, err)
	assert.NotContains(t, buf.String(), "QSECRET")
	assert.Contains(t, buf.String(), "visible")
}

// zeros is an endless body of '0's that allocates nothing.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = '0'
	}
	return len(p), nil
}

// A success body over the 64 MiB guard is an error, not retried (it would
// be as large the next time); a redirect's body is capped like an error's.
func TestOversizedBodies(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	var calls atomic.Int32
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		calls.Add(1)
		return &http.Response{StatusCode: 200, Header: http.Header{}, ContentLength: -1,
			Body: io.NopCloser(io.LimitReader(zeros{}, 64<<20+1)), Request: req}, nil
	})
	_, err := doGet(bg, c)
	require.Error(t, err)
	assert.ErrorIs(t, err, rocketmq.ErrResponseTooLarge)
	assert.EqualValues(t, 1, calls.Load(), "not retried")

	c, mt = testutil.NewClient(t)
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 302, Header: http.Header{}, ContentLength: -1,
			Body: io.NopCloser(io.LimitReader(zeros{}, 3<<20)), Request: req}, nil
	})
	resp, err := doGet(bg, c)
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 302, apiErr.StatusCode)
	assert.Equal(t, "unexpected redirect (not followed)", apiErr.Message)
	assert.Len(t, resp.Body, 1<<20, "capped like an error body")
}

// Secrets anywhere under a secret key of the request body, in any case,
// and JSON-escaped in the answer, stay out of the error.
func TestEchoedBodySecretsAllShapes(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]map[string]any{
		"upper-case key": {"PASSWORD": "Up-Per-Secret-1"},
		"sk":             {"sk": "Up-Per-Secret-1"},
		"nested object":  {"credentials": map[string]any{"value": "Up-Per-Secret-1"}},
		"escaped chars":  {"secret_key": "Up<Per>&Secret-1"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t)
			mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
				sent, _ := io.ReadAll(req.Body)
				msg, _ := json.Marshal("bad request: " + string(sent)) // escapes <, >, &
				return reply(400, `{"error_code":"DMS.00400000","error_msg":`+string(msg)+`}`)(req)
			})
			_, err := c.Do(bg, &rocketmq.Request{Method: http.MethodPost, Path: "/v2/{project_id}/x", Body: body}, nil)
			require.Error(t, err)
			assert.NotContains(t, err.Error(), "Up-Per-Secret-1")
			assert.NotContains(t, err.Error(), "Up<Per>&Secret-1")
			assert.Contains(t, err.Error(), "[REDACTED]")
		})
	}
}

func TestMoreInputCheckedBeforeAnyIO(t *testing.T) {
	t.Parallel()
	c, mt := discoveryClient(t)
	rec := record(t, mt, reply(200, projectsBody))
	_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances", Query: "a=\x01"}, nil)
	var ve *rocketmq.ValidationError
	require.ErrorAs(t, err, &ve)
	_, err = c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances", PathParams: map[string]string{"project_id": "  "}}, nil)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "project_id", ve.Field)
	assert.Zero(t, rec.count())

	// AK/SK given as a pointer: the same 12 MB rule, before any I/O.
	pc, pmt := discoveryClient(t, rocketmq.WithCredentials(&auth.AKSK{AccessKey: testutil.AccessKey, SecretKey: testutil.SecretKey}))
	prec := record(t, pmt, reply(200, projectsBody))
	_, err = pc.Do(bg, &rocketmq.Request{Method: http.MethodPost, Path: "/v2/{project_id}/metadata", Body: make([]byte, auth.MaxSignedBody+1)}, nil)
	require.ErrorIs(t, err, auth.ErrBodyTooLarge)
	assert.Zero(t, prec.count())
	_, err = rocketmq.NewClient(rocketmq.WithRegion("cn-north-4"), rocketmq.WithCredentials(&auth.AKSK{}))
	require.Error(t, err)

	// An empty body on a GET is no body at all.
	gc, gmt := testutil.NewClient(t)
	grec := record(t, gmt, reply(200, `{}`))
	_, err = gc.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances", Body: ""}, nil)
	require.NoError(t, err)
	assert.Empty(t, grec.requests()[0].Body)
}

package rocketmq_test

// Issue 15: what a hostile server or a hostile caller tries, one test per
// defect, each beside what an attacker would try next.

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
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

// hostileToken is an IAM-like token: long, with '/' (JSON may send it as
// "\/") and '+'.
var hostileToken = "MIIZkQYJKoZIhvcNAQcCoIIZgjCCGX4CAQExDTALBglghkgBZQMEAgEwghejBgkqhkiG9w0BBwGgghe" +
	"UBIIXkHsidG9rZW4iOnsiZXhwaXJlc19hdCI6IjIwMjQtMDUtMDFUMTI6MDA6MDAuMDAwMDAwWiIsIm1ldGhvZHMiOlsicGFzc3dvcmQiXX19" +
	"/+abc/def+ghi/" + strings.Repeat("Qk1", 300)

// 1. A Path not starting with '/' could move the request (and its
// credentials) to another host or port.
func TestPathMustStartWithSlash(t *testing.T) {
	t.Parallel()
	for _, p := range []string{"@127.0.0.1:9/v2/x", ".attacker.example/x", ":9999/x", "v2/x", "", "?a=b", "#x"} {
		c, mt := testutil.NewClient(t)
		rec := record(t, mt, reply(200, `{}`))
		_, err := c.Do(bg, &rocketmq.Request{Path: p}, nil)
		var vErr *rocketmq.ValidationError
		require.ErrorAs(t, err, &vErr, "%q", p)
		assert.Equal(t, "path", vErr.Field)
		assert.Equal(t, 0, rec.count(), "%q: nothing sent", p)
	}
	// What starts with '/' stays on the endpoint's host, whatever follows.
	for _, p := range []string{"//attacker.example/x", "/@attacker.example/x", "/..%2F..%2Fx", "/a?b=c"} {
		c, mt := testutil.NewClient(t)
		rec := record(t, mt, reply(200, `{}`))
		_, err := c.Do(bg, &rocketmq.Request{Path: p}, nil)
		require.NoError(t, err, "%q", p)
		require.Equal(t, 1, rec.count())
		assert.Equal(t, testutil.Host, rec.requests()[0].Host, "%q", p)
	}
}

// A path parameter cannot leave its segment either.
func TestPathParamsStayInTheirSegment(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	rec := record(t, mt, reply(200, `{}`))
	_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances/{id}",
		PathParams: map[string]string{"id": "@attacker.example:9/../../x?y#z"}}, nil)
	require.NoError(t, err)
	s := rec.requests()[0]
	assert.Equal(t, testutil.Host, s.Host)
	assert.Equal(t, testutil.BasePath+"/v2/"+testutil.ProjectID+"/instances/@attacker.example:9%2F..%2F..%2Fx%3Fy%23z", s.Path)
	assert.Empty(t, s.Query)
}

// 2. The secret values of a query never reach an error or a log line, the
// text of a transport failure (*url.Error) included.
func TestTransportErrorHidesSecretQueryValues(t *testing.T) {
	t.Parallel()
	const secret = "hunter2-query-secret"
	var logs bytes.Buffer
	c, mt := testutil.NewClient(t, fast(2), rocketmq.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	reset := &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}
	rec := record(t, mt, func(*http.Request) (*http.Response, error) { return nil, reset })
	_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances",
		Query: map[string]string{"password": secret, "new_password": secret + "2", "name": "visible"}}, nil)
	require.Error(t, err)
	assert.Equal(t, 2, rec.count())
	assert.NotContains(t, err.Error(), secret)
	assert.Contains(t, err.Error(), "name=visible", "the rest of the URL stays")
	assert.NotContains(t, logs.String(), secret)
	assert.Contains(t, logs.String(), "connection reset by peer")
	var ue *url.Error
	require.ErrorAs(t, err, &ue, "still a *url.Error")
	assert.NotContains(t, ue.URL, secret)
	var ne net.Error
	assert.ErrorAs(t, err, &ne, "still a net.Error")
	assert.ErrorIs(t, err, reset)
}

// 3. A success body that is not JSON (a proxy's HTML page, a text answer)
// is shown scrubbed of the request's credentials.
func TestNonJSONSuccessBodyIsScrubbed(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t, rocketmq.WithCredentials(auth.Token(hostileToken)))
	record(t, mt, reply(200, "<html><body>X-Auth-Token="+hostileToken+"</body></html>"))
	var out struct{ A int }
	_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, &out)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), hostileToken[:16])
	assert.Contains(t, err.Error(), "X-Auth-Token=[REDACTED]")

	// A users.Create-like answer in text, echoing the secret key sent.
	const sk = "n3w-S3cret-Key-0f-the-user"
	c, mt = testutil.NewClient(t)
	record(t, mt, reply(201, "created user with secret_key "+sk))
	_, err = c.Do(bg, &rocketmq.Request{Method: http.MethodPost, Path: "/v2/{project_id}/instances/i/users",
		Body: map[string]any{"access_key": "u1", "secret_key": sk}}, &out)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), sk)
	assert.Contains(t, err.Error(), "secret_key [REDACTED]")
}

// 4. Every field of an *APIError is scrubbed after decoding and before
// shortening: a redirect's Location, the request ID (header or body), a
// secret JSON-escaped in the body, a secret straddling the message cap.
func TestEveryAPIErrorFieldIsScrubbed(t *testing.T) {
	t.Parallel()
	escaped := strings.ReplaceAll(hostileToken, "/", `\/`)
	prefix := hostileToken[:12]

	t.Run("Location", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t, rocketmq.WithCredentials(auth.Token(hostileToken)))
		record(t, mt, reply(302, "", "Location", "https://elsewhere.example/login?token=tok-in-query-1234&next=/"+url.QueryEscape(hostileToken)))
		_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
		var apiErr *rocketmq.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.NotContains(t, apiErr.Message, "tok-in-query-1234")
		assert.NotContains(t, apiErr.Message, prefix)
		assert.Contains(t, apiErr.Message, "https://elsewhere.example/login?")
	})
	t.Run("X-Request-Id", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t, rocketmq.WithCredentials(auth.Token(hostileToken)))
		record(t, mt, reply(400, `{"error_code":"DMS.00400000","error_msg":"bad"}`, "X-Request-Id", "id-"+hostileToken))
		resp, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
		var apiErr *rocketmq.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, "id-[REDACTED]", apiErr.RequestID)
		assert.Equal(t, "id-[REDACTED]", resp.RequestID)
		assert.NotContains(t, err.Error(), prefix)
	})
	t.Run("success X-Request-Id", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t, rocketmq.WithCredentials(auth.Token(hostileToken)))
		record(t, mt, reply(200, `{}`, "X-Request-Id", hostileToken))
		resp, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
		require.NoError(t, err)
		assert.Equal(t, "[REDACTED]", resp.RequestID)
	})
	t.Run("body request_id, JSON-escaped", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t, rocketmq.WithCredentials(auth.Token(hostileToken)))
		record(t, mt, reply(500, `{"error_code":"DMS.00500000","error_msg":"x","request_id":"`+escaped+`"}`))
		resp, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
		var apiErr *rocketmq.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, "[REDACTED]", apiErr.RequestID)
		assert.Equal(t, "[REDACTED]", resp.RequestID)
	})
	t.Run("unicode-escaped in the message", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t, rocketmq.WithCredentials(auth.Token(hostileToken)))
		// Every character escaped: no byte pattern of the token is left.
		var b strings.Builder
		for _, r := range hostileToken {
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		record(t, mt, reply(401, `{"error_code":"APIGW.0301","error_msg":"bad token `+b.String()+`"}`))
		_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
		var apiErr *rocketmq.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, "bad token [REDACTED]", apiErr.Message)
	})
	t.Run("straddling the message cap", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t, rocketmq.WithCredentials(auth.Token(hostileToken)))
		msg := strings.Repeat("x", 1000) + escaped
		record(t, mt, reply(400, `{"error_code":"DMS.00400000","error_msg":"`+msg+`"}`))
		_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
		var apiErr *rocketmq.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, strings.Repeat("x", 1000)+"[REDACTED]", apiErr.Message)
		assert.NotContains(t, err.Error(), hostileToken[:8])
	})
}

// 6. Dot segments never reach the wire, however a segment is filled.
func TestDotSegmentsRefusedEverywhere(t *testing.T) {
	t.Parallel()
	for _, params := range []map[string]string{
		{"project_id": ".."}, {"project_id": "."}, {"engine": ".."}, {"engine": "."}, {"engine": " "},
	} {
		c, mt := testutil.NewClient(t)
		rec := record(t, mt, reply(200, `{}`))
		_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{engine}/{project_id}/instances", PathParams: params}, nil)
		var vErr *rocketmq.ValidationError
		require.ErrorAs(t, err, &vErr, "%v", params)
		assert.Equal(t, 0, rec.count())
	}
	// In the template's own text too.
	for _, p := range []string{"/v2/../x", "/v2/./x", "/..", "/v2/{project_id}/instances/.."} {
		c, mt := testutil.NewClient(t)
		rec := record(t, mt, reply(200, `{}`))
		_, err := c.Do(bg, &rocketmq.Request{Path: p}, nil)
		var vErr *rocketmq.ValidationError
		require.ErrorAs(t, err, &vErr, p)
		assert.Equal(t, "path", vErr.Field)
		assert.Equal(t, 0, rec.count())
	}
	for _, opt := range []rocketmq.Option{rocketmq.WithProjectID(".."), rocketmq.WithProjectID(".")} {
		_, err := rocketmq.NewClient(rocketmq.WithEndpoint(testutil.Endpoint), rocketmq.WithCredentials(auth.Token("tok-1234")), opt)
		assert.ErrorIs(t, err, rocketmq.ErrInvalidProjectID)
	}
	for _, e := range []string{"..", "."} {
		_, err := rocketmq.NewClient(rocketmq.WithEndpoint(testutil.Endpoint), rocketmq.WithCredentials(auth.Token("tok-1234")), rocketmq.WithEngine(e))
		assert.ErrorIs(t, err, rocketmq.ErrInvalidEngine, "%q", e)
	}
}

// A project ID discovered from IAM is held to the same rules.
func TestDiscoveredDotProjectIsRefused(t *testing.T) {
	t.Parallel()
	c, mt := discoveryClient(t)
	rec := record(t, mt, reply(200, `{"projects":[{"id":"..","name":"cn-north-4"}]}`))
	_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
	var vErr *rocketmq.ValidationError
	require.ErrorAs(t, err, &vErr)
	assert.Equal(t, "project_id", vErr.Field)
	assert.Equal(t, 1, rec.count(), "only the discovery was sent")
}

// 7. User info in an endpoint is refused, and not echoed.
func TestEndpointUserInfoRefused(t *testing.T) {
	for _, opt := range []rocketmq.Option{
		rocketmq.WithEndpoint("http://user:pa55word@dms.example"),
		rocketmq.WithEndpoint("https://user@dms.example"),
		rocketmq.WithIAMEndpoint("https://user:pa55word@iam.example"),
	} {
		_, err := rocketmq.NewClient(rocketmq.WithRegion("cn-north-4"), rocketmq.WithCredentials(auth.Token("tok-1234")), opt)
		require.ErrorIs(t, err, rocketmq.ErrInvalidEndpoint)
		assert.NotContains(t, err.Error(), "pa55word")
	}
	t.Setenv(rocketmq.EnvEndpoint, "https://user:pa55word@dms.example")
	_, err := rocketmq.NewClientFromEnv(rocketmq.WithCredentials(auth.Token("tok-1234")))
	require.ErrorIs(t, err, rocketmq.ErrInvalidEndpoint)
	assert.NotContains(t, err.Error(), "pa55word")
}

// 8. A negative or invalid Retry-After keeps the normal backoff.
func TestNegativeRetryAfterKeepsTheBackoff(t *testing.T) {
	t.Parallel()
	const minBackoff = 20 * time.Millisecond
	for _, v := range []string{"-5", "-1e400", "-0.5"} {
		c, mt := testutil.NewClient(t, rocketmq.WithRetry(rocketmq.RetryPolicy{MinBackoff: minBackoff, MaxBackoff: minBackoff}))
		rec := record(t, mt, reply(503, `{}`, "Retry-After", v))
		_, err := doGet(bg, c)
		require.Error(t, err)
		reqs := rec.requests()
		require.Len(t, reqs, 3, v)
		for i := 1; i < len(reqs); i++ {
			assert.GreaterOrEqual(t, reqs[i].At.Sub(reqs[i-1].At), minBackoff, "Retry-After %s: wait %d", v, i)
		}
	}
}

// 9. A body over the cap is ErrResponseTooLarge, a decompressed gzip bomb
// included (reading stops at the cap).
func TestGzipBombStopsAtTheCap(t *testing.T) {
	t.Parallel()
	var bomb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
	chunk := make([]byte, 1<<20)
	for i := 0; i < 65; i++ { // 65 MiB of zeros, about 65 KiB compressed
		_, _ = zw.Write(chunk)
	}
	require.NoError(t, zw.Close())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(bomb.Bytes())
	}))
	defer srv.Close()
	c, err := rocketmq.NewClient(rocketmq.WithEndpoint(srv.URL), rocketmq.WithProjectID("p"), rocketmq.WithCredentials(auth.Token("tok-1234")),
		rocketmq.WithHTTPClient(srv.Client()))
	require.NoError(t, err)
	resp, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
	require.ErrorIs(t, err, rocketmq.ErrResponseTooLarge)
	assert.Nil(t, resp)
}

// 12. Control characters in values that become headers are refused by
// NewClient, without echoing a secret.
func TestControlCharactersRefusedInHeaderValues(t *testing.T) {
	t.Parallel()
	base := []rocketmq.Option{rocketmq.WithEndpoint(testutil.Endpoint)}
	for _, tc := range []struct {
		name   string
		opts   []rocketmq.Option
		target error
		secret string
	}{
		{"user agent", []rocketmq.Option{rocketmq.WithUserAgent("app/1\r\nX-Evil: 1"), rocketmq.WithCredentials(auth.Token("tok-1234"))}, rocketmq.ErrInvalidHeaderValue, ""},
		{"project ID", []rocketmq.Option{rocketmq.WithProjectID("p\n1"), rocketmq.WithCredentials(auth.Token("tok-1234"))}, rocketmq.ErrInvalidHeaderValue, ""},
		{"engine", []rocketmq.Option{rocketmq.WithEngine("r\x00"), rocketmq.WithCredentials(auth.Token("tok-1234"))}, rocketmq.ErrInvalidEngine, ""},
		{"token", []rocketmq.Option{rocketmq.WithCredentials(auth.Token("tok-SECRET-5678\r\n"))}, rocketmq.ErrInvalidCredentials, "SECRET"},
		{"access key", []rocketmq.Option{rocketmq.WithCredentials(auth.AKSK{AccessKey: "AK-SECRET\n", SecretKey: "sk-1234"})}, rocketmq.ErrInvalidCredentials, "SECRET"},
		{"secret key", []rocketmq.Option{rocketmq.WithCredentials(&auth.AKSK{AccessKey: "ak", SecretKey: "SK-SECRET\x7f"})}, rocketmq.ErrInvalidCredentials, "SECRET"},
		{"security token", []rocketmq.Option{rocketmq.WithCredentials(auth.AKSK{AccessKey: "ak", SecretKey: "sk", SecurityToken: "ST-SECRET\t"})}, rocketmq.ErrInvalidCredentials, "SECRET"},
	} {
		_, err := rocketmq.NewClient(append(base, tc.opts...)...)
		require.ErrorIs(t, err, tc.target, tc.name)
		assert.Contains(t, err.Error(), "control character", tc.name)
		if tc.secret != "" {
			assert.NotContains(t, err.Error(), tc.secret, tc.name)
		}
	}
}

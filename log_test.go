package rocketmq_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/internal/signer"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

// syncBuffer is a bytes.Buffer safe for the logger's concurrent writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func debugLogger() (*slog.Logger, *syncBuffer) {
	buf := &syncBuffer{}
	return slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})), buf
}

func records(t *testing.T, buf *syncBuffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &m), line)
		out = append(out, m)
	}
	return out
}

func TestLogOneRecordPerAttempt(t *testing.T) {
	t.Parallel()
	logger, buf := debugLogger()
	c, mt := testutil.NewClient(t, rocketmq.WithLogger(logger))
	record(t, mt,
		reply(503, `{"error_code":"X","error_msg":"down"}`, "X-Request-Id", "rid-1"),
		reply(200, `{}`, "X-Request-Id", "rid-2"))
	_, err := c.Do(bg, &rocketmq.Request{Method: http.MethodGet, Path: "/v2/{project_id}/instances/{instance_id}/groups/{group}",
		PathParams: map[string]string{"instance_id": "i", "group": "CID a|b"}, Query: map[string]string{"limit": "10"}}, nil)
	require.NoError(t, err)

	recs := records(t, buf)
	require.Len(t, recs, 2)
	for i, r := range recs {
		assert.Equal(t, "DEBUG", r["level"])
		assert.Equal(t, "GET", r["method"])
		assert.Equal(t, testutil.BasePath+"/v2/"+pid+"/instances/i/groups/CID%20a%7Cb", r["path"])
		assert.EqualValues(t, i+1, r["attempt"])
		assert.Contains(t, r, "duration")
		assert.Equal(t, "limit=10", r["query"])
	}
	assert.EqualValues(t, 503, recs[0]["status"])
	assert.EqualValues(t, 200, recs[1]["status"])
	assert.Equal(t, "rid-1", recs[0]["request_id"])
	assert.Equal(t, "rid-2", recs[1]["request_id"])
}

func TestLogTransportError(t *testing.T) {
	t.Parallel()
	logger, buf := debugLogger()
	c, mt := testutil.NewClient(t, rocketmq.WithLogger(logger), fast(2))
	record(t, mt, func(*http.Request) (*http.Response, error) { return nil, errConn })
	_, err := doGet(bg, c)
	require.ErrorIs(t, err, errConn)
	recs := records(t, buf)
	require.Len(t, recs, 2)
	for _, r := range recs {
		assert.Contains(t, r["error"], "connection refused")
		assert.NotContains(t, r, "status")
	}
}

func TestLogNothingAboveDebug(t *testing.T) {
	t.Parallel()
	buf := &syncBuffer{}
	logger := slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelInfo}))
	c, mt := testutil.NewClient(t, rocketmq.WithLogger(logger))
	record(t, mt, reply(200, `{}`))
	_, err := doGet(bg, c)
	require.NoError(t, err)
	assert.Empty(t, buf.String())
}

func TestLogNeverLeaksSecrets(t *testing.T) {
	t.Parallel()
	const (
		secretInBody   = "BodySecretKey-0123456789"
		passwordInBody = "BodyPassw0rd!"
		tokenInBody    = "BodyTokenValue"
		securityToken  = "STS-security-token-value"
	)
	body := map[string]any{
		"access_key": "my-user",
		"secret_key": secretInBody,
		"password":   passwordInBody,
		"users":      []any{map[string]any{"new_password": passwordInBody, "token": tokenInBody}},
	}

	t.Run("AK/SK", func(t *testing.T) {
		t.Parallel()
		logger, buf := debugLogger()
		creds := auth.AKSK{AccessKey: testutil.AccessKey, SecretKey: testutil.SecretKey, SecurityToken: securityToken}
		c, mt := testutil.NewClient(t, rocketmq.WithLogger(logger), rocketmq.WithCredentials(creds))
		rec := record(t, mt, reply(429, `{}`), reply(200, `{}`))
		_, err := c.Do(bg, &rocketmq.Request{Method: http.MethodPost, Path: "/v2/{project_id}/instances/i/users", Body: body}, nil)
		require.NoError(t, err)

		out := buf.String()
		require.Len(t, records(t, buf), 2)
		assert.Contains(t, out, "my-user", "harmless fields stay")
		for _, secret := range []string{testutil.SecretKey, secretInBody, passwordInBody, tokenInBody, securityToken} {
			assert.NotContains(t, out, secret)
		}
		for _, s := range rec.requests() {
			a, err := signer.ParseAuthorization(s.Header.Get("Authorization"))
			require.NoError(t, err)
			assert.NotContains(t, out, a.Signature)
			assert.NotContains(t, out, s.Header.Get("Authorization"))
		}
	})

	t.Run("token", func(t *testing.T) {
		t.Parallel()
		logger, buf := debugLogger()
		const tok = "MIIaaaTokenValue-XYZ"
		c, mt := testutil.NewClient(t, rocketmq.WithLogger(logger), rocketmq.WithCredentials(auth.Token(tok)))
		record(t, mt, reply(401, `{"error_code":"APIGW.0301","error_msg":"bad token"}`))
		_, err := c.Do(bg, &rocketmq.Request{Method: http.MethodPut, Path: "/v2/{project_id}/instances/i/users/u", Body: body}, nil)
		require.Error(t, err)
		out := buf.String()
		require.Len(t, records(t, buf), 1)
		for _, secret := range []string{tok, secretInBody, passwordInBody, tokenInBody} {
			assert.NotContains(t, out, secret)
			assert.NotContains(t, err.Error(), secret)
		}
	})

	t.Run("raw body", func(t *testing.T) {
		t.Parallel()
		logger, buf := debugLogger()
		c, mt := testutil.NewClient(t, rocketmq.WithLogger(logger))
		record(t, mt, reply(200, `{}`))
		raw := []byte(`{"secret_key": "` + secretInBody + `", "nested": {"password": "` + passwordInBody + `"}}`)
		_, err := c.Do(bg, &rocketmq.Request{Method: http.MethodPost, Path: "/v2/{project_id}/x", Body: raw}, nil)
		require.NoError(t, err)
		_, err = c.Do(bg, &rocketmq.Request{Method: http.MethodPost, Path: "/v2/{project_id}/x", Body: "secret_key=" + secretInBody}, nil)
		require.NoError(t, err)
		out := buf.String()
		assert.NotContains(t, out, secretInBody)
		assert.NotContains(t, out, passwordInBody)
	})
}

package auth_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/internal/signer"
)

type vector struct {
	Name          string            `json:"name"`
	Method        string            `json:"method"`
	URL           string            `json:"url"`
	Headers       map[string]string `json:"headers"`
	Body          string            `json:"body"`
	AccessKey     string            `json:"access_key"`
	SecretKey     string            `json:"secret_key"`
	XSdkDate      string            `json:"x_sdk_date"`
	Authorization string            `json:"authorization"`
}

// The vectors were computed with the official signer (shared/testdata); a
// copy lives in testdata so the test needs nothing outside the repo.
func loadVectors(t testing.TB) []vector {
	t.Helper()
	b, err := os.ReadFile("testdata/signing-vectors.json")
	require.NoError(t, err)
	var vs []vector
	require.NoError(t, json.Unmarshal(b, &vs))
	require.NotEmpty(t, vs)
	return vs
}

func vectorRequest(t testing.TB, v vector) *http.Request {
	t.Helper()
	req, err := http.NewRequest(v.Method, v.URL, strings.NewReader(v.Body))
	require.NoError(t, err)
	for k, val := range v.Headers {
		req.Header.Set(k, val)
	}
	return req
}

func TestSignReproducesEveryVector(t *testing.T) {
	for _, v := range loadVectors(t) {
		t.Run(v.Name, func(t *testing.T) {
			req := vectorRequest(t, v)
			when, err := time.Parse("20060102T150405Z", v.XSdkDate)
			require.NoError(t, err)
			k := auth.AKSK{AccessKey: v.AccessKey, SecretKey: v.SecretKey}
			require.NoError(t, k.Sign(req, []byte(v.Body), when))
			assert.Equal(t, v.Authorization, req.Header.Get("Authorization"))
			assert.Equal(t, v.XSdkDate, req.Header.Get("X-Sdk-Date"))

			// The emulator's verifier accepts what the signer produced.
			ak, err := signer.Verify(req, []byte(v.Body), func(ak string) (string, bool) {
				return v.SecretKey, ak == v.AccessKey
			}, when.Add(time.Minute))
			require.NoError(t, err)
			assert.Equal(t, v.AccessKey, ak)
		})
	}
}

func TestSignSecurityTokenIsSentAndSigned(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "https://dms.example.com/v2/p/instances", nil)
	k := auth.AKSK{AccessKey: "AK123456", SecretKey: "SK", SecurityToken: "tok+/="}
	require.NoError(t, k.Authorize(t.Context(), req, nil))
	assert.Equal(t, "tok+/=", req.Header.Get("X-Security-Token"))
	assert.Contains(t, req.Header.Get("Authorization"), "SignedHeaders=host;x-sdk-date;x-security-token,")
}

func TestSignRefusesBodiesOver12MB(t *testing.T) {
	req, _ := http.NewRequest(http.MethodPost, "https://dms.example.com/v2/p/instances", nil)
	k := auth.AKSK{AccessKey: "AK", SecretKey: "SK"}
	err := k.Sign(req, bytes.Repeat([]byte("a"), auth.MaxSignedBody+1), time.Now())
	require.ErrorIs(t, err, auth.ErrBodyTooLarge)
	assert.Contains(t, err.Error(), "token")
	assert.Empty(t, req.Header.Get("Authorization"))
	require.NoError(t, k.Sign(req, bytes.Repeat([]byte("a"), auth.MaxSignedBody), time.Now()))
}

func TestSignNeedsBothKeys(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "https://dms.example.com/", nil)
	require.Error(t, auth.AKSK{AccessKey: "AK"}.Sign(req, nil, time.Now()))
	require.Error(t, auth.AKSK{SecretKey: "SK"}.Sign(req, nil, time.Now()))
}

func TestVerifyRejectsTamperingAndSkew(t *testing.T) {
	v := loadVectors(t)[3] // create topic (body)
	when, _ := time.Parse("20060102T150405Z", v.XSdkDate)
	lookup := func(ak string) (string, bool) { return v.SecretKey, ak == v.AccessKey }
	sign := func() *http.Request {
		req := vectorRequest(t, v)
		require.NoError(t, auth.AKSK{AccessKey: v.AccessKey, SecretKey: v.SecretKey}.Sign(req, []byte(v.Body), when))
		return req
	}
	_, err := signer.Verify(sign(), []byte(v.Body+" "), lookup, when)
	assert.ErrorIs(t, err, signer.ErrMismatch)
	_, err = signer.Verify(sign(), []byte(v.Body), lookup, when.Add(16*time.Minute))
	assert.ErrorIs(t, err, signer.ErrExpired)
	_, err = signer.Verify(sign(), []byte(v.Body), lookup, when.Add(-16*time.Minute))
	assert.ErrorIs(t, err, signer.ErrExpired)
	_, err = signer.Verify(sign(), []byte(v.Body), func(string) (string, bool) { return "", false }, when)
	assert.ErrorIs(t, err, signer.ErrUnknownAK)
	req := sign()
	req.Header.Del("Authorization")
	_, err = signer.Verify(req, []byte(v.Body), lookup, when)
	assert.ErrorIs(t, err, signer.ErrMissing)
	req = sign()
	req.URL.Path += "x"
	_, err = signer.Verify(req, []byte(v.Body), lookup, when)
	assert.ErrorIs(t, err, signer.ErrMismatch)
}

func TestCanonicalURIDoesNotDoubleEscape(t *testing.T) {
	req, _ := http.NewRequest(http.MethodDelete, "https://h/v2/p/instances/i/groups/CID%25a%7Cb", nil)
	c, err := signer.CanonicalRequest(req, nil, []string{"host"})
	require.NoError(t, err)
	first := strings.SplitN(c, "\n", 3)[1]
	assert.Equal(t, "/v2/p/instances/i/groups/CID%25a%7Cb/", first)
}

func TestCredentialsNeverPrintSecrets(t *testing.T) {
	const secret = "VerySecretKey123"
	const token = "MIIsecretTOKEN"
	const pw = "P@ssw0rd!Secret"
	values := []any{
		auth.AKSK{AccessKey: "HPUAEXAMPLE", SecretKey: secret, SecurityToken: token},
		&auth.AKSK{AccessKey: "HPUAEXAMPLE", SecretKey: secret, SecurityToken: token},
		auth.Token(token),
		auth.Password{Username: "u", Password: pw, DomainName: "d"},
		auth.NewPasswordCredentials(auth.Password{Username: "u", Password: pw, DomainName: "d"}),
		struct{ C auth.Credentials }{auth.AKSK{AccessKey: "HPUAEXAMPLE", SecretKey: secret}},
	}
	for _, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			out := fmt.Sprintf(verb, v)
			assert.NotContains(t, out, secret, verb)
			assert.NotContains(t, out, token, verb)
			assert.NotContains(t, out, pw, verb)
		}
	}
	assert.Contains(t, fmt.Sprint(auth.AKSK{AccessKey: "HPUAEXAMPLE", SecretKey: secret}), "HPUA****")
}

func TestTokenAuthorize(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "https://h/", nil)
	require.NoError(t, auth.Token("abc").Authorize(t.Context(), req, nil))
	assert.Equal(t, "abc", req.Header.Get("X-Auth-Token"))
	assert.Empty(t, req.Header.Get("Authorization"))
	require.Error(t, auth.Token("").Authorize(t.Context(), req, nil))
}

func BenchmarkSign(b *testing.B) {
	v := loadVectors(b)[3] // a small POST with a JSON body
	body := []byte(v.Body)
	req := vectorRequest(b, v)
	k := auth.AKSK{AccessKey: v.AccessKey, SecretKey: v.SecretKey}
	when := time.Date(2022, 11, 22, 8, 9, 10, 0, time.UTC)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		delete(req.Header, "Authorization")
		delete(req.Header, "X-Sdk-Date")
		if err := k.Sign(req, body, when); err != nil {
			b.Fatal(err)
		}
	}
}

// Signing a request that already carries a signature (a caller's own
// retry re-signing in place) replaces it with one that verifies.
func TestSignTwiceVerifies(t *testing.T) {
	v := loadVectors(t)[3]
	req := vectorRequest(t, v)
	k := auth.AKSK{AccessKey: v.AccessKey, SecretKey: v.SecretKey}
	when, err := time.Parse("20060102T150405Z", v.XSdkDate)
	require.NoError(t, err)
	require.NoError(t, k.Sign(req, []byte(v.Body), when.Add(-time.Minute)))
	require.NoError(t, k.Sign(req, []byte(v.Body), when))
	assert.Equal(t, v.Authorization, req.Header.Get("Authorization"), "the old signature is not signed")
	_, err = signer.Verify(req, []byte(v.Body), func(ak string) (string, bool) {
		return v.SecretKey, ak == v.AccessKey
	}, when)
	require.NoError(t, err)
}

// slog's handlers (the JSON one ignores fmt.Formatter) log credentials
// redacted.
func TestCredentialsLogRedacted(t *testing.T) {
	const secret, token, pw = "SKSECRETSECRET", "SECTOKEN123", "PASSWORD123"
	var buf bytes.Buffer
	l := slog.New(slog.NewJSONHandler(&buf, nil))
	l.Info("creds",
		"aksk", auth.AKSK{AccessKey: "HPUAEXAMPLE", SecretKey: secret, SecurityToken: token},
		"token", auth.Token(token),
		"password", auth.Password{Username: "alice", Password: pw},
		"login", auth.NewPasswordCredentials(auth.Password{Username: "alice", Password: pw}))
	l = slog.New(slog.NewTextHandler(&buf, nil))
	l.Info("creds", "aksk", auth.AKSK{AccessKey: "HPUAEXAMPLE", SecretKey: secret}, "token", auth.Token(token))
	out := buf.String()
	for _, s := range []string{secret, token, pw} {
		assert.NotContains(t, out, s)
	}
	assert.Contains(t, out, "HPUA****")
	assert.Contains(t, out, "alice")
}

// Sign works on requests with many headers.
func TestSignManyHeaders(t *testing.T) {
	v := loadVectors(t)[0]
	req := vectorRequest(t, v)
	for i := range 40 {
		req.Header.Set(fmt.Sprintf("X-Extra-%02d", i), "v")
	}
	k := auth.AKSK{AccessKey: v.AccessKey, SecretKey: v.SecretKey}
	now := time.Now()
	require.NoError(t, k.Sign(req, nil, now))
	assert.Contains(t, req.Header.Get("Authorization"), "x-extra-39")
	_, err := signer.Verify(req, nil, func(ak string) (string, bool) { return v.SecretKey, ak == v.AccessKey }, now)
	require.NoError(t, err)
}

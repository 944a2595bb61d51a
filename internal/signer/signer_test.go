package signer_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dms-rocketmq/rocketmq-go/internal/signer"
)

const ak, sk = "HPUAEXAMPLEAK0000001", "s3cr3tExampleSecretKeyForSigning0000001"

var t0 = time.Date(2022, 11, 22, 8, 9, 10, 0, time.UTC)

func lookup(k string) (string, bool) { return sk, k == ak }

func signed(t *testing.T, method, url string, body []byte) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	require.NoError(t, err)
	req.Header.Set("X-Project-Id", "p")
	req.Header.Set("Content-Type", "application/json")
	require.NoError(t, signer.Sign(req, body, ak, sk, t0))
	return req
}

func TestEscape(t *testing.T) {
	assert.Equal(t, "AZaz09-_.~", signer.Escape("AZaz09-_.~"))
	assert.Equal(t, "a%20b%25c%7Cd%2Fe%2A", signer.Escape("a b%c|d/e*"))
	assert.Equal(t, "%C3%A9", signer.Escape("é"))
}

func TestCanonicalRequest(t *testing.T) {
	req, err := http.NewRequest(http.MethodGet, "https://h.example/v2/p/groups/CID%25a%7Cb?b=2&a=x%20y&a=1", nil)
	require.NoError(t, err)
	req.Header.Set("X-Sdk-Date", "20221122T080910Z")
	got, err := signer.CanonicalRequest(req, nil, []string{"host", "x-sdk-date"})
	require.NoError(t, err)
	assert.Equal(t, strings.Join([]string{
		"GET",
		"/v2/p/groups/CID%25a%7Cb/", // decoded, escaped once, trailing slash
		"a=1&a=x%20y&b=2",           // keys sorted, then values
		"host:h.example",
		"x-sdk-date:20221122T080910Z",
		"",
		"host;x-sdk-date",
		signer.EmptyBodyHash,
	}, "\n"), got)
}

func TestVerify(t *testing.T) {
	body := []byte(`{"name":"topic-01"}`)
	req := signed(t, http.MethodPost, "https://h.example/v2/p/instances/i/topics", body)
	a, err := signer.ParseAuthorization(req.Header.Get("Authorization"))
	require.NoError(t, err)
	assert.Equal(t, ak, a.AccessKey)
	assert.Equal(t, []string{"host", "x-project-id", "x-sdk-date"}, a.SignedHeaders, "Content-Type is not signed")

	got, err := signer.Verify(req, body, lookup, t0.Add(14*time.Minute))
	require.NoError(t, err)
	assert.Equal(t, ak, got)

	_, err = signer.Verify(req, body, lookup, t0.Add(16*time.Minute))
	assert.ErrorIs(t, err, signer.ErrExpired)
	_, err = signer.Verify(req, body, lookup, t0.Add(-16*time.Minute))
	assert.ErrorIs(t, err, signer.ErrExpired)

	_, err = signer.Verify(req, []byte(`{"name":"topic-02"}`), lookup, t0)
	assert.ErrorIs(t, err, signer.ErrMismatch, "another body")

	other := req.Clone(req.Context())
	other.Header.Set("X-Project-Id", "q")
	_, err = signer.Verify(other, body, lookup, t0)
	assert.ErrorIs(t, err, signer.ErrMismatch, "a signed header changed")

	_, err = signer.Verify(req, body, func(string) (string, bool) { return "", false }, t0)
	assert.ErrorIs(t, err, signer.ErrUnknownAK)

	for _, h := range []string{"", "Bearer x", "SDK-HMAC-SHA256 Access=a", "SDK-HMAC-SHA256 SignedHeaders=host, Signature=00"} {
		bad := req.Clone(req.Context())
		bad.Header.Set("Authorization", h)
		_, err = signer.Verify(bad, body, lookup, t0)
		assert.ErrorIs(t, err, signer.ErrMissing, "%q", h)
	}
	noDate := req.Clone(req.Context())
	noDate.Header.Del("X-Sdk-Date")
	_, err = signer.Verify(noDate, body, lookup, t0)
	assert.Error(t, err)
}

func TestSignNeedsKeysAndURL(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "https://h.example/", nil)
	assert.Error(t, signer.Sign(req, nil, "", sk, t0))
	assert.Error(t, signer.Sign(req, nil, ak, "", t0))
	assert.Error(t, signer.Sign(&http.Request{Header: http.Header{}}, nil, ak, sk, t0))
}

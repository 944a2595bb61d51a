package signer_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dms-rocketmq/rocketmq-go/internal/signer"
)

// plainSignature is the signature of req computed from its canonical
// request with crypto/hmac, independently of the signer's cached key
// states.
func plainSignature(t *testing.T, req *http.Request, body []byte, secret string) string {
	t.Helper()
	a, err := signer.ParseAuthorization(req.Header.Get("Authorization"))
	require.NoError(t, err)
	canon, err := signer.CanonicalRequest(req, body, a.SignedHeaders)
	require.NoError(t, err)
	ch := sha256.Sum256([]byte(canon))
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(signer.Algorithm + "\n" + req.Header.Get("X-Sdk-Date") + "\n" + hex.EncodeToString(ch[:])))
	return hex.EncodeToString(m.Sum(nil))
}

// TestSignWithManySecretKeys: more secret keys than the signer keeps
// states for, each used again after the others, and keys of 0–200 bytes
// (beyond one SHA-256 block, a key is hashed first): every signature is
// the HMAC of the key.
func TestSignWithManySecretKeys(t *testing.T) {
	body := []byte(`{"name":"topic-01"}`)
	var secrets []string
	for i := range 150 {
		secrets = append(secrets, strings.Repeat("k", i%3)+strconv.Itoa(i)+strings.Repeat("s", i))
	}
	for round := range 2 {
		for _, secret := range secrets {
			req, err := http.NewRequest(http.MethodPost, "https://h.example/v2/p/instances/i/topics", nil)
			require.NoError(t, err)
			req.Header.Set("X-Project-Id", "p")
			require.NoError(t, signer.Sign(req, body, ak, secret, t0))
			a, err := signer.ParseAuthorization(req.Header.Get("Authorization"))
			require.NoError(t, err)
			require.Equal(t, plainSignature(t, req, body, secret), a.Signature, "round %d, key of %d bytes", round, len(secret))
		}
	}
}

// TestSignConcurrently: signatures made at the same time (several keys,
// several requests) are each right.
func TestSignConcurrently(t *testing.T) {
	secrets := []string{sk, "another-secret", strings.Repeat("long", 30)}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				secret := secrets[(g+i)%len(secrets)]
				body := []byte(`{"n":` + strconv.Itoa(i) + `}`)
				req, _ := http.NewRequest(http.MethodPut, "https://h.example/v2/p/instances/i/topics/t"+strconv.Itoa(g), nil)
				req.Header.Set("X-Project-Id", "p")
				if err := signer.Sign(req, body, ak, secret, t0.Add(time.Duration(i)*time.Second)); err != nil {
					errs <- err.Error()
					return
				}
				if _, err := signer.Verify(req, body, func(string) (string, bool) { return secret, true }, t0.Add(time.Duration(i)*time.Second)); err != nil {
					errs <- err.Error()
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestSignDate: X-Sdk-Date is the signing time in UTC to the second,
// whatever the time's zone.
func TestSignDate(t *testing.T) {
	east := time.FixedZone("UTC+8", 8*3600)
	for _, when := range []time.Time{
		t0,
		time.Date(2026, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(2027, 1, 1, 7, 5, 3, 0, east),
		time.Date(999, 2, 3, 4, 5, 6, 0, time.UTC),
	} {
		req, _ := http.NewRequest(http.MethodGet, "https://h.example/", nil)
		require.NoError(t, signer.Sign(req, nil, ak, sk, when))
		assert.Equal(t, when.UTC().Format(signer.DateLayout), req.Header.Get("X-Sdk-Date"))
		assert.Len(t, req.Header["X-Sdk-Date"], 1)
		assert.Len(t, req.Header["Authorization"], 1)
	}
}

// TestCanonicalURIEscapesDecodedSegments: a path parsed without its own
// escaping and one with it (an escaped "/" inside a segment) canonicalize
// to each segment escaped once.
func TestCanonicalURIEscapesDecodedSegments(t *testing.T) {
	for raw, want := range map[string]string{
		"https://h.example/v2/p/a b/é*~":            "/v2/p/a%20b/%C3%A9%2A~/",
		"https://h.example/v2/p/CID%25a%7Cb":        "/v2/p/CID%25a%7Cb/",
		"https://h.example/v2/p/a%2Fb/c":            "/v2/p/a%2Fb/c/",
		"https://h.example":                         "/",
		"https://h.example/v2//double/":             "/v2//double/",
		"https://h.example/v2/p/%E7%8E%AF%E5%A2%83": "/v2/p/%E7%8E%AF%E5%A2%83/",
	} {
		req, err := http.NewRequest(http.MethodGet, raw, nil)
		require.NoError(t, err)
		got, err := signer.CanonicalRequest(req, nil, []string{"host"})
		require.NoError(t, err)
		assert.Equal(t, want, strings.Split(got, "\n")[1], raw)
	}
}

// plainEscape is the signing rule written byte by byte.
func plainEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
		} else {
			b.WriteString("%" + strings.ToUpper(hex.EncodeToString([]byte{c})))
		}
	}
	return b.String()
}

// TestEscapeEveryByte: every byte value, at every position of runs longer
// than the eight bytes the escaper checks at a time, escapes by the rule;
// so does every segment of a path.
func TestEscapeEveryByte(t *testing.T) {
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 19; pos++ {
			s := []byte(strings.Repeat("abcdefgh", 3)[:19])
			s[pos] = byte(c)
			require.Equal(t, plainEscape(string(s)), signer.Escape(string(s)), "byte %#x at %d", c, pos)
			path := "/v2/" + string(s) + "/x"
			req := &http.Request{Method: "GET", URL: &url.URL{Scheme: "https", Host: "h", Path: path}, Header: http.Header{}}
			got, err := signer.CanonicalRequest(req, nil, []string{"host"})
			require.NoError(t, err)
			want := "/v2/" + plainEscape(string(s)) + "/x/"
			if c == '/' {
				parts := strings.Split(string(s), "/")
				for i := range parts {
					parts[i] = plainEscape(parts[i])
				}
				want = "/v2/" + strings.Join(parts, "/") + "/x/"
			}
			require.Equal(t, want, strings.Split(got, "\n")[1], "byte %#x at %d", c, pos)
		}
	}
}

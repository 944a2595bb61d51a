package rocketmqtest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dms-rocketmq/rocketmq-go/auth"
)

// validToken reports whether s is an HTTP header field name (RFC 9110
// token): only those reach a server.
func validToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0 {
			continue
		}
		return false
	}
	return true
}

// validFieldValue reports whether s can be sent as a header value: no
// control characters but tab, and no surrounding whitespace (a server
// strips it).
func validFieldValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return s == strings.Trim(s, " \t")
}

// validRawQuery reports whether every key and value of a raw query
// unescapes (what the signer needs to canonicalize it).
func validRawQuery(raw string) bool {
	for part := range strings.SplitSeq(raw, "&") {
		k, v, _ := strings.Cut(part, "=")
		if _, err := url.QueryUnescape(k); err != nil {
			return false
		}
		if _, err := url.QueryUnescape(v); err != nil {
			return false
		}
	}
	return true
}

// FuzzSignThenVerify signs arbitrary requests (method, path, raw query,
// one extra header, body, signing time) with auth.AKSK.Sign and checks
// them with the emulator's own authentication, as a request arriving at the
// gateway would be: a request signed within 15 minutes of the server's
// clock is accepted; one further off is refused as expired; one whose body
// or signed project header changed after signing is refused.
func FuzzSignThenVerify(f *testing.F) {
	creds := auth.AKSK{AccessKey: "FUZZAK00000000000001", SecretKey: "fuzzSecretKey0000000000000000000000000001", SecurityToken: "fuzz-security-token"}
	srv := NewServer(WithCredentials(creds))
	f.Cleanup(srv.Close)
	for _, s := range []struct {
		method, path, rawQuery, hname, hval string
		body                                string
		skew                                int32
	}{
		{"GET", "/v2/p/instances", "", "", "", "", 0},
		{"POST", "/v2/p/instances", "offset=0&limit=10", "Content-Type", "application/json", `{"name":"a"}`, 60},
		{"put", "/v2/p/instances/i/topics/a b", "a=1&a=2&b", "X-Custom", " spaced ", `x`, -60},
		{"DELETE", "/v2/p/instances/i/groups/CID%a|b/", "name=%E5%90%8D&sp=a+b&pct=%2525", "Accept", "*/*", "", 900},
		{"GET", "", "=&&=x&y=", "X_Under", "skipped", "\x00\xff", -900},
		{"PATCH", "/名前/./../x", "k%3Dv=%26", "Host", "example.com:8080", "body", 901},
		{"OPTIONS", "//double//slash", "%zz=1", "X-Sdk-Date", "20000101T000000Z", "", -901},
		{"HEAD", "/a%2Fb", "", "User-Agent", "rocketmq-go/0.1.0 (go1.26)", strings.Repeat("z", 1000), 1200},
	} {
		f.Add(s.method, s.path, s.rawQuery, s.hname, s.hval, []byte(s.body), s.skew)
	}
	t0 := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, method, path, rawQuery, hname, hval string, body []byte, skew int32) {
		if !validToken(method) || (hname != "" && (!validToken(hname) || !validFieldValue(hval))) {
			return // not an HTTP request a gateway could receive
		}
		canon := http.CanonicalHeaderKey(hname)
		if canon == auth.HeaderSecurityToken || canon == auth.HeaderProjectID {
			return // the credentials' and the test's own headers
		}
		build := func() *http.Request {
			req := &http.Request{
				Method: method,
				URL:    &url.URL{Scheme: "http", Host: "127.0.0.1:8080", Path: path, RawQuery: rawQuery},
				Host:   "127.0.0.1:8080",
				Header: http.Header{auth.HeaderProjectID: {DefaultProjectID}},
			}
			if hname != "" {
				req.Header.Set(hname, hval)
			}
			return req
		}
		req := build()
		err := creds.Sign(req, body, t0)
		if !validRawQuery(rawQuery) {
			require.Error(t, err, "a query that does not unescape cannot be canonicalized: %q", rawQuery)
			return
		}
		require.NoError(t, err)

		d := time.Duration(int64(skew)%1201) * time.Second // within ±20 minutes
		now := t0.Add(d)
		pr, apiErr := srv.authenticate(req, body, now)
		if d > 15*time.Minute || d < -15*time.Minute {
			require.NotNil(t, apiErr, "signed %v before the server's clock", d)
			assert.Equal(t, http.StatusUnauthorized, apiErr.status)
			assert.Equal(t, msgExpired, apiErr.msg)
			return
		}
		require.Nil(t, apiErr, "signed %v before the server's clock: %v (Authorization %q)", d, apiErr, req.Header.Get("Authorization"))
		assert.Equal(t, principal{kind: "aksk", projectID: DefaultProjectID}, pr)

		// A body changed after signing is refused.
		flipped := append([]byte(nil), body...)
		if len(flipped) == 0 {
			flipped = append(flipped, 0)
		} else {
			flipped[len(flipped)/2] ^= 0x01
		}
		_, apiErr = srv.authenticate(req, flipped, now)
		require.NotNil(t, apiErr, "a flipped body byte must not verify")
		assert.Equal(t, http.StatusUnauthorized, apiErr.status)
		assert.Equal(t, msgSignatureFail, apiErr.msg)

		// So is a signed header changed after signing.
		tampered := build()
		require.NoError(t, creds.Sign(tampered, body, t0))
		tampered.Header.Set(auth.HeaderProjectID, DefaultProjectID+"0")
		_, apiErr = srv.authenticate(tampered, body, now)
		require.NotNil(t, apiErr, "a changed X-Project-Id must not verify")
		assert.Equal(t, msgSignatureFail, apiErr.msg)
	})
}

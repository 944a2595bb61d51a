// Package testutil is the shared test kit of the family packages: a client
// wired to its own httpmock transport and a strict, ordered expectation of
// the calls it must send. It is internal: users cannot import it.
//
// Each test gets its own *httpmock.MockTransport installed on the client's
// own *http.Client (never http.DefaultTransport, never httpmock's global
// default transport), so tests can run in parallel.
package testutil

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/internal/signer"
)

// Constants of the test client. The project ID and instance ID are the
// reference's own example values.
const (
	ProjectID  = "0b01fbb53600d4671fa8c00673c71260"
	InstanceID = "68fdc9a8-805e-439d-8dd9-25adc1c58bf6"
	Host       = "dms.test.example"
	// BasePath is a non-empty base path on the endpoint: every request's
	// path must keep it.
	BasePath  = "/base"
	Endpoint  = "https://" + Host + BasePath
	AccessKey = "HPUAEXAMPLEAK0000001"
	SecretKey = "s3cr3tExampleSecretKeyForSigning0000001"
)

// NewClient returns a client for Endpoint with AK/SK credentials, a fixed
// project, fast retries, and a fresh mock transport on its own http.Client.
// Extra options are applied last.
func NewClient(t testing.TB, opts ...rocketmq.Option) (*rocketmq.Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	hc := &http.Client{Transport: mt}
	base := []rocketmq.Option{
		rocketmq.WithEndpoint(Endpoint),
		rocketmq.WithProjectID(ProjectID),
		rocketmq.WithCredentials(auth.AKSK{AccessKey: AccessKey, SecretKey: SecretKey}),
		rocketmq.WithHTTPClient(hc),
		rocketmq.WithRetry(rocketmq.RetryPolicy{MinBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond}),
	}
	c, err := rocketmq.NewClient(append(base, opts...)...)
	require.NoError(t, err)
	return c, mt
}

// Call is one expected request and the answer to give it.
type Call struct {
	Method string
	// Path is the escaped path after BasePath, e.g.
	// "/v2/0b01…/instances/68fd…/groups/CID%25a%7Cb".
	Path string
	// Query is the exact raw query expected ("" for none).
	Query string
	// Body is the JSON body expected (compared as JSON); "" means no body.
	Body string
	// RawBody, when set, must equal the body byte for byte.
	RawBody string
	// Status and Response are the answer (Status 0 means 200).
	Status   int
	Response string
	// Header is added to the answer; X-Request-Id defaults to "req-<n>".
	Header http.Header
}

// Expect makes mt answer exactly calls, in order, asserting each request
// (method, escaped path, query, body, a valid AK/SK signature when one is
// present). At the end of the test it asserts every call was made.
func Expect(t testing.TB, mt *httpmock.MockTransport, calls ...Call) {
	t.Helper()
	var mu sync.Mutex
	n := 0
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		mu.Lock()
		i := n
		n++
		mu.Unlock()
		if i >= len(calls) {
			t.Errorf("unexpected request %d: %s %s", i+1, req.Method, req.URL.String())
			return httpmock.NewStringResponse(599, "unexpected"), nil
		}
		c := calls[i]
		var body []byte
		if req.Body != nil {
			body, _ = io.ReadAll(req.Body)
		}
		AssertRequest(t, req, body, c)
		status := c.Status
		if status == 0 {
			status = http.StatusOK
		}
		resp := httpmock.NewBytesResponse(status, []byte(c.Response))
		for k, v := range c.Header {
			resp.Header[k] = v
		}
		if resp.Header.Get("X-Request-Id") == "" {
			resp.Header.Set("X-Request-Id", "req-"+itoa(i+1))
		}
		if c.Response != "" && resp.Header.Get("Content-Type") == "" {
			resp.Header.Set("Content-Type", "application/json")
		}
		resp.Request = req
		return resp, nil
	})
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		assert.Equal(t, len(calls), n, "number of requests sent")
	})
}

// AssertRequest checks one request against c.
func AssertRequest(t testing.TB, req *http.Request, body []byte, c Call) {
	t.Helper()
	assert.Equal(t, c.Method, req.Method, "method")
	assert.Equal(t, Host, req.URL.Host, "host")
	assert.Equal(t, BasePath+c.Path, req.URL.EscapedPath(), "escaped path")
	assert.Equal(t, c.Query, req.URL.RawQuery, "query")
	switch {
	case c.RawBody != "":
		assert.Equal(t, c.RawBody, string(body), "raw body")
	case c.Body != "":
		if assert.NotEmpty(t, body, "body") {
			assert.JSONEq(t, c.Body, string(body), "JSON body")
		}
	default:
		assert.Empty(t, string(body), "body")
	}
	if req.Header.Get("Authorization") != "" {
		_, err := signer.Verify(req, body, func(ak string) (string, bool) {
			return SecretKey, ak == AccessKey
		}, time.Now())
		assert.NoError(t, err, "signature")
		assert.Equal(t, ProjectID, req.Header.Get("X-Project-Id"), "X-Project-Id")
	}
}

// Fixture returns testdata/name of the calling package.
func Fixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return string(b)
}

// RoundTrip asserts that doc (a request example of the reference) decodes
// into a value of v's type and encodes back to the same JSON.
func RoundTrip(t testing.TB, doc string, v any) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(v), "decode the document's example (every field must be known)")
	out, err := json.Marshal(v)
	require.NoError(t, err)
	assert.JSONEq(t, doc, string(out), "the example must encode back to the same JSON")
}

// CompactJSON returns doc compacted (for byte-level comparisons).
func CompactJSON(t testing.TB, doc string) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, json.Compact(&buf, []byte(doc)))
	return buf.String()
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

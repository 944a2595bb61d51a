package rocketmq_test

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/internal/signer"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

// wireCheck is a RoundTripper that verifies the AK/SK signature of every
// request against that very request as it reached the transport (its URL,
// every header, the body bytes read from it), answering with the statuses
// given in turn.
type wireCheck struct {
	t        *testing.T
	statuses []int

	mu       sync.Mutex
	n        int
	bodies   []string
	signed   [][]string
	unsigned [][]string
	queries  []string
}

func (w *wireCheck) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		var err error
		body, err = io.ReadAll(req.Body)
		require.NoError(w.t, err)
		_ = req.Body.Close()
	}
	_, err := signer.Verify(req, body, func(ak string) (string, bool) {
		return testutil.SecretKey, ak == testutil.AccessKey
	}, time.Now())
	assert.NoError(w.t, err, "the signature of the request received")
	a, err := signer.ParseAuthorization(req.Header.Get("Authorization"))
	require.NoError(w.t, err)
	var unsigned []string
	for k := range req.Header {
		lk := strings.ToLower(k)
		if lk != "authorization" && lk != "content-type" && !slices.Contains(a.SignedHeaders, lk) {
			unsigned = append(unsigned, k)
		}
	}
	w.mu.Lock()
	status := w.statuses[min(w.n, len(w.statuses)-1)]
	w.n++
	w.bodies = append(w.bodies, string(body))
	w.signed = append(w.signed, a.SignedHeaders)
	w.unsigned = append(w.unsigned, unsigned)
	w.queries = append(w.queries, req.URL.RawQuery)
	w.mu.Unlock()
	return &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(`{}`)), ContentLength: 2, Request: req}, nil
}

// The request signed is the request sent: a transport sees a signature
// that verifies against the request it received (WithHeader headers, a
// query with spaces and reserved characters, an escaped path parameter,
// the body bytes), every header but Content-Type signed, on every attempt.
func TestSignatureVerifiesOnTheWire(t *testing.T) {
	t.Parallel()
	w := &wireCheck{t: t, statuses: []int{503, 200}}
	c, err := rocketmq.NewClient(rocketmq.WithEndpoint("https://dms.wire.example/base"),
		rocketmq.WithProjectID(testutil.ProjectID),
		rocketmq.WithCredentials(auth.AKSK{AccessKey: testutil.AccessKey, SecretKey: testutil.SecretKey}),
		rocketmq.WithHTTPClient(&http.Client{Transport: w}),
		rocketmq.WithRetry(rocketmq.RetryPolicy{MaxAttempts: 2, MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond}))
	require.NoError(t, err)
	body := `{"name":"a b","note":"é+&="}`
	resp, err := c.Do(bg, &rocketmq.Request{Method: http.MethodPut, Path: "/v2/{project_id}/instances/{instance_id}",
		PathParams: map[string]string{"instance_id": "id with/slash"},
		Query:      map[string]string{"name": "two words", "tag": "a+b&c=d", "empty": ""},
		Body:       []byte(body)}, nil,
		rocketmq.WithHeader("X-Trace-Id", "trace 1"), rocketmq.WithHeader("X-Client-Tag", "t"))
	require.NoError(t, err)
	assert.Equal(t, 2, resp.Attempts)

	w.mu.Lock()
	defer w.mu.Unlock()
	require.Equal(t, 2, w.n, "both attempts reached the transport")
	for i := range w.n {
		assert.Equal(t, body, w.bodies[i], "the body bytes")
		assert.Empty(t, w.unsigned[i], "headers sent but not signed")
		for _, h := range []string{"accept", "host", "user-agent", "x-client-tag", "x-project-id", "x-sdk-date", "x-trace-id"} {
			assert.Contains(t, w.signed[i], h)
		}
		assert.Equal(t, "empty=&name=two%20words&tag=a%2Bb%26c%3Dd", w.queries[i])
	}
}

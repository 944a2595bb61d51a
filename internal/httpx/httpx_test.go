package httpx

import (
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dms-rocketmq/rocketmq-go/internal/redact"
)

func TestReadBodyLimits(t *testing.T) {
	for _, tc := range []struct {
		name    string
		body    string
		size    int64
		want    string
		tooLong bool
	}{
		{"known size", "0123456789", 10, "0123456789", false},
		{"unknown size", "0123456789", -1, "0123456789", false},
		{"zero size means unknown", "0123456789", 0, "0123456789", false},
		{"exactly the limit", "0123456789abcdef", -1, "0123456789abcdef", false},
		{"over the limit, unknown size", "0123456789abcdefX", -1, "0123456789abcdef", true},
		{"over the limit, announced", "0123456789abcdefX", 17, "0123456789abcdef", true},
		{"empty", "", -1, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadBody(strings.NewReader(tc.body), tc.size, 16)
			if tc.tooLong {
				require.ErrorIs(t, err, ErrTooLarge)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tc.want, string(got))
		})
	}
	_, err := ReadBody(strings.NewReader("short"), 10, 16)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF, "shorter than announced")
}

type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

// Reading an endless body allocates about twice the limit in all (the
// doubling buffer, capped at limit+1), not four times (a bytes.Buffer grows
// past the limit to look for the end), and holds at most limit bytes.
func TestReadBodyAllocatesNearTheLimit(t *testing.T) {
	const limit = 8 << 20
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b, err := ReadBody(endless{}, -1, limit)
	runtime.ReadMemStats(&after)
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Len(t, b, limit)
	assert.LessOrEqual(t, cap(b), limit)
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(5*limit/2), "bytes allocated")

	// An announced size above the limit allocates nothing on its promise.
	b, err = ReadBody(io.LimitReader(endless{}, 10), 1<<40, limit)
	require.NoError(t, err)
	assert.Equal(t, "xxxxxxxxxx", string(b))
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func answer(status int, body string, hdr ...string) roundTrip {
	return func(r *http.Request) (*http.Response, error) {
		h := http.Header{}
		for i := 0; i+1 < len(hdr); i += 2 {
			h.Set(hdr[i], hdr[i+1])
		}
		return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body)), ContentLength: -1, Request: r}, nil
	}
}

func TestSenderDo(t *testing.T) {
	t.Parallel()
	secrets := redact.Secrets(nil).Add("pw-123456")
	var gotUA string
	s := &Sender{Client: &http.Client{CheckRedirect: NoRedirect, Transport: roundTrip(func(r *http.Request) (*http.Response, error) {
		gotUA = r.Header.Get("User-Agent")
		return answer(302, `{"error":{"message":"pw-123456"}}`, "Location", "https://elsewhere.example/")(r)
	})}, UserAgent: "ua/1"}
	req, _ := http.NewRequest(http.MethodPost, "https://iam.example/v3/auth/tokens", strings.NewReader("{}"))
	_, err := s.Do(req, secrets)
	var se *StatusError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, 302, se.StatusCode, "a redirect is an answer, not followed")
	assert.Equal(t, http.MethodPost, se.Method)
	assert.Equal(t, "/v3/auth/tokens", se.Path)
	assert.JSONEq(t, `{"error":{"message":"[REDACTED]"}}`, string(se.Body))
	assert.NotContains(t, err.Error(), "pw-123456")
	assert.Equal(t, "ua/1", gotUA)

	s.Client.Transport = answer(201, `{"token":{}}`)
	req, _ = http.NewRequest(http.MethodPost, "https://iam.example/v3/auth/tokens", nil)
	res, err := s.Do(req, secrets)
	require.NoError(t, err)
	assert.Equal(t, 201, res.StatusCode)
	assert.Equal(t, `{"token":{}}`, string(res.Body))
}

package httpx

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
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
	hc := &http.Client{CheckRedirect: NoRedirect, Transport: roundTrip(func(r *http.Request) (*http.Response, error) {
		gotUA = r.Header.Get("User-Agent")
		return answer(302, `{"error":{"message":"pw-123456"}}`, "Location", "https://elsewhere.example/")(r)
	})}
	s := New(hc, nil, "ua/1")
	req := &Request{Method: http.MethodPost, URL: "https://iam.example/v3/auth/tokens", Body: []byte("{}"),
		Header: http.Header{"Content-Type": {"application/json"}}}
	_, err := s.Do(context.Background(), req, secrets)
	var se *StatusError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, 302, se.StatusCode, "a redirect is an answer, not followed")
	assert.Equal(t, http.MethodPost, se.Method)
	assert.Equal(t, "/v3/auth/tokens", se.Path)
	assert.JSONEq(t, `{"error":{"message":"[REDACTED]"}}`, string(se.Body))
	assert.NotContains(t, err.Error(), "pw-123456")
	assert.Equal(t, "ua/1", gotUA)

	hc.Transport = answer(201, `{"token":{}}`)
	res, err := s.Do(context.Background(), &Request{Method: http.MethodPost, URL: "https://iam.example/v3/auth/tokens"}, secrets)
	require.NoError(t, err)
	assert.Equal(t, 201, res.StatusCode)
	assert.Equal(t, `{"token":{}}`, string(res.Body))
}

type signFunc func(*http.Request) error

func (f signFunc) Sign(r *http.Request) error { return f(r) }

// The request Sign receives is the one the transport receives: the same
// *http.Request, its header as signed, nothing added by resty after it.
func TestSendSignsTheRequestSent(t *testing.T) {
	t.Parallel()
	var signed, got *http.Request
	var gotBody []byte
	hc := &http.Client{CheckRedirect: NoRedirect, Transport: roundTrip(func(r *http.Request) (*http.Response, error) {
		got = r
		gotBody, _ = io.ReadAll(r.Body)
		return answer(200, `{}`)(r)
	})}
	s := New(hc, nil, "")
	h := http.Header{"Content-Type": {"application/json"}, "User-Agent": {"ua/1"}, "Accept": {"application/json"}, "X-Extra": {"a b"}}
	req := &Request{Method: http.MethodPut, URL: "https://h.example/a%2Fb/c?x=1%202&y=%2B", Header: h, Body: []byte(`{"k":1}`),
		Sign: signFunc(func(r *http.Request) error {
			signed = r
			r.Header.Set("Authorization", "sig")
			return nil
		})}
	_, err := s.Send(context.Background(), req)
	require.NoError(t, err)
	require.NotNil(t, signed)
	assert.Same(t, signed, got, "the request signed is the request sent")
	assert.Equal(t, http.Header{"Content-Type": {"application/json"}, "User-Agent": {"ua/1"}, "Accept": {"application/json"},
		"X-Extra": {"a b"}, "Authorization": {"sig"}}, got.Header)
	assert.Equal(t, "/a%2Fb/c", got.URL.EscapedPath())
	assert.Equal(t, "x=1%202&y=%2B", got.URL.RawQuery)
	assert.Equal(t, `{"k":1}`, string(gotBody))
	assert.Equal(t, int64(7), got.ContentLength)
	assert.Equal(t, "/a%2Fb/c", req.Path())
	_, ok := h["Authorization"]
	assert.False(t, ok, "the caller's header is not modified")
}

// A request without a body goes without one (no chunked empty body), and
// an error of Sign stops the request: nothing is sent, the error is
// returned as it is.
func TestSendWithoutBodyAndSignError(t *testing.T) {
	t.Parallel()
	var got *http.Request
	sent := 0
	hc := &http.Client{CheckRedirect: NoRedirect, Transport: roundTrip(func(r *http.Request) (*http.Response, error) {
		got = r
		sent++
		return answer(204, ``)(r)
	})}
	s := New(hc, nil, "")
	h := http.Header{"User-Agent": {"ua/1"}, "Accept": {"application/json"}}
	_, err := s.Send(context.Background(), &Request{Method: http.MethodPost, URL: "https://h.example/x", Header: h})
	require.NoError(t, err)
	assert.Equal(t, http.NoBody, got.Body)
	assert.Equal(t, int64(0), got.ContentLength)
	assert.Empty(t, got.TransferEncoding)
	assert.Empty(t, got.Header.Get("Content-Type"), "resty adds no Content-Type")

	boom := errors.New("boom")
	_, err = s.Send(context.Background(), &Request{Method: http.MethodGet, URL: "https://h.example/x", Header: h,
		Sign: signFunc(func(*http.Request) error { return boom })})
	assert.Same(t, boom, err)
	assert.Equal(t, 1, sent)
}

// A request sent while another is being signed (an IAM login inside
// Authorize) is not signed by the enclosing request's Signer.
func TestSendNestedRequestIsNotSigned(t *testing.T) {
	t.Parallel()
	var auths []string
	hc := &http.Client{CheckRedirect: NoRedirect, Transport: roundTrip(func(r *http.Request) (*http.Response, error) {
		auths = append(auths, r.URL.Path+"="+r.Header.Get("Authorization"))
		return answer(200, `{}`)(r)
	})}
	s := New(hc, nil, "ua/1")
	h := http.Header{"User-Agent": {"ua/1"}, "Accept": {"application/json"}}
	_, err := s.Send(context.Background(), &Request{Method: http.MethodGet, URL: "https://h.example/api", Header: h,
		Sign: signFunc(func(r *http.Request) error {
			if _, err := s.Do(r.Context(), &Request{Method: http.MethodGet, URL: "https://h.example/login"}, nil); err != nil {
				return err
			}
			r.Header.Set("Authorization", "sig")
			return nil
		})})
	require.NoError(t, err)
	assert.Equal(t, []string{"/login=", "/api=sig"}, auths)
}

// The zero Sender (and New(nil, ...)) sends through the default transport
// and never follows a redirect.
func TestDefaultSendersRefuseRedirects(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/x" {
			http.Redirect(w, r, "/y", http.StatusFound)
			return
		}
		_, _ = io.WriteString(w, "followed")
	}))
	t.Cleanup(srv.Close)
	for _, s := range []*Sender{nil, {}, New(nil, nil, "")} {
		res, err := s.Send(context.Background(), &Request{Method: http.MethodGet, URL: srv.URL + "/x"})
		require.NoError(t, err)
		assert.Equal(t, http.StatusFound, res.StatusCode)
	}
}

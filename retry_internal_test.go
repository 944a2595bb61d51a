package rocketmq

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dms-rocketmq/rocketmq-go/auth"
)

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"  ", 0, false},
		{"0", 0, true},
		{"3", 3 * time.Second, true},
		{" 7 ", 7 * time.Second, true},
		{"1.5", 1500 * time.Millisecond, true},
		{"-4", 0, false}, // invalid: the normal backoff applies
		{"-1e400", 0, false},
		{"-0.001", 0, false},
		{"120", 2 * time.Minute, true},
		{"soon", 0, false},
		{"NaN", 0, false},
		// Huge values must not overflow into a negative (immediate) wait.
		{"99999999999", time.Duration(math.MaxInt64), true},
		{"1e300", time.Duration(math.MaxInt64), true},
		{"1e400", time.Duration(math.MaxInt64), true},
		{"Inf", time.Duration(math.MaxInt64), true},
		{"Wed, 01 May 2024 12:00:30 GMT", 30 * time.Second, true},
		{"Wednesday, 01-May-24 12:01:00 GMT", time.Minute, true}, // RFC 850
		{"Wed May  1 12:00:05 2024", 5 * time.Second, true},      // ANSI C
		{"Wed, 01 May 2024 11:00:00 GMT", 0, true},               // in the past
	}
	for _, tc := range cases {
		got, ok := parseRetryAfter(tc.in, now)
		assert.Equal(t, tc.ok, ok, "%q", tc.in)
		assert.Equal(t, tc.want, got, "%q", tc.in)
		assert.GreaterOrEqual(t, got, time.Duration(0), "%q", tc.in)
	}
}

func TestBackoffBounds(t *testing.T) {
	t.Parallel()
	p := RetryPolicy{MinBackoff: 100 * time.Millisecond, MaxBackoff: time.Second}.withDefaults()
	for n := 1; n <= 40; n++ {
		ceil := min(p.MinBackoff<<min(n-1, 20), p.MaxBackoff)
		floor := max(ceil/2, p.MinBackoff)
		for range 200 {
			d := p.backoff(n)
			require.GreaterOrEqual(t, d, floor, "attempt %d", n)
			require.LessOrEqual(t, d, ceil, "attempt %d", n)
		}
	}

	// Jitter: waits differ.
	seen := map[time.Duration]bool{}
	for range 50 {
		seen[p.backoff(4)] = true
	}
	assert.Greater(t, len(seen), 1, "waits are jittered")

	// Defaults.
	d := RetryPolicy{}.withDefaults()
	assert.Equal(t, DefaultMaxAttempts, d.MaxAttempts)
	assert.Equal(t, DefaultMinBackoff, d.MinBackoff)
	assert.Equal(t, DefaultMaxBackoff, d.MaxBackoff)
	assert.Equal(t, DefaultMaxRetryAfter, d.MaxRetryAfter)
	assert.Equal(t, DefaultRetryableCodes, d.RetryableCodes)
	for n := 1; n < 100; n++ {
		b := d.backoff(n)
		require.GreaterOrEqual(t, b, DefaultMinBackoff)
		require.LessOrEqual(t, b, DefaultMaxBackoff)
	}

	// MaxBackoff below MinBackoff is raised to it.
	odd := RetryPolicy{MinBackoff: time.Second, MaxBackoff: time.Millisecond}.withDefaults()
	assert.Equal(t, time.Second, odd.MaxBackoff)
	assert.Equal(t, time.Second, odd.backoff(3))

	// A tiny MinBackoff still works.
	tiny := RetryPolicy{MinBackoff: time.Nanosecond, MaxBackoff: time.Nanosecond}.withDefaults()
	assert.Equal(t, time.Nanosecond, tiny.backoff(1))
}

func TestRetryable(t *testing.T) {
	t.Parallel()
	p := RetryPolicy{}.withDefaults()
	timeout := fmt.Errorf("%w: %w", errAttemptTimeout, context.DeadlineExceeded)
	api := func(status int, code string) *APIError { return &APIError{StatusCode: status, Code: code} }
	cases := []struct {
		method string
		api    *APIError
		tr     error
		want   bool
	}{
		{"GET", nil, errors.New("reset"), true},
		{"HEAD", nil, errors.New("reset"), true},
		{"DELETE", nil, errors.New("reset"), true},
		{"PUT", nil, errors.New("reset"), true},
		{"POST", nil, errors.New("reset"), false},
		{"PATCH", nil, errors.New("reset"), false},
		{"GET", nil, timeout, true},
		{"POST", nil, timeout, false},
		{"GET", nil, context.Canceled, false},
		// An attempt's own deadline (the http.Client's Timeout): send has
		// checked the caller's context first.
		{"GET", nil, context.DeadlineExceeded, true},
		{"POST", nil, context.DeadlineExceeded, false},
		{"GET", nil, nil, false},
		{"GET", api(429, ""), nil, true},
		{"POST", api(429, ""), nil, true},
		{"GET", api(503, ""), nil, true},
		{"POST", api(503, ""), nil, false},
		{"POST", api(400, "DMS.00400026"), nil, true},
		{"POST", api(400, "DMS.00400017"), nil, true},
		{"POST", api(404, "DMS.10240407"), nil, true},
		{"POST", api(401, "DMS.10240407"), nil, false},
		{"GET", api(403, ""), nil, false},
		{"GET", api(500, ""), nil, false},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, p.retryable(tc.method, tc.api, tc.tr), "%s %v %v", tc.method, tc.api, tc.tr)
	}
}

func TestSleepCtx(t *testing.T) {
	t.Parallel()
	assert.True(t, sleepCtx(context.Background(), 0))
	assert.True(t, sleepCtx(context.Background(), time.Millisecond))

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	assert.False(t, sleepCtx(ctx, 10*time.Second), "a wait past the deadline is refused")
	assert.Less(t, time.Since(start), 40*time.Millisecond, "at once")

	ctx2, cancel2 := context.WithCancel(context.Background())
	cancel2()
	assert.False(t, sleepCtx(ctx2, 0))
	assert.False(t, sleepCtx(ctx2, time.Second))
}

func TestSnippet(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "a b c", snippet(" a\n\tb  c "))
	long := strings.Repeat("é", 300)
	s := snippet(long)
	assert.True(t, strings.HasSuffix(s, "…"))
	assert.LessOrEqual(t, len(s), 256+len("…"))
	assert.True(t, strings.HasPrefix(long, strings.TrimSuffix(s, "…")), "cut on a rune boundary")
}

func TestEncodeQueryEscapesLikeTheSigner(t *testing.T) {
	t.Parallel()
	q, err := encodeQuery(url.Values{"k": {"a b+c/d*e~f_g.h-i%j"}})
	require.NoError(t, err)
	assert.Equal(t, "k=a%20b%2Bc%2Fd%2Ae~f_g.h-i%25j", string(q))
	q, err = encodeQuery(map[string]string{"b": "2", "a": "1"})
	require.NoError(t, err)
	assert.Equal(t, "a=1&b=2", string(q))
	q, err = encodeQuery("raw=1&x=y")
	require.NoError(t, err)
	assert.Equal(t, "raw=1&x=y", string(q))
}

// benchClient is a client for request-building benchmarks; nothing is sent.
func benchClient(b *testing.B) *Client {
	b.Helper()
	c, err := NewClient(
		WithEndpoint("https://dms.cn-north-4.myhuaweicloud.com/base"),
		WithProjectID("0b01fbb53600d4671fa8c00673c71260"),
		WithCredentials(auth.AKSK{AccessKey: "AK", SecretKey: "SK"}),
	)
	require.NoError(b, err)
	return c
}

// BenchmarkPrepare measures request building: path template, escaping,
// query and JSON body (no signing, no I/O).
func BenchmarkPrepare(b *testing.B) {
	c := benchClient(b)
	type q struct {
		Engine string `url:"engine,omitempty"`
		Limit  int    `url:"limit,omitempty"`
		Offset int    `url:"offset,omitempty"`
		Name   string `url:"name,omitempty"`
	}
	type body struct {
		Name        string   `json:"name"`
		Brokers     []string `json:"brokers"`
		QueueNum    int      `json:"queue_num"`
		Permission  string   `json:"permission"`
		Description string   `json:"description"`
	}
	ctx := context.Background()
	b.Run("GET list", func(b *testing.B) {
		req := &Request{Method: http.MethodGet, Path: "/v2/{project_id}/instances/{instance_id}/groups",
			PathParams: map[string]string{"instance_id": "68fdc9a8-805e-439d-8dd9-25adc1c58bf6"},
			Query:      &q{Engine: "reliability", Limit: 10, Offset: 20, Name: "my group"}}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.prepare(ctx, req); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("POST body", func(b *testing.B) {
		req := &Request{Method: http.MethodPost, Path: "/v2/{project_id}/instances/{instance_id}/topics",
			PathParams: map[string]string{"instance_id": "68fdc9a8-805e-439d-8dd9-25adc1c58bf6"},
			Body:       &body{Name: "topic-01", Brokers: []string{"broker-0", "broker-1"}, QueueNum: 8, Permission: "all"}}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.prepare(ctx, req); err != nil {
				b.Fatal(err)
			}
		}
	})
}

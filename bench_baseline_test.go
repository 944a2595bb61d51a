package rocketmq_test

// Benchmarks of the SDK's hot path, each beside a plain net/http +
// encoding/json baseline doing the same work, so that one run gives the
// ratio:
//
//	go test -run x -bench 'Sign|Build|Decode|InstancesList' -benchmem -count 5 .
//
// "sdk" is the SDK's code; "baseline" is what a careful hand-written client
// would do with the standard library alone.

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/internal/jsonx"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

// plainSign is SDK-HMAC-SHA256 written plainly with the standard library
// (strings, sort, fmt), the way most hand-written signers look.
func plainSign(req *http.Request, body []byte, ak, sk string, t time.Time) {
	date := t.UTC().Format("20060102T150405Z")
	req.Header.Set("X-Sdk-Date", date)
	var names []string
	for k := range req.Header {
		lk := strings.ToLower(k)
		if lk == "content-type" || strings.Contains(lk, "_") {
			continue
		}
		names = append(names, lk)
	}
	names = append(names, "host")
	sort.Strings(names)
	var hdrs strings.Builder
	for _, n := range names {
		v := req.URL.Host
		if n != "host" {
			v = req.Header.Get(n)
		}
		fmt.Fprintf(&hdrs, "%s:%s\n", n, strings.TrimSpace(v))
	}
	segs := strings.Split(req.URL.Path, "/")
	for i, s := range segs {
		segs[i] = plainEscape(s)
	}
	uri := strings.Join(segs, "/")
	if !strings.HasSuffix(uri, "/") {
		uri += "/"
	}
	q := req.URL.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var pairs []string
	for _, k := range keys {
		vs := append([]string(nil), q[k]...)
		sort.Strings(vs)
		for _, v := range vs {
			pairs = append(pairs, plainEscape(k)+"="+plainEscape(v))
		}
	}
	sum := sha256.Sum256(body)
	canonical := strings.Join([]string{req.Method, uri, strings.Join(pairs, "&"), hdrs.String(), strings.Join(names, ";"), hex.EncodeToString(sum[:])}, "\n")
	ch := sha256.Sum256([]byte(canonical))
	sts := "SDK-HMAC-SHA256\n" + date + "\n" + hex.EncodeToString(ch[:])
	m := hmac.New(sha256.New, []byte(sk))
	m.Write([]byte(sts))
	req.Header.Set("Authorization", fmt.Sprintf("SDK-HMAC-SHA256 Access=%s, SignedHeaders=%s, Signature=%s", ak, strings.Join(names, ";"), hex.EncodeToString(m.Sum(nil))))
}

func plainEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// signVector is vector 4 of shared/testdata/signing-vectors.json: a small
// POST with a JSON body.
type signVector struct {
	Method, URL, Body, AccessKey, SecretKey, XSdkDate, Authorization string
	Headers                                                          map[string]string
}

func loadSignVector(tb testing.TB) signVector {
	tb.Helper()
	var vs []struct {
		Method        string            `json:"method"`
		URL           string            `json:"url"`
		Headers       map[string]string `json:"headers"`
		Body          string            `json:"body"`
		AccessKey     string            `json:"access_key"`
		SecretKey     string            `json:"secret_key"`
		XSdkDate      string            `json:"x_sdk_date"`
		Authorization string            `json:"authorization"`
	}
	require.NoError(tb, json.Unmarshal([]byte(testutil.Fixture(tb, "../auth/testdata/signing-vectors.json")), &vs))
	v := vs[3]
	return signVector{v.Method, v.URL, v.Body, v.AccessKey, v.SecretKey, v.XSdkDate, v.Authorization, v.Headers}
}

func (v signVector) request(tb testing.TB) *http.Request {
	req, err := http.NewRequest(v.Method, v.URL, strings.NewReader(v.Body))
	require.NoError(tb, err)
	for k, val := range v.Headers {
		req.Header.Set(k, val)
	}
	return req
}

func TestBaselinesDoTheSameWork(t *testing.T) {
	t.Parallel()
	v := loadSignVector(t)
	when, err := time.Parse("20060102T150405Z", v.XSdkDate)
	require.NoError(t, err)
	req := v.request(t)
	plainSign(req, []byte(v.Body), v.AccessKey, v.SecretKey, when)
	assert.Equal(t, v.Authorization, req.Header.Get("Authorization"), "the plain signer reproduces the vector")

	var sdk instances.ListResponse
	require.NoError(t, jsonx.Unmarshal([]byte(instanceListBody), &sdk))
	var plain benchList
	require.NoError(t, json.Unmarshal([]byte(instanceListBody), &plain))
	require.Len(t, sdk.Instances, 1)
	assert.Equal(t, plain.Instances[0].Name, sdk.Instances[0].Name)
	assert.Equal(t, plain.Instances[0].CrossVPCInfo, sdk.Instances[0].CrossVPCInfo)
	assert.Equal(t, int64(plain.InstanceNum), sdk.InstanceNum)

	srv, _ := loopback(t, instanceListBody, true)
	c := loopbackClient(t, srv)
	got, err := instances.New(c).List(t.Context(), &instances.ListOptions{Limit: 10})
	require.NoError(t, err)
	sdk.Instances[0].BrokerAddresses = "****" // List fills it from the example's broker_address
	assert.Equal(t, sdk, *got)
	base, err := plainList(t.Context(), srv.Client(), srv.URL+"/base")
	require.NoError(t, err)
	assert.Equal(t, plain, *base)
}

func BenchmarkSign(b *testing.B) {
	v := loadSignVector(b)
	body := []byte(v.Body)
	when, _ := time.Parse("20060102T150405Z", v.XSdkDate)
	k := auth.AKSK{AccessKey: v.AccessKey, SecretKey: v.SecretKey}
	b.Run("sdk", func(b *testing.B) {
		req := v.request(b)
		b.ReportAllocs()
		for b.Loop() {
			delete(req.Header, "Authorization")
			delete(req.Header, "X-Sdk-Date")
			if err := k.Sign(req, body, when); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("baseline", func(b *testing.B) {
		req := v.request(b)
		b.ReportAllocs()
		for b.Loop() {
			delete(req.Header, "Authorization")
			delete(req.Header, "X-Sdk-Date")
			plainSign(req, body, v.AccessKey, v.SecretKey, when)
		}
	})
	// The two, signature for signature in turn, so that a machine that
	// speeds up or slows down during the run (a shared VM) affects both
	// alike: the ratio metric is baseline time / sdk time (how many times
	// less a signature costs). Each side is timed over a batch of 16
	// signatures, so that reading the clock stays a small part of it.
	b.Run("interleaved", func(b *testing.B) {
		sdkReq, baseReq := v.request(b), v.request(b)
		const batch = 16
		var sdk, base time.Duration
		for b.Loop() {
			t0 := time.Now()
			for range batch {
				delete(sdkReq.Header, "Authorization")
				delete(sdkReq.Header, "X-Sdk-Date")
				if err := k.Sign(sdkReq, body, when); err != nil {
					b.Fatal(err)
				}
			}
			t1 := time.Now()
			for range batch {
				delete(baseReq.Header, "Authorization")
				delete(baseReq.Header, "X-Sdk-Date")
				plainSign(baseReq, body, v.AccessKey, v.SecretKey, when)
			}
			sdk += t1.Sub(t0)
			base += time.Since(t1)
		}
		if sdkReq.Header.Get("Authorization") != v.Authorization || baseReq.Header.Get("Authorization") != v.Authorization {
			b.Fatal("a signer did not reproduce the vector")
		}
		n := float64(b.N) * batch
		b.ReportMetric(float64(sdk.Nanoseconds())/n, "sdk-ns/sig")
		b.ReportMetric(float64(base.Nanoseconds())/n, "baseline-ns/sig")
		b.ReportMetric(float64(base)/float64(sdk), "ratio")
	})
}

type topicBody struct {
	Name        string   `json:"name"`
	Brokers     []string `json:"brokers"`
	QueueNum    int      `json:"queue_num"`
	Permission  string   `json:"permission"`
	Description string   `json:"description"`
}

// BenchmarkBuildRequest builds a POST with a path parameter, a query and
// a JSON body: URL and body bytes, ready to sign.
func BenchmarkBuildRequest(b *testing.B) {
	c := loopbackClient(b, mustServer(b))
	ctx := context.Background()
	body := &topicBody{Name: "topic-01", Brokers: []string{"broker-0", "broker-1"}, QueueNum: 8, Permission: "all"}
	const instanceID = "68fdc9a8-805e-439d-8dd9-25adc1c58bf6"
	b.Run("sdk", func(b *testing.B) {
		req := &rocketmq.Request{Method: http.MethodPost, Path: "/v2/{project_id}/instances/{instance_id}/topics",
			PathParams: map[string]string{"instance_id": instanceID},
			Query:      url.Values{"action": {"create"}}, Body: body}
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := c.BuildForBench(ctx, req); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("baseline", func(b *testing.B) {
		base := c.Endpoint()
		b.ReportAllocs()
		for b.Loop() {
			raw, err := json.Marshal(body)
			if err != nil {
				b.Fatal(err)
			}
			u := base + "/v2/" + url.PathEscape(testutil.ProjectID) + "/instances/" + url.PathEscape(instanceID) + "/topics?" + url.Values{"action": {"create"}}.Encode()
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(raw))
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/json")
		}
	})
}

// BenchmarkDecodeList decodes the response example of 5.1.2.
func BenchmarkDecodeList(b *testing.B) {
	data := []byte(instanceListBody)
	b.Run("sdk", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var out instances.ListResponse
			if err := jsonx.Unmarshal(data, &out); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("baseline", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var out benchList
			if err := json.Unmarshal(data, &out); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// plainList is instances.List written with net/http and encoding/json:
// build, sign, send with a timeout (as the SDK does, WithTimeout's default),
// check, read, decode.
func plainList(ctx context.Context, hc *http.Client, endpoint string) (*benchList, error) {
	ctx, cancel := context.WithTimeout(ctx, rocketmq.DefaultTimeout)
	defer cancel()
	u := endpoint + "/v2/" + url.PathEscape(testutil.ProjectID) + "/instances?" + url.Values{"engine": {"reliability"}, "limit": {"10"}}.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-Project-Id", testutil.ProjectID)
	if err := testCreds.Sign(req, nil, time.Now()); err != nil {
		return nil, err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 400 {
		return nil, fmt.Errorf("status %d: %s", resp.StatusCode, data)
	}
	var out benchList
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// BenchmarkInstancesList is a full instances.List call over loopback
// (AK/SK-signed, verified by nothing: the server only answers 5.1.2's
// example).
func BenchmarkInstancesList(b *testing.B) {
	srv, _ := loopback(b, instanceListBody, false)
	ctx := context.Background()
	b.Run("sdk", func(b *testing.B) {
		ic := instances.New(loopbackClient(b, srv))
		opts := &instances.ListOptions{Limit: 10}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ic.List(ctx, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("baseline", func(b *testing.B) {
		hc := srv.Client()
		b.ReportAllocs()
		for b.Loop() {
			if _, err := plainList(ctx, hc, srv.URL+"/base"); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The two, call for call in turn, so that a machine that speeds up or
	// slows down during the run (a shared VM) affects both alike: the
	// ratio metric is sdk time / baseline time.
	b.Run("interleaved", func(b *testing.B) {
		ic := instances.New(loopbackClient(b, srv))
		opts := &instances.ListOptions{Limit: 10}
		hc := srv.Client()
		var sdk, base time.Duration
		for b.Loop() {
			t0 := time.Now()
			if _, err := ic.List(ctx, opts); err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			if _, err := plainList(ctx, hc, srv.URL+"/base"); err != nil {
				b.Fatal(err)
			}
			sdk += t1.Sub(t0)
			base += time.Since(t1)
		}
		b.ReportMetric(float64(sdk.Nanoseconds())/float64(b.N), "sdk-ns/call")
		b.ReportMetric(float64(base.Nanoseconds())/float64(b.N), "baseline-ns/call")
		b.ReportMetric(float64(sdk)/float64(base), "ratio")
	})
}

func mustServer(tb testing.TB) *httptest.Server {
	srv, _ := loopback(tb, instanceListBody, false)
	return srv
}

// cannedTransport answers every request with the 5.1.2 example without any
// I/O, so that BenchmarkOverhead shows what the client itself costs.
type cannedTransport struct{}

func (cannedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
	return &http.Response{
		StatusCode:    http.StatusOK,
		Header:        http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"bench"}},
		Body:          io.NopCloser(strings.NewReader(instanceListBody)),
		ContentLength: int64(len(instanceListBody)),
		Request:       req,
	}, nil
}

// BenchmarkOverhead is instances.List against a transport that answers
// at once: everything but the network (build, sign, send through the
// http.Client, read, decode), beside the same work done plainly.
func BenchmarkOverhead(b *testing.B) {
	hc := &http.Client{Transport: cannedTransport{}}
	ctx := context.Background()
	b.Run("sdk", func(b *testing.B) {
		c, err := rocketmq.NewClient(rocketmq.WithEndpoint("https://dms.test.example/base"),
			rocketmq.WithProjectID(testutil.ProjectID), rocketmq.WithCredentials(testCreds), rocketmq.WithHTTPClient(hc))
		require.NoError(b, err)
		ic := instances.New(c)
		opts := &instances.ListOptions{Limit: 10}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ic.List(ctx, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := plainList(ctx, hc, "https://dms.test.example/base"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

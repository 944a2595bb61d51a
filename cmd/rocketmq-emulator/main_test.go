package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestRunPrintsBannerAndServes(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-demo", "-ak", "AKEXAMPLE0000000001", "-sk", "SKexample"}, &out, io.Discard)
	}()
	re := regexp.MustCompile(`export HUAWEICLOUD_SDK_ENDPOINT=(http://\S+)`)
	var endpoint string
	require.Eventually(t, func() bool {
		m := re.FindStringSubmatch(out.String())
		if m != nil {
			endpoint = m[1]
		}
		return m != nil && strings.Contains(out.String(), "Ctrl+C")
	}, 5*time.Second, 10*time.Millisecond)
	banner := out.String()
	assert.Contains(t, banner, "export HUAWEICLOUD_SDK_AK=AKEXAMPLE0000000001")
	assert.Contains(t, banner, "export HUAWEICLOUD_SDK_SK=SKexample")
	assert.Contains(t, banner, "export HUAWEICLOUD_SDK_PROJECT_ID=0b01fbb53600d4671fa8c00673c71260")
	assert.Contains(t, banner, "demo-rocketmq")

	// Unauthenticated requests are refused with the gateway's code.
	resp, err := http.Get(endpoint + "/v2/0b01fbb53600d4671fa8c00673c71260/instances")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	assert.Contains(t, string(body), "APIGW.0301")
	assert.NotEmpty(t, resp.Header.Get("X-Request-Id"))

	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("run did not return after the context ended")
	}
}

func TestRunRejectsHalfCredentials(t *testing.T) {
	err := run(context.Background(), []string{"-ak", "x"}, io.Discard, io.Discard)
	require.Error(t, err)
}

// TestShutdownIsBounded: run returns soon after its context ends although
// a client is trickling a body and another never finished its headers.
func TestShutdownIsBounded(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-addr", "127.0.0.1:0"}, &out, io.Discard) }()
	re := regexp.MustCompile(`listening on http://(\S+)`)
	var addr string
	require.Eventually(t, func() bool {
		m := re.FindStringSubmatch(out.String())
		if m != nil {
			addr = m[1]
		}
		return m != nil && strings.Contains(out.String(), "Ctrl+C")
	}, 5*time.Second, 10*time.Millisecond)

	trickle, err := net.DialTimeout("tcp", addr, 5*time.Second)
	require.NoError(t, err)
	defer trickle.Close()
	_, err = io.WriteString(trickle, "POST /v3/auth/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n{")
	require.NoError(t, err)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
				if _, err := io.WriteString(trickle, " "); err != nil {
					return
				}
			}
		}
	}()
	half, err := net.DialTimeout("tcp", addr, 5*time.Second)
	require.NoError(t, err)
	defer half.Close()
	_, err = io.WriteString(half, "GET /v2/available-zones HTTP/1.1\r\nHost: x\r\n")
	require.NoError(t, err)
	time.Sleep(100 * time.Millisecond) // let the server take both connections

	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(8 * time.Second):
		t.Fatal("run did not return within a bounded time of the context's end")
	}
}

// TestUsageSuggestsLoopback: the documented way to pick a free port
// listens on loopback only.
func TestUsageSuggestsLoopback(t *testing.T) {
	var errOut bytes.Buffer
	err := run(context.Background(), []string{"-h"}, io.Discard, &errOut)
	require.Error(t, err)
	assert.Contains(t, errOut.String(), "127.0.0.1:0")
	assert.NotContains(t, errOut.String(), " :0")
}

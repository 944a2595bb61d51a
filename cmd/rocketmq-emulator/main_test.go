package main

import (
	"bytes"
	"context"
	"io"
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

package rocketmq_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

func TestExpiredTokenIsNotAClockProblem(t *testing.T) {
	t.Parallel()
	for _, msg := range []string{
		"The token expires.",
		"Authentication required: token has expired",
	} {
		c, mt := testutil.NewClient(t)
		record(t, mt, reply(401, `{"error_code":"APIGW.0307","error_msg":"`+msg+`"}`))
		_, err := doGet(bg, c)
		require.Error(t, err)
		assert.NotContains(t, err.Error(), "clock", msg)
	}
}

func TestLongErrorMessageIsCapped(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	long := strings.Repeat("é", 5000) // 10000 bytes, two per rune
	record(t, mt, reply(400, `{"error_code":"DMS.00400000","error_msg":"`+long+`"}`))
	_, err := doGet(bg, c)
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.LessOrEqual(t, len(apiErr.Message), 1024+len("…"))
	assert.True(t, strings.HasSuffix(apiErr.Message, "…"))
	assert.True(t, strings.HasPrefix(long, strings.TrimSuffix(apiErr.Message, "…")), "cut at a rune boundary")
	assert.Equal(t, "DMS.00400000", apiErr.Code)
}

func TestExplicitProjectPathParamIsTheProjectHeader(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	rec := record(t, mt, reply(200, `{}`))
	_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances", PathParams: map[string]string{"project_id": "other-project"}}, nil)
	require.NoError(t, err)
	s := rec.requests()[0]
	assert.Equal(t, "/base/v2/other-project/instances", s.Path)
	assert.Equal(t, "other-project", s.Header.Get("X-Project-Id"))
	verifySignature(t, s)
	assert.Equal(t, testutil.ProjectID, c.ProjectID(), "the client's own project is unchanged")
}

func TestDecodeErrorNeverShowsASecret(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	record(t, mt, reply(200, `{"access_key":"app","secret_key":"Sup3r$ecretValue","white_remote_address":`))
	var out map[string]any
	_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/users"}, &out)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "Sup3r$ecretValue")
	assert.Contains(t, err.Error(), "decoding the response")
	assert.Contains(t, err.Error(), "malformed JSON")

	// A proxy's page is shown as a snippet.
	c, mt = testutil.NewClient(t)
	record(t, mt, reply(200, `<html>gateway maintenance</html>`))
	_, err = c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/users"}, &out)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "gateway maintenance")
}

// A caller whose context ends stops waiting for a discovery that another
// caller runs; a discovery abandoned by its caller is run again by the
// next one rather than failing everybody.
func TestProjectDiscoveryWaitersKeepTheirOwnContext(t *testing.T) {
	t.Parallel()
	c, mt := discoveryClient(t)
	release := make(chan struct{})
	var calls atomic.Int32
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		if strings.HasSuffix(req.URL.Path, "/v3/projects") {
			if calls.Add(1) == 1 {
				select { // the first discovery hangs until its caller gives up
				case <-release:
				case <-req.Context().Done():
					return nil, req.Context().Err()
				}
			}
			return reply(200, projectsBody)(req)
		}
		return reply(200, `{}`)(req)
	})

	leaderCtx, cancelLeader := context.WithCancel(bg)
	leaderDone := make(chan error, 1)
	go func() {
		_, err := c.Do(leaderCtx, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
		leaderDone <- err
	}()
	require.Eventually(t, func() bool { return calls.Load() == 1 }, 5*time.Second, time.Millisecond)

	// A waiter with a short deadline returns on its own deadline.
	wctx, cancelW := context.WithTimeout(bg, 20*time.Millisecond)
	defer cancelW()
	_, err := c.Do(wctx, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)

	// A patient waiter survives the leader's cancellation.
	waiterDone := make(chan error, 1)
	go func() {
		_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
		waiterDone <- err
	}()
	cancelLeader()
	require.True(t, errors.Is(<-leaderDone, context.Canceled))
	require.NoError(t, <-waiterDone)
	close(release)
	assert.Equal(t, "proj-north-4", c.ProjectID())
	assert.EqualValues(t, 2, calls.Load(), "the abandoned discovery ran once more, then was cached")
}

package instances_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

// fast polls every millisecond, so waiter tests run quickly.
var fast = &instances.WaitOptions{PollInterval: time.Millisecond}

func getCall(status string) testutil.Call {
	return testutil.Call{
		Method:   http.MethodGet,
		Path:     instancePath,
		Response: fmt.Sprintf(`{"instance_id":%q,"status":%q}`, testutil.InstanceID, status),
	}
}

var notFound = testutil.Call{
	Method:   http.MethodGet,
	Path:     instancePath,
	Status:   http.StatusNotFound,
	Response: `{"error_code":"DMS.00404022","error_msg":"The instance does not exist."}`,
}

// serveForever answers every Get with status and counts the calls (for
// waits that end by time, where the number of polls is not fixed).
func serveForever(t *testing.T, mt *httpmock.MockTransport, status string) *atomic.Int64 {
	t.Helper()
	var n atomic.Int64
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		n.Add(1)
		var body []byte
		if req.Body != nil {
			body, _ = io.ReadAll(req.Body)
		}
		testutil.AssertRequest(t, req, body, testutil.Call{Method: http.MethodGet, Path: instancePath})
		return httpmock.NewStringResponse(http.StatusOK, fmt.Sprintf(`{"instance_id":"x","status":%q}`, status)), nil
	})
	return &n
}

func TestWaitForStatus(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, getCall("CREATING"), getCall("CREATING"), getCall("RUNNING"))
	got, err := instances.New(c).WaitForStatus(ctx, testutil.InstanceID, instances.StatusRunning, fast)
	require.NoError(t, err)
	assert.Equal(t, "RUNNING", got.Status)
}

// TestWaitForStatusAtOnce: an instance already in the status returns
// after one poll; the comparison ignores case.
func TestWaitForStatusAtOnce(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, getCall("RUNNING"))
	start := time.Now()
	// Default options: a 10s interval, but the first poll is immediate.
	got, err := instances.New(c).WaitForStatus(ctx, testutil.InstanceID, "running", nil)
	require.NoError(t, err)
	assert.Equal(t, testutil.InstanceID, got.InstanceID)
	assert.Less(t, time.Since(start), 5*time.Second)
}

// TestWaitForStatusFailure: a failure status ends the wait at once with an
// error naming it.
func TestWaitForStatusFailure(t *testing.T) {
	t.Parallel()
	for _, status := range []string{"CREATEFAILED", "ERROR", "FAULTY", "CHANGEFAILED", "Change failed", "DELETING", "DELETED"} {
		t.Run(status, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t)
			testutil.Expect(t, mt, getCall("CREATING"), getCall(status))
			got, err := instances.New(c).WaitForStatus(ctx, testutil.InstanceID, instances.StatusRunning, fast)
			require.Error(t, err)
			assert.Nil(t, got)
			assert.Contains(t, err.Error(), status)
			var tse *instances.TerminalStatusError
			require.ErrorAs(t, err, &tse)
			assert.Equal(t, status, tse.Status)
			assert.Equal(t, testutil.InstanceID, tse.InstanceID)
			assert.Equal(t, instances.StatusRunning, tse.Want)
		})
	}
}

// TestWaitForStatusTarget: waiting for a failure status itself succeeds.
func TestWaitForStatusTarget(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, getCall("CREATING"), getCall("CREATEFAILED"))
	got, err := instances.New(c).WaitForStatus(ctx, testutil.InstanceID, instances.StatusCreateFailed, fast)
	require.NoError(t, err)
	assert.Equal(t, "CREATEFAILED", got.Status)
}

func TestWaitForStatusNotFound(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, getCall("CREATING"), notFound)
	_, err := instances.New(c).WaitForStatus(ctx, testutil.InstanceID, instances.StatusRunning, fast)
	require.Error(t, err)
	assert.True(t, rocketmq.IsNotFound(err))
}

func TestWaitForStatusTimeout(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	n := serveForever(t, mt, "CREATING")
	start := time.Now()
	got, err := instances.New(c).WaitForStatus(ctx, testutil.InstanceID, instances.StatusRunning,
		&instances.WaitOptions{PollInterval: time.Millisecond, Timeout: 30 * time.Millisecond})
	require.Error(t, err)
	assert.Nil(t, got)
	assert.ErrorIs(t, err, instances.ErrWaitTimeout)
	assert.Contains(t, err.Error(), "CREATING", "the error names the last status")
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Greater(t, n.Load(), int64(1))
}

func TestWaitForStatusContext(t *testing.T) {
	t.Parallel()
	t.Run("cancel", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		n := serveForever(t, mt, "CREATING")
		cctx, cancel := context.WithCancel(ctx)
		go func() {
			for n.Load() < 3 {
				time.Sleep(time.Millisecond)
			}
			cancel()
		}()
		got, err := instances.New(c).WaitForStatus(cctx, testutil.InstanceID, instances.StatusRunning,
			&instances.WaitOptions{PollInterval: time.Millisecond, Timeout: -1})
		require.Error(t, err)
		assert.Nil(t, got)
		assert.ErrorIs(t, err, context.Canceled)
	})
	t.Run("deadline", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		serveForever(t, mt, "CREATING")
		dctx, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
		defer cancel()
		_, err := instances.New(c).WaitForStatus(dctx, testutil.InstanceID, instances.StatusRunning, fast)
		require.Error(t, err)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.False(t, errors.Is(err, instances.ErrWaitTimeout))
	})
	t.Run("already cancelled", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		testutil.Expect(t, mt)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		_, err := instances.New(c).WaitForStatus(cctx, testutil.InstanceID, instances.StatusRunning, fast)
		assert.ErrorIs(t, err, context.Canceled)
	})
}

func TestWaitForDeletion(t *testing.T) {
	t.Parallel()
	t.Run("not found", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		testutil.Expect(t, mt, getCall("RUNNING"), getCall("DELETING"), notFound)
		require.NoError(t, instances.New(c).WaitForDeletion(ctx, testutil.InstanceID, fast))
	})
	t.Run("not found as 400", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		nf := notFound
		nf.Status = http.StatusBadRequest
		testutil.Expect(t, mt, nf)
		require.NoError(t, instances.New(c).WaitForDeletion(ctx, testutil.InstanceID, nil))
	})
	t.Run("DELETED", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		testutil.Expect(t, mt, getCall("DELETING"), getCall("DELETED"))
		require.NoError(t, instances.New(c).WaitForDeletion(ctx, testutil.InstanceID, fast))
	})
	t.Run("DELETEFAILED", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		testutil.Expect(t, mt, getCall("DELETING"), getCall("DELETEFAILED"))
		err := instances.New(c).WaitForDeletion(ctx, testutil.InstanceID, fast)
		var tse *instances.TerminalStatusError
		require.ErrorAs(t, err, &tse)
		assert.Equal(t, "DELETEFAILED", tse.Status)
	})
	t.Run("other error", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		testutil.Expect(t, mt, testutil.Call{
			Method: http.MethodGet, Path: instancePath, Status: http.StatusForbidden,
			Response: `{"error_code":"DMS.00403003","error_msg":"forbidden"}`,
		})
		err := instances.New(c).WaitForDeletion(ctx, testutil.InstanceID, fast)
		require.Error(t, err)
		assert.False(t, rocketmq.IsNotFound(err))
	})
	t.Run("timeout", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		serveForever(t, mt, "RUNNING")
		err := instances.New(c).WaitForDeletion(ctx, testutil.InstanceID,
			&instances.WaitOptions{PollInterval: time.Millisecond, Timeout: 20 * time.Millisecond})
		assert.ErrorIs(t, err, instances.ErrWaitTimeout)
		assert.Contains(t, err.Error(), "RUNNING")
	})
	t.Run("cancel", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		serveForever(t, mt, "DELETING")
		dctx, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
		defer cancel()
		err := instances.New(c).WaitForDeletion(dctx, testutil.InstanceID, fast)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
	})
}

// TestNilContext: a nil context is treated as context.Background, never a
// panic.
func TestNilContext(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt,
		getCall("RUNNING"),
		notFound,
		listCall("engine=reliability&limit=50", page("1", "a")),
	)
	var nilCtx context.Context
	ic := instances.New(c)
	_, err := ic.WaitForStatus(nilCtx, testutil.InstanceID, instances.StatusRunning, fast)
	require.NoError(t, err)
	require.NoError(t, ic.WaitForDeletion(nilCtx, testutil.InstanceID, fast))
	ids, errs := collect(t, ic.ListIter(nilCtx, nil))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"a"}, ids)
}

// TestWaitDefaultBacksOff: with nil options the wait polls at once, then
// after delays that start at 100ms and double (each gap at least its
// delay), so an instance RUNNING after 4 polls is found in well under the
// 10s interval.
func TestWaitDefaultBacksOff(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	var times []time.Time
	calls := make([]testutil.Call, 0, 4)
	for _, s := range []string{"CREATING", "CREATING", "CREATING", "RUNNING"} {
		calls = append(calls, getCall(s))
	}
	mt.RegisterNoResponder(recordTimes(&times, calls, t))
	start := time.Now()
	got, err := instances.New(c).WaitForStatus(ctx, testutil.InstanceID, instances.StatusRunning, nil)
	require.NoError(t, err)
	assert.Equal(t, "RUNNING", got.Status)
	require.Len(t, times, 4)
	assert.Less(t, times[0].Sub(start), time.Second, "the first poll is immediate")
	for i, min := range []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond} {
		assert.GreaterOrEqual(t, times[i+1].Sub(times[i]), min, "gap %d", i)
	}
	assert.Less(t, time.Since(start), 3*time.Second)
}

// recordTimes answers calls in order, noting when each request came.
func recordTimes(times *[]time.Time, calls []testutil.Call, t *testing.T) httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		i := len(*times)
		*times = append(*times, time.Now())
		if i >= len(calls) {
			t.Errorf("unexpected request %d", i+1)
			return httpmock.NewStringResponse(599, "unexpected"), nil
		}
		testutil.AssertRequest(t, req, nil, calls[i])
		return httpmock.NewStringResponse(http.StatusOK, calls[i].Response), nil
	}
}

// TestWaitErrorSaysStateOnce: a failure and an ended wait name the state
// (and the instance) once.
func TestWaitErrorSaysStateOnce(t *testing.T) {
	t.Parallel()
	t.Run("failure", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		testutil.Expect(t, mt, getCall("CREATEFAILED"))
		_, err := instances.New(c).WaitForStatus(ctx, testutil.InstanceID, instances.StatusRunning, fast)
		require.Error(t, err)
		assert.Equal(t, 1, strings.Count(err.Error(), "CREATEFAILED"), err.Error())
		assert.Equal(t, 1, strings.Count(err.Error(), testutil.InstanceID), err.Error())
		assert.Equal(t, 1, strings.Count(err.Error(), "RUNNING"), err.Error())
	})
	t.Run("timeout", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		serveForever(t, mt, "CREATING")
		_, err := instances.New(c).WaitForStatus(ctx, testutil.InstanceID, instances.StatusRunning,
			&instances.WaitOptions{PollInterval: time.Millisecond, Timeout: 20 * time.Millisecond})
		require.ErrorIs(t, err, instances.ErrWaitTimeout)
		assert.Equal(t, 1, strings.Count(err.Error(), "CREATING"), err.Error())
		assert.Equal(t, 1, strings.Count(err.Error(), testutil.InstanceID), err.Error())
	})
	t.Run("deletion failure", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		testutil.Expect(t, mt, getCall("DELETEFAILED"))
		err := instances.New(c).WaitForDeletion(ctx, testutil.InstanceID, fast)
		require.Error(t, err)
		assert.Equal(t, 1, strings.Count(err.Error(), "DELETEFAILED"), err.Error())
	})
}

// TestWaitCurrentStatuses: the current service's failures end a wait; its
// passing states (EXTENDING, CONFIGURING, …) do not.
func TestWaitCurrentStatuses(t *testing.T) {
	t.Parallel()
	for _, s := range []string{instances.StatusExtendedFailed, instances.StatusRollbackFailed} {
		t.Run(s, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t)
			testutil.Expect(t, mt, getCall(instances.StatusExtending), getCall(s))
			_, err := instances.New(c).WaitForStatus(ctx, testutil.InstanceID, instances.StatusRunning, fast)
			var tse *instances.TerminalStatusError
			require.ErrorAs(t, err, &tse)
			assert.Equal(t, s, tse.Status)
			assert.True(t, instances.IsFailureStatus(s))
		})
	}
	t.Run("passing states", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		var calls []testutil.Call
		for _, s := range []string{instances.StatusExtending, instances.StatusShrinking, instances.StatusConfiguring,
			instances.StatusRollback, instances.StatusVolumeTypeChanging, instances.StatusFreezing, instances.StatusFrozen, instances.StatusRunning} {
			assert.False(t, instances.IsFailureStatus(s), s)
			calls = append(calls, getCall(s))
		}
		testutil.Expect(t, mt, calls...)
		got, err := instances.New(c).WaitForStatus(ctx, testutil.InstanceID, instances.StatusRunning, fast)
		require.NoError(t, err)
		assert.Equal(t, instances.StatusRunning, got.Status)
	})
}

package tasks_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/tasks"
)

// answer is a Get answer with the task in status.
func answer(status string) testutil.Call {
	return testutil.Call{Method: http.MethodGet, Path: tasksPath + "/" + taskID,
		Response: `{"task_count":"1","tasks":[{"id":"` + taskID + `","name":"extendInstance","status":"` + status + `"}]}`}
}

func TestWaitForTaskSuccessAfterPolls(t *testing.T) {
	t.Parallel()
	c := newClient(t, answer("CREATED"), answer("EXECUTING"), answer("EXECUTING"), answer("success "))
	got, err := c.WaitForTask(context.Background(), testutil.InstanceID, taskID, &tasks.WaitOptions{PollInterval: time.Millisecond})
	require.NoError(t, err)
	assert.Equal(t, &tasks.Task{ID: taskID, Name: "extendInstance", Status: "success "}, got)
}

func TestWaitForTaskFailureStates(t *testing.T) {
	t.Parallel()
	for _, status := range []string{"FAILED", "CANCELLED", "canceled", "DELETED"} {
		t.Run(status, func(t *testing.T) {
			t.Parallel()
			c := newClient(t, answer("EXECUTING"), answer(status))
			got, err := c.WaitForTask(context.Background(), testutil.InstanceID, taskID, &tasks.WaitOptions{PollInterval: time.Millisecond})
			assert.Nil(t, got)
			var ended *tasks.TerminalStatusError
			require.ErrorAs(t, err, &ended)
			assert.Equal(t, &tasks.TerminalStatusError{InstanceID: testutil.InstanceID, TaskID: taskID, Status: status}, ended)
			assert.Equal(t, 1, strings.Count(err.Error(), status), "the state is named once: %v", err)
			assert.Contains(t, err.Error(), taskID)
		})
	}
}

func TestWaitForTaskNotFoundEnds(t *testing.T) {
	t.Parallel()
	c := newClient(t, answer("EXECUTING"), testutil.Call{Method: http.MethodGet, Path: tasksPath + "/" + taskID,
		Response: `{"task_count":"0","tasks":[]}`})
	got, err := c.WaitForTask(context.Background(), testutil.InstanceID, taskID, &tasks.WaitOptions{PollInterval: time.Millisecond})
	assert.Nil(t, got)
	var nf *tasks.NotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, taskID, nf.TaskID)
}

// The context ending is an error, never success.
func TestWaitForTaskContextCanceled(t *testing.T) {
	t.Parallel()
	rc, mt := testutil.NewClient(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var polls atomic.Int32
	mt.RegisterNoResponder(func(*http.Request) (*http.Response, error) {
		polls.Add(1)
		cancel()
		return httpmock.NewStringResponse(http.StatusOK, `{"tasks":[{"id":"`+taskID+`","status":"EXECUTING"}]}`), nil
	})
	got, err := tasks.New(rc).WaitForTask(ctx, testutil.InstanceID, taskID, &tasks.WaitOptions{PollInterval: time.Hour})
	assert.Nil(t, got)
	require.ErrorIs(t, err, context.Canceled)
	assert.False(t, errors.Is(err, tasks.ErrWaitTimeout))
	assert.Contains(t, err.Error(), taskID)
	assert.Equal(t, int32(1), polls.Load())
}

func TestWaitForTaskTimeoutNamesLastState(t *testing.T) {
	t.Parallel()
	c := newClient(t, answer("EXECUTING"))
	got, err := c.WaitForTask(context.Background(), testutil.InstanceID, taskID,
		&tasks.WaitOptions{PollInterval: time.Hour, Timeout: 20 * time.Millisecond})
	assert.Nil(t, got)
	require.ErrorIs(t, err, tasks.ErrWaitTimeout)
	assert.Contains(t, err.Error(), "EXECUTING")
}

// With nil options (or PollInterval 0) the wait backs off from 100ms: four
// polls end well within the deadline, which a fixed 5s interval (15s for
// the three waits) could not meet.
func TestWaitForTaskDefaultBacksOff(t *testing.T) {
	t.Parallel()
	for name, opts := range map[string]*tasks.WaitOptions{"nil": nil, "zero interval": {Timeout: time.Minute}} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := newClient(t, answer("CREATED"), answer("EXECUTING"), answer("EXECUTING"), answer("SUCCESS"))
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			got, err := c.WaitForTask(ctx, testutil.InstanceID, taskID, opts)
			require.NoError(t, err)
			assert.Equal(t, tasks.StatusSuccess, got.Status)
		})
	}
}

func TestWaitForTaskNilContext(t *testing.T) {
	t.Parallel()
	c := newClient(t, answer("SUCCESS"))
	got, err := c.WaitForTask(nilCtx(), testutil.InstanceID, taskID, nil)
	require.NoError(t, err)
	assert.Equal(t, taskID, got.ID)
}

// nilCtx returns a nil context (callers must not crash on one).
func nilCtx() context.Context { return nil }

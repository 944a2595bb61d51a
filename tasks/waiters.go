package tasks

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dms-rocketmq/rocketmq-go/internal/wait"
)

// Defaults of WaitOptions.
const (
	// DefaultPollInterval is the longest wait between two polls of a wait
	// with the default interval: after the first poll (at once) the waits
	// are 100ms, then doubling up to 5s.
	DefaultPollInterval = 5 * time.Second
	// DefaultWaitTimeout bounds a wait whose Timeout is 0: one hour (a
	// resize runs for tens of minutes).
	DefaultWaitTimeout = time.Hour
)

// ErrWaitTimeout is wrapped by the error of a wait whose Timeout passed
// (errors.Is). A wait ended by its context wraps the context's error
// instead.
var ErrWaitTimeout = wait.ErrTimeout

// WaitOptions tunes WaitForTask. A nil *WaitOptions means the defaults
// (backing off from 100ms to every 5s, for at most an hour). The wait also
// ends when the context does. The first poll is immediate.
type WaitOptions struct {
	// PollInterval is a fixed wait between two polls; 0 means the default
	// backoff (100ms doubling up to DefaultPollInterval). A negative
	// value is a *rocketmq.ValidationError.
	PollInterval time.Duration
	// Timeout bounds the whole wait; 0 means DefaultWaitTimeout, a
	// negative value means no bound but the context's.
	Timeout time.Duration
}

func (o *WaitOptions) schedule() (wait.Schedule, error) {
	if o == nil {
		o = &WaitOptions{}
	}
	return wait.Plan(o.PollInterval, o.Timeout, DefaultPollInterval, DefaultWaitTimeout)
}

// terminal reports whether a task in status s has ended without success.
func terminal(s string) bool {
	switch s {
	case StatusFailed, StatusCancelled, "CANCELED", StatusDeleted:
		return true
	}
	return false
}

// WaitForTask polls Get until the task's status is SUCCESS (compared
// without regard to case and surrounding spaces) and returns the task. It
// polls at once, then, with nil opts or a PollInterval of 0, after 100ms,
// doubling up to every DefaultPollInterval (5s); an explicit PollInterval
// is a fixed interval. FAILED, CANCELLED (or CANCELED) and DELETED end it
// at once with a *TerminalStatusError naming the status; an error of Get
// (a *NotFoundError, an *rocketmq.APIError; Get itself retries by the
// client's RetryPolicy) ends it with that error. When opts.Timeout
// (default one hour) or ctx ends first, the error wraps ErrWaitTimeout or
// the context's error and names the last status seen; it is never
// success.
// Polls GET /v2/{project_id}/instances/{instance_id}/tasks/{task_id}
// (ShowBackgroundTask). IAM: dms:instance:get (inferred).
func (c *Client) WaitForTask(ctx context.Context, instanceID, taskID string, opts *WaitOptions) (*Task, error) {
	sched, err := opts.schedule()
	if err != nil {
		return nil, err
	}
	var got *Task
	err = sched.Poll(ctx, func(ctx context.Context) (bool, string, error) {
		t, err := c.Get(ctx, instanceID, taskID)
		if err != nil {
			return false, "", err
		}
		switch s := strings.ToUpper(strings.TrimSpace(t.Status)); {
		case s == StatusSuccess:
			got = t
			return true, t.Status, nil
		case terminal(s):
			return false, t.Status, &TerminalStatusError{InstanceID: instanceID, TaskID: taskID, Status: t.Status}
		}
		return false, t.Status, nil
	})
	var ended *TerminalStatusError
	switch {
	case err == nil:
		return got, nil
	case errors.As(err, &ended):
		// Its message names the task and the status once.
		return nil, err
	}
	return nil, fmt.Errorf("tasks: waiting for task %s of instance %s: %w", taskID, instanceID, err)
}

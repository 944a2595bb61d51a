package instances

import (
	"context"
	"fmt"
	"strings"
	"time"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/check"
	"github.com/dms-rocketmq/rocketmq-go/internal/wait"
)

// Instance statuses: table 7-2's states upper-cased (Change failed is
// CHANGEFAILED), plus the failure and deletion states the service reports.
// WaitForStatus compares statuses without regard to case, spaces, '_' and
// '-'.
const (
	StatusCreating     = "CREATING"
	StatusRunning      = "RUNNING"
	StatusFaulty       = "FAULTY"
	StatusRestarting   = "RESTARTING"
	StatusChanging     = "CHANGING"
	StatusChangeFailed = "CHANGEFAILED"
	StatusCreateFailed = "CREATEFAILED"
	StatusError        = "ERROR"
	StatusDeleting     = "DELETING"
	StatusDeleted      = "DELETED"
)

// Defaults of WaitOptions.
const (
	// DefaultPollInterval is the wait between two polls, 10s (creation
	// takes minutes).
	DefaultPollInterval = 10 * time.Second
	// DefaultWaitTimeout bounds a wait whose Timeout is 0: 30 minutes.
	DefaultWaitTimeout = 30 * time.Minute
)

// ErrWaitTimeout is wrapped by the error of a wait whose Timeout passed
// (errors.Is). A wait ended by its context wraps the context's error
// instead.
var ErrWaitTimeout = wait.ErrTimeout

// WaitOptions tunes WaitForStatus and WaitForDeletion. A nil *WaitOptions
// means the defaults (poll every 10s, for at most 30m). The wait also ends
// when the context does. The first poll is immediate.
type WaitOptions struct {
	// PollInterval is the wait between two polls; 0 means
	// DefaultPollInterval (10s). A negative value is a
	// *rocketmq.ValidationError.
	PollInterval time.Duration
	// Timeout bounds the whole wait; 0 means DefaultWaitTimeout, a
	// negative value means no bound but the context's.
	Timeout time.Duration
}

func (o *WaitOptions) values() (interval, timeout time.Duration, err error) {
	interval, timeout = DefaultPollInterval, DefaultWaitTimeout
	if o == nil {
		return interval, timeout, nil
	}
	if o.PollInterval < 0 {
		return 0, 0, check.Fail("PollInterval", "is %s; it must be 0 (the default) or more", o.PollInterval)
	}
	if o.PollInterval > 0 {
		interval = o.PollInterval
	}
	switch {
	case o.Timeout < 0:
		timeout = 0 // wait.For: no timeout of its own
	case o.Timeout > 0:
		timeout = o.Timeout
	}
	return interval, timeout, nil
}

// TerminalStatusError reports a wait ended by a status from which the
// instance will not reach the one waited for: a failure (IsFailureStatus,
// e.g. CREATEFAILED, ERROR or FAULTY), DELETING or DELETED for
// WaitForStatus, a deletion failure for WaitForDeletion. The waits return
// it wrapped; use errors.As.
type TerminalStatusError struct {
	// InstanceID is the instance waited for.
	InstanceID string
	// Status is the status the instance reached.
	Status string
	// Want is the status waited for.
	Want string
}

// Error implements error.
func (e *TerminalStatusError) Error() string {
	return fmt.Sprintf("instances: instance %s is %s while waiting for %s", e.InstanceID, e.Status, e.Want)
}

// normStatus upper-cases a status and drops spaces, '_' and '-', so that
// table 7-2's "Change failed" and the service's "CHANGEFAILED" compare equal.
func normStatus(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '_' || r == '-' {
			return -1
		}
		return r
	}, strings.ToUpper(strings.TrimSpace(s)))
}

// IsFailureStatus reports whether status is a failure the instance does
// not leave by itself: ERROR, FAULTY, or any "…FAILED" state
// (CREATEFAILED, CHANGEFAILED, "Change failed", EXTENDEDFAILED, …), in any
// case.
func IsFailureStatus(status string) bool {
	n := normStatus(status)
	return n == StatusError || n == StatusFaulty || strings.HasSuffix(n, "FAILED")
}

// WaitForStatus polls Get (at once, then every opts.PollInterval, default
// 10s) until the instance's status is status (compared without regard to
// case, spaces, '_' or '-') and returns the instance. It fails at once with
// a *TerminalStatusError when the instance reaches a failure status
// (IsFailureStatus), DELETING or DELETED instead, and with the error of Get
// (e.g. not found; Get itself retries by the client's RetryPolicy). When
// opts.Timeout (default 30m) or ctx ends first, the error wraps
// ErrWaitTimeout or the context's error and names the last status seen;
// it is never success.
// Polls GET /v2/{project_id}/instances/{instance_id} (reference 5.1.3).
func (c *Client) WaitForStatus(ctx context.Context, id, status string, opts *WaitOptions) (*Instance, error) {
	if err := check.First(check.ID("instance_id", id), check.Required("status", status)); err != nil {
		return nil, err
	}
	interval, timeout, err := opts.values()
	if err != nil {
		return nil, err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	want := normStatus(status)
	var got *Instance
	err = wait.For(ctx, interval, timeout, func(ctx context.Context) (bool, string, error) {
		inst, err := c.Get(ctx, id)
		if err != nil {
			return false, "", err
		}
		n := normStatus(inst.Status)
		switch {
		case n == want:
			got = inst
			return true, inst.Status, nil
		case IsFailureStatus(n) || n == StatusDeleted || n == StatusDeleting:
			// A deleted or disappearing instance never reaches want.
			return false, inst.Status, &TerminalStatusError{InstanceID: id, Status: inst.Status, Want: status}
		}
		return false, inst.Status, nil
	})
	if err != nil {
		return nil, fmt.Errorf("instances: waiting for instance %s to be %s: %w", id, status, err)
	}
	return got, nil
}

// WaitForDeletion polls Get (at once, then every opts.PollInterval,
// default 10s) until the instance is gone: not found (rocketmq.IsNotFound)
// or DELETED. A deletion failure status (DELETEFAILED, DELETE_FAILED, …)
// ends it at once with a *TerminalStatusError, and any other error of Get
// ends it with that error. opts.Timeout (default 30m) or ctx ending first is an error wrapping
// ErrWaitTimeout or the context's error, never success.
// Polls GET /v2/{project_id}/instances/{instance_id} (reference 5.1.3).
func (c *Client) WaitForDeletion(ctx context.Context, id string, opts *WaitOptions) error {
	if err := check.ID("instance_id", id); err != nil {
		return err
	}
	interval, timeout, err := opts.values()
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	err = wait.For(ctx, interval, timeout, func(ctx context.Context) (bool, string, error) {
		inst, err := c.Get(ctx, id)
		if rocketmq.IsNotFound(err) {
			return true, "", nil
		}
		if err != nil {
			return false, "", err
		}
		n := normStatus(inst.Status)
		switch {
		case n == StatusDeleted:
			return true, inst.Status, nil
		case strings.HasPrefix(n, "DELET") && strings.HasSuffix(n, "FAILED"):
			return false, inst.Status, &TerminalStatusError{InstanceID: id, Status: inst.Status, Want: StatusDeleted}
		}
		return false, inst.Status, nil
	})
	if err != nil {
		return fmt.Errorf("instances: waiting for instance %s to be deleted: %w", id, err)
	}
	return nil
}

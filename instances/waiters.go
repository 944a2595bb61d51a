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
// CHANGEFAILED), the failure and deletion states the service reports, and
// the current service's states. WaitForStatus compares statuses without
// regard to case, spaces, '_' and '-'.
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

	// StatusFreezing: the instance is being frozen (billing).
	StatusFreezing = "FREEZING"
	// StatusFrozen: the instance is frozen (billing).
	StatusFrozen = "FROZEN"
	// StatusExtending: a resize (Resize) is running.
	StatusExtending = "EXTENDING"
	// StatusShrinking: the instance is being scaled down.
	StatusShrinking = "SHRINKING"
	// StatusExtendedFailed: a resize failed (a failure status).
	StatusExtendedFailed = "EXTENDEDFAILED"
	// StatusConfiguring: a configuration change is being applied.
	StatusConfiguring = "CONFIGURING"
	// StatusRollback: a change is being rolled back.
	StatusRollback = "ROLLBACK"
	// StatusRollbackFailed: a rollback failed (a failure status).
	StatusRollbackFailed = "ROLLBACKFAILED"
	// StatusVolumeTypeChanging: the disk type is being changed.
	StatusVolumeTypeChanging = "VOLUMETYPECHANGING"
)

// Defaults of WaitOptions.
const (
	// DefaultPollInterval is the longest wait between two polls of a wait
	// with default options, and the fixed one when PollInterval is 0:
	// 10s (creation takes minutes).
	DefaultPollInterval = 10 * time.Second
	// DefaultWaitTimeout bounds a wait whose Timeout is 0: 30 minutes.
	DefaultWaitTimeout = 30 * time.Minute
)

// ErrWaitTimeout is wrapped by the error of a wait whose Timeout passed
// (errors.Is). A wait ended by its context wraps the context's error
// instead.
var ErrWaitTimeout = wait.ErrTimeout

// WaitOptions tunes WaitForStatus and WaitForDeletion. A nil *WaitOptions
// means the defaults: poll at once, then back off from 100ms, doubling up
// to DefaultPollInterval (10s), for at most 30m — a wait on the emulator
// ends within a few hundred milliseconds, and the service sees about one
// poll per second or fewer after the first seconds. The wait also ends
// when the context does.
type WaitOptions struct {
	// PollInterval is a fixed wait between two polls (the first poll is
	// still immediate); 0 means backing off up to DefaultPollInterval. A
	// negative value is a *rocketmq.ValidationError.
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

// TerminalStatusError reports a wait ended by a status from which the
// instance will not reach the one waited for: a failure (IsFailureStatus,
// e.g. CREATEFAILED, EXTENDEDFAILED, ROLLBACKFAILED, ERROR or FAULTY),
// DELETING or DELETED for WaitForStatus, a deletion failure for
// WaitForDeletion. The waits return it as is; use errors.As.
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
// (CREATEFAILED, CHANGEFAILED, "Change failed", EXTENDEDFAILED,
// ROLLBACKFAILED, …), in any case.
func IsFailureStatus(status string) bool {
	n := normStatus(status)
	return n == StatusError || n == StatusFaulty || strings.HasSuffix(n, "FAILED")
}

// verdict is what one poll of a wait says: done (the instance is returned),
// a terminal error, or nothing yet.
type verdict func(inst *Instance, err error) (done bool, err2 error)

// wait polls Get until judge says done or fails; what names the goal in
// the error of an ended wait ("to be RUNNING", "to be deleted"). The error
// of a terminal status is returned as it is (it names the instance, the
// status and the goal once); an ended wait says the goal and the last
// status seen once.
func (c *Client) wait(ctx context.Context, instanceID, what string, opts *WaitOptions, judge verdict) (*Instance, error) {
	sched, err := opts.schedule()
	if err != nil {
		return nil, err
	}
	var got *Instance
	err = sched.Poll(ctx, func(ctx context.Context) (bool, string, error) {
		inst, err := c.Get(ctx, instanceID)
		state := ""
		if err == nil {
			state = inst.Status
		}
		done, err := judge(inst, err)
		if done {
			got = inst
		}
		return done, state, err
	})
	switch {
	case err == nil:
		return got, nil
	case isTerminal(err):
		return nil, err
	}
	return nil, fmt.Errorf("instances: waiting for instance %s %s: %w", instanceID, what, err)
}

func isTerminal(err error) bool {
	_, ok := err.(*TerminalStatusError)
	return ok
}

// WaitForStatus polls Get until the instance's status is status (compared
// without regard to case, spaces, '_' or '-') and returns the instance.
// The first poll is immediate; with nil options (or PollInterval 0) the
// next ones back off from 100ms to every 10s, with opts.PollInterval they
// come at that fixed interval. It fails at once with a
// *TerminalStatusError when the instance reaches a failure status
// (IsFailureStatus: CREATEFAILED, EXTENDEDFAILED, ROLLBACKFAILED, …),
// DELETING or DELETED instead, and with the error of Get (e.g. not found;
// Get itself retries by the client's RetryPolicy). When opts.Timeout
// (default 30m) or ctx ends first, the error wraps ErrWaitTimeout or the
// context's error and names the last status seen; it is never success.
// Polls GET /v2/{project_id}/instances/{instance_id} (reference 5.1.3).
// IAM: dms:instance:get.
func (c *Client) WaitForStatus(ctx context.Context, instanceID, status string, opts *WaitOptions) (*Instance, error) {
	if err := check.First(check.ID("instance_id", instanceID), check.Required("status", status)); err != nil {
		return nil, err
	}
	want := normStatus(status)
	return c.wait(ctx, instanceID, "to be "+status, opts, func(inst *Instance, err error) (bool, error) {
		if err != nil {
			return false, err
		}
		n := normStatus(inst.Status)
		switch {
		case n == want:
			return true, nil
		case IsFailureStatus(n) || n == StatusDeleted || n == StatusDeleting:
			// A failed, deleted or disappearing instance never reaches want.
			return false, &TerminalStatusError{InstanceID: instanceID, Status: inst.Status, Want: status}
		}
		return false, nil
	})
}

// WaitForDeletion polls Get (at once, then backing off as WaitForStatus
// does, or every opts.PollInterval) until the instance is gone: not found
// (rocketmq.IsNotFound; a recycled instance is no longer found either) or
// DELETED. A deletion failure status (DELETEFAILED, DELETE_FAILED, …)
// ends it at once with a *TerminalStatusError, and any other error of Get
// ends it with that error. opts.Timeout (default 30m) or ctx ending first
// is an error wrapping ErrWaitTimeout or the context's error, never
// success.
// Polls GET /v2/{project_id}/instances/{instance_id} (reference 5.1.3).
// IAM: dms:instance:get.
func (c *Client) WaitForDeletion(ctx context.Context, instanceID string, opts *WaitOptions) error {
	if err := check.ID("instance_id", instanceID); err != nil {
		return err
	}
	_, err := c.wait(ctx, instanceID, "to be deleted", opts, func(inst *Instance, err error) (bool, error) {
		if rocketmq.IsNotFound(err) {
			return true, nil
		}
		if err != nil {
			return false, err
		}
		n := normStatus(inst.Status)
		switch {
		case n == StatusDeleted:
			return true, nil
		case strings.HasPrefix(n, "DELET") && strings.HasSuffix(n, "FAILED"):
			return false, &TerminalStatusError{InstanceID: instanceID, Status: inst.Status, Want: StatusDeleted}
		}
		return false, nil
	})
	return err
}

package tasks

import (
	"fmt"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
)

// TerminalStatusError reports a wait ended by a task status other than
// SUCCESS from which the task does not go on: FAILED, CANCELLED (or
// CANCELED) or DELETED. WaitForTask returns it as it is; use errors.As.
type TerminalStatusError struct {
	// InstanceID is the task's instance.
	InstanceID string
	// TaskID is the task waited for.
	TaskID string
	// Status is the status the task reached.
	Status string
}

// Error implements error.
func (e *TerminalStatusError) Error() string {
	return fmt.Sprintf("tasks: task %s of instance %s ended %s, not SUCCESS", e.TaskID, e.InstanceID, e.Status)
}

// NotFoundError is the error of Get (and so of WaitForTask) when the
// service's answer does not hold the task: its one-task list is empty. A
// missing instance, or a task the service refuses with 404, is an
// *rocketmq.APIError instead. It is rocketmq.ErrNotFound and
// rocketmq.ErrTaskNotFound (errors.Is), so rocketmq.IsNotFound reports it.
type NotFoundError struct {
	// InstanceID is the task's instance.
	InstanceID string
	// TaskID is the task asked for.
	TaskID string
}

// Error implements error.
func (e *NotFoundError) Error() string {
	return fmt.Sprintf("tasks: task %s of instance %s not found", e.TaskID, e.InstanceID)
}

// Is matches rocketmq.ErrNotFound and rocketmq.ErrTaskNotFound.
func (e *NotFoundError) Is(target error) bool {
	return target == rocketmq.ErrNotFound || target == rocketmq.ErrTaskNotFound
}

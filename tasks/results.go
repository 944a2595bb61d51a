package tasks

import "github.com/dms-rocketmq/rocketmq-go/internal/jsonx"

// Task statuses (of background and scheduled tasks).
const (
	StatusCreated   = "CREATED"
	StatusExecuting = "EXECUTING"
	StatusSuccess   = "SUCCESS"
	StatusFailed    = "FAILED"
	StatusCancelled = "CANCELLED"
	StatusDeleted   = "DELETED"
)

// Step statuses (Step.Status).
const (
	StepWaiting    = "WAITING"
	StepInProgress = "IN_PROGRESS"
	StepCompleted  = "COMPLETED"
	StepFailed     = "FAILED"
)

// ListResponse is one page of List (ListBackgroundTasksResponse); Get
// reads the same one-task list.
type ListResponse struct {
	// TaskCount is the number of tasks (sent as a string).
	TaskCount int64 `json:"task_count"`
	// Tasks is this page.
	Tasks []Task `json:"tasks"`
}

// Task is a background task (ListBackgroundTasksRespTasks). The
// definitions do not state the format of its times: they are kept as sent.
type Task struct {
	// ID is the task ID (the job_id of the operation that started it).
	ID string `json:"id"`
	// Name is the task name, e.g. the operation.
	Name string `json:"name"`
	// UserName is the name of the user who started it.
	UserName string `json:"user_name"`
	// UserID is the ID of the user who started it.
	UserID string `json:"user_id"`
	// Params are the task's parameters, as sent.
	Params string `json:"params"`
	// Status is StatusCreated, StatusExecuting, StatusSuccess,
	// StatusFailed, StatusCancelled or StatusDeleted.
	Status string `json:"status"`
	// CreatedAt is when the task started ("start time"), as sent.
	CreatedAt string `json:"created_at"`
	// UpdatedAt is when it ended ("end time"), as sent.
	UpdatedAt string `json:"updated_at"`
}

// Progress is the answer of Progress (ShowBackgroundTaskProgressResponse).
type Progress struct {
	// Percentage is the task's progress, in percent.
	Percentage int64 `json:"progress_percentage"`
	// RemainTime is the remaining time (the definitions state no unit).
	RemainTime int64 `json:"remain_time"`
	// Steps lists the task's steps.
	Steps []Step `json:"step_list"`
}

// Step is one step of Progress (StepDetail).
type Step struct {
	// Name is the step's name.
	Name string `json:"name"`
	// Status is StepWaiting, StepInProgress, StepCompleted or StepFailed.
	// The service spells its json name "statue"; "status" is read too.
	Status string `json:"statue"`
	// StartTime is when the step started, as sent.
	StartTime string `json:"start_time"`
	// EndTime is when it ended, as sent.
	EndTime string `json:"end_time"`
}

// UnmarshalJSON reads a step, its status from "statue" (the service's
// spelling) or, failing that, "status", tolerantly (see internal/jsonx).
func (s *Step) UnmarshalJSON(b []byte) error {
	type plain Step
	var w struct {
		plain
		Spelled string `json:"status"`
	}
	if err := jsonx.Unmarshal(b, &w); err != nil {
		return err
	}
	*s = Step(w.plain)
	if s.Status == "" {
		s.Status = w.Spelled
	}
	return nil
}

// ListScheduledResponse is one page of ListScheduled
// (ListScheduledTasksResponse).
type ListScheduledResponse struct {
	// JobCount is the number of scheduled tasks (sent as a string).
	JobCount int64 `json:"job_count"`
	// Jobs is this page.
	Jobs []ScheduledTask `json:"jobs"`
}

// ScheduledTask is a scheduled task (ScheduledTaskEntity). The definitions
// do not state the format of its times: they are kept as sent.
type ScheduledTask struct {
	// ID is the scheduled task's ID.
	ID string `json:"id"`
	// Name is its name.
	Name string `json:"name"`
	// UserName is the name of the user who scheduled it.
	UserName string `json:"user_name"`
	// UserID is the ID of the user who scheduled it.
	UserID string `json:"user_id"`
	// Params are its parameters, as sent.
	Params string `json:"params"`
	// Status is StatusCreated, StatusExecuting, StatusSuccess,
	// StatusFailed, StatusCancelled or StatusDeleted.
	Status string `json:"status"`
	// CreatedAt is when it was created, as sent.
	CreatedAt string `json:"created_at"`
	// UpdatedAt is when it was last changed, as sent.
	UpdatedAt string `json:"updated_at"`
	// ScheduleAt is when it runs, as sent.
	ScheduleAt string `json:"schedule_at"`
}

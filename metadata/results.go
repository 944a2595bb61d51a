package metadata

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/jsonx"
)

// CreateTaskResponse is the answer of CreateTask (reference 5.6.1).
type CreateTaskResponse struct {
	// ID is the new task's id. The service answers it as plain text (the
	// reference's example); a JSON {"id": …} (also "task_id", the current
	// definition's name, or "taskId") or a quoted string is accepted too.
	// It is empty when the service answered an empty body.
	ID string `json:"id"`
}

// UnmarshalJSON reads the id from a plain-text body, a quoted string or
// an object with id, task_id or taskId (the first one set wins).
func (r *CreateTaskResponse) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*r = CreateTaskResponse{}
	switch {
	case len(b) == 0 || string(b) == "null":
		return nil
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		r.ID = strings.TrimSpace(s)
	case b[0] == '{':
		var v struct {
			ID      string `json:"id"`
			TaskID  string `json:"task_id"`
			TaskID2 string `json:"taskId"`
		}
		if err := jsonx.Unmarshal(b, &v); err != nil {
			return err
		}
		r.ID = firstNonEmpty(v.ID, v.TaskID, v.TaskID2)
	default:
		r.ID = string(b)
	}
	return nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// ListTasksResponse is one page of migration tasks (table 5-126).
type ListTasksResponse struct {
	// Total is the number of tasks of the instance.
	Total int64 `json:"total"`
	// Tasks are the tasks of the page (JSON "task"; a bare array of tasks
	// is read here too).
	Tasks []Task `json:"task" jsonx:"bare"`
}

// Task is a metadata migration task (table 5-127).
type Task struct {
	// ID is the task id.
	ID string `json:"id"`
	// Name is the task name.
	Name string `json:"name"`
	// StartDate is the start time as the service prints it, e.g.
	// "2023-03-13 19:43:32.12" (no time zone).
	StartDate string `json:"start_date"`
	// Status is the task status, e.g. "finished".
	Status string `json:"status"`
	// Type is TypeRocketMQ or TypeRabbitToRocket.
	Type string `json:"type"`
}

// BatchDeleteTasksResponse is the answer of BatchDeleteTasks (the current
// BatchDeleteRocketMqMigrationTask).
type BatchDeleteTasksResponse struct {
	// SuccessTaskList lists the IDs of the tasks deleted.
	SuccessTaskList []string `json:"success_task_list"`
}

// taskAnswer is the answer to GetTask: a listing ({"total", "task"}), a
// bare array of tasks, or one task object (its fields at the top level,
// read by the embedded Task).
type taskAnswer struct {
	Task
	Total int64  `json:"total"`
	Tasks []Task `json:"task" jsonx:"bare"`
}

// find returns the task with id, or the one task without an id that the
// answer holds; nil when the answer does not hold it.
func (a *taskAnswer) find(id string) *Task {
	for i := range a.Tasks {
		if a.Tasks[i].ID == id {
			return &a.Tasks[i]
		}
	}
	if len(a.Tasks) == 1 && a.Tasks[0].ID == "" {
		return &a.Tasks[0]
	}
	if len(a.Tasks) == 0 && a.Task != (Task{}) && (a.Task.ID == id || a.Task.ID == "") {
		return &a.Task
	}
	return nil
}

// TaskNotFoundError is the error of GetTask when the service's answer
// does not hold the task asked for. No server answer says "not found"
// here (the service answers a listing, possibly empty): the SDK infers
// it, so this is not an *rocketmq.APIError of the service.
// rocketmq.IsNotFound reports true for it, and errors.Is matches
// rocketmq.ErrTaskNotFound.
type TaskNotFoundError struct {
	// InstanceID and TaskID name the task asked for.
	InstanceID string
	TaskID     string
	// RequestID is the request ID of the answer that does not list it.
	RequestID string
}

func (e *TaskNotFoundError) Error() string {
	return fmt.Sprintf("metadata: instance %s has no migration task %q (the answer does not list it)", e.InstanceID, e.TaskID)
}

// Is makes the error rocketmq.ErrNotFound and rocketmq.ErrTaskNotFound
// (errors.Is), so rocketmq.IsNotFound reports it.
func (e *TaskNotFoundError) Is(target error) bool {
	return target == rocketmq.ErrNotFound || target == rocketmq.ErrTaskNotFound
}

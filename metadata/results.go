package metadata

// CreateTaskResponse is the answer of CreateTask (reference 5.6.1).
type CreateTaskResponse struct {
	// ID is the new task's id. The service answers it as plain text (the
	// reference's example); a JSON {"id": …} (also "task_id" or "taskId")
	// or a quoted string is accepted too. It is empty when the service
	// answered an empty body.
	ID string `json:"id"`
}

// ListTasksResponse is one page of migration tasks (table 5-126).
type ListTasksResponse struct {
	// Total is the number of tasks of the instance.
	Total int64 `json:"total"`
	// Tasks are the tasks of the page (JSON "task").
	Tasks []Task `json:"task"`
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

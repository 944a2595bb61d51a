package tasks

// Path templates (current API, beyond the 2022 reference). {project_id}
// is filled by the client; the others come from PathParams.
const (
	// tasksPath lists an instance's background tasks (ListBackgroundTasks).
	tasksPath = "/v2/{project_id}/instances/{instance_id}/tasks"
	// taskPath gets and deletes one background task (ShowBackgroundTask,
	// DeleteBackgroundTask).
	taskPath = "/v2/{project_id}/instances/{instance_id}/tasks/{task_id}"
	// progressPath reads a background task's progress
	// (ShowBackgroundTaskProgress).
	progressPath = "/v2/{project_id}/instances/{instance_id}/tasks/{task_id}/progress"
	// scheduledPath lists an instance's scheduled tasks (ListScheduledTasks).
	scheduledPath = "/v2/{project_id}/instances/{instance_id}/scheduled-tasks"
	// scheduledTaskPath updates and deletes one scheduled task
	// (UpdateScheduledTask, DeleteScheduledTask).
	scheduledTaskPath = "/v2/{project_id}/instances/{instance_id}/scheduled-tasks/{task_id}"
)

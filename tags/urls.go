package tags

// Path templates; {project_id} is filled by the client.
const (
	// actionPath is 5.7.1's batch create/delete path.
	actionPath = "/v2/{project_id}/rocketmq/{instance_id}/tags/action"
	// instancePath lists one instance's tags (beyond the reference).
	instancePath = "/v2/{project_id}/rocketmq/{instance_id}/tags"
	// projectPath lists the project's tags (beyond the reference).
	projectPath = "/v2/{project_id}/rocketmq/tags"
)

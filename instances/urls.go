package instances

// Path templates; {project_id} is filled by the client.
const (
	rootPath     = "/v2/{project_id}/instances"                       // 5.1.1, 5.1.2
	instancePath = "/v2/{project_id}/instances/{instance_id}"         // 5.1.3, 5.1.4, 5.1.5
	actionPath   = "/v2/{project_id}/instances/action"                // 5.1.6
	brokersPath  = "/v2/{project_id}/instances/{instance_id}/brokers" // 5.1.7
)

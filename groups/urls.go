package groups

// Path templates of reference section 5.2. {project_id} and {engine} are
// filled by the client; the others come from PathParams.
const (
	// groupsPath lists, creates, batch-deletes and batch-updates groups
	// (5.2.1, 5.2.2, 5.2.3).
	groupsPath = "/v2/{project_id}/instances/{instance_id}/groups"
	// groupPath gets, updates and deletes one group (5.2.4, 5.2.5, 5.2.6).
	groupPath = "/v2/{project_id}/instances/{instance_id}/groups/{group}"
	// topicsPath lists a group's topics or one topic's consumption (5.2.7).
	topicsPath = "/v2/{project_id}/instances/{instance_id}/groups/{group}/topics"
	// resetOffsetPath resets a group's offsets (5.2.8); note the {engine}
	// segment and {group_id}.
	resetOffsetPath = "/v2/{engine}/{project_id}/instances/{instance_id}/groups/{group_id}/reset-message-offset"
	// clientsPath lists a group's consumers (the current
	// ShowConsumerConnections); note the literal engine before the
	// project.
	clientsPath = "/v2/rocketmq/{project_id}/instances/{instance_id}/groups/{group}/clients"
)

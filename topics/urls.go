package topics

// Path templates of reference section 5.3 (and the topic listing beyond
// it). {project_id} is filled by the client; the others come from
// PathParams.
const (
	// topicsPath lists (beyond the reference), creates and batch-deletes
	// topics (5.3.1).
	topicsPath = "/v2/{project_id}/instances/{instance_id}/topics"
	// topicPath gets, updates and deletes one topic (5.3.2, 5.3.3, 5.3.4).
	topicPath = "/v2/{project_id}/instances/{instance_id}/topics/{topic}"
	// groupsPath lists the groups subscribed to a topic (5.3.5).
	groupsPath = "/v2/{project_id}/instances/{instance_id}/topics/{topic}/groups"
	// statusPath reads a topic's queue offsets (5.3.6).
	statusPath = "/v2/{project_id}/instances/{instance_id}/topics/{topic}/status"
)

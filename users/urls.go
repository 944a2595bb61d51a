package users

// Path templates of chapter 5.5. {project_id} and {engine} are filled by the
// client.
const (
	// usersPath is 5.5.1 (POST) and 5.5.2 (GET).
	usersPath = "/v2/{project_id}/instances/{instance_id}/users"
	// userPath is 5.5.3 (PUT), 5.5.4 (GET) and 5.5.5 (DELETE).
	userPath = "/v2/{project_id}/instances/{instance_id}/users/{user_name}"
	// topicPoliciesPath is 5.5.6 (GET).
	topicPoliciesPath = "/v2/{project_id}/instances/{instance_id}/topics/{topic}/accesspolicy"
	// groupPoliciesPath is 5.5.7 (GET); unlike 5.5.6 it has an {engine}
	// segment and names the group {group_id}.
	groupPoliciesPath = "/v2/{engine}/{project_id}/instances/{instance_id}/groups/{group_id}/accesspolicy"
)

package messages

// Path templates of chapter 5.4. {project_id} and {engine} are filled by the
// client.
const (
	// queryPath is 5.4.1 (GET).
	queryPath = "/v2/{engine}/{project_id}/instances/{instance_id}/messages"
	// tracePath is 5.4.2 (GET).
	tracePath = "/v2/{engine}/{project_id}/instances/{instance_id}/trace"
	// exportPath is 5.4.3 (POST); it has no {engine} segment.
	exportPath = "/v2/{project_id}/instances/{instance_id}/messages/export"
	// deadLetterResendPath is 5.4.4 (POST).
	deadLetterResendPath = "/v2/{engine}/{project_id}/instances/{instance_id}/messages/deadletter-resend"
	// resendPath is 5.4.5 (POST), consumption verification.
	resendPath = "/v2/{engine}/{project_id}/instances/{instance_id}/messages/resend"
)

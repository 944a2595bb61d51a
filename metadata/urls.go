package metadata

// Paths of chapter 5.6 and the current definitions. {project_id} is
// filled by the client.
const (
	// metadataPath is the one path of chapter 5.6: POST creates a task
	// (5.6.1), GET lists tasks or reads one with ?id= (5.6.2), DELETE
	// deletes tasks (5.6.3).
	metadataPath = "/v2/{project_id}/instances/{instance_id}/metadata"
	// batchDeletePath deletes tasks (the current
	// BatchDeleteRocketMqMigrationTask).
	batchDeletePath = "/v2/{project_id}/instances/{instance_id}/metadata/batch-delete"
)

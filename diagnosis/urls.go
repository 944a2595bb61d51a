package diagnosis

// Path templates of the diagnosis operations. {project_id} and {engine}
// are filled by the client; the others come from PathParams. Batch
// deletion puts the project before the engine, unlike the others (as the
// service's definitions have it).
const (
	// reportsPath creates (CreateDiagnosisTask) and lists
	// (ListDiagnosisReports) an instance's diagnoses.
	reportsPath = "/v2/{engine}/{project_id}/instances/{instance_id}/diagnosis"
	// reportPath reads one report (ShowDiagnosisReport).
	reportPath = "/v2/{engine}/{project_id}/diagnosis/{report_id}"
	// stackPath reads a thread's stack (ShowDiagnosisStack).
	stackPath = "/v2/{engine}/{project_id}/diagnosis/stack/{stack_id}"
	// batchDeletePath deletes reports (BatchDeleteDiagnosisRecords).
	batchDeletePath = "/v2/{project_id}/{engine}/instances/{instance_id}/diagnosis/batch-delete"
)

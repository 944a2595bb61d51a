// Package diagnosis runs and reads consumer-group diagnoses (beyond the
// 2022 reference: the service's current CreateDiagnosisTask,
// ListDiagnosisReports, ShowDiagnosisReport, ShowDiagnosisStack and
// BatchDeleteDiagnosisRecords).
//
// A diagnosis looks at one consumer group of an instance — its lag, its
// clients, whether their subscriptions agree, deadlocked consumer threads
// — and writes a report. Create starts one and returns the report's ID;
// the report is StatusDiagnosing until the service has finished it, which
// WaitForReport waits for:
//
//	d := diagnosis.New(client)
//	created, err := d.Create(ctx, instanceID, &diagnosis.CreateRequest{GroupName: "orders"})
//	...
//	report, err := d.WaitForReport(ctx, created.ReportID, nil)
//	...
//	for _, n := range report.Nodes {
//		if n.DeadLock {
//			stack, err := d.GetStack(ctx, n.StackID)
//			...
//		}
//	}
//
// Report IDs and stack IDs are project-wide: Get and GetStack take no
// instance ID. The engine path segment is the client's engine
// (rocketmq.WithEngine; "reliability", the definitions' alias of
// "rocketmq", by default).
package diagnosis

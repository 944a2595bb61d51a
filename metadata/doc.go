// Package metadata wraps the metadata migration operations of DMS for
// RocketMQ (reference section 5.6): migration tasks that import the
// metadata of a self-built RocketMQ (type "rocketmq") or RabbitMQ (type
// "rabbitToRocket") into an instance.
//
//	c := metadata.New(client)
//	doc, _ := os.ReadFile("definitions.json") // e.g. a RabbitMQ definitions export
//	resp, err := c.CreateTask(ctx, instanceID, &metadata.CreateTaskRequest{
//		Name:     "task-932331847",
//		Type:     metadata.TypeRabbitToRocket,
//		Metadata: doc,
//	})
//	task, err := c.GetTask(ctx, instanceID, resp.ID)
//
// The listing's offset is a 1-based page number, not an item offset;
// ListTasksIter asks for pages 1, 2, 3, … and stops at the total the
// service reports (without one, on a short page). A task GetTask does not
// find in the service's answer is a *TaskNotFoundError (rocketmq.IsNotFound
// reports true). DeleteTasks is the reference's delete (5.6.3);
// BatchDeleteTasks the current service's, which reports the tasks deleted.
// Input is validated before anything is sent (*rocketmq.ValidationError).
package metadata

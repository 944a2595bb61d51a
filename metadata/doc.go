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
// service reports (without one, on a short page). Input is validated
// before anything is sent (*rocketmq.ValidationError).
package metadata

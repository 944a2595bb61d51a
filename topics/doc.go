// Package topics manages the topics of a DMS for RocketMQ instance
// (reference section 5.3): create, batch delete, get, update and delete
// topics, list the consumer groups subscribed to a topic, read a topic's
// per-queue offsets (its message count), and — beyond the reference — list
// the instance's topics.
//
// Topic names are 3 to 64 characters of letters, digits, "%", "|", "-" and
// "_"; the retry and dead-letter topics RocketMQ creates for a group
// ("%RETRY%group1", "%DLQ%group1") are accepted by the read, update and
// delete calls, and every name is escaped on the wire by the client.
// Input is validated before anything is sent (*rocketmq.ValidationError);
// a missing topic is an *rocketmq.APIError for which rocketmq.IsNotFound is
// true. ListIter stops at the total the service reports; ListGroupsIter
// too when the answer has one (the current service's), and otherwise on a
// short or empty page.
//
//	c := topics.New(client)
//	_, err := c.Create(ctx, instanceID, &topics.CreateRequest{
//		Name:       "topic-test",
//		Brokers:    []string{"broker-0"},
//		QueueNum:   rocketmq.Int(3),
//		Permission: topics.PermissionAll,
//	})
//	…
//	for t, err := range c.ListIter(ctx, instanceID, nil) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(t.Name, t.TotalWriteQueueNum)
//	}
//	st, err := c.GetStatus(ctx, instanceID, "topic-test")
//	…
//	fmt.Println("messages:", st.TotalMessages())
package topics

// Package messages wraps the message operations of DMS for RocketMQ
// (reference section 5.4): querying messages and their traces, exporting
// and resending dead letters, and consumption verification; beyond the
// reference, sending a test message (Send) without a RocketMQ client.
//
//	c := messages.New(client)
//	sent, err := c.Send(ctx, instanceID, &messages.SendRequest{Topic: "topic-test", Body: "hello"})
//	…
//	trace, err := c.Trace(ctx, instanceID, sent.MsgID)
//	resp, err := c.Query(ctx, instanceID, &messages.QueryOptions{
//		Topic:     "topic-test",
//		StartTime: time.Now().Add(-time.Hour),
//		EndTime:   time.Now(),
//	})
//	byID := &messages.QueryOptions{Topic: "topic-test", MsgID: id}
//	for m, err := range c.QueryIter(ctx, instanceID, byID) {
//		…
//	}
//
// Times go on the wire as Unix milliseconds. QueryIter stops at the total
// the service reports (without one, on a short page); Trace follows the
// service's pages of traces to their total. Topics and groups are named by
// RocketMQ's own rules (1–127 and 1–255 characters), so the broker's own
// topics ("%DLQ%group", "t1") are accepted. Input is validated
// before anything is sent (*rocketmq.ValidationError).
//
// Message ids are opaque strings (the reference's own examples have 33 hex
// digits and a letter O among them); they are never validated beyond being
// non-empty.
package messages

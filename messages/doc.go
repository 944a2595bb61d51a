// Package messages wraps the message operations of DMS for RocketMQ
// (reference section 5.4): querying messages and their traces, exporting
// and resending dead letters, and consumption verification.
//
//	c := messages.New(client)
//	resp, err := c.Query(ctx, instanceID, &messages.QueryOptions{
//		Topic:     "topic-test",
//		StartTime: time.Now().Add(-time.Hour),
//		EndTime:   time.Now(),
//	})
//	for m, err := range c.QueryIter(ctx, instanceID, &messages.QueryOptions{Topic: "topic-test", MsgID: id}) {
//		…
//	}
//
// Message ids are opaque strings (the reference's own examples have 33 hex
// digits and a letter O among them); they are never validated beyond being
// non-empty.
package messages

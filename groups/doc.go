// Package groups manages the consumer groups of a DMS for RocketMQ instance
// (reference section 5.2): list, create, batch delete, batch update, get,
// update and delete groups, list the topics a group consumes, read its
// consumption progress (lag per queue) on one topic, and reset its offsets
// to a point in time; beyond the reference, list the consumers of a group
// (ListClients: client IDs, addresses, subscriptions, and whether the
// subscriptions are consistent).
//
// Groups are created with names of 3 to 64 characters of letters, digits,
// "%", "|", "-" and "_"; existing groups are named by RocketMQ's own rule
// (1 to 255 such characters), so groups the broker created are accepted.
// Names such as "CID%order|v2" are escaped on the wire by the client.
// Input is validated before anything is sent (*rocketmq.ValidationError);
// a missing group is an *rocketmq.APIError for which rocketmq.IsNotFound is
// true. The iterators stop at the total the service reports (without one,
// on a short page).
//
//	c := groups.New(client)
//	created, err := c.Create(ctx, instanceID, &groups.CreateRequest{
//		Name:         "consumer-group-test",
//		Brokers:      []string{"broker-0"},
//		RetryMaxTime: rocketmq.Int(16),
//	})
//	…
//	for g, err := range c.ListIter(ctx, instanceID, nil) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(g.Name, g.Enabled)
//	}
//	cons, err := c.GetConsumption(ctx, instanceID, "consumer-group-test", "topic-test")
//	…
//	fmt.Println("lag:", cons.TotalLag())
package groups

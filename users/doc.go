// Package users wraps the user (ACL) operations of DMS for RocketMQ
// (reference section 5.5): creating, listing, reading, updating and deleting
// the users of an instance, and listing the users authorized on a topic or a
// consumer group.
//
//	c := users.New(client)
//	u, err := c.Create(ctx, instanceID, &users.User{
//		AccessKey:        "app_reader",
//		SecretKey:        secret,
//		Admin:            rocketmq.Bool(false),
//		DefaultTopicPerm: users.PermDeny,
//		DefaultGroupPerm: users.PermDeny,
//		TopicPerms:       []users.Permission{{Name: "orders", Perm: users.PermSub}},
//	})
//	for u, err := range c.ListIter(ctx, instanceID, nil) {
//		…
//	}
//
// A User's (or Policy's) SecretKey never appears in fmt or log/slog output
// (%v, %+v, %#v, %s, %q print "[REDACTED]"), and the client's debug log
// redacts secret_key in request bodies. Permissions on topics are PermPub,
// PermSub, PermPubSub or PermDeny; on consumer groups (only ever
// subscribed to) PermSub or PermDeny. ListIter stops at the total the
// service reports (without one, on a short page). Input is validated before
// anything is sent (*rocketmq.ValidationError).
package users

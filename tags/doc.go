// Package tags manages the tags of DMS for RocketMQ instances (reference
// section 5.7), plus two list operations beyond the reference: the tags of
// one instance and the tags used anywhere in the project (each key with its
// values).
//
//	tc := tags.New(client)
//	err := tc.Create(ctx, instanceID, []tags.Tag{{Key: "env", Value: "prod"}})
//	list, err := tc.List(ctx, instanceID)
//	for _, t := range list.Tags {
//		fmt.Println(t.Key, "=", t.Value)
//	}
//
// Tag keys are 1–128 characters (letters, digits, spaces and _ . : = + - @,
// no leading or trailing space); values are 0–255 characters of the same
// set (no "/"), no leading or trailing space either; at most 20 tags go in
// one call, and an instance carries at most 20. Input that breaks these
// rules is refused with a *rocketmq.ValidationError before anything is
// sent. The service pages both lists; List and ListProject follow the
// pages and return everything.
package tags

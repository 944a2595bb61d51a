// Package tags manages the tags of DMS for RocketMQ instances (reference
// section 5.7), plus two list operations beyond the reference: the tags of
// one instance and the tags used anywhere in the project.
//
//	tc := tags.New(client)
//	err := tc.Create(ctx, instanceID, []tags.Tag{{Key: "env", Value: "prod"}})
//	list, err := tc.List(ctx, instanceID)
//	for _, t := range list.Tags {
//		fmt.Println(t.Key, "=", t.Value)
//	}
//
// Tag keys are 1–128 characters (letters, digits, spaces and _ . : = + - @,
// no leading or trailing space); values are 0–255 characters (letters,
// digits, spaces and _ . : / = + - @); at most 20 tags go in one call.
// Input that breaks these rules is refused with a *rocketmq.ValidationError
// before anything is sent.
package tags

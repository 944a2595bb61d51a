package groups_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/groups"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

func TestValidation(t *testing.T) {
	t.Parallel()
	const id = testutil.InstanceID
	long := strings.Repeat("a", 65)
	tooLong := strings.Repeat("a", 256) // past RocketMQ's own 255
	desc201 := strings.Repeat("d", 201)
	ctx := context.Background()
	tests := []struct {
		name  string
		field string
		call  func(c *groups.Client) error
	}{
		// List.
		{"list instance", "instance_id", func(c *groups.Client) error { _, err := c.List(ctx, " ", nil); return err }},
		{"list limit -1", "limit", func(c *groups.Client) error {
			_, err := c.List(ctx, id, &groups.ListOptions{Limit: -1})
			return err
		}},
		{"list limit 51", "limit", func(c *groups.Client) error { _, err := c.List(ctx, id, &groups.ListOptions{Limit: 51}); return err }},
		{"list offset", "offset", func(c *groups.Client) error { _, err := c.List(ctx, id, &groups.ListOptions{Offset: -1}); return err }},
		// Create.
		{"create instance", "instance_id", func(c *groups.Client) error {
			_, err := c.Create(ctx, "", &groups.CreateRequest{Name: "group1"})
			return err
		}},
		{"create nil", "request", func(c *groups.Client) error { _, err := c.Create(ctx, id, nil); return err }},
		{"create no name", "name", func(c *groups.Client) error { _, err := c.Create(ctx, id, &groups.CreateRequest{}); return err }},
		{"create short name", "name", func(c *groups.Client) error {
			_, err := c.Create(ctx, id, &groups.CreateRequest{Name: "ab"})
			return err
		}},
		{"create long name", "name", func(c *groups.Client) error {
			_, err := c.Create(ctx, id, &groups.CreateRequest{Name: long})
			return err
		}},
		{"create bad char", "name", func(c *groups.Client) error {
			_, err := c.Create(ctx, id, &groups.CreateRequest{Name: "group.1"})
			return err
		}},
		{"create space", "name", func(c *groups.Client) error {
			_, err := c.Create(ctx, id, &groups.CreateRequest{Name: "group 1"})
			return err
		}},
		{"create retry", "retry_max_time", func(c *groups.Client) error {
			_, err := c.Create(ctx, id, &groups.CreateRequest{Name: "group1", RetryMaxTime: rocketmq.Int(-1)})
			return err
		}},
		{"create retry 17", "retry_max_time", func(c *groups.Client) error {
			_, err := c.Create(ctx, id, &groups.CreateRequest{Name: "group1", RetryMaxTime: rocketmq.Int(17)})
			return err
		}},
		{"create retry 0", "retry_max_time", func(c *groups.Client) error {
			_, err := c.Create(ctx, id, &groups.CreateRequest{Name: "group1", RetryMaxTime: rocketmq.Int(0)})
			return err
		}},
		{"create group_desc 201", "group_desc", func(c *groups.Client) error {
			_, err := c.Create(ctx, id, &groups.CreateRequest{Name: "group1", GroupDesc: desc201})
			return err
		}},
		{"create broker", "brokers[1]", func(c *groups.Client) error {
			_, err := c.Create(ctx, id, &groups.CreateRequest{Name: "group1", Brokers: []string{"broker-0", ""}})
			return err
		}},
		// BatchDelete.
		{"batch delete instance", "instance_id", func(c *groups.Client) error {
			_, err := c.BatchDelete(ctx, "", []string{"group1"})
			return err
		}},
		{"batch delete nil", "groups", func(c *groups.Client) error { _, err := c.BatchDelete(ctx, id, nil); return err }},
		{"batch delete empty", "groups", func(c *groups.Client) error { _, err := c.BatchDelete(ctx, id, []string{}); return err }},
		{"batch delete empty name", "groups[1]", func(c *groups.Client) error {
			_, err := c.BatchDelete(ctx, id, []string{"group1", ""})
			return err
		}},
		{"batch delete bad name", "groups[0]", func(c *groups.Client) error {
			_, err := c.BatchDelete(ctx, id, []string{"g/1"})
			return err
		}},
		// BatchUpdate.
		{"batch update instance", "instance_id", func(c *groups.Client) error {
			_, err := c.BatchUpdate(ctx, "", &groups.BatchUpdateRequest{Groups: []groups.UpdateRequest{{Name: "group1"}}})
			return err
		}},
		{"batch update nil", "request", func(c *groups.Client) error { _, err := c.BatchUpdate(ctx, id, nil); return err }},
		{"batch update empty", "groups", func(c *groups.Client) error {
			_, err := c.BatchUpdate(ctx, id, &groups.BatchUpdateRequest{})
			return err
		}},
		{"batch update no name", "groups[1].name", func(c *groups.Client) error {
			_, err := c.BatchUpdate(ctx, id, &groups.BatchUpdateRequest{Groups: []groups.UpdateRequest{{Name: "group1"}, {}}})
			return err
		}},
		{"batch update retry", "groups[0].retry_max_time", func(c *groups.Client) error {
			_, err := c.BatchUpdate(ctx, id, &groups.BatchUpdateRequest{Groups: []groups.UpdateRequest{{Name: "group1", RetryMaxTime: rocketmq.Int(-3)}}})
			return err
		}},
		{"batch update retry 17", "groups[0].retry_max_time", func(c *groups.Client) error {
			_, err := c.BatchUpdate(ctx, id, &groups.BatchUpdateRequest{Groups: []groups.UpdateRequest{{Name: "group1", RetryMaxTime: rocketmq.Int(17)}}})
			return err
		}},
		{"batch update group_desc 201", "groups[1].group_desc", func(c *groups.Client) error {
			_, err := c.BatchUpdate(ctx, id, &groups.BatchUpdateRequest{Groups: []groups.UpdateRequest{{Name: "group1"}, {Name: "g", GroupDesc: &desc201}}})
			return err
		}},
		{"batch update name too long", "groups[0].name", func(c *groups.Client) error {
			_, err := c.BatchUpdate(ctx, id, &groups.BatchUpdateRequest{Groups: []groups.UpdateRequest{{Name: tooLong}}})
			return err
		}},
		{"batch update broker", "groups[0].brokers[0]", func(c *groups.Client) error {
			_, err := c.BatchUpdate(ctx, id, &groups.BatchUpdateRequest{Groups: []groups.UpdateRequest{{Name: "group1", Brokers: []string{" "}}}})
			return err
		}},
		// Get, Update, Delete.
		{"get instance", "instance_id", func(c *groups.Client) error { _, err := c.Get(ctx, "", "group1"); return err }},
		{"get group", "group", func(c *groups.Client) error { _, err := c.Get(ctx, id, ""); return err }},
		{"get group chars", "group", func(c *groups.Client) error { _, err := c.Get(ctx, id, "a/b/c"); return err }},
		{"update group", "group", func(c *groups.Client) error { return c.Update(ctx, id, "", &groups.UpdateRequest{}) }},
		{"update nil", "request", func(c *groups.Client) error { return c.Update(ctx, id, "group1", nil) }},
		{"update name", "name", func(c *groups.Client) error {
			return c.Update(ctx, id, "group1", &groups.UpdateRequest{Name: "x/y"})
		}},
		{"update retry", "retry_max_time", func(c *groups.Client) error {
			return c.Update(ctx, id, "group1", &groups.UpdateRequest{RetryMaxTime: rocketmq.Int(-1)})
		}},
		{"update retry 17", "retry_max_time", func(c *groups.Client) error {
			return c.Update(ctx, id, "group1", &groups.UpdateRequest{RetryMaxTime: rocketmq.Int(17)})
		}},
		{"update group_desc 201", "group_desc", func(c *groups.Client) error {
			return c.Update(ctx, id, "group1", &groups.UpdateRequest{GroupDesc: &desc201})
		}},
		{"delete instance", "instance_id", func(c *groups.Client) error { return c.Delete(ctx, "", "group1") }},
		{"delete group", "group", func(c *groups.Client) error { return c.Delete(ctx, id, tooLong) }},
		// ListTopics.
		{"list topics group", "group", func(c *groups.Client) error { _, err := c.ListTopics(ctx, id, "", nil); return err }},
		{"list topics limit", "limit", func(c *groups.Client) error {
			_, err := c.ListTopics(ctx, id, "group1", &groups.ListTopicsOptions{Limit: 100})
			return err
		}},
		{"list topics offset", "offset", func(c *groups.Client) error {
			_, err := c.ListTopics(ctx, id, "group1", &groups.ListTopicsOptions{Offset: -5})
			return err
		}},
		// GetConsumption.
		{"consumption instance", "instance_id", func(c *groups.Client) error {
			_, err := c.GetConsumption(ctx, "", "group1", "topic1")
			return err
		}},
		{"consumption group", "group", func(c *groups.Client) error { _, err := c.GetConsumption(ctx, id, "", "topic1"); return err }},
		{"consumption topic", "topic", func(c *groups.Client) error { _, err := c.GetConsumption(ctx, id, "group1", ""); return err }},
		{"consumption topic chars", "topic", func(c *groups.Client) error {
			_, err := c.GetConsumption(ctx, id, "group1", "topic#1")
			return err
		}},
		// ListClients.
		{"list clients instance", "instance_id", func(c *groups.Client) error {
			_, err := c.ListClients(ctx, "", "group1", nil)
			return err
		}},
		{"list clients group", "group", func(c *groups.Client) error { _, err := c.ListClients(ctx, id, "a b", nil); return err }},
		{"list clients limit", "limit", func(c *groups.Client) error {
			_, err := c.ListClients(ctx, id, "group1", &groups.ListClientsOptions{Limit: 51})
			return err
		}},
		{"list clients offset", "offset", func(c *groups.Client) error {
			_, err := c.ListClients(ctx, id, "group1", &groups.ListClientsOptions{Offset: -1})
			return err
		}},
		{"list clients iter limit", "limit", func(c *groups.Client) error {
			for _, err := range c.ListClientsIter(ctx, id, "group1", &groups.ListClientsOptions{Limit: -1}) {
				return err
			}
			return nil
		}},
		{"list clients iter group", "group", func(c *groups.Client) error {
			for _, err := range c.ListClientsIter(ctx, id, tooLong, nil) {
				return err
			}
			return nil
		}},
		// ResetOffset.
		{"reset instance", "instance_id", func(c *groups.Client) error {
			_, err := c.ResetOffset(ctx, "", "group1", &groups.ResetOffsetRequest{Topic: "topic1"})
			return err
		}},
		{"reset group", "group", func(c *groups.Client) error {
			_, err := c.ResetOffset(ctx, id, "", &groups.ResetOffsetRequest{Topic: "topic1"})
			return err
		}},
		{"reset nil", "request", func(c *groups.Client) error { _, err := c.ResetOffset(ctx, id, "group1", nil); return err }},
		{"reset topic", "topic", func(c *groups.Client) error {
			_, err := c.ResetOffset(ctx, id, "group1", &groups.ResetOffsetRequest{Timestamp: 1})
			return err
		}},
		{"reset timestamp", "timestamp", func(c *groups.Client) error {
			_, err := c.ResetOffset(ctx, id, "group1", &groups.ResetOffsetRequest{Topic: "topic1", Timestamp: -1})
			return err
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := newClient(t) // any request fails the test
			testutil.AssertValidation(t, tc.call(c), tc.field)
		})
	}
}

func TestNamesAccepted(t *testing.T) {
	t.Parallel()
	// Names at the limits and retry/DLQ topics longer than 64 characters
	// pass validation (the mock then answers).
	g64 := strings.Repeat("g", 64)
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt,
		testutil.Call{Method: "GET", Path: base + "/abc", Response: `{}`},
		testutil.Call{Method: "GET", Path: base + "/" + g64, Response: `{}`},
		testutil.Call{Method: "GET", Path: base + "/" + g64 + "/topics", Query: "topic=%25RETRY%25" + g64, Response: `{}`},
		testutil.Call{Method: "GET", Path: base + "/a-b_c%257C%7C/topics", Query: "topic=%25DLQ%25ab_", Response: `{}`},
	)
	gc := groups.New(c)
	_, err := gc.Get(context.Background(), testutil.InstanceID, "abc")
	require.NoError(t, err)
	_, err = gc.Get(context.Background(), testutil.InstanceID, g64)
	require.NoError(t, err)
	_, err = gc.GetConsumption(context.Background(), testutil.InstanceID, g64, "%RETRY%"+g64)
	require.NoError(t, err)
	_, err = gc.GetConsumption(context.Background(), testutil.InstanceID, "a-b_c%7C|", "%DLQ%ab_")
	require.NoError(t, err)
}

package topics_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/topics"
)

func TestValidation(t *testing.T) {
	t.Parallel()
	const id = testutil.InstanceID
	long := strings.Repeat("t", 65)
	tooLong := strings.Repeat("t", 128) // past RocketMQ's own 127
	ctx := context.Background()
	create := func(r *topics.CreateRequest) func(c *topics.Client) error {
		return func(c *topics.Client) error { _, err := c.Create(ctx, id, r); return err }
	}
	update := func(topic string, r *topics.UpdateRequest) func(c *topics.Client) error {
		return func(c *topics.Client) error { return c.Update(ctx, id, topic, r) }
	}
	tests := []struct {
		name  string
		field string
		call  func(c *topics.Client) error
	}{
		// Create.
		{"create instance", "instance_id", func(c *topics.Client) error {
			_, err := c.Create(ctx, "", &topics.CreateRequest{Name: "topic-test"})
			return err
		}},
		{"create nil", "request", create(nil)},
		{"create no name", "name", create(&topics.CreateRequest{})},
		{"create short name", "name", create(&topics.CreateRequest{Name: "ab"})},
		{"create long name", "name", create(&topics.CreateRequest{Name: long})},
		{"create bad char", "name", create(&topics.CreateRequest{Name: "topic.test"})},
		{"create reserved DLQ prefix", "name", create(&topics.CreateRequest{Name: "%DLQ%group1"})},
		{"create reserved RETRY prefix", "name", create(&topics.CreateRequest{Name: "%RETRY%group1"})},
		{"create long DLQ name", "name", create(&topics.CreateRequest{Name: "%DLQ%" + strings.Repeat("g", 64)})},
		{"create queue_num 0", "queue_num", create(&topics.CreateRequest{Name: "topic-test", QueueNum: rocketmq.Int(0)})},
		{"create queue_num 51", "queue_num", create(&topics.CreateRequest{Name: "topic-test", QueueNum: rocketmq.Int(51)})},
		{"create permission", "permission", create(&topics.CreateRequest{Name: "topic-test", Permission: "ALL"})},
		{"create broker", "brokers[0]", create(&topics.CreateRequest{Name: "topic-test", Brokers: []string{""}})},
		{"create message type", "message_type", create(&topics.CreateRequest{Name: "topic-test", MessageType: "fifo"})},
		{"create queues broker", "queues[1].broker", create(&topics.CreateRequest{Name: "topic-test",
			Queues: []topics.CreateQueues{{Broker: "broker-0", QueueNum: 1}, {QueueNum: 1}}})},
		{"create queues queue_num 0", "queues[0].queue_num", create(&topics.CreateRequest{Name: "topic-test",
			Queues: []topics.CreateQueues{{Broker: "broker-0"}}})},
		{"create queues queue_num 51", "queues[0].queue_num", create(&topics.CreateRequest{Name: "topic-test",
			Queues: []topics.CreateQueues{{Broker: "broker-0", QueueNum: 51}}})},
		// BatchDelete.
		{"batch delete instance", "instance_id", func(c *topics.Client) error {
			_, err := c.BatchDelete(ctx, "", []string{"topic-test"})
			return err
		}},
		{"batch delete nil", "topics", func(c *topics.Client) error { _, err := c.BatchDelete(ctx, id, nil); return err }},
		{"batch delete empty", "topics", func(c *topics.Client) error { _, err := c.BatchDelete(ctx, id, []string{}); return err }},
		{"batch delete empty name", "topics[2]", func(c *topics.Client) error {
			_, err := c.BatchDelete(ctx, id, []string{"topic-1", "topic-2", " "})
			return err
		}},
		{"batch delete bad name", "topics[0]", func(c *topics.Client) error {
			_, err := c.BatchDelete(ctx, id, []string{"x y"})
			return err
		}},
		// Get, Delete, GetStatus.
		{"get instance", "instance_id", func(c *topics.Client) error { _, err := c.Get(ctx, "", "topic-test"); return err }},
		{"get topic", "topic", func(c *topics.Client) error { _, err := c.Get(ctx, id, ""); return err }},
		{"get topic chars", "topic", func(c *topics.Client) error { _, err := c.Get(ctx, id, "a/b"); return err }},
		{"get topic long", "topic", func(c *topics.Client) error { _, err := c.Get(ctx, id, tooLong); return err }},
		{"delete instance", "instance_id", func(c *topics.Client) error { return c.Delete(ctx, " ", "topic-test") }},
		{"delete topic", "topic", func(c *topics.Client) error { return c.Delete(ctx, id, "") }},
		{"status instance", "instance_id", func(c *topics.Client) error { _, err := c.GetStatus(ctx, "", "topic-test"); return err }},
		{"status topic", "topic", func(c *topics.Client) error { _, err := c.GetStatus(ctx, id, "%RETRY%group 1"); return err }},
		// Update.
		{"update instance", "instance_id", func(c *topics.Client) error {
			return c.Update(ctx, "", "topic-test", &topics.UpdateRequest{})
		}},
		{"update topic", "topic", update("", &topics.UpdateRequest{})},
		{"update nil", "request", update("topic-test", nil)},
		{"update read 0", "read_queue_num", update("topic-test", &topics.UpdateRequest{ReadQueueNum: rocketmq.Int(0)})},
		{"update write -1", "write_queue_num", update("topic-test", &topics.UpdateRequest{WriteQueueNum: rocketmq.Int(-1)})},
		{"update permission", "permission", update("topic-test", &topics.UpdateRequest{Permission: "rw"})},
		{"update queues broker", "queues[0].broker", update("topic-test", &topics.UpdateRequest{
			Queues: []topics.UpdateQueues{{Broker: " ", ReadQueueNum: 1, WriteQueueNum: 1}}})},
		{"update queues read 0", "queues[0].read_queue_num", update("topic-test", &topics.UpdateRequest{
			Queues: []topics.UpdateQueues{{Broker: "broker-0", WriteQueueNum: 1}}})},
		{"update queues write 0", "queues[0].write_queue_num", update("topic-test", &topics.UpdateRequest{
			Queues: []topics.UpdateQueues{{Broker: "broker-0", ReadQueueNum: 1}}})},
		// ListGroups.
		{"list groups instance", "instance_id", func(c *topics.Client) error {
			_, err := c.ListGroups(ctx, "", "topic-test", nil)
			return err
		}},
		{"list groups topic", "topic", func(c *topics.Client) error { _, err := c.ListGroups(ctx, id, "", nil); return err }},
		{"list groups limit", "limit", func(c *topics.Client) error {
			_, err := c.ListGroups(ctx, id, "topic-test", &topics.ListGroupsOptions{Limit: 51})
			return err
		}},
		{"list groups offset", "offset", func(c *topics.Client) error {
			_, err := c.ListGroups(ctx, id, "topic-test", &topics.ListGroupsOptions{Offset: -1})
			return err
		}},
		// List.
		{"list instance", "instance_id", func(c *topics.Client) error { _, err := c.List(ctx, "", nil); return err }},
		{"list limit", "limit", func(c *topics.Client) error { _, err := c.List(ctx, id, &topics.ListOptions{Limit: -2}); return err }},
		{"list limit 51", "limit", func(c *topics.Client) error { _, err := c.List(ctx, id, &topics.ListOptions{Limit: 51}); return err }},
		{"list offset", "offset", func(c *topics.Client) error { _, err := c.List(ctx, id, &topics.ListOptions{Offset: -1}); return err }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := newClient(t) // any request fails the test
			testutil.AssertValidation(t, tc.call(c), tc.field)
		})
	}
}

func TestValuesAccepted(t *testing.T) {
	t.Parallel()
	t64 := strings.Repeat("t", 64)
	c := newClient(t,
		testutil.Call{Method: "POST", Path: base, Body: `{"name":"abc","queue_num":1,"permission":"pub"}`, Response: `{"id":"abc"}`},
		testutil.Call{Method: "POST", Path: base, Body: `{"name":"` + t64 + `","queue_num":50,"permission":"sub"}`, Response: `{"id":"x"}`},
		testutil.Call{Method: "PUT", Path: base + "/%25RETRY%25" + t64, Body: `{"read_queue_num":1,"write_queue_num":1}`, Status: 204},
		testutil.Call{Method: "GET", Path: base + "/%25DLQ%25" + t64 + "/status", Response: `{}`},
	)
	_, err := c.Create(context.Background(), testutil.InstanceID, &topics.CreateRequest{Name: "abc", QueueNum: rocketmq.Int(1), Permission: topics.PermissionPub})
	require.NoError(t, err)
	_, err = c.Create(context.Background(), testutil.InstanceID, &topics.CreateRequest{Name: t64, QueueNum: rocketmq.Int(50), Permission: topics.PermissionSub})
	require.NoError(t, err)
	require.NoError(t, c.Update(context.Background(), testutil.InstanceID, "%RETRY%"+t64, &topics.UpdateRequest{ReadQueueNum: rocketmq.Int(1), WriteQueueNum: rocketmq.Int(1)}))
	st, err := c.GetStatus(context.Background(), testutil.InstanceID, "%DLQ%"+t64)
	require.NoError(t, err)
	assert.Empty(t, st.Brokers)
}

// Topics the broker created itself ("t1") are read with RocketMQ's own name
// rule, not the creation rule.
func TestExistingShortTopicNames(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{Method: "GET", Path: base + "/t1/status", Response: `{"brokers":[{"broker_name":"broker-0","queues":[{"id":0,"min_offset":1,"max_offset":5}]}]}`},
		testutil.Call{Method: "GET", Path: base + "/t1", Response: `{"total_read_queue_num":1}`},
		testutil.Call{Method: "POST", Path: base, Query: "action=delete", Body: `{"topics":["t1"]}`, Response: `{"job_id":"j"}`},
	)
	st, err := c.GetStatus(context.Background(), testutil.InstanceID, "t1")
	require.NoError(t, err)
	assert.EqualValues(t, 4, st.TotalMessages())
	tp, err := c.Get(context.Background(), testutil.InstanceID, "t1")
	require.NoError(t, err)
	assert.Equal(t, &topics.Topic{Name: "t1", TotalReadQueueNum: 1}, tp)
	_, err = c.BatchDelete(context.Background(), testutil.InstanceID, []string{"t1"})
	require.NoError(t, err)
}

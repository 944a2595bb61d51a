package rocketmqtest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/topics"
)

type currentGroup struct {
	Name                   string `json:"name"`
	GroupDesc              string `json:"group_desc"`
	CreatedAt              int64  `json:"created_at"`
	ConsumeOrderly         bool   `json:"consume_orderly"`
	GroupOnline            bool   `json:"group_online"`
	TopicSubscriptionCount *int64 `json:"topic_subscription_count"`
	RetryMaxTime           int    `json:"retry_max_time"`
}

func TestGroupsCurrentFieldsAndRules(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "groups-now",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders", Messages: 6}, {Name: "refunds", Messages: 2}},
		Groups: []rocketmqtest.GroupSeed{{Name: "GID_seeded", Topics: []string{"orders", "refunds"}, Lag: 2, Description: "seeded group", ConsumeOrderly: true}},
	})
	before := time.Now().Add(-time.Minute).UnixMilli()
	e.ok(withBody(req("POST", pGroups, "instance_id", id), map[string]any{"name": "GID_new", "group_desc": "orders of the shop", "consume_orderly": true, "retry_max_time": 16}), nil)

	var g currentGroup
	e.ok(req("GET", pGroup, "instance_id", id, "group", "GID_new"), &g)
	assert.Equal(t, "orders of the shop", g.GroupDesc)
	assert.True(t, g.ConsumeOrderly)
	assert.False(t, g.GroupOnline, "no subscription")
	assert.Greater(t, g.CreatedAt, before)
	assert.Nil(t, g.TopicSubscriptionCount, "list only")

	var list struct {
		Groups []currentGroup `json:"groups"`
	}
	e.ok(req("GET", pGroups, "instance_id", id), &list)
	require.Len(t, list.Groups, 2)
	sg := list.Groups[1]
	assert.Equal(t, "GID_seeded", sg.Name)
	assert.Equal(t, "seeded group", sg.GroupDesc)
	assert.True(t, sg.ConsumeOrderly)
	assert.True(t, sg.GroupOnline)
	require.NotNil(t, sg.TopicSubscriptionCount)
	assert.Equal(t, int64(2), *sg.TopicSubscriptionCount)
	require.NotNil(t, list.Groups[0].TopicSubscriptionCount)
	assert.Zero(t, *list.Groups[0].TopicSubscriptionCount)

	// Update and batch update carry group_desc and consume_orderly.
	e.ok(withBody(req("PUT", pGroup, "instance_id", id, "group", "GID_new"), map[string]any{"group_desc": "", "consume_orderly": false}), nil)
	e.ok(req("GET", pGroup, "instance_id", id, "group", "GID_new"), &g)
	assert.Empty(t, g.GroupDesc)
	assert.False(t, g.ConsumeOrderly)
	e.ok(withBody(req("PUT", pGroups, "instance_id", id), map[string]any{"groups": []map[string]any{{"name": "GID_new", "group_desc": "batch", "consume_orderly": true}}}), nil)
	e.ok(req("GET", pGroup, "instance_id", id, "group", "GID_new"), &g)
	assert.Equal(t, "batch", g.GroupDesc)
	assert.True(t, g.ConsumeOrderly)

	long := strings.Repeat("é", 201)
	e.fails(withBody(req("POST", pGroups, "instance_id", id), map[string]any{"name": "GID_long", "group_desc": long}), 400, "DMS.00400062")
	e.ok(withBody(req("POST", pGroups, "instance_id", id), map[string]any{"name": "GID_200", "group_desc": long[:400]}), nil)
	e.fails(withBody(req("PUT", pGroup, "instance_id", id, "group", "GID_new"), map[string]any{"group_desc": long}), 400, "DMS.00400062")
	e.fails(withBody(req("PUT", pGroups, "instance_id", id), map[string]any{"groups": []map[string]any{{"name": "GID_new", "group_desc": long}}}), 400, "DMS.00400062")
	for _, n := range []int{0, 17} {
		e.fails(withBody(req("POST", pGroups, "instance_id", id), map[string]any{"name": "GID_retry", "retry_max_time": n}), 400, "DMS.00400062")
	}
	ae := e.fails(withBody(req("POST", pGroups, "instance_id", id), map[string]any{"name": "GID_new"}), 400, "DMS.10240018")
	assert.Contains(t, ae.Message, "already exists")

	// Consumption of one topic: the totals at the top level.
	var cons struct {
		Lag            int64 `json:"lag"`
		MaxOffset      int64 `json:"max_offset"`
		ConsumerOffset int64 `json:"consumer_offset"`
		Brokers        []struct {
			Queues []struct {
				Lag int64 `json:"lag"`
			} `json:"queues"`
		} `json:"brokers"`
	}
	e.ok(withQuery(req("GET", pGroup+"/topics", "instance_id", id, "group", "GID_seeded"), "topic", "orders"), &cons)
	assert.Equal(t, int64(2), cons.Lag)
	assert.Equal(t, int64(6), cons.MaxOffset)
	assert.Equal(t, int64(4), cons.ConsumerOffset)
	e.ok(withQuery(req("GET", pGroup+"/topics", "instance_id", id, "group", "GID_new"), "topic", "orders"), &cons)
	assert.Zero(t, cons.Lag)
	assert.Empty(t, cons.Brokers)
}

type currentTopic struct {
	Name              string `json:"name"`
	CreatedAt         int64  `json:"created_at"`
	MessageType       string `json:"message_type"`
	TopicDesc         string `json:"topic_desc"`
	TotalReadQueueNum int    `json:"total_read_queue_num"`
	Brokers           []struct {
		BrokerName    string `json:"broker_name"`
		ReadQueueNum  int    `json:"read_queue_num"`
		WriteQueueNum int    `json:"write_queue_num"`
	} `json:"brokers"`
}

func TestTopicsCurrentFieldsAndRules(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name: "topics-now", BrokerNum: 2, StorageSpace: 600,
		Topics: []rocketmqtest.TopicSeed{{Name: "seeded", QueueNum: 2, Messages: 8, MessageType: "DELAY", Description: "seeded topic"}},
	})
	before := time.Now().Add(-time.Minute).UnixMilli()
	e.ok(withBody(req("POST", pTopics, "instance_id", id), map[string]any{
		"name": "fifo-orders", "message_type": "FIFO",
		"queues": []map[string]any{{"broker": "broker-0", "queue_num": 3}, {"broker": "broker-1", "queue_num": 5}},
	}), nil)
	var tp currentTopic
	e.ok(req("GET", pTopic, "instance_id", id, "topic", "fifo-orders"), &tp)
	assert.Equal(t, "FIFO", tp.MessageType)
	assert.Greater(t, tp.CreatedAt, before)
	assert.Equal(t, 8, tp.TotalReadQueueNum)
	require.Len(t, tp.Brokers, 2)
	assert.Equal(t, 3, tp.Brokers[0].ReadQueueNum)
	assert.Equal(t, 5, tp.Brokers[1].WriteQueueNum)

	// Update: per-broker queues and topic_desc.
	e.ok(withBody(req("PUT", pTopic, "instance_id", id, "topic", "fifo-orders"), map[string]any{
		"topic_desc": "ordered orders", "queues": []map[string]any{{"broker": "broker-1", "read_queue_num": 2, "write_queue_num": 4}},
	}), nil)
	e.ok(req("GET", pTopic, "instance_id", id, "topic", "fifo-orders"), &tp)
	assert.Equal(t, "ordered orders", tp.TopicDesc)
	assert.Equal(t, 2, tp.Brokers[1].ReadQueueNum)
	assert.Equal(t, 4, tp.Brokers[1].WriteQueueNum)
	assert.Equal(t, 3, tp.Brokers[0].ReadQueueNum, "other brokers keep theirs")

	var list struct {
		Topics []currentTopic `json:"topics"`
	}
	e.ok(req("GET", pTopics, "instance_id", id), &list)
	require.Len(t, list.Topics, 2)
	assert.Equal(t, "DELAY", list.Topics[1].MessageType)
	assert.Equal(t, "seeded topic", list.Topics[1].TopicDesc)
	assert.NotZero(t, list.Topics[1].CreatedAt)

	// Status: sums over the queues at the top level.
	var st struct {
		MaxOffset int64 `json:"max_offset"`
		MinOffset int64 `json:"min_offset"`
	}
	e.ok(req("GET", pTopic+"/status", "instance_id", id, "topic", "seeded"), &st)
	assert.Equal(t, int64(8), st.MaxOffset)
	assert.Zero(t, st.MinOffset)

	// Rules and the appendix's "already exists" codes.
	ae := e.fails(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": "seeded"}), 400, "DMS.00400800")
	assert.Contains(t, ae.Message, "already exists")
	ae = e.fails(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": "dup-queue", "queues": []map[string]any{{"broker": "broker-0", "queue_num": 1}, {"broker": "broker-0", "queue_num": 2}}}), 400, "DMS.10240017")
	assert.Contains(t, ae.Message, "already exists")
	e.fails(withBody(req("PUT", pTopic, "instance_id", id, "topic", "seeded"), map[string]any{"queues": []map[string]any{{"broker": "broker-0", "read_queue_num": 1}, {"broker": "broker-0", "write_queue_num": 1}}}), 400, "DMS.10240017")
	e.fails(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": "bad-type", "message_type": "Normal"}), 400, "DMS.00400062")
	e.fails(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": "bad-broker", "queues": []map[string]any{{"broker": "broker-9", "queue_num": 1}}}), 400, "DMS.00400062")
	e.fails(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": "bad-count", "queues": []map[string]any{{"broker": "broker-0", "queue_num": 51}}}), 400, "DMS.00400062")
	e.fails(withBody(req("PUT", pTopic, "instance_id", id, "topic", "seeded"), map[string]any{"queues": []map[string]any{{"broker": "broker-0", "read_queue_num": 0}}}), 400, "DMS.00400062")
	_, err := e.srv.AddInstance(rocketmqtest.InstanceSeed{Name: "bad-type-seed", Topics: []rocketmqtest.TopicSeed{{Name: "x-topic", MessageType: "BULK"}}})
	assert.Error(t, err)
	_, err = e.srv.AddInstance(rocketmqtest.InstanceSeed{Name: "bad-desc-seed", Groups: []rocketmqtest.GroupSeed{{Name: "GID_x", Description: strings.Repeat("d", 201)}}})
	assert.Error(t, err)
}

func TestBrokerCreatedTopicsAndGroupsAreReadable(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "broker-made",
		Topics: []rocketmqtest.TopicSeed{{Name: "t1", BrokerCreated: true, Messages: 3}},
		Groups: []rocketmqtest.GroupSeed{{Name: "g", BrokerCreated: true, Topics: []string{"t1"}}},
	})
	// The API's creation rule still refuses such names.
	e.fails(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": "t2"}), 400, "DMS.00400062")
	e.fails(withBody(req("POST", pGroups, "instance_id", id), map[string]any{"name": "g2"}), 400, "DMS.00400062")
	_, err := e.srv.AddInstance(rocketmqtest.InstanceSeed{Name: "no-flag", Topics: []rocketmqtest.TopicSeed{{Name: "t1"}}})
	assert.Error(t, err, "without BrokerCreated the creation rule applies")
	_, err = e.srv.AddInstance(rocketmqtest.InstanceSeed{Name: "too-long", Topics: []rocketmqtest.TopicSeed{{Name: strings.Repeat("t", 128), BrokerCreated: true}}})
	assert.Error(t, err, "RocketMQ's own rule: 1–127 characters")
	require.NoError(t, e.srv.AddTopic(id, rocketmqtest.TopicSeed{Name: strings.Repeat("t", 127), BrokerCreated: true}))
	require.NoError(t, e.srv.AddGroup(id, rocketmqtest.GroupSeed{Name: strings.Repeat("g", 255), BrokerCreated: true}))

	tc := topics.New(e.c)
	ctx := context.Background()
	st, err := tc.GetStatus(ctx, id, "t1")
	require.NoError(t, err)
	require.NotEmpty(t, st.Brokers)
	got, err := tc.Get(ctx, id, "t1")
	require.NoError(t, err)
	assert.Equal(t, "t1", got.Name)
	var gs []string
	for g, err := range tc.ListGroupsIter(ctx, id, "t1", nil) {
		require.NoError(t, err)
		gs = append(gs, g)
	}
	assert.Equal(t, []string{"g"}, gs)
	var gr currentGroup
	e.ok(req("GET", pGroup, "instance_id", id, "group", "g"), &gr)
	assert.Equal(t, "g", gr.Name)
	assert.True(t, gr.GroupOnline)
}

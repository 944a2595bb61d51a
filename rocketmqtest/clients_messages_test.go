package rocketmqtest_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

const (
	pClients = "/v2/rocketmq/{project_id}/instances/{instance_id}/groups/{group}/clients"
	pSend    = pEngine + "/messages"
)

type clientsResp struct {
	GroupName               string `json:"group_name"`
	Online                  bool   `json:"online"`
	SubscriptionConsistency bool   `json:"subscription_consistency"`
	Total                   int    `json:"total"`
	NextOffset              int    `json:"next_offset"`
	PreviousOffset          int    `json:"previous_offset"`
	Clients                 []struct {
		Language      string `json:"language"`
		Version       string `json:"version"`
		ClientID      string `json:"client_id"`
		ClientAddr    string `json:"client_addr"`
		ConsumeType   string `json:"consume_type"`
		Subscriptions []struct {
			Topic      string `json:"topic"`
			Type       string `json:"type"`
			Expression string `json:"expression"`
		} `json:"subscriptions"`
	} `json:"clients"`
}

// clientsInstance seeds orders (20 messages) consumed by GID_orders with
// three clients, one of them subscribed differently.
func clientsInstance(t *testing.T, e *env) string {
	t.Helper()
	return e.srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "clients-inst",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders", QueueNum: 2, Messages: 20}, {Name: "refunds"}},
		Groups: []rocketmqtest.GroupSeed{
			{Name: "GID_orders", Topics: []string{"orders"}, Lag: 5, Clients: []rocketmqtest.ClientSeed{
				{ClientID: "10.0.0.1@111#1", Address: "10.0.0.1:50001", Language: "GO", Version: "v5.1.0"},
				{ClientID: "10.0.0.2@222#2"},
				{ClientID: "10.0.0.3@333#3", ConsumeType: rocketmqtest.ConsumePop, Subscriptions: []rocketmqtest.SubscriptionSeed{{Topic: "orders", Expression: "TagA||TagB"}, {Topic: "refunds", Type: "SQL92", Expression: "a > 1"}}},
			}},
			{Name: "GID_idle"},
		},
	})
}

func TestClientsListedWithSubscriptionConsistency(t *testing.T) {
	e := newEnv(t)
	id := clientsInstance(t, e)

	var cr clientsResp
	e.ok(withQuery(req("GET", pClients, "instance_id", id, "group", "GID_orders"), "is_detail", "true"), &cr)
	assert.Equal(t, "GID_orders", cr.GroupName)
	assert.True(t, cr.Online)
	assert.False(t, cr.SubscriptionConsistency, "the third client subscribes differently")
	assert.Equal(t, 3, cr.Total)
	assert.Equal(t, -1, cr.NextOffset)
	assert.Equal(t, -1, cr.PreviousOffset)
	require.Len(t, cr.Clients, 3)
	c0 := cr.Clients[0]
	assert.Equal(t, "10.0.0.1@111#1", c0.ClientID)
	assert.Equal(t, "10.0.0.1:50001", c0.ClientAddr)
	assert.Equal(t, "GO", c0.Language)
	assert.Equal(t, "v5.1.0", c0.Version)
	assert.Equal(t, "CONSUME_PASSIVELY", c0.ConsumeType)
	require.Len(t, c0.Subscriptions, 1)
	assert.Equal(t, "orders", c0.Subscriptions[0].Topic)
	assert.Equal(t, "TAG", c0.Subscriptions[0].Type)
	assert.Equal(t, "*", c0.Subscriptions[0].Expression)
	c1 := cr.Clients[1]
	assert.Equal(t, "JAVA", c1.Language, "default language")
	assert.Equal(t, "V4_9_4", c1.Version, "default version")
	assert.Regexp(t, `^192\.168\.\d+\.\d+:\d+$`, c1.ClientAddr, "default address")
	c2 := cr.Clients[2]
	assert.Equal(t, "CONSUME_POP", c2.ConsumeType)
	require.Len(t, c2.Subscriptions, 2)
	assert.Equal(t, "TagA||TagB", c2.Subscriptions[0].Expression)
	assert.Equal(t, "SQL92", c2.Subscriptions[1].Type)
	assert.Equal(t, "a > 1", c2.Subscriptions[1].Expression)

	// The brief list leaves the subscriptions out; it pages.
	var raw json.RawMessage
	e.ok(withQuery(req("GET", pClients, "instance_id", id, "group", "GID_orders"), "limit", "1", "offset", "1"), &raw)
	require.NoError(t, json.Unmarshal(raw, &cr))
	require.Len(t, cr.Clients, 1)
	assert.Equal(t, "10.0.0.2@222#2", cr.Clients[0].ClientID)
	assert.Equal(t, 3, cr.Total)
	assert.Equal(t, 2, cr.NextOffset)
	assert.Equal(t, 0, cr.PreviousOffset)
	assert.NotContains(t, string(raw), "subscriptions")

	// A group without clients: none, consistent.
	e.ok(req("GET", pClients, "instance_id", id, "group", "GID_idle"), &cr)
	assert.Empty(t, cr.Clients)
	assert.Zero(t, cr.Total)
	assert.True(t, cr.SubscriptionConsistency)
	assert.False(t, cr.Online, "no client, no subscription")

	// Clients connected later through the server.
	require.NoError(t, e.srv.AddClients(id, "GID_idle", rocketmqtest.ClientSeed{Subscriptions: []rocketmqtest.SubscriptionSeed{{Topic: "refunds"}}}))
	e.ok(req("GET", pClients, "instance_id", id, "group", "GID_idle"), &cr)
	require.Len(t, cr.Clients, 1)
	assert.Regexp(t, `^192\.168\.\d+\.\d+@\d+#0$`, cr.Clients[0].ClientID, "RocketMQ's client ID form")
	assert.True(t, cr.Online)

	e.fails(req("GET", pClients, "instance_id", id, "group", "nope"), 400, "DMS.00050012")
	e.fails(withQuery(req("GET", pClients, "instance_id", id, "group", "GID_orders"), "limit", "51"), 400, "DMS.10240042")
	e.fails(withQuery(req("GET", pClients, "instance_id", id, "group", "GID_orders"), "offset", "3"), 400, "DMS.40050010")
	e.fails(withQuery(req("GET", pClients, "instance_id", id, "group", "GID_orders"), "is_detail", "maybe"), 400, "DMS.00400062")
	assert.Error(t, e.srv.AddClients(id, "GID_idle", rocketmqtest.ClientSeed{Subscriptions: []rocketmqtest.SubscriptionSeed{{Topic: "nope"}}}))
	assert.Error(t, e.srv.AddClients(id, "GID_idle", rocketmqtest.ClientSeed{ConsumeType: "PUSH"}))
	assert.Error(t, e.srv.AddClients(id, "nope", rocketmqtest.ClientSeed{}))
}

func TestVerifyConsumptionChecksTheClient(t *testing.T) {
	e := newEnv(t)
	id := clientsInstance(t, e)
	var q struct {
		Messages []struct {
			MsgID string `json:"msg_id"`
		} `json:"messages"`
	}
	e.ok(withQuery(req("GET", pEngine+"/messages", "instance_id", id), "topic", "orders", "start_time", "0", "end_time", "99999999999999"), &q)
	require.NotEmpty(t, q.Messages)
	msg := q.Messages[0].MsgID
	verify := func(body map[string]any) *rocketmq.Request {
		return withBody(req("POST", pEngine+"/messages/resend", "instance_id", id), body)
	}
	var vr struct {
		ResendResults []struct {
			MsgID     string `json:"msg_id"`
			ErrorCode string `json:"error_code"`
		} `json:"resend_results"`
	}
	e.ok(verify(map[string]any{"group": "GID_orders", "client_id": "10.0.0.2@222#2", "msg_id_list": []string{msg}}), &vr)
	require.Len(t, vr.ResendResults, 1)
	assert.Equal(t, "DMS.00000000", vr.ResendResults[0].ErrorCode)

	ae := e.fails(verify(map[string]any{"group": "GID_orders", "client_id": "10.9.9.9@1#1", "msg_id_list": []string{msg}}), 400, "DMS.50050004")
	assert.Contains(t, ae.Message, "10.9.9.9@1#1")
	e.fails(verify(map[string]any{"group": "GID_orders", "msg_id_list": []string{msg}}), 400, "DMS.50050004")

	// topic (the current service's): the messages must be in it.
	e.ok(verify(map[string]any{"group": "GID_orders", "client_id": "10.0.0.1@111#1", "topic": "refunds", "msg_id_list": []string{msg}}), &vr)
	assert.Equal(t, "DMS.00400062", vr.ResendResults[0].ErrorCode)
	e.ok(verify(map[string]any{"group": "GID_orders", "client_id": "10.0.0.1@111#1", "topic": "orders", "msg_id_list": []string{msg}}), &vr)
	assert.Equal(t, "DMS.00000000", vr.ResendResults[0].ErrorCode)
	e.fails(verify(map[string]any{"group": "GID_orders", "client_id": "10.0.0.1@111#1", "topic": "nope", "msg_id_list": []string{msg}}), 400, "DMS.00050004")
}

type sendResp struct {
	Topic        string `json:"topic"`
	Body         string `json:"body"`
	PropertyList []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"property_list"`
	MsgID       string `json:"msg_id"`
	QueueID     int    `json:"queue_id"`
	QueueOffset int64  `json:"queue_offset"`
	BrokerName  string `json:"broker_name"`
}

func TestSendMessageIsFoundByQueryAndTraced(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "send-inst",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders", QueueNum: 3}, {Name: "readonly", Permission: "sub"}},
	})
	for _, engine := range []string{"reliability", "rocketmq"} {
		var sr sendResp
		r := withBody(req("POST", pSend, "instance_id", id, "engine", engine), map[string]any{
			"topic": "orders", "body": "hello " + engine,
			"property_list": []map[string]string{{"name": "KEYS", "value": "order-1 order-" + engine}, {"name": "TAGS", "value": "TagA"}, {"name": "color", "value": "blue"}},
		})
		e.ok(r, &sr)
		assert.Equal(t, "orders", sr.Topic)
		assert.Equal(t, "hello "+engine, sr.Body)
		require.Len(t, sr.PropertyList, 3, "the request's properties are echoed")
		assert.Equal(t, "color", sr.PropertyList[2].Name)
		assert.Regexp(t, `^[0-9A-F]{32}$`, sr.MsgID)
		assert.Equal(t, "broker-0", sr.BrokerName)
		assert.Zero(t, sr.QueueOffset)
	}

	q := func(kv ...string) *rocketmq.Request {
		return withQuery(req("GET", pEngine+"/messages", "instance_id", id), append([]string{"topic", "orders"}, kv...)...)
	}
	type msgs struct {
		Messages []struct {
			MsgID        string `json:"msg_id"`
			Body         string `json:"body"`
			QueueID      int    `json:"queue_id"`
			PropertyList []struct {
				Name  string `json:"name"`
				Value string `json:"value"`
			} `json:"property_list"`
		} `json:"messages"`
		Total int `json:"total"`
	}
	var m msgs
	all := []string{"start_time", "0", "end_time", "99999999999999"}
	// By key: one of the message's KEYS, within a time range (required
	// unless msg_id is given).
	e.ok(q(append([]string{"key", "order-1"}, all...)...), &m)
	assert.Equal(t, 2, m.Total)
	e.fails(q("key", "order-1"), 400, "DMS.00400062")
	e.ok(q(append([]string{"key", "order-rocketmq"}, all...)...), &m)
	require.Equal(t, 1, m.Total)
	sent := m.Messages[0]
	assert.Equal(t, "hello rocketmq", sent.Body)
	props := map[string]string{}
	for _, p := range sent.PropertyList {
		props[p.Name] = p.Value
	}
	assert.Equal(t, "TagA", props["TAGS"])
	assert.Equal(t, "blue", props["color"])
	e.ok(q(append([]string{"key", "order-"}, all...)...), &m)
	assert.Zero(t, m.Total, "keys match whole")
	// By msg_id.
	e.ok(q("msg_id", sent.MsgID), &m)
	require.Equal(t, 1, m.Total)
	// By time, one queue only.
	e.ok(q("start_time", "0", "end_time", "99999999999999"), &m)
	assert.Equal(t, 2, m.Total)
	e.ok(q("start_time", "0", "end_time", "99999999999999", "queue", fmt.Sprint(sent.QueueID)), &m)
	require.Equal(t, 1, m.Total)
	assert.Equal(t, sent.MsgID, m.Messages[0].MsgID)
	e.ok(q("key", "order-1", "start_time", "0", "end_time", "1"), &m)
	assert.Zero(t, m.Total, "a key within a time range")
	e.fails(q("queue", "x", "key", "order-1"), 400, "DMS.00400062")

	// The trace of the sent message.
	var tr struct {
		Trace []struct {
			TraceType   string `json:"trace_type"`
			OffsetMsgID string `json:"offset_msg_id"`
			Keys        string `json:"keys"`
		} `json:"trace"`
		Total int `json:"total"`
	}
	e.ok(withQuery(req("GET", pEngine+"/trace", "instance_id", id), "msg_id", sent.MsgID), &tr)
	require.Len(t, tr.Trace, 1)
	assert.Equal(t, "Pub", tr.Trace[0].TraceType)
	assert.Equal(t, sent.MsgID, tr.Trace[0].OffsetMsgID)
	assert.Equal(t, "order-1 order-rocketmq", tr.Trace[0].Keys)

	e.fails(withBody(req("POST", pSend, "instance_id", id), map[string]any{"topic": "nope", "body": "x"}), 400, "DMS.00050004")
	e.fails(withBody(req("POST", pSend, "instance_id", id), map[string]any{"body": "x"}), 400, "DMS.00400062")
	e.fails(withBody(req("POST", pSend, "instance_id", id), map[string]any{"topic": "orders"}), 400, "DMS.00400062")
	e.fails(withBody(req("POST", pSend, "instance_id", id), map[string]any{"topic": "readonly", "body": "x"}), 400, "DMS.00400062")
	e.fails(withBody(req("POST", pSend, "instance_id", id, "engine", "kafka"), map[string]any{"topic": "orders", "body": "x"}), 400, "DMS.00400007")
}

func TestTracesPageLikeTheService(t *testing.T) {
	e := newEnv(t)
	groups := make([]rocketmqtest.GroupSeed, 6)
	for i := range groups {
		groups[i] = rocketmqtest.GroupSeed{Name: fmt.Sprintf("GID_%d", i), Topics: []string{"orders"}}
	}
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name: "trace-inst", Topics: []rocketmqtest.TopicSeed{{Name: "orders", QueueNum: 1, Messages: 1}}, Groups: groups,
	})
	var m struct {
		Messages []struct {
			MsgID string `json:"msg_id"`
		} `json:"messages"`
	}
	e.ok(withQuery(req("GET", pEngine+"/messages", "instance_id", id), "topic", "orders", "start_time", "0", "end_time", "99999999999999"), &m)
	require.Len(t, m.Messages, 1)
	type page struct {
		Trace []struct {
			TraceType string `json:"trace_type"`
			GroupName string `json:"group_name"`
		} `json:"trace"`
		Total          int `json:"total"`
		NextOffset     int `json:"next_offset"`
		PreviousOffset int `json:"previous_offset"`
	}
	var p page
	// Pub and 6 × (SubBefore, SubAfter): 13 records, 10 by default.
	e.ok(withQuery(req("GET", pEngine+"/trace", "instance_id", id), "msg_id", m.Messages[0].MsgID), &p)
	assert.Equal(t, 13, p.Total)
	assert.Len(t, p.Trace, 10)
	assert.Equal(t, 10, p.NextOffset)
	assert.Equal(t, -1, p.PreviousOffset)
	e.ok(withQuery(req("GET", pEngine+"/trace", "instance_id", id), "msg_id", m.Messages[0].MsgID, "limit", "4", "offset", "10"), &p)
	require.Len(t, p.Trace, 3)
	assert.Equal(t, "GID_5", p.Trace[2].GroupName)
	assert.Equal(t, "SubAfter", p.Trace[2].TraceType)
	assert.Equal(t, -1, p.NextOffset)
	assert.Equal(t, 6, p.PreviousOffset)
	e.fails(withQuery(req("GET", pEngine+"/trace", "instance_id", id), "msg_id", m.Messages[0].MsgID, "limit", "0"), 400, "DMS.10240042")
}

func TestMetadataBatchDelete(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "meta-inst"})
	rocket := []byte(`{"topicConfigTable": {"fresh": {"topicName": "fresh", "readQueueNums": 2, "writeQueueNums": 2, "perm": 6}}}`)
	var ids []string
	for i := range 3 {
		var tid string
		e.ok(withQuery(withBody(req("POST", pMetadata, "instance_id", id), rocket), "name", fmt.Sprintf("task-%d", i), "type", "rocketmq", "overwrite", "true"), &tid)
		ids = append(ids, tid)
	}
	var out struct {
		SuccessTaskList []string `json:"success_task_list"`
	}
	e.ok(withBody(req("POST", pMetadata+"/batch-delete", "instance_id", id), map[string]any{"task_ids": []string{ids[0], "unknown", ids[2]}}), &out)
	assert.Equal(t, []string{ids[0], ids[2]}, out.SuccessTaskList, "unknown IDs are left out")
	var tl struct {
		Total int `json:"total"`
		Task  []struct {
			ID string `json:"id"`
		} `json:"task"`
	}
	e.ok(req("GET", pMetadata, "instance_id", id), &tl)
	require.Equal(t, 1, tl.Total)
	assert.Equal(t, ids[1], tl.Task[0].ID)
	e.fails(withBody(req("POST", pMetadata+"/batch-delete", "instance_id", id), map[string]any{"task_ids": []string{}}), 400, "DMS.00400062")
	e.fails(withBody(req("POST", pMetadata+"/batch-delete", "instance_id", id), map[string]any{"taskIds": []string{ids[1]}}), 400, "DMS.00400062")
}

package rocketmqtest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

type topicResp struct {
	Name               string `json:"name"`
	TotalReadQueueNum  int    `json:"total_read_queue_num"`
	TotalWriteQueueNum int    `json:"total_write_queue_num"`
	Permission         string `json:"permission"`
	Brokers            []struct {
		BrokerName    string `json:"broker_name"`
		ReadQueueNum  int    `json:"read_queue_num"`
		WriteQueueNum int    `json:"write_queue_num"`
	} `json:"brokers"`
}

type groupResp struct {
	Enabled       bool     `json:"enabled"`
	Broadcast     bool     `json:"broadcast"`
	Brokers       []string `json:"brokers"`
	Name          string   `json:"name"`
	RetryMaxTime  int      `json:"retry_max_time"`
	FromBeginning bool     `json:"from_beginning"`
}

func TestTopics(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "topics-inst", BrokerNum: 2, StorageSpace: 600})

	var created struct {
		ID string `json:"id"`
	}
	e.ok(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": "topic-test", "brokers": []string{"broker-0"}, "queue_num": 3, "permission": "all"}), &created)
	assert.Equal(t, "topic-test", created.ID)

	var tp topicResp
	e.ok(req("GET", pTopic, "instance_id", id, "topic", "topic-test"), &tp)
	assert.Equal(t, "topic-test", tp.Name)
	assert.Equal(t, 3, tp.TotalReadQueueNum)
	assert.Equal(t, 3, tp.TotalWriteQueueNum)
	assert.Equal(t, "all", tp.Permission)
	require.Len(t, tp.Brokers, 1)
	assert.Equal(t, "broker-0", tp.Brokers[0].BrokerName)

	// Defaults: all brokers, 8 queues each.
	e.ok(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": "defaults"}), nil)
	e.ok(req("GET", pTopic, "instance_id", id, "topic", "defaults"), &tp)
	assert.Equal(t, 16, tp.TotalReadQueueNum)
	assert.Len(t, tp.Brokers, 2)

	// Validation.
	e.fails(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": "topic-test"}), 400, "DMS.00400800")
	e.fails(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": "ab"}), 400, "DMS.00400062")
	e.fails(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": "bad name"}), 400, "DMS.00400062")
	e.fails(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": "q-zero", "queue_num": 0}), 400, "DMS.00400062")
	e.fails(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": "q-many", "queue_num": 51}), 400, "DMS.00400062")
	e.fails(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": "perm-bad", "permission": "rw"}), 400, "DMS.00400062")
	e.fails(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": "broker-bad", "brokers": []string{"broker-7"}}), 400, "DMS.00400062")
	e.fails(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": "%DLQ%x"}), 400, "DMS.00400062")
	e.fails(withBody(req("POST", pTopics, "instance_id", id), nil), 400, "DMS.00400004")
	e.fails(withBody(req("POST", pTopics, "instance_id", id), []byte("{")), 400, "DMS.00400005")

	// Update: totals spread over the topic's brokers.
	resp := e.ok(withBody(req("PUT", pTopic, "instance_id", id, "topic", "defaults"), map[string]any{"read_queue_num": 3, "write_queue_num": 4, "permission": "sub"}), nil)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	e.ok(req("GET", pTopic, "instance_id", id, "topic", "defaults"), &tp)
	assert.Equal(t, 3, tp.TotalReadQueueNum)
	assert.Equal(t, 4, tp.TotalWriteQueueNum)
	assert.Equal(t, "sub", tp.Permission)
	assert.Equal(t, 2, tp.Brokers[0].ReadQueueNum)
	assert.Equal(t, 1, tp.Brokers[1].ReadQueueNum)
	e.fails(withBody(req("PUT", pTopic, "instance_id", id, "topic", "defaults"), map[string]any{"read_queue_num": 0}), 400, "DMS.00400062")
	e.fails(withBody(req("PUT", pTopic, "instance_id", id, "topic", "nope"), map[string]any{"read_queue_num": 1}), 400, "DMS.00050004")

	// List (beyond the reference) with paging.
	for i := range 5 {
		e.ok(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": fmt.Sprintf("page-%d", i)}), nil)
	}
	var list struct {
		Total          int         `json:"total"`
		Max            int         `json:"max"`
		Remaining      int         `json:"remaining"`
		NextOffset     int         `json:"next_offset"`
		PreviousOffset int         `json:"previous_offset"`
		Topics         []topicResp `json:"topics"`
	}
	e.ok(withQuery(req("GET", pTopics, "instance_id", id), "limit", "3", "offset", "3"), &list)
	assert.Equal(t, 7, list.Total)
	assert.Equal(t, 8000, list.Max)
	assert.Equal(t, 7993, list.Remaining)
	assert.Equal(t, 6, list.NextOffset)
	assert.Equal(t, 0, list.PreviousOffset)
	require.Len(t, list.Topics, 3)
	assert.Equal(t, "page-2", list.Topics[0].Name, "sorted by name")
	assert.NotEmpty(t, list.Topics[0].Brokers)
	e.ok(withQuery(req("GET", pTopics, "instance_id", id), "limit", "50"), &list)
	assert.Len(t, list.Topics, 7)
	assert.Equal(t, -1, list.NextOffset)
	assert.Equal(t, -1, list.PreviousOffset)
	e.fails(withQuery(req("GET", pTopics, "instance_id", id), "offset", "7"), 400, "DMS.40050010")
	e.fails(withQuery(req("GET", pTopics, "instance_id", id), "limit", "100"), 400, "DMS.10240042")

	// Batch delete and delete.
	var job struct {
		JobID string `json:"job_id"`
	}
	e.ok(withQuery(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"topics": []string{"page-0", "page-1"}}), "action", "delete"), &job)
	assert.Len(t, job.JobID, 32)
	e.fails(withQuery(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"topics": []string{"page-2", "nope"}}), "action", "delete"), 400, "DMS.00050004")
	e.ok(req("GET", pTopic, "instance_id", id, "topic", "page-2"), nil)
	resp = e.ok(req("DELETE", pTopic, "instance_id", id, "topic", "page-2"), nil)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	err := e.fails(req("GET", pTopic, "instance_id", id, "topic", "page-2"), 400, "DMS.00050004")
	assert.True(t, rocketmq.IsNotFound(err))
	e.fails(req("DELETE", pTopic, "instance_id", id, "topic", "page-2"), 400, "DMS.00050004")
}

func TestTopicStatusAndGroups(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "status-inst",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders", QueueNum: 2, Messages: 10}, {Name: "empty"}},
		Groups: []rocketmqtest.GroupSeed{
			{Name: "CID_JODIE_1", Topics: []string{"orders"}, Lag: 4},
			{Name: "test_consumer", Topics: []string{"orders"}},
			{Name: "idle"},
		},
	})
	var st struct {
		Brokers []struct {
			BrokerName string `json:"broker_name"`
			Queues     []struct {
				ID              int   `json:"id"`
				MinOffset       int64 `json:"min_offset"`
				MaxOffset       int64 `json:"max_offset"`
				LastMessageTime int64 `json:"last_message_time"`
			} `json:"queues"`
		} `json:"brokers"`
	}
	e.ok(req("GET", pTopic+"/status", "instance_id", id, "topic", "orders"), &st)
	require.Len(t, st.Brokers, 1)
	require.Len(t, st.Brokers[0].Queues, 2)
	assert.EqualValues(t, 5, st.Brokers[0].Queues[0].MaxOffset)
	assert.EqualValues(t, 5, st.Brokers[0].Queues[1].MaxOffset)
	assert.Positive(t, st.Brokers[0].Queues[0].LastMessageTime)
	e.ok(req("GET", pTopic+"/status", "instance_id", id, "topic", "empty"), &st)
	assert.Zero(t, st.Brokers[0].Queues[0].LastMessageTime)
	e.fails(req("GET", pTopic+"/status", "instance_id", id, "topic", "nope"), 400, "DMS.00050004")

	var groups struct {
		Groups []string `json:"groups"`
		Total  int      `json:"total"`
	}
	e.ok(req("GET", pTopic+"/groups", "instance_id", id, "topic", "orders"), &groups)
	assert.Equal(t, []string{"CID_JODIE_1", "test_consumer"}, groups.Groups)
	assert.Equal(t, 2, groups.Total)
	e.ok(withQuery(req("GET", pTopic+"/groups", "instance_id", id, "topic", "orders"), "limit", "1", "offset", "1"), &groups)
	assert.Equal(t, []string{"test_consumer"}, groups.Groups)
	e.ok(req("GET", pTopic+"/groups", "instance_id", id, "topic", "empty"), &groups)
	assert.Equal(t, []string{}, groups.Groups)
}

func TestGroups(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "groups-inst"})

	var created struct {
		Name string `json:"name"`
	}
	e.ok(withBody(req("POST", pGroups, "instance_id", id), map[string]any{
		"name": "consumer-group-test", "brokers": []string{"broker-0"}, "from_beginning": false, "broadcast": false, "retry_max_time": 16,
	}), &created)
	assert.Equal(t, "consumer-group-test", created.Name)
	e.fails(withBody(req("POST", pGroups, "instance_id", id), map[string]any{"name": "consumer-group-test"}), 400, "DMS.10240018")
	e.fails(withBody(req("POST", pGroups, "instance_id", id), map[string]any{"name": "g"}), 400, "DMS.00400062")
	e.fails(withBody(req("POST", pGroups, "instance_id", id), map[string]any{"name": "retry-bad", "retry_max_time": 17}), 400, "DMS.00400062")
	e.fails(withBody(req("POST", pGroups, "instance_id", id), map[string]any{"name": "broker-bad", "brokers": []string{"broker-1"}}), 400, "DMS.00400062")

	// Names with % and | go through the path (and the signature) intact.
	const odd = "CID%order|v2"
	e.ok(withBody(req("POST", pGroups, "instance_id", id), map[string]any{"name": odd}), &created)
	var raw json.RawMessage
	e.ok(req("GET", pGroup, "instance_id", id, "group", odd), &raw)
	g := obj(t, raw)
	assert.Equal(t, odd, g["name"])
	assert.Nil(t, g["app_id"], "app_id is null, as in the reference")
	assert.Contains(t, g, "app_id")
	assert.Equal(t, []any{}, g["permissions"])
	assert.Equal(t, true, g["enabled"], "enabled by default")
	assert.EqualValues(t, 16, g["retry_max_time"])
	last := e.srv.Requests("GET /v2/")
	assert.Contains(t, last[len(last)-1].EscapedPath, "CID%25order%7Cv2")

	resp := e.ok(withBody(req("PUT", pGroup, "instance_id", id, "group", odd), map[string]any{"name": odd, "enabled": false, "retry_max_time": 3, "from_beginning": true, "broadcast": true}), nil)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	var gr groupResp
	e.ok(req("GET", pGroup, "instance_id", id, "group", odd), &gr)
	assert.False(t, gr.Enabled)
	assert.True(t, gr.Broadcast)
	assert.Equal(t, 3, gr.RetryMaxTime)
	e.fails(withBody(req("PUT", pGroup, "instance_id", id, "group", odd), map[string]any{"name": "other"}), 400, "DMS.00400062")

	// Batch update.
	var job struct {
		JobID string `json:"job_id"`
	}
	e.ok(withBody(req("PUT", pGroups, "instance_id", id), map[string]any{"groups": []map[string]any{
		{"enabled": true, "broadcast": false, "brokers": []string{"broker-0"}, "name": "consumer-group-test", "retry_max_time": 10, "from_beginning": false},
		{"name": odd, "enabled": true},
	}}), &job)
	assert.NotEmpty(t, job.JobID)
	e.ok(req("GET", pGroup, "instance_id", id, "group", "consumer-group-test"), &gr)
	assert.Equal(t, 10, gr.RetryMaxTime)
	e.fails(withBody(req("PUT", pGroups, "instance_id", id), map[string]any{"groups": []map[string]any{{"name": "nope", "enabled": true}}}), 400, "DMS.00050012")
	e.fails(withBody(req("PUT", pGroup, "instance_id", id, "group", "consumer-group-test"), map[string]any{"retry_max_time": 0}), 400, "DMS.00400062")
	e.fails(withBody(req("PUT", pGroup, "instance_id", id, "group", "consumer-group-test"), map[string]any{"retry_max_time": 17}), 400, "DMS.00400062")
	e.ok(withBody(req("PUT", pGroup, "instance_id", id, "group", "consumer-group-test"), map[string]any{"retry_max_time": 1}), nil)
	e.ok(req("GET", pGroup, "instance_id", id, "group", "consumer-group-test"), &gr)
	assert.Equal(t, 1, gr.RetryMaxTime, "retry_max_time is 1–16")

	// List with paging fields.
	for i := range 3 {
		e.ok(withBody(req("POST", pGroups, "instance_id", id), map[string]any{"name": fmt.Sprintf("extra-%d", i)}), nil)
	}
	var list struct {
		Total          int         `json:"total"`
		Groups         []groupResp `json:"groups"`
		Max            int         `json:"max"`
		Remaining      int         `json:"remaining"`
		NextOffset     int         `json:"next_offset"`
		PreviousOffset int         `json:"previous_offset"`
	}
	e.ok(withQuery(req("GET", pGroups, "instance_id", id), "limit", "2"), &list)
	assert.Equal(t, 5, list.Total)
	assert.Len(t, list.Groups, 2)
	assert.Equal(t, 4000, list.Max)
	assert.Equal(t, 3995, list.Remaining)
	assert.Equal(t, 2, list.NextOffset)
	assert.Equal(t, -1, list.PreviousOffset)
	e.ok(withQuery(req("GET", pGroups, "instance_id", id), "group", "extra"), &list)
	assert.Equal(t, 3, list.Total)
	e.fails(withQuery(req("GET", pGroups, "instance_id", id), "offset", "5"), 400, "DMS.40050010")

	// Batch delete, delete, not found.
	e.ok(withQuery(withBody(req("POST", pGroups, "instance_id", id), map[string]any{"groups": []string{"extra-0", "extra-1"}}), "action", "delete"), &job)
	assert.NotEmpty(t, job.JobID)
	e.fails(withQuery(withBody(req("POST", pGroups, "instance_id", id), map[string]any{"groups": []string{"extra-0"}}), "action", "delete"), 400, "DMS.00050012")
	resp = e.ok(req("DELETE", pGroup, "instance_id", id, "group", odd), nil)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	apiErr := e.fails(req("GET", pGroup, "instance_id", id, "group", odd), 400, "DMS.00050012")
	assert.True(t, rocketmq.IsNotFound(apiErr))
	e.fails(req("DELETE", pGroup, "instance_id", id, "group", odd), 400, "DMS.00050012")
	e.fails(req("GET", pGroup+"/topics", "instance_id", id, "group", odd), 400, "DMS.00050012")
}

type consumeDetail struct {
	Brokers []struct {
		BrokerName string `json:"broker_name"`
		Queues     []struct {
			ID              int   `json:"id"`
			Lag             int64 `json:"lag"`
			BrokerOffset    int64 `json:"broker_offset"`
			ConsumerOffset  int64 `json:"consumer_offset"`
			LastMessageTime int64 `json:"last_message_time"`
		} `json:"queues"`
	} `json:"brokers"`
}

func (d consumeDetail) lag() (lag, broker, consumer int64) {
	for _, b := range d.Brokers {
		for _, q := range b.Queues {
			lag += q.Lag
			broker += q.BrokerOffset
			consumer += q.ConsumerOffset
		}
	}
	return
}

func TestConsumptionAndResetOffset(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "consume-inst",
		Topics: []rocketmqtest.TopicSeed{{Name: "test0001", QueueNum: 3, Messages: 30}, {Name: "test0002", Messages: 6}, {Name: "unused"}},
		Groups: []rocketmqtest.GroupSeed{{Name: "billing", Topics: []string{"test0001", "test0002"}, Lag: 6}},
	})

	// List mode.
	var list struct {
		Topics []string `json:"topics"`
		Total  int      `json:"total"`
	}
	e.ok(req("GET", pGroup+"/topics", "instance_id", id, "group", "billing"), &list)
	assert.Equal(t, []string{"test0001", "test0002"}, list.Topics)
	assert.Equal(t, 2, list.Total)
	e.ok(withQuery(req("GET", pGroup+"/topics", "instance_id", id, "group", "billing"), "limit", "1", "offset", "1"), &list)
	assert.Equal(t, []string{"test0002"}, list.Topics)
	e.fails(withQuery(req("GET", pGroup+"/topics", "instance_id", id, "group", "billing"), "offset", "2"), 400, "DMS.40050010")

	// Detail mode.
	var d consumeDetail
	e.ok(withQuery(req("GET", pGroup+"/topics", "instance_id", id, "group", "billing"), "topic", "test0001"), &d)
	require.Len(t, d.Brokers, 1)
	assert.Equal(t, "broker-0", d.Brokers[0].BrokerName)
	require.Len(t, d.Brokers[0].Queues, 3)
	lag, brokerOff, consumerOff := d.lag()
	assert.EqualValues(t, 6, lag)
	assert.EqualValues(t, 30, brokerOff)
	assert.EqualValues(t, 24, consumerOff)
	for _, q := range d.Brokers[0].Queues {
		assert.Equal(t, q.BrokerOffset-q.ConsumerOffset, q.Lag)
		assert.Positive(t, q.LastMessageTime)
	}
	e.ok(withQuery(req("GET", pGroup+"/topics", "instance_id", id, "group", "billing"), "topic", "unused"), &d)
	assert.Empty(t, d.Brokers, "not subscribed: no consumption data")
	e.fails(withQuery(req("GET", pGroup+"/topics", "instance_id", id, "group", "billing"), "topic", "nope"), 400, "DMS.00050004")

	// Consume more, then reset to the beginning.
	n, err := e.srv.Consume(id, "billing", "test0001", 100)
	require.NoError(t, err)
	assert.Equal(t, 6, n)
	e.ok(withQuery(req("GET", pGroup+"/topics", "instance_id", id, "group", "billing"), "topic", "test0001"), &d)
	lag, _, _ = d.lag()
	assert.Zero(t, lag)

	var reset struct {
		Queues []struct {
			BrokerName      string `json:"broker_name"`
			QueueID         int    `json:"queue_id"`
			TimestampOffset int64  `json:"timestamp_offset"`
		} `json:"queues"`
	}
	e.ok(withBody(req("POST", "/v2/{engine}/{project_id}/instances/{instance_id}/groups/{group}/reset-message-offset", "instance_id", id, "group", "billing"),
		map[string]any{"topic": "test0001", "timestamp": 0}), &reset)
	require.Len(t, reset.Queues, 3)
	assert.Equal(t, "broker-0", reset.Queues[0].BrokerName)
	assert.Zero(t, reset.Queues[0].TimestampOffset)
	e.ok(withQuery(req("GET", pGroup+"/topics", "instance_id", id, "group", "billing"), "topic", "test0001"), &d)
	lag, _, consumerOff = d.lag()
	assert.EqualValues(t, 30, lag)
	assert.Zero(t, consumerOff)

	// Reset to the future: everything consumed.
	e.ok(withBody(req("POST", "/v2/{engine}/{project_id}/instances/{instance_id}/groups/{group}/reset-message-offset", "instance_id", id, "group", "billing"),
		map[string]any{"topic": "test0001", "timestamp": time.Now().Add(time.Hour).UnixMilli()}), &reset)
	assert.EqualValues(t, 10, reset.Queues[0].TimestampOffset)
	e.ok(withQuery(req("GET", pGroup+"/topics", "instance_id", id, "group", "billing"), "topic", "test0001"), &d)
	lag, _, _ = d.lag()
	assert.Zero(t, lag)

	// Reset of a topic not yet consumed subscribes the group.
	e.ok(withBody(req("POST", "/v2/{engine}/{project_id}/instances/{instance_id}/groups/{group}/reset-message-offset", "instance_id", id, "group", "billing"),
		map[string]any{"topic": "unused", "timestamp": 1662652800000}), &reset)
	e.ok(req("GET", pGroup+"/topics", "instance_id", id, "group", "billing"), &list)
	assert.Equal(t, 3, list.Total)

	e.fails(withBody(req("POST", "/v2/{engine}/{project_id}/instances/{instance_id}/groups/{group}/reset-message-offset", "instance_id", id, "group", "nope"),
		map[string]any{"topic": "test0001", "timestamp": 0}), 400, "DMS.00050012")
	e.fails(withBody(req("POST", "/v2/{engine}/{project_id}/instances/{instance_id}/groups/{group}/reset-message-offset", "instance_id", id, "group", "billing"),
		map[string]any{"topic": "nope", "timestamp": 0}), 400, "DMS.00050004")
	e.fails(withBody(req("POST", "/v2/{engine}/{project_id}/instances/{instance_id}/groups/{group}/reset-message-offset", "instance_id", id, "group", "billing"),
		map[string]any{"topic": "test0001", "timestamp": -5}), 400, "DMS.00400142")

	// Another engine is refused.
	other, err := e.srv.Client(rocketmq.WithEngine("kafka"))
	require.NoError(t, err)
	(&env{t: t, srv: e.srv, c: other}).fails(withBody(req("POST", "/v2/{engine}/{project_id}/instances/{instance_id}/groups/{group}/reset-message-offset", "instance_id", id, "group", "billing"),
		map[string]any{"topic": "test0001"}), 400, "DMS.00400007")
}

func TestSampleTraffic(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithSampleTraffic())
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "sample-inst"})
	e.ok(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": "orders"}), nil)
	e.ok(withBody(req("POST", pGroups, "instance_id", id), map[string]any{"name": "billing"}), nil)
	var d consumeDetail
	e.ok(withQuery(req("GET", pGroup+"/topics", "instance_id", id, "group", "billing"), "topic", "orders"), &d)
	lag, broker, consumer := d.lag()
	assert.Positive(t, broker)
	assert.Positive(t, consumer)
	assert.Positive(t, lag)
}

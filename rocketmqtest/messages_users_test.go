package rocketmqtest_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

type messageResp struct {
	MsgID          string `json:"msg_id"`
	InstanceID     string `json:"instance_id"`
	Topic          string `json:"topic"`
	StoreTimestamp int64  `json:"store_timestamp"`
	BornTimestamp  int64  `json:"born_timestamp"`
	ReconsumeTimes int    `json:"reconsume_times"`
	Body           string `json:"body"`
	BodyCRC        int64  `json:"body_crc"`
	StoreSize      int    `json:"store_size"`
	PropertyList   []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"property_list"`
	BornHost    string `json:"born_host"`
	StoreHost   string `json:"store_host"`
	QueueID     int    `json:"queue_id"`
	QueueOffset int64  `json:"queue_offset"`
}

func (m messageResp) prop(name string) string {
	for _, p := range m.PropertyList {
		if p.Name == name {
			return p.Value
		}
	}
	return ""
}

func TestMessages(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "msg-inst",
		Topics: []rocketmqtest.TopicSeed{{Name: "topic-test", QueueNum: 3, Messages: 12}},
		Groups: []rocketmqtest.GroupSeed{{Name: "GID_test", Topics: []string{"topic-test"}, Lag: 2}},
	})
	ids, err := e.srv.Produce(id, "topic-test", rocketmqtest.Message{Body: "Hello world", Tags: "TagA", Keys: "OrderID188", Properties: map[string]string{"trace": "on"}})
	require.NoError(t, err)
	require.Len(t, ids, 1)
	assert.Regexp(t, `^[0-9A-F]{32}$`, ids[0])

	// By time range, paged.
	now := time.Now()
	q := func(kv ...string) *rocketmq.Request {
		return withQuery(req("GET", pEngine+"/messages", "instance_id", id), kv...)
	}
	start := strconv.FormatInt(now.Add(-2*time.Hour).UnixMilli(), 10)
	end := strconv.FormatInt(now.Add(time.Minute).UnixMilli(), 10)
	var page struct {
		Messages []messageResp `json:"messages"`
		Total    int           `json:"total"`
	}
	var raw json.RawMessage
	e.ok(q("topic", "topic-test", "start_time", start, "end_time", end, "limit", "5"), &raw)
	require.NoError(t, json.Unmarshal(raw, &page))
	assert.Equal(t, 13, page.Total)
	assert.Len(t, page.Messages, 5)
	assert.Contains(t, string(raw), `"queue_id":`, "numbers, as the service sends them")
	e.ok(q("topic", "topic-test", "start_time", start, "end_time", end, "limit", "5", "offset", "10"), &page)
	assert.Len(t, page.Messages, 3)
	e.fails(q("topic", "topic-test", "start_time", start, "end_time", end, "offset", "13"), 400, "DMS.40050010")
	e.ok(q("topic", "topic-test", "start_time", "0", "end_time", "1"), &page)
	assert.Zero(t, page.Total)

	// By msg_id.
	e.ok(q("topic", "topic-test", "msg_id", ids[0]), &page)
	require.Equal(t, 1, page.Total)
	m := page.Messages[0]
	assert.Equal(t, ids[0], m.MsgID)
	assert.Equal(t, id, m.InstanceID)
	assert.Equal(t, "Hello world", m.Body)
	assert.Equal(t, "TagA", m.prop("TAGS"))
	assert.Equal(t, "OrderID188", m.prop("KEYS"))
	assert.Equal(t, "DmsCluster", m.prop("CLUSTER"))
	assert.Equal(t, "on", m.prop("trace"))
	assert.Regexp(t, `^[0-9A-F]{32}$`, m.prop("UNIQ_KEY"), "RocketMQ's 32 hex digits")
	assert.Regexp(t, `^192\.168\.\d+\.\d+:10100$`, m.StoreHost)
	assert.Positive(t, m.StoreSize)
	assert.Positive(t, m.BodyCRC)
	assert.GreaterOrEqual(t, m.StoreTimestamp, m.BornTimestamp)

	e.fails(q("start_time", start, "end_time", end), 400, "DMS.00400062")
	e.fails(q("topic", "topic-test"), 400, "DMS.00400062")
	e.fails(q("topic", "topic-test", "start_time", "yesterday", "end_time", end), 400, "DMS.00400142")
	e.fails(q("topic", "nope", "msg_id", "x"), 400, "DMS.00050004")

	// Trace: paged like the current service ({trace, total, …}); Pub, then
	// SubBefore/SubAfter of the consuming group.
	var traces []map[string]any
	e.ok(withQuery(req("GET", pEngine+"/trace", "instance_id", id), "msg_id", ids[0]), &raw)
	var tracePage struct {
		Trace []map[string]any `json:"trace"`
		Total int              `json:"total"`
	}
	require.NoError(t, json.Unmarshal(raw, &tracePage))
	traces = tracePage.Trace
	assert.Equal(t, 1, tracePage.Total)
	require.Len(t, traces, 1, "not consumed yet")
	assert.Equal(t, "Pub", traces[0]["trace_type"])
	assert.Equal(t, m.prop("UNIQ_KEY"), traces[0]["msg_id"])
	assert.Equal(t, ids[0], traces[0]["offset_msg_id"])
	assert.Nil(t, traces[0]["transaction_state"])
	_, err = e.srv.Consume(id, "GID_test", "topic-test", 10)
	require.NoError(t, err)
	e.ok(withQuery(req("GET", pEngine+"/trace", "instance_id", id), "msg_id", m.prop("UNIQ_KEY")), &tracePage)
	traces = tracePage.Trace
	require.Len(t, traces, 3)
	assert.Equal(t, "SubBefore", traces[1]["trace_type"])
	assert.Equal(t, "SubAfter", traces[2]["trace_type"])
	assert.Equal(t, "GID_test", traces[2]["group_name"])
	e.ok(withQuery(req("GET", pEngine+"/trace", "instance_id", id), "msg_id", "unknown"), &tracePage)
	assert.Empty(t, tracePage.Trace)
	assert.Zero(t, tracePage.Total)
	e.fails(req("GET", pEngine+"/trace", "instance_id", id), 400, "DMS.00400062")

	// Consumption verification.
	var vr struct {
		ResendResults []struct {
			MsgID        string `json:"msg_id"`
			ErrorCode    string `json:"error_code"`
			ErrorMessage string `json:"error_message"`
		} `json:"resend_results"`
	}
	e.ok(withBody(req("POST", pEngine+"/messages/resend", "instance_id", id), map[string]any{"group": "GID_test", "client_id": "192.168.0.1", "msg_id_list": []string{ids[0], "nope"}}), &vr)
	require.Len(t, vr.ResendResults, 2)
	assert.Equal(t, "DMS.00000000", vr.ResendResults[0].ErrorCode)
	assert.Equal(t, "Success.", vr.ResendResults[0].ErrorMessage)
	assert.NotEqual(t, "DMS.00000000", vr.ResendResults[1].ErrorCode)
	e.fails(withBody(req("POST", pEngine+"/messages/resend", "instance_id", id), map[string]any{"group": "nope", "msg_id_list": []string{ids[0]}}), 400, "DMS.00050012")
	require.NoError(t, e.srv.AddGroup(id, rocketmqtest.GroupSeed{Name: "offline"}))
	e.fails(withBody(req("POST", pEngine+"/messages/resend", "instance_id", id), map[string]any{"group": "offline", "msg_id_list": []string{ids[0]}}), 400, "DMS.50050004")
}

func TestDeadLetters(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "dlq-inst",
		Topics: []rocketmqtest.TopicSeed{{Name: "topic_01", Messages: 8}},
		Groups: []rocketmqtest.GroupSeed{{Name: "group1", Topics: []string{"topic_01"}, DeadLetters: 3}},
	})
	more, err := e.srv.AddDeadLetters(id, "group1", "topic_01", 1)
	require.NoError(t, err)
	require.Len(t, more, 1)

	var all []messageResp
	e.ok(withBody(req("POST", pInstance+"/messages/export", "instance_id", id), map[string]any{"topic": "%DLQ%group1"}), &all)
	require.Len(t, all, 4)
	for _, m := range all {
		assert.Equal(t, "%DLQ%group1", m.Topic)
		assert.Equal(t, 16, m.ReconsumeTimes)
		assert.NotEmpty(t, m.prop("ORIGIN_MESSAGE_ID"))
		assert.Equal(t, "topic_01", m.prop("RETRY_TOPIC"))
	}
	var some []messageResp
	e.ok(withBody(req("POST", pInstance+"/messages/export", "instance_id", id), map[string]any{
		"topic": "%DLQ%group1", "msg_id_list": []string{all[0].MsgID}, "uniq_key_list": []string{all[1].prop("UNIQ_KEY")},
	}), &some)
	assert.Len(t, some, 2)
	e.fails(withBody(req("POST", pInstance+"/messages/export", "instance_id", id), map[string]any{"topic": "%DLQ%nope"}), 400, "DMS.00050004")

	// Query the dead-letter topic like any other.
	var page struct {
		Total int `json:"total"`
	}
	e.ok(withQuery(req("GET", pEngine+"/messages", "instance_id", id), "topic", "%DLQ%group1", "msg_id", all[2].MsgID), &page)
	assert.Equal(t, 1, page.Total)

	// Resend to the original topic.
	var before struct {
		Total int `json:"total"`
	}
	span := []string{"start_time", "0", "end_time", strconv.FormatInt(time.Now().Add(time.Hour).UnixMilli(), 10)}
	e.ok(withQuery(req("GET", pEngine+"/messages", "instance_id", id), append([]string{"topic", "topic_01"}, span...)...), &before)
	var rr struct {
		ResendResults []struct {
			MsgID     string `json:"msg_id"`
			ErrorCode string `json:"error_code"`
		} `json:"resend_results"`
	}
	e.ok(withBody(req("POST", pEngine+"/messages/deadletter-resend", "instance_id", id), map[string]any{"topic": "%DLQ%group1", "msg_id_list": []string{all[0].MsgID, "id1"}}), &rr)
	require.Len(t, rr.ResendResults, 2)
	assert.Equal(t, "DMS.00000000", rr.ResendResults[0].ErrorCode)
	assert.NotEqual(t, "DMS.00000000", rr.ResendResults[1].ErrorCode)
	var after struct {
		Total int `json:"total"`
	}
	e.ok(withQuery(req("GET", pEngine+"/messages", "instance_id", id), append([]string{"topic", "topic_01"}, span...)...), &after)
	assert.Equal(t, before.Total+1, after.Total)

	// The reference's example names the original topic: accepted too.
	e.ok(withBody(req("POST", pEngine+"/messages/deadletter-resend", "instance_id", id), map[string]any{"topic": "topic_01", "msg_id_list": []string{all[1].MsgID}}), &rr)
	require.Len(t, rr.ResendResults, 1)
	assert.Equal(t, "DMS.00000000", rr.ResendResults[0].ErrorCode)
	e.ok(withQuery(req("GET", pEngine+"/messages", "instance_id", id), append([]string{"topic", "topic_01"}, span...)...), &after)
	assert.Equal(t, before.Total+2, after.Total)
	e.fails(withBody(req("POST", pEngine+"/messages/deadletter-resend", "instance_id", id), map[string]any{"topic": "%DLQ%group1"}), 400, "DMS.00400062")
}

type userResp struct {
	AccessKey          string `json:"access_key"`
	SecretKey          string `json:"secret_key"`
	WhiteRemoteAddress string `json:"white_remote_address"`
	Admin              bool   `json:"admin"`
	DefaultTopicPerm   string `json:"default_topic_perm"`
	DefaultGroupPerm   string `json:"default_group_perm"`
	TopicPerms         []struct {
		Name string `json:"name"`
		Perm string `json:"perm"`
	} `json:"topic_perms"`
	GroupPerms []struct {
		Name string `json:"name"`
		Perm string `json:"perm"`
	} `json:"group_perms"`
}

func TestUsers(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "users-inst",
		Topics: []rocketmqtest.TopicSeed{{Name: "topic1"}},
		Groups: []rocketmqtest.GroupSeed{{Name: "group1"}},
	})
	const secret = "Sup3r!Secret"
	var responses [][]byte
	keep := func(r *rocketmq.Response) { responses = append(responses, r.Body) }

	var u userResp
	keep(e.ok(withBody(req("POST", pUsers, "instance_id", id), map[string]any{
		"access_key": "user_name", "secret_key": secret, "white_remote_address": "", "admin": false,
		"default_topic_perm": "DENY", "default_group_perm": "DENY",
		"topic_perms": []map[string]string{{"name": "topic1", "perm": "PUB|SUB"}},
		"group_perms": []map[string]string{{"name": "group1", "perm": "SUB"}},
	}), &u))
	assert.Equal(t, "user_name", u.AccessKey)
	assert.NotEqual(t, secret, u.SecretKey)
	assert.Equal(t, "******", u.SecretKey)
	require.Len(t, u.TopicPerms, 1)
	assert.Equal(t, "PUB|SUB", u.TopicPerms[0].Perm)

	e.fails(withBody(req("POST", pUsers, "instance_id", id), map[string]any{"access_key": "user_name", "secret_key": secret}), 400, "DMS.00400062")
	e.fails(withBody(req("POST", pUsers, "instance_id", id), map[string]any{"access_key": "short", "secret_key": secret}), 400, "DMS.00400015")
	e.fails(withBody(req("POST", pUsers, "instance_id", id), map[string]any{"access_key": "1user_name", "secret_key": secret}), 400, "DMS.00400015")
	e.fails(withBody(req("POST", pUsers, "instance_id", id), map[string]any{"access_key": "weak_user", "secret_key": "alllowercase"}), 400, "DMS.00400019")
	e.fails(withBody(req("POST", pUsers, "instance_id", id), map[string]any{"access_key": "Abcdefg1", "secret_key": "1gfedcbA"}), 400, "DMS.00400019")
	e.fails(withBody(req("POST", pUsers, "instance_id", id), map[string]any{"access_key": "no_secret"}), 400, "DMS.00400019")
	e.fails(withBody(req("POST", pUsers, "instance_id", id), map[string]any{"access_key": "bad_perm1", "secret_key": secret, "default_topic_perm": "ALL"}), 400, "DMS.00400062")
	// Group permissions are SUB or DENY only (topics keep PUB, SUB, PUB|SUB, DENY).
	e.fails(withBody(req("POST", pUsers, "instance_id", id), map[string]any{"access_key": "bad_perm2", "secret_key": secret, "default_group_perm": "PUB|SUB"}), 400, "DMS.00400062")
	e.fails(withBody(req("POST", pUsers, "instance_id", id), map[string]any{"access_key": "bad_perm3", "secret_key": secret, "group_perms": []map[string]string{{"name": "group1", "perm": "PUB"}}}), 400, "DMS.00400062")

	require.NoError(t, e.srv.AddUser(id, rocketmqtest.UserSeed{AccessKey: "admin_user", SecretKey: "Adm1n!Secret", Admin: true, TopicPerms: []rocketmqtest.Perm{{Name: "topic1", Perm: "SUB"}}}))

	var list struct {
		Users []userResp `json:"users"`
		Total int        `json:"total"`
	}
	keep(e.ok(withQuery(req("GET", pUsers, "instance_id", id), "offset", "0", "limit", "10"), &list))
	assert.Equal(t, 2, list.Total)
	require.Len(t, list.Users, 2)
	assert.Equal(t, "admin_user", list.Users[0].AccessKey)
	e.ok(withQuery(req("GET", pUsers, "instance_id", id), "offset", "1", "limit", "1"), &list)
	assert.Equal(t, "user_name", list.Users[0].AccessKey)
	e.fails(withQuery(req("GET", pUsers, "instance_id", id), "offset", "2"), 400, "DMS.40050010")

	keep(e.ok(withQuery(req("GET", pUser, "instance_id", id, "user_name", "user_name"), "offset", "0", "limit", "10"), &u))
	assert.Equal(t, "DENY", u.DefaultTopicPerm)

	// Update with the masked secret keeps it; the answer is the user.
	keep(e.ok(withBody(req("PUT", pUser, "instance_id", id, "user_name", "user_name"), map[string]any{
		"access_key": "user_name", "secret_key": "*****", "white_remote_address": "10.0.0.0/8", "admin": false,
		"default_topic_perm": "SUB", "default_group_perm": "DENY", "topic_perms": []any{}, "group_perms": []any{},
	}), &u))
	assert.Equal(t, "SUB", u.DefaultTopicPerm)
	assert.Equal(t, "10.0.0.0/8", u.WhiteRemoteAddress)
	assert.Empty(t, u.TopicPerms)
	e.fails(withBody(req("PUT", pUser, "instance_id", id, "user_name", "user_name"), map[string]any{"secret_key": "weak"}), 400, "DMS.00400019")
	keep(e.ok(withBody(req("PUT", pUser, "instance_id", id, "user_name", "user_name"), map[string]any{"secret_key": "N3w!Secret", "topic_perms": []map[string]string{{"name": "topic1", "perm": "PUB"}}}), &u))
	e.fails(withBody(req("PUT", pUser, "instance_id", id, "user_name", "nobody_here"), map[string]any{"admin": true}), 400, "DMS.00500972")

	// Policies.
	var pol struct {
		Policies []struct {
			AccessKey string `json:"access_key"`
			SecretKey string `json:"secret_key"`
			Perm      string `json:"perm"`
			Admin     bool   `json:"admin"`
		} `json:"policies"`
		Total int    `json:"total"`
		Name  string `json:"name"`
	}
	keep(e.ok(req("GET", pTopic+"/accesspolicy", "instance_id", id, "topic", "topic1"), &pol))
	assert.Equal(t, 2, pol.Total)
	assert.Equal(t, "topic1", pol.Name)
	require.Len(t, pol.Policies, 2)
	assert.Equal(t, "admin_user", pol.Policies[0].AccessKey)
	assert.Equal(t, "SUB", pol.Policies[0].Perm)
	assert.Equal(t, "PUB", pol.Policies[1].Perm)
	e.fails(req("GET", pTopic+"/accesspolicy", "instance_id", id, "topic", "nope"), 400, "DMS.00050004")
	keep(e.ok(req("GET", pEngine+"/groups/{group}/accesspolicy", "instance_id", id, "group", "group1"), &pol))
	assert.Equal(t, 0, pol.Total)
	assert.NotNil(t, pol.Policies)
	e.fails(req("GET", pEngine+"/groups/{group}/accesspolicy", "instance_id", id, "group", "nope"), 400, "DMS.00050012")

	// Delete: 200 with a message.
	resp := e.ok(req("DELETE", pUser, "instance_id", id, "user_name", "user_name"), nil)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, string(resp.Body), "message")
	err := e.fails(req("GET", pUser, "instance_id", id, "user_name", "user_name"), 400, "DMS.00500972")
	assert.True(t, rocketmq.IsNotFound(err))
	e.fails(req("DELETE", pUser, "instance_id", id, "user_name", "user_name"), 400, "DMS.00500972")

	// No answer ever carried a secret key in clear.
	for _, b := range responses {
		for _, s := range []string{secret, "N3w!Secret", "Adm1n!Secret"} {
			assert.NotContains(t, string(b), s)
		}
	}
}

func TestMetadataTasks(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "meta-inst", Topics: []rocketmqtest.TopicSeed{{Name: "existing"}}})

	rabbit := []byte(`{
	  "rabbit_version": "3.8.35",
	  "users": [{"name": "root", "password_hash": "password_hash", "tags": "administrator"}],
	  "vhosts": [{"name": "DeleteVhost123"}],
	  "queues": [{"name": "test-001", "vhost": "/", "durable": false}],
	  "exchanges": [{"name": "direct", "vhost": "/", "durable": false}],
	  "bindings": [{"source": "direct", "vhost": "/", "destination": "test-001", "destination_type": "queue", "routing_key": "test-001"}]
	}`)
	create := func(name, typ, overwrite string, body []byte) *rocketmq.Request {
		return withQuery(withBody(req("POST", pMetadata, "instance_id", id), body), "name", name, "type", typ, "overwrite", overwrite)
	}
	var taskID string
	resp := e.ok(create("task-932331847", "rabbitToRocket", "false", rabbit), &taskID)
	assert.Regexp(t, `^[0-9a-f-]{36}$`, taskID)
	assert.Contains(t, resp.Header.Get("Content-Type"), "text/plain")
	e.ok(req("GET", pTopic, "instance_id", id, "topic", "direct"), nil)
	var list struct {
		Topics []string `json:"topics"`
	}
	e.ok(req("GET", pGroup+"/topics", "instance_id", id, "group", "test-001"), &list)
	assert.Equal(t, []string{"direct"}, list.Topics)

	rocket := []byte(`{"topicConfigTable": {"existing": {"topicName": "existing", "readQueueNums": 4, "writeQueueNums": 4, "perm": 6},
	  "fresh": {"topicName": "fresh", "readQueueNums": 2, "writeQueueNums": 2, "perm": 4}},
	  "subscriptionGroupTable": {"GID_fresh": {"groupName": "GID_fresh", "retryMaxTimes": 5}}}`)
	var failedID, okID string
	e.ok(create("task-conflict", "rocketmq", "false", rocket), &failedID)
	e.fails(req("GET", pTopic, "instance_id", id, "topic", "fresh"), 400, "DMS.00050004")
	e.ok(create("task-overwrite", "rocketmq", "true", rocket), &okID)
	var tp topicResp
	e.ok(req("GET", pTopic, "instance_id", id, "topic", "fresh"), &tp)
	assert.Equal(t, "sub", tp.Permission)
	e.ok(req("GET", pTopic, "instance_id", id, "topic", "existing"), &tp)
	assert.Equal(t, 4, tp.TotalReadQueueNum)

	type taskList struct {
		Total int `json:"total"`
		Task  []struct {
			ID        string `json:"id"`
			Name      string `json:"name"`
			StartDate string `json:"start_date"`
			Status    string `json:"status"`
			Type      string `json:"type"`
		} `json:"task"`
	}
	var tl taskList
	e.ok(req("GET", pMetadata, "instance_id", id), &tl)
	assert.Equal(t, 3, tl.Total)
	require.Len(t, tl.Task, 3)
	assert.Equal(t, okID, tl.Task[0].ID, "newest first")
	assert.Equal(t, "finished", tl.Task[0].Status)
	assert.Equal(t, "failed", tl.Task[1].Status)
	assert.Regexp(t, `^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d\d$`, tl.Task[0].StartDate)

	// offset is a 1-based page number.
	e.ok(withQuery(req("GET", pMetadata, "instance_id", id), "limit", "2", "offset", "1"), &tl)
	assert.Len(t, tl.Task, 2)
	e.ok(withQuery(req("GET", pMetadata, "instance_id", id), "limit", "2", "offset", "2"), &tl)
	require.Len(t, tl.Task, 1)
	assert.Equal(t, taskID, tl.Task[0].ID)
	e.fails(withQuery(req("GET", pMetadata, "instance_id", id), "limit", "2", "offset", "3"), 400, "DMS.40050010")
	e.ok(withQuery(req("GET", pMetadata, "instance_id", id), "type", "rabbitToRocket"), &tl)
	assert.Equal(t, 1, tl.Total)

	// Single-task mode.
	e.ok(withQuery(req("GET", pMetadata, "instance_id", id), "id", failedID), &tl)
	require.Len(t, tl.Task, 1)
	assert.Equal(t, "task-conflict", tl.Task[0].Name)
	err := e.fails(withQuery(req("GET", pMetadata, "instance_id", id), "id", "nope"), 400, "DMS.00405011")
	assert.True(t, rocketmq.IsNotFound(err))

	// Validation.
	e.fails(create("task-x", "rocketmq", "maybe", rocket), 400, "DMS.00400062")
	e.fails(create("x", "rocketmq", "true", rocket), 400, "DMS.00400062")
	e.fails(create("task-x", "kafka", "true", rocket), 400, "DMS.00400062")
	e.fails(create("task-x", "rocketmq", "true", nil), 400, "DMS.00400004")
	e.fails(create("task-x", "rocketmq", "true", []byte("6cf4dcd3")), 400, "DMS.00400005")

	// Delete.
	resp = e.ok(withBody(req("DELETE", pMetadata, "instance_id", id), map[string]any{"taskIds": []string{failedID, okID}}), nil)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Empty(t, resp.Body)
	e.ok(req("GET", pMetadata, "instance_id", id), &tl)
	assert.Equal(t, 1, tl.Total)
	e.fails(withBody(req("DELETE", pMetadata, "instance_id", id), map[string]any{"taskIds": []string{okID}}), 400, "DMS.00405011")
	e.fails(req("DELETE", pMetadata, "instance_id", id), 400, "DMS.00400004")
}

func TestTags(t *testing.T) {
	e := newEnv(t)
	a := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "tags-a", Tags: []rocketmqtest.Tag{{Key: "team", Value: "payments"}}})
	b := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "tags-b"})

	resp := e.ok(withBody(req("POST", pTagAction, "instance_id", b), map[string]any{"action": "create", "tags": []map[string]string{{"key": "key1", "value": "value1"}, {"key": "key2", "value": "value2"}}}), nil)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	e.ok(withBody(req("POST", pTagAction, "instance_id", a), map[string]any{"action": "create", "tags": []map[string]string{{"key": "key1", "value": "value1"}}}), nil)

	type tagList struct {
		Tags []struct {
			Key   string `json:"key"`
			Value string `json:"value"`
		} `json:"tags"`
	}
	var tl tagList
	e.ok(req("GET", pTags, "instance_id", b), &tl)
	require.Len(t, tl.Tags, 2)
	assert.Equal(t, "key1", tl.Tags[0].Key)
	assert.Equal(t, "value2", tl.Tags[1].Value)

	var in instanceResp
	e.ok(req("GET", pInstance, "instance_id", b), &in)
	assert.Len(t, in.Tags, 2)

	e.ok(req("GET", "/v2/{project_id}/rocketmq/tags"), &tl)
	require.Len(t, tl.Tags, 3, "distinct pairs of the project")
	assert.Equal(t, "team", tl.Tags[2].Key)

	// Create replaces a value; delete removes.
	e.ok(withBody(req("POST", pTagAction, "instance_id", b), map[string]any{"action": "create", "tags": []map[string]string{{"key": "key1", "value": "changed"}}}), nil)
	e.ok(withBody(req("POST", pTagAction, "instance_id", b), map[string]any{"action": "delete", "tags": []map[string]string{{"key": "key2", "value": "value2"}}}), nil)
	e.ok(req("GET", pTags, "instance_id", b), &tl)
	require.Len(t, tl.Tags, 1)
	assert.Equal(t, "changed", tl.Tags[0].Value)

	e.fails(withBody(req("POST", pTagAction, "instance_id", b), map[string]any{"action": "Create", "tags": []map[string]string{{"key": "k", "value": "v"}}}), 400, "DMS.10240040")
	e.fails(withBody(req("POST", pTagAction, "instance_id", b), map[string]any{"action": "create", "tags": []map[string]string{{"key": "", "value": "v"}}}), 400, "DMS.10240035")
	e.fails(withBody(req("POST", pTagAction, "instance_id", b), map[string]any{"action": "create", "tags": []map[string]string{{"key": "a#b", "value": "v"}}}), 400, "DMS.10240036")
	e.fails(withBody(req("POST", pTagAction, "instance_id", b), map[string]any{"action": "create", "tags": []map[string]string{{"key": " lead", "value": "v"}}}), 400, "DMS.10240036")
	e.fails(withBody(req("POST", pTagAction, "instance_id", b), map[string]any{"action": "create", "tags": []map[string]string{{"key": "k", "value": strings.Repeat("v", 256)}}}), 400, "DMS.10240038")
	e.fails(withBody(req("POST", pTagAction, "instance_id", b), map[string]any{"action": "create", "tags": []map[string]string{{"key": "k", "value": "a#b"}}}), 400, "DMS.10240039")
	many := make([]map[string]string, 20)
	for i := range many {
		many[i] = map[string]string{"key": "k" + strconv.Itoa(i), "value": "v"}
	}
	e.fails(withBody(req("POST", pTagAction, "instance_id", b), map[string]any{"action": "create", "tags": many}), 400, "DMS.10240044")
	e.fails(withBody(req("POST", pTagAction, "instance_id", "nope"), map[string]any{"action": "create", "tags": []map[string]string{{"key": "k", "value": "v"}}}), 404, "DMS.00404022")
	// Unicode keys are allowed.
	e.ok(withBody(req("POST", pTagAction, "instance_id", b), map[string]any{"action": "create", "tags": []map[string]string{{"key": "环境", "value": "测试 1"}}}), nil)
}

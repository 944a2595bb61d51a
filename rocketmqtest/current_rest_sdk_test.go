package rocketmqtest_test

// End-to-end tests of the issue-13 operations: the typed SDK families
// against the emulator, so that both sides agree on json names, types,
// paths, query names, status strings and error codes.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/azs"
	"github.com/dms-rocketmq/rocketmq-go/diagnosis"
	"github.com/dms-rocketmq/rocketmq-go/groups"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/messages"
	"github.com/dms-rocketmq/rocketmq-go/metadata"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/tags"
	"github.com/dms-rocketmq/rocketmq-go/topics"
	"github.com/dms-rocketmq/rocketmq-go/users"
)

// sdkCtx is a context for one test's calls.
func sdkCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// collect2 drains an iterator, failing the test on an error.
func collect2[T any](t *testing.T, seq func(func(T, error) bool)) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		require.NoError(t, err)
		out = append(out, v)
	}
	return out
}

// requireAPIError requires err to be an *rocketmq.APIError with status
// and code.
func requireAPIError(t *testing.T, err error, status int, code string) {
	t.Helper()
	var apiErr *rocketmq.APIError
	require.True(t, errors.As(err, &apiErr), "%v", err)
	assert.Equal(t, status, apiErr.StatusCode, "%v", err)
	assert.Equal(t, code, apiErr.Code, "%v", err)
}

// requireValidation requires err to be a *rocketmq.ValidationError naming
// field.
func requireValidation(t *testing.T, err error, field string) {
	t.Helper()
	var ve *rocketmq.ValidationError
	require.True(t, errors.As(err, &ve), "%v", err)
	assert.Equal(t, field, ve.Field, "%v", err)
}

// clientsInstance seeds a group with three clients, one subscribing
// differently from the others.
func sdkClientsInstance(t *testing.T, e *env) string {
	t.Helper()
	return e.srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "sdk-clients",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders", QueueNum: 2, Messages: 8}, {Name: "refunds", QueueNum: 1, Messages: 2}},
		Groups: []rocketmqtest.GroupSeed{
			{Name: "GID_billing", Topics: []string{"orders", "refunds"}, Lag: 2, Clients: []rocketmqtest.ClientSeed{
				{ClientID: "10.0.0.11@101#a", Address: "10.0.0.11:50001"},
				{ClientID: "10.0.0.12@102#b", Address: "10.0.0.12:50002", Language: "GO", Version: "v5.0.1", ConsumeType: rocketmqtest.ConsumePop},
				{ClientID: "10.0.0.13@103#c", Address: "10.0.0.13:50003",
					Subscriptions: []rocketmqtest.SubscriptionSeed{{Topic: "orders", Expression: "TagA||TagB"}}},
			}},
			{Name: "GID_idle"},
		},
	})
}

func TestSDKListClientsDetailPagingAndConsistency(t *testing.T) {
	e := newEnv(t)
	id := sdkClientsInstance(t, e)
	ctx := sdkCtx(t)
	gc := groups.New(e.c)

	all, err := gc.ListClients(ctx, id, "GID_billing", &groups.ListClientsOptions{Detail: true})
	require.NoError(t, err)
	assert.Equal(t, "GID_billing", all.GroupName)
	assert.True(t, all.Online)
	assert.False(t, all.SubscriptionConsistency, "client c subscribes differently")
	assert.EqualValues(t, 3, all.Total)
	require.Len(t, all.Clients, 3)
	a, b, c := all.Clients[0], all.Clients[1], all.Clients[2]
	assert.Equal(t, "10.0.0.11@101#a", a.ClientID)
	assert.Equal(t, "10.0.0.11:50001", a.ClientAddr)
	assert.Equal(t, "JAVA", a.Language)
	assert.Equal(t, "V4_9_4", a.Version)
	assert.Equal(t, "CONSUME_PASSIVELY", a.ConsumeType)
	require.Len(t, a.Subscriptions, 2)
	assert.Equal(t, groups.Subscription{Topic: "orders", Type: "TAG", Expression: "*"}, a.Subscriptions[0])
	assert.Equal(t, "refunds", a.Subscriptions[1].Topic)
	assert.Equal(t, "GO", b.Language)
	assert.Equal(t, "v5.0.1", b.Version)
	assert.Equal(t, "CONSUME_POP", b.ConsumeType)
	assert.Equal(t, []groups.Subscription{{Topic: "orders", Type: "TAG", Expression: "TagA||TagB"}}, c.Subscriptions)

	// Without detail: who, not what they subscribe to.
	brief, err := gc.ListClients(ctx, id, "GID_billing", nil)
	require.NoError(t, err)
	require.Len(t, brief.Clients, 3)
	assert.Equal(t, a.ClientID, brief.Clients[0].ClientID)
	assert.Empty(t, brief.Clients[0].Subscriptions)

	// One page of one.
	p, err := gc.ListClients(ctx, id, "GID_billing", &groups.ListClientsOptions{Detail: true, Limit: 1, Offset: 1})
	require.NoError(t, err)
	assert.EqualValues(t, 3, p.Total)
	require.Len(t, p.Clients, 1)
	assert.Equal(t, b.ClientID, p.Clients[0].ClientID)

	// The iterator follows the pages.
	e.srv.ResetRequests()
	got := collect2(t, gc.ListClientsIter(ctx, id, "GID_billing", &groups.ListClientsOptions{Detail: true, Limit: 2}))
	assert.Equal(t, all.Clients, got)
	assert.Len(t, e.srv.Requests("GET "), 2, "pages of 2 of 3 clients")

	idle, err := gc.ListClients(ctx, id, "GID_idle", &groups.ListClientsOptions{Detail: true})
	require.NoError(t, err)
	assert.False(t, idle.Online)
	assert.Zero(t, idle.Total)
	assert.Empty(t, idle.Clients)
	assert.Empty(t, collect2(t, gc.ListClientsIter(ctx, id, "GID_idle", nil)))

	e.srv.ResetRequests()
	_, err = gc.ListClients(ctx, id, "GID_billing", &groups.ListClientsOptions{Limit: 51})
	requireValidation(t, err, "limit")
	assert.Empty(t, e.srv.Requests())
	_, err = gc.ListClients(ctx, id, "GID_nobody", nil)
	assert.True(t, rocketmq.IsNotFound(err), "%v", err)
}

func TestSDKVerifyConsumptionWithAListedClient(t *testing.T) {
	e := newEnv(t)
	id := sdkClientsInstance(t, e)
	ctx := sdkCtx(t)
	mc := messages.New(e.c)
	page, err := mc.Query(ctx, id, &messages.QueryOptions{Topic: "orders", StartTime: time.UnixMilli(1), EndTime: time.Now().Add(time.Hour), Limit: 1})
	require.NoError(t, err)
	require.Len(t, page.Messages, 1)
	msgID := page.Messages[0].MsgID

	var clientID string
	for cl, err := range groups.New(e.c).ListClientsIter(ctx, id, "GID_billing", nil) {
		require.NoError(t, err)
		clientID = cl.ClientID
		break
	}
	require.NotEmpty(t, clientID)

	res, err := mc.VerifyConsumption(ctx, id, &messages.VerifyConsumptionRequest{
		Group: "GID_billing", Topic: "orders", ClientID: clientID, MsgIDList: []string{msgID},
	})
	require.NoError(t, err)
	require.Len(t, res.ResendResults, 1)
	assert.Equal(t, msgID, res.ResendResults[0].MsgID)
	assert.Equal(t, messages.ResendOK, res.ResendResults[0].ErrorCode)
	assert.Empty(t, res.Failed())

	_, err = mc.VerifyConsumption(ctx, id, &messages.VerifyConsumptionRequest{
		Group: "GID_billing", Topic: "orders", ClientID: "10.9.9.9@1#ghost", MsgIDList: []string{msgID},
	})
	require.Error(t, err)
	var apiErr *rocketmq.APIError
	require.True(t, errors.As(err, &apiErr), "%v", err)
	assert.Equal(t, 400, apiErr.StatusCode)
}

func TestSDKSendQueryAndTrace(t *testing.T) {
	e := newEnv(t)
	ctx := sdkCtx(t)
	gs := make([]rocketmqtest.GroupSeed, 6)
	for i := range gs {
		gs[i] = rocketmqtest.GroupSeed{Name: fmt.Sprintf("GID_%d", i), Topics: []string{"consumed"}}
	}
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "sdk-send",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders", QueueNum: 3}, {Name: "readonly", Permission: "sub"}, {Name: "consumed", QueueNum: 1, Messages: 1}},
		Groups: gs,
	})
	mc := messages.New(e.c)
	before := time.Now().Add(-time.Second)
	sent, err := mc.Send(ctx, id, &messages.SendRequest{
		Topic: "orders", Body: "hello sdk",
		PropertyList: []messages.Property{{Name: "KEYS", Value: "order-7 order-8"}, {Name: "TAGS", Value: "TagA"}, {Name: "color", Value: "blue"}},
	})
	require.NoError(t, err)
	assert.Regexp(t, `^[0-9A-F]{32}$`, sent.MsgID)
	assert.Equal(t, "broker-0", sent.BrokerName)
	assert.GreaterOrEqual(t, sent.QueueID, int64(0))
	assert.Less(t, sent.QueueID, int64(3))
	assert.Zero(t, sent.QueueOffset)
	assert.Equal(t, "orders", sent.Topic)
	assert.Equal(t, "hello sdk", sent.Body)
	assert.Len(t, sent.PropertyList, 3)
	second, err := mc.Send(ctx, id, &messages.SendRequest{Topic: "orders", Body: "other"})
	require.NoError(t, err)

	// By id.
	byID, err := mc.Query(ctx, id, &messages.QueryOptions{Topic: "orders", MsgID: sent.MsgID})
	require.NoError(t, err)
	require.EqualValues(t, 1, byID.Total)
	m := byID.Messages[0]
	assert.Equal(t, sent.MsgID, m.MsgID)
	assert.Equal(t, "orders", m.Topic)
	assert.Equal(t, "hello sdk", m.Body)
	assert.Equal(t, sent.QueueID, m.QueueID)
	assert.Equal(t, sent.QueueOffset, m.QueueOffset)
	assert.GreaterOrEqual(t, m.StoreTimestamp, before.UnixMilli())
	props := map[string]string{}
	for _, p := range m.PropertyList {
		props[p.Name] = p.Value
	}
	assert.Equal(t, "order-7 order-8", props["KEYS"])
	assert.Equal(t, "TagA", props["TAGS"])
	assert.Equal(t, "blue", props["color"])

	// By key (one of the message's keys), with and without a time range.
	byKey, err := mc.Query(ctx, id, &messages.QueryOptions{Topic: "orders", Key: "order-8", StartTime: before, EndTime: time.Now().Add(time.Minute)})
	require.NoError(t, err)
	require.EqualValues(t, 1, byKey.Total)
	assert.Equal(t, sent.MsgID, byKey.Messages[0].MsgID)
	// A key alone is no query (the reference: the times are required
	// unless by msg_id): the SDK refuses it, and so does the emulator.
	e.srv.ResetRequests()
	_, err = mc.Query(ctx, id, &messages.QueryOptions{Topic: "orders", Key: "order-8"})
	requireValidation(t, err, "start_time")
	assert.Empty(t, e.srv.Requests())
	e.fails(withQuery(req("GET", pEngine+"/messages", "instance_id", id), "topic", "orders", "key", "order-8"), 400, "DMS.00400062")
	none, err := mc.Query(ctx, id, &messages.QueryOptions{Topic: "orders", Key: "order-8", StartTime: time.UnixMilli(1), EndTime: time.UnixMilli(2)})
	require.NoError(t, err)
	assert.Zero(t, none.Total)

	// By time: both; by queue: the sent one's queue only holds it (and
	// maybe the second).
	byTime := collect2(t, mc.QueryIter(ctx, id, &messages.QueryOptions{Topic: "orders", StartTime: before, EndTime: time.Now().Add(time.Minute)}))
	ids := []string{}
	for _, m := range byTime {
		ids = append(ids, m.MsgID)
	}
	assert.ElementsMatch(t, []string{sent.MsgID, second.MsgID}, ids)
	q := int(sent.QueueID)
	byQueue, err := mc.Query(ctx, id, &messages.QueryOptions{Topic: "orders", Queue: &q, StartTime: before, EndTime: time.Now().Add(time.Minute)})
	require.NoError(t, err)
	require.NotEmpty(t, byQueue.Messages)
	for _, m := range byQueue.Messages {
		assert.Equal(t, sent.QueueID, m.QueueID)
	}
	assert.Contains(t, func() []string {
		var s []string
		for _, m := range byQueue.Messages {
			s = append(s, m.MsgID)
		}
		return s
	}(), sent.MsgID)

	// The trace of the sent message: no group consumed it yet, so Pub.
	tr, err := mc.Trace(ctx, id, sent.MsgID)
	require.NoError(t, err)
	require.Len(t, tr, 1)
	pub := tr[0]
	assert.Equal(t, "Pub", pub.TraceType)
	assert.Equal(t, "orders", pub.Topic)
	assert.Equal(t, sent.MsgID, pub.OffsetMsgID)
	assert.Equal(t, "order-7 order-8", pub.Keys)
	assert.Equal(t, "TagA", pub.Tags)
	assert.True(t, pub.Success)
	assert.Positive(t, pub.Timestamp)

	// A seeded message the 6 groups consumed: Pub, then SubBefore and
	// SubAfter for each group, 13 records over two of the service's
	// pages of 10.
	seededMsg, err := mc.Query(ctx, id, &messages.QueryOptions{Topic: "consumed", StartTime: time.UnixMilli(1), EndTime: time.Now().Add(time.Minute)})
	require.NoError(t, err)
	require.Len(t, seededMsg.Messages, 1)
	e.srv.ResetRequests()
	tr, err = mc.Trace(ctx, id, seededMsg.Messages[0].MsgID)
	require.NoError(t, err)
	require.Len(t, tr, 13)
	assert.Len(t, e.srv.Requests("GET "), 2, "two pages")
	assert.Equal(t, "Pub", tr[0].TraceType)
	assert.Equal(t, "SubAfter", tr[12].TraceType)
	assert.Equal(t, "GID_5", tr[12].GroupName)
	seen := map[string]bool{}
	for _, x := range tr[1:] {
		seen[x.GroupName+"/"+x.TraceType] = true
	}
	assert.Len(t, seen, 12, "no record twice")

	// Refusals: an unknown topic, a read-only topic; the SDK's own rules.
	_, err = mc.Send(ctx, id, &messages.SendRequest{Topic: "nope", Body: "x"})
	requireAPIError(t, err, 400, "DMS.00050004")
	_, err = mc.Send(ctx, id, &messages.SendRequest{Topic: "readonly", Body: "x"})
	requireAPIError(t, err, 400, "DMS.00400062")
	_, err = mc.Send(ctx, id, &messages.SendRequest{Topic: "orders"})
	requireValidation(t, err, "body")
	bad := -1
	_, err = mc.Query(ctx, id, &messages.QueryOptions{Topic: "orders", Key: "k", Queue: &bad, StartTime: before, EndTime: time.Now()})
	requireValidation(t, err, "queue")
}

func TestSDKDiagnosisLifecycle(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithDiagnosisDelay(30*time.Millisecond))
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "sdk-diag",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders", QueueNum: 2, Messages: 10}},
		Groups: []rocketmqtest.GroupSeed{{Name: "GID_slow", Topics: []string{"orders"}, Lag: 4, Clients: []rocketmqtest.ClientSeed{
			{ClientID: "10.0.0.21@1#ok", Address: "10.0.0.21:1"},
			{ClientID: "10.0.0.22@2#stuck", Address: "10.0.0.22:2", DeadLock: true},
		}}, {Name: "GID_offline"}},
	})
	ctx := sdkCtx(t)
	d := diagnosis.New(e.c)
	created, err := d.Create(ctx, id, &diagnosis.CreateRequest{GroupName: "GID_slow"})
	require.NoError(t, err)
	require.NotEmpty(t, created.ReportID)

	r, err := d.WaitForReport(ctx, created.ReportID, nil)
	require.NoError(t, err)
	assert.Equal(t, created.ReportID, r.ReportID)
	assert.Equal(t, "GID_slow", r.GroupName)
	assert.Equal(t, "finished", r.Status)
	assert.Equal(t, 2, r.ConsumerNums)
	assert.True(t, r.Online)
	assert.EqualValues(t, 4, r.MessageAccumulation, "the group's lag on orders")
	assert.True(t, r.SubscriptionConsistency)
	assert.False(t, r.DuplicateClientID)
	assert.False(t, r.DifferentConsumerType)
	assert.Positive(t, r.CreatedAt)
	require.Len(t, r.Subscriptions, 1)
	assert.Equal(t, "orders", r.Subscriptions[0].TopicName)
	require.Len(t, r.Nodes, 2)
	stuck := r.Nodes[1]
	assert.Equal(t, "10.0.0.22@2#stuck", stuck.NodeID)
	assert.True(t, stuck.DeadLock)
	assert.True(t, stuck.IsFaulted)
	require.NotEmpty(t, stuck.StackID)
	assert.False(t, r.Nodes[0].DeadLock)

	got, err := d.Get(ctx, created.ReportID)
	require.NoError(t, err)
	assert.Equal(t, r, got)
	st, err := d.GetStack(ctx, stuck.StackID)
	require.NoError(t, err)
	assert.Equal(t, stuck.DeadlockThread, st.ThreadName)
	assert.Contains(t, st.Stack, "BLOCKED")

	// Three more reports: List pages, ListIter follows.
	reportIDs := []string{created.ReportID}
	for range 3 {
		cr, err := d.Create(ctx, id, &diagnosis.CreateRequest{GroupName: "GID_slow"})
		require.NoError(t, err)
		reportIDs = append(reportIDs, cr.ReportID)
	}
	page, err := d.List(ctx, id, &diagnosis.ListOptions{Limit: 2})
	require.NoError(t, err)
	assert.EqualValues(t, 4, page.Total)
	require.Len(t, page.Reports, 2)
	for _, s := range page.Reports {
		assert.Equal(t, "GID_slow", s.GroupName)
		assert.Positive(t, s.CreatedAt, "created_at (a string in lists) decodes")
		assert.Contains(t, []string{"diagnosing", "finished"}, s.Status)
	}
	e.srv.ResetRequests()
	every := collect2(t, d.ListIter(ctx, id, &diagnosis.ListOptions{Limit: 3}))
	require.Len(t, every, 4)
	assert.Len(t, e.srv.Requests("GET "), 2)
	listed := []string{}
	var summary diagnosis.ReportSummary
	for _, s := range every {
		listed = append(listed, s.ReportID)
		if s.ReportID == created.ReportID {
			summary = s
		}
	}
	assert.ElementsMatch(t, reportIDs, listed)
	assert.Equal(t, "finished", summary.Status)
	assert.Equal(t, 2, summary.ConsumerNums)
	assert.Equal(t, r.AbnormalItemSum, summary.AbnormalItemSum)
	assert.Equal(t, r.FaultedNodeSum, summary.FaultedNodeSum)
	assert.Equal(t, r.CreatedAt, summary.CreatedAt, "the list's string and Get's number are the same time")

	del, err := d.BatchDelete(ctx, id, []string{reportIDs[0], reportIDs[2]})
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{reportIDs[0], reportIDs[2]}, del.ReportIDs)
	left := collect2(t, d.ListIter(ctx, id, nil))
	assert.Len(t, left, 2)
	gone, err := d.Get(ctx, reportIDs[0])
	require.NoError(t, err, "a deleted report answers with status deleted")
	assert.Equal(t, "deleted", gone.Status)
	_, err = d.WaitForReport(ctx, reportIDs[0], nil)
	var statusErr *diagnosis.ReportStatusError
	require.True(t, errors.As(err, &statusErr), "%v", err)
	_, err = d.Get(ctx, "00000000-0000-0000-0000-000000000000")
	assert.True(t, rocketmq.IsNotFound(err), "%v", err)

	// node_id_list narrows the report to the listed clients (IDs from
	// groups.ListClients); an ID that is no client is refused.
	var first string
	for cl, err := range groups.New(e.c).ListClientsIter(ctx, id, "GID_slow", nil) {
		require.NoError(t, err)
		first = cl.ClientID
		break
	}
	one, err := d.Create(ctx, id, &diagnosis.CreateRequest{GroupName: "GID_slow", NodeIDs: []string{first}})
	require.NoError(t, err)
	narrowed, err := d.WaitForReport(ctx, one.ReportID, &diagnosis.WaitOptions{PollInterval: 10 * time.Millisecond})
	require.NoError(t, err)
	require.Len(t, narrowed.Nodes, 1)
	assert.Equal(t, first, narrowed.Nodes[0].NodeID)
	_, err = d.Create(ctx, id, &diagnosis.CreateRequest{GroupName: "GID_slow", NodeIDs: []string{"10.9.9.9@1#ghost"}})
	requireAPIError(t, err, 400, "DMS.00400062")

	// An offline group's diagnosis fails: WaitForReport says so.
	off, err := d.Create(ctx, id, &diagnosis.CreateRequest{GroupName: "GID_offline"})
	require.NoError(t, err)
	_, err = d.WaitForReport(ctx, off.ReportID, nil)
	require.True(t, errors.As(err, &statusErr), "%v", err)
	assert.Equal(t, diagnosis.StatusFailed, statusErr.Status)
	assert.Equal(t, off.ReportID, statusErr.ReportID)

	_, err = d.Create(ctx, id, &diagnosis.CreateRequest{GroupName: "GID_nobody"})
	require.Error(t, err)
	assert.True(t, rocketmq.IsNotFound(err), "%v", err)
}

func TestSDKMetadataBatchDeleteTasks(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "sdk-meta"})
	ctx := sdkCtx(t)
	mc := metadata.New(e.c)
	doc := []byte(`{"topicConfigTable": {"fresh": {"topicName": "fresh", "readQueueNums": 2, "writeQueueNums": 2, "perm": 6}}}`)
	var ids []string
	for i := range 3 {
		tk, err := mc.CreateTask(ctx, id, &metadata.CreateTaskRequest{Name: fmt.Sprintf("task-%d", i), Type: metadata.TypeRocketMQ, Overwrite: true, Metadata: doc})
		require.NoError(t, err)
		ids = append(ids, tk.ID)
	}
	out, err := mc.BatchDeleteTasks(ctx, id, []string{ids[0], "unknown", ids[2]})
	require.NoError(t, err)
	assert.Equal(t, []string{ids[0], ids[2]}, out.SuccessTaskList)
	left, err := mc.ListTasks(ctx, id, nil)
	require.NoError(t, err)
	assert.EqualValues(t, 1, left.Total)
	require.Len(t, left.Tasks, 1)
	assert.Equal(t, ids[1], left.Tasks[0].ID)

	_, err = mc.BatchDeleteTasks(ctx, id, nil)
	requireValidation(t, err, "task_ids")
}

func TestSDKTagsPagingLimitAndValues(t *testing.T) {
	e := newEnv(t)
	seeded := make([]rocketmqtest.Tag, 14)
	for i := range seeded {
		seeded[i] = rocketmqtest.Tag{Key: fmt.Sprintf("k%02d", i), Value: fmt.Sprintf("v%d", i)}
	}
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "sdk-tags", Tags: seeded})
	other := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "sdk-tags-2", Tags: []rocketmqtest.Tag{{Key: "k00", Value: "w0"}, {Key: "env", Value: "prod"}}})
	ctx := sdkCtx(t)
	tc := tags.New(e.c)

	e.srv.ResetRequests()
	list, err := tc.List(ctx, id)
	require.NoError(t, err)
	require.Len(t, list.Tags, 14, "more than the service's page of 10")
	assert.EqualValues(t, 14, list.Total)
	assert.Equal(t, tags.Tag{Key: "k00", Value: "v0"}, list.Tags[0])
	assert.Equal(t, tags.Tag{Key: "k13", Value: "v13"}, list.Tags[13])
	reqs := e.srv.Requests("GET ")
	require.Len(t, reqs, 2, "pages of tags.MaxListLimit (10)")
	assert.Equal(t, "limit=10&offset=0", reqs[0].Query.Encode())
	assert.Equal(t, "limit=10&offset=10", reqs[1].Query.Encode())

	// Six more make 20, the most an instance holds; the 21st is refused.
	more := make([]tags.Tag, 6)
	for i := range more {
		more[i] = tags.Tag{Key: fmt.Sprintf("m%d", i), Value: "x"}
	}
	require.NoError(t, tc.Create(ctx, id, more))
	err = tc.Create(ctx, id, []tags.Tag{{Key: "one-too-many", Value: "x"}})
	require.Error(t, err)
	var apiErr *rocketmq.APIError
	require.True(t, errors.As(err, &apiErr), "%v", err)
	assert.Equal(t, 400, apiErr.StatusCode)
	list, err = tc.List(ctx, id)
	require.NoError(t, err)
	assert.Len(t, list.Tags, 20)

	// The SDK refuses 21 tags in one call, and values with '/' or
	// surrounding spaces, before sending.
	e.srv.ResetRequests()
	many := make([]tags.Tag, 21)
	for i := range many {
		many[i] = tags.Tag{Key: fmt.Sprintf("n%d", i), Value: "x"}
	}
	requireValidation(t, tc.Create(ctx, other, many), "tags")
	err = tc.Create(ctx, other, []tags.Tag{{Key: "path", Value: "a/b"}})
	require.Error(t, err)
	err = tc.Create(ctx, other, []tags.Tag{{Key: "pad", Value: " a"}})
	require.Error(t, err)
	assert.Empty(t, e.srv.Requests("POST "), "refused locally")

	// Project tags: each key with all its values, over more than one page.
	pt, err := tc.ListProject(ctx)
	require.NoError(t, err)
	byKey := map[string][]string{}
	for _, p := range pt.Tags {
		byKey[p.Key] = p.Values
	}
	assert.Len(t, byKey, 14+6+1, "k00…k13, m0…m5, env")
	assert.ElementsMatch(t, []string{"v0", "w0"}, byKey["k00"])
	assert.Equal(t, []string{"prod"}, byKey["env"])
	assert.Equal(t, []string{"x"}, byKey["m3"])
	assert.Len(t, pt.Tags, len(byKey), "one entry per key")
	assert.EqualValues(t, len(byKey), pt.Total)

	// 3 more instances of 20 distinct keys each: 81 keys, 9 pages.
	for i := range 3 {
		ts := make([]rocketmqtest.Tag, 20)
		for j := range ts {
			ts[j] = rocketmqtest.Tag{Key: fmt.Sprintf("p%d-%02d", i, j), Value: "x"}
		}
		e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: fmt.Sprintf("sdk-tags-p%d", i), Tags: ts})
	}
	e.srv.ResetRequests()
	pt, err = tc.ListProject(ctx)
	require.NoError(t, err)
	assert.Len(t, pt.Tags, 81)
	assert.EqualValues(t, 81, pt.Total)
	keys := map[string]bool{}
	for _, p := range pt.Tags {
		keys[p.Key] = true
	}
	assert.Len(t, keys, 81, "no key twice across the pages")
	assert.Len(t, e.srv.Requests("GET "), 9)
}

func TestSDKAvailableZonesModeAndScope(t *testing.T) {
	e := newEnv(t)
	list, err := azs.New(e.c).List(sdkCtx(t))
	require.NoError(t, err)
	require.NotEmpty(t, list.AvailableZones)
	for _, z := range list.AvailableZones {
		assert.Contains(t, []string{"dedicated", "shared", "center"}, z.Mode, "mode of %s", z.Code)
		assert.NotEmpty(t, z.Scope, "scope of %s", z.Code)
	}
}

func TestSDKTopicsCurrentFields(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name: "sdk-topics", BrokerNum: 2, StorageSpace: 600,
		Topics: []rocketmqtest.TopicSeed{{Name: "seeded", QueueNum: 2, Messages: 8, MessageType: topics.MessageDelay}},
		Groups: []rocketmqtest.GroupSeed{{Name: "GID_a", Topics: []string{"seeded"}}, {Name: "GID_b", Topics: []string{"seeded"}}, {Name: "GID_c"}},
	})
	ctx := sdkCtx(t)
	tc := topics.New(e.c)
	before := time.Now().Add(-time.Minute).UnixMilli()
	_, err := tc.Create(ctx, id, &topics.CreateRequest{
		Name: "fifo-orders", MessageType: topics.MessageFIFO,
		Queues: []topics.CreateQueues{{Broker: "broker-0", QueueNum: 3}, {Broker: "broker-1", QueueNum: 5}},
	})
	require.NoError(t, err)
	tp, err := tc.Get(ctx, id, "fifo-orders")
	require.NoError(t, err)
	assert.Equal(t, topics.MessageFIFO, tp.MessageType)
	assert.Greater(t, tp.CreatedAt, before)
	assert.Equal(t, 8, tp.TotalReadQueueNum)
	assert.Equal(t, 8, tp.TotalWriteQueueNum)
	require.Len(t, tp.Brokers, 2)
	assert.Equal(t, topics.Broker{BrokerName: "broker-0", ReadQueueNum: 3, WriteQueueNum: 3}, tp.Brokers[0])
	assert.Equal(t, topics.Broker{BrokerName: "broker-1", ReadQueueNum: 5, WriteQueueNum: 5}, tp.Brokers[1])

	desc := "ordered orders"
	require.NoError(t, tc.Update(ctx, id, "fifo-orders", &topics.UpdateRequest{
		TopicDesc: &desc, Queues: []topics.UpdateQueues{{Broker: "broker-1", ReadQueueNum: 2, WriteQueueNum: 4}},
	}))
	tp, err = tc.Get(ctx, id, "fifo-orders")
	require.NoError(t, err)
	assert.Equal(t, topics.Broker{BrokerName: "broker-1", ReadQueueNum: 2, WriteQueueNum: 4}, tp.Brokers[1])
	assert.Equal(t, 3, tp.Brokers[0].ReadQueueNum, "other brokers keep theirs")

	all := collect2(t, tc.ListIter(ctx, id, nil))
	require.Len(t, all, 2)
	byName := map[string]topics.Topic{}
	for _, x := range all {
		byName[x.Name] = x
	}
	assert.Equal(t, topics.MessageDelay, byName["seeded"].MessageType)
	assert.Positive(t, byName["seeded"].CreatedAt)
	assert.Equal(t, topics.MessageFIFO, byName["fifo-orders"].MessageType)

	st, err := tc.GetStatus(ctx, id, "seeded")
	require.NoError(t, err)
	assert.EqualValues(t, 8, st.MaxOffset)
	assert.Zero(t, st.MinOffset)
	assert.EqualValues(t, 8, st.TotalMessages())

	lg, err := tc.ListGroups(ctx, id, "seeded", nil)
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{"GID_a", "GID_b"}, lg.Groups)
	assert.EqualValues(t, 2, lg.Total)
	page, err := tc.ListGroups(ctx, id, "seeded", &topics.ListGroupsOptions{Limit: 1})
	require.NoError(t, err)
	assert.Len(t, page.Groups, 1)
	assert.EqualValues(t, 2, page.Total)
	assert.ElementsMatch(t, lg.Groups, collect2(t, tc.ListGroupsIter(ctx, id, "seeded", &topics.ListGroupsOptions{Limit: 1})))

	// The service's answers for a wrong message type or broker, and the
	// SDK's own refusal of a message type it does not know.
	_, err = tc.Create(ctx, id, &topics.CreateRequest{Name: "bad-broker", Queues: []topics.CreateQueues{{Broker: "broker-9", QueueNum: 1}}})
	requireAPIError(t, err, 400, "DMS.00400062")
	_, err = tc.Create(ctx, id, &topics.CreateRequest{Name: "dup-queue", Queues: []topics.CreateQueues{{Broker: "broker-0", QueueNum: 1}, {Broker: "broker-0", QueueNum: 2}}})
	require.Error(t, err)
	e.srv.ResetRequests()
	_, err = tc.Create(ctx, id, &topics.CreateRequest{Name: "bad-type", MessageType: "Normal"})
	requireValidation(t, err, "message_type")
	assert.Empty(t, e.srv.Requests("POST "))
}

func TestSDKGroupsCurrentFieldsAndConsumption(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "sdk-groups",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders", Messages: 6}, {Name: "refunds", Messages: 2}},
		Groups: []rocketmqtest.GroupSeed{{Name: "GID_seeded", Topics: []string{"orders", "refunds"}, Lag: 2, Description: "seeded group", ConsumeOrderly: true}},
	})
	ctx := sdkCtx(t)
	gc := groups.New(e.c)
	before := time.Now().Add(-time.Minute).UnixMilli()
	_, err := gc.Create(ctx, id, &groups.CreateRequest{Name: "GID_new", GroupDesc: "orders of the shop", ConsumeOrderly: rocketmq.Bool(true), RetryMaxTime: rocketmq.Int(16)})
	require.NoError(t, err)
	g, err := gc.Get(ctx, id, "GID_new")
	require.NoError(t, err)
	assert.Equal(t, "GID_new", g.Name)
	assert.Equal(t, "orders of the shop", g.GroupDesc)
	assert.True(t, g.ConsumeOrderly)
	assert.False(t, g.GroupOnline, "no subscription")
	assert.Greater(t, g.CreatedAt, before)
	assert.Equal(t, 16, g.RetryMaxTime)
	assert.True(t, g.Enabled)

	list := collect2(t, gc.ListIter(ctx, id, nil))
	require.Len(t, list, 2)
	byName := map[string]groups.Group{}
	for _, x := range list {
		byName[x.Name] = x
	}
	sg := byName["GID_seeded"]
	assert.Equal(t, "seeded group", sg.GroupDesc)
	assert.True(t, sg.ConsumeOrderly)
	assert.True(t, sg.GroupOnline)
	assert.EqualValues(t, 2, sg.TopicSubscriptionCount)
	assert.Positive(t, sg.CreatedAt)
	assert.Zero(t, byName["GID_new"].TopicSubscriptionCount)

	// Update and batch update carry group_desc and consume_orderly.
	require.NoError(t, gc.Update(ctx, id, "GID_new", &groups.UpdateRequest{GroupDesc: rocketmq.String(""), ConsumeOrderly: rocketmq.Bool(false)}))
	g, err = gc.Get(ctx, id, "GID_new")
	require.NoError(t, err)
	assert.Empty(t, g.GroupDesc)
	assert.False(t, g.ConsumeOrderly)
	_, err = gc.BatchUpdate(ctx, id, &groups.BatchUpdateRequest{Groups: []groups.UpdateRequest{{Name: "GID_new", GroupDesc: rocketmq.String("batch"), ConsumeOrderly: rocketmq.Bool(true)}}})
	require.NoError(t, err)
	g, err = gc.Get(ctx, id, "GID_new")
	require.NoError(t, err)
	assert.Equal(t, "batch", g.GroupDesc)
	assert.True(t, g.ConsumeOrderly)

	// Rules the SDK checks before sending, and the service's
	// "already exists".
	e.srv.ResetRequests()
	long := strings.Repeat("é", 201)
	_, err = gc.Create(ctx, id, &groups.CreateRequest{Name: "GID_long", GroupDesc: long})
	requireValidation(t, err, "group_desc")
	err = gc.Update(ctx, id, "GID_new", &groups.UpdateRequest{GroupDesc: &long})
	requireValidation(t, err, "group_desc")
	for _, n := range []int{0, 17} {
		_, err = gc.Create(ctx, id, &groups.CreateRequest{Name: "GID_retry", RetryMaxTime: rocketmq.Int(n)})
		requireValidation(t, err, "retry_max_time")
	}
	assert.Empty(t, e.srv.Requests("POST "), "refused locally")
	_, err = gc.Create(ctx, id, &groups.CreateRequest{Name: "GID_200", GroupDesc: long[:400]})
	require.NoError(t, err, "200 characters")
	_, err = gc.Create(ctx, id, &groups.CreateRequest{Name: "GID_new"})
	assert.True(t, rocketmq.IsAlreadyExists(err), "%v", err)

	// Consumption of one topic: the totals at the top level agree with
	// the queues.
	cons, err := gc.GetConsumption(ctx, id, "GID_seeded", "orders")
	require.NoError(t, err)
	assert.EqualValues(t, 2, cons.Lag)
	assert.EqualValues(t, 6, cons.MaxOffset)
	assert.EqualValues(t, 4, cons.ConsumerOffset)
	assert.Equal(t, cons.Lag, cons.TotalLag())
	var maxOff, consOff int64
	for _, b := range cons.Brokers {
		for _, q := range b.Queues {
			maxOff += q.BrokerOffset
			consOff += q.ConsumerOffset
		}
	}
	assert.Equal(t, cons.MaxOffset, maxOff)
	assert.Equal(t, cons.ConsumerOffset, consOff)
	none, err := gc.GetConsumption(ctx, id, "GID_new", "orders")
	require.NoError(t, err)
	assert.Zero(t, none.Lag)
	assert.Empty(t, none.Brokers)
}

func TestSDKBrokerCreatedNamesAreReadable(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name: "sdk-broker-made", EnableACL: true,
		Topics: []rocketmqtest.TopicSeed{{Name: "t1", BrokerCreated: true, Messages: 3}},
		Groups: []rocketmqtest.GroupSeed{{Name: "g", BrokerCreated: true, Topics: []string{"t1"}}},
		Users: []rocketmqtest.UserSeed{{AccessKey: "reader-app", SecretKey: "Secret-Key-123",
			TopicPerms: []rocketmqtest.Perm{{Name: "t1", Perm: "SUB"}}, GroupPerms: []rocketmqtest.Perm{{Name: "g", Perm: "SUB"}}}},
	})
	ctx := sdkCtx(t)
	tc, gc, uc := topics.New(e.c), groups.New(e.c), users.New(e.c)

	st, err := tc.GetStatus(ctx, id, "t1")
	require.NoError(t, err)
	assert.EqualValues(t, 3, st.TotalMessages())
	tp, err := tc.Get(ctx, id, "t1")
	require.NoError(t, err)
	assert.Equal(t, "t1", tp.Name)
	assert.Equal(t, []string{"g"}, collect2(t, tc.ListGroupsIter(ctx, id, "t1", nil)))
	g, err := gc.Get(ctx, id, "g")
	require.NoError(t, err)
	assert.Equal(t, "g", g.Name)
	assert.Equal(t, []string{"t1"}, collect2(t, gc.ListTopicsIter(ctx, id, "g", nil)))
	cons, err := gc.GetConsumption(ctx, id, "g", "t1")
	require.NoError(t, err)
	assert.EqualValues(t, 3, cons.MaxOffset)
	_, err = gc.ListClients(ctx, id, "g", nil)
	require.NoError(t, err)
	tpol, err := uc.ListTopicPolicies(ctx, id, "t1", nil)
	require.NoError(t, err)
	require.Len(t, tpol.Policies, 1)
	assert.Equal(t, "reader-app", tpol.Policies[0].AccessKey)
	gpol, err := uc.ListGroupPolicies(ctx, id, "g", nil)
	require.NoError(t, err)
	require.Len(t, gpol.Policies, 1)
	q, err := messages.New(e.c).Query(ctx, id, &messages.QueryOptions{Topic: "t1", StartTime: time.UnixMilli(1), EndTime: time.Now().Add(time.Minute)})
	require.NoError(t, err)
	assert.EqualValues(t, 3, q.Total)

	// Creation keeps the 3–64 rule, in the SDK.
	e.srv.ResetRequests()
	_, err = tc.Create(ctx, id, &topics.CreateRequest{Name: "t2"})
	requireValidation(t, err, "name")
	_, err = gc.Create(ctx, id, &groups.CreateRequest{Name: "g2"})
	requireValidation(t, err, "name")
	assert.Empty(t, e.srv.Requests("POST "))
	// RocketMQ's own rule for existing names: 1–127 characters for topics.
	_, err = tc.Get(ctx, id, strings.Repeat("t", 128))
	requireValidation(t, err, "topic")
}

func TestSDKListBrokersOnThePagedAnswer(t *testing.T) {
	e := newEnv(t)
	// 10 brokers, the most a flavour allows: exactly the service's
	// default page.
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "sdk-brokers", BrokerNum: 10, StorageSpace: 10 * 300})
	ctx := sdkCtx(t)
	e.srv.ResetRequests()
	list, err := instances.New(e.c).ListBrokers(ctx, id)
	require.NoError(t, err)
	require.Len(t, list.Brokers, 10)
	assert.EqualValues(t, 10, list.Total)
	for i, b := range list.Brokers {
		assert.Equal(t, fmt.Sprintf("broker-%d", i), b.BrokerName)
		assert.Equal(t, []int64{0, 1, 2}, b.IDs)
	}
	reqs := e.srv.Requests("GET ")
	require.Len(t, reqs, 1, "the total says the first page was all")
	assert.Empty(t, reqs[0].Query, "the first page is the reference's request")

	// A page of its own, with the service's page fields.
	var p struct {
		Brokers []struct {
			BrokerName string `json:"broker_name"`
		} `json:"brokers"`
		Total          int `json:"total"`
		NextOffset     int `json:"next_offset"`
		PreviousOffset int `json:"previous_offset"`
	}
	brokers := "/v2/{project_id}/instances/{instance_id}/brokers"
	e.ok(withQuery(req("GET", brokers, "instance_id", id), "limit", "3", "offset", "6"), &p)
	require.Len(t, p.Brokers, 3)
	assert.Equal(t, "broker-6", p.Brokers[0].BrokerName)
	assert.Equal(t, 10, p.Total)
	assert.Equal(t, 9, p.NextOffset)
	assert.Equal(t, 3, p.PreviousOffset)
	e.ok(withQuery(req("GET", brokers, "instance_id", id), "limit", "3", "offset", "9"), &p)
	assert.Len(t, p.Brokers, 1)
	assert.Equal(t, -1, p.NextOffset)
	e.fails(withQuery(req("GET", brokers, "instance_id", id), "limit", "51"), 400, "DMS.10240042")

	small := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "sdk-brokers-1"})
	one, err := instances.New(e.c).ListBrokers(ctx, small)
	require.NoError(t, err)
	require.Len(t, one.Brokers, 1)
	assert.EqualValues(t, 1, one.Total)
}

func TestSDKUserPermissionsOnBrokerCreatedNames(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name: "sdk-perms", EnableACL: true,
		Topics: []rocketmqtest.TopicSeed{{Name: "t1", BrokerCreated: true}},
		Groups: []rocketmqtest.GroupSeed{{Name: "g", BrokerCreated: true}},
	})
	ctx := sdkCtx(t)
	uc := users.New(e.c)
	u, err := uc.Create(ctx, id, &users.User{
		AccessKey: "t1-reader", SecretKey: "Secret-Key-123",
		DefaultGroupPerm: users.PermDeny,
		TopicPerms:       []users.Permission{{Name: "t1", Perm: users.PermPubSub}},
		GroupPerms:       []users.Permission{{Name: "g", Perm: users.PermSub}},
	})
	require.NoError(t, err)
	assert.Equal(t, users.PermDeny, u.DefaultGroupPerm)
	assert.Equal(t, []users.Permission{{Name: "t1", Perm: users.PermPubSub}}, u.TopicPerms)
	assert.Equal(t, []users.Permission{{Name: "g", Perm: users.PermSub}}, u.GroupPerms)

	// Groups take SUB or DENY only: the SDK refuses PUB and PUB|SUB
	// before sending.
	e.srv.ResetRequests()
	for _, p := range []string{users.PermPub, users.PermPubSub} {
		_, err = uc.Create(ctx, id, &users.User{AccessKey: "g-writer", SecretKey: "Secret-Key-123", GroupPerms: []users.Permission{{Name: "g", Perm: p}}})
		requireValidation(t, err, "group_perms[0].perm")
		_, err = uc.Create(ctx, id, &users.User{AccessKey: "g-writer", SecretKey: "Secret-Key-123", DefaultGroupPerm: p})
		requireValidation(t, err, "default_group_perm")
	}
	_, err = uc.ListTopicPolicies(ctx, id, strings.Repeat("t", 128), nil)
	requireValidation(t, err, "topic")
	assert.Empty(t, e.srv.Requests())
}

// agree requires the SDK's local verdict on a request (refused with a
// *rocketmq.ValidationError, or sent) to match the emulator's on the same
// request sent raw (a 400, or a success).
func agree(t *testing.T, what string, sdkErr, rawErr error) {
	t.Helper()
	var ve *rocketmq.ValidationError
	sdkRefused := errors.As(sdkErr, &ve)
	if !sdkRefused {
		require.NoError(t, sdkErr, "%s: the SDK sent it and the emulator refused", what)
	}
	var apiErr *rocketmq.APIError
	rawRefused := errors.As(rawErr, &apiErr) && apiErr.StatusCode == 400
	if !rawRefused {
		require.NoError(t, rawErr, what)
	}
	assert.Equal(t, sdkRefused, rawRefused, "%s: SDK refuses: %v (%v); emulator refuses: %v (%v)", what, sdkRefused, sdkErr, rawRefused, rawErr)
}

func TestSDKAndEmulatorAgreeOnCreationRules(t *testing.T) {
	e := newEnv(t)
	ctx := sdkCtx(t)
	sdkID := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "rules-sdk"})
	rawID := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "rules-raw"})

	names := []string{
		"ab", "abc", strings.Repeat("n", 64), strings.Repeat("n", 65),
		"a%b", "a|b", "a-b", "a_b", "a.b", "a b", "a/b", "名字名字",
		"%RETRY%abc", "%DLQ%abc", "%retry%abc", "-abc", "_abc", "%abc", "123",
	}
	for i, n := range names {
		// Topics (each name on its own so that a success leaves no clash).
		_, sdkErr := topics.New(e.c).Create(ctx, sdkID, &topics.CreateRequest{Name: n})
		_, rawErr := e.do(withBody(req("POST", pTopics, "instance_id", rawID), map[string]any{"name": n}), nil)
		if n == "%retry%abc" {
			// The one known difference: check.NewTopic refuses the
			// reserved prefixes in any case, RocketMQ (and the
			// emulator) only as written. Stricter, so harmless.
			requireValidation(t, sdkErr, "name")
			require.NoError(t, rawErr)
		} else {
			agree(t, fmt.Sprintf("topic %d %q", i, n), sdkErr, rawErr)
		}
		// Groups.
		_, sdkErr = groups.New(e.c).Create(ctx, sdkID, &groups.CreateRequest{Name: n})
		_, rawErr = e.do(withBody(req("POST", pGroups, "instance_id", rawID), map[string]any{"name": n}), nil)
		agree(t, fmt.Sprintf("group %d %q", i, n), sdkErr, rawErr)
	}

	// Group descriptions and retries.
	for i, d := range []string{"", "d", strings.Repeat("d", 200), strings.Repeat("d", 201), strings.Repeat("é", 200), strings.Repeat("é", 201)} {
		n := fmt.Sprintf("GID_desc_%d", i)
		_, sdkErr := groups.New(e.c).Create(ctx, sdkID, &groups.CreateRequest{Name: n, GroupDesc: d})
		_, rawErr := e.do(withBody(req("POST", pGroups, "instance_id", rawID), map[string]any{"name": n, "group_desc": d}), nil)
		agree(t, fmt.Sprintf("group_desc of %d characters", len([]rune(d))), sdkErr, rawErr)
	}
	for _, r := range []int{-1, 0, 1, 16, 17} {
		n := fmt.Sprintf("GID_retry_%d", r+1)
		_, sdkErr := groups.New(e.c).Create(ctx, sdkID, &groups.CreateRequest{Name: n, RetryMaxTime: rocketmq.Int(r)})
		_, rawErr := e.do(withBody(req("POST", pGroups, "instance_id", rawID), map[string]any{"name": n, "retry_max_time": r}), nil)
		agree(t, fmt.Sprintf("retry_max_time %d", r), sdkErr, rawErr)
	}

	// Tags: keys and values, one at a time (then removed, so that the
	// 20-tag limit does not interfere).
	type kv struct{ k, v string }
	for i, tg := range []kv{
		{"env", "prod"}, {"", "x"}, {" env", "x"}, {"env ", "x"}, {strings.Repeat("k", 128), "x"}, {strings.Repeat("k", 129), "x"},
		{"_sys_x", "x"}, {"a=b", "x"}, {"a/b", "x"}, {"key", ""}, {"key", "a b"}, {"key", " a"}, {"key", "a "},
		{"key", "a/b"}, {"key", "_.:=+-@"}, {"key", strings.Repeat("v", 255)}, {"key", strings.Repeat("v", 256)},
		{"key", "a,b"}, {"key", "值"}, {"键", "x"},
	} {
		what := fmt.Sprintf("tag %d {%q, %q}", i, tg.k, tg.v)
		sdkErr := tags.New(e.c).Create(ctx, sdkID, []tags.Tag{{Key: tg.k, Value: tg.v}})
		_, rawErr := e.do(withBody(req("POST", pTagAction, "instance_id", rawID), map[string]any{"action": "create", "tags": []map[string]string{{"key": tg.k, "value": tg.v}}}), nil)
		agree(t, what, sdkErr, rawErr)
		if sdkErr == nil {
			require.NoError(t, tags.New(e.c).Delete(ctx, sdkID, []tags.Tag{{Key: tg.k}}))
			e.ok(withBody(req("POST", pTagAction, "instance_id", rawID), map[string]any{"action": "delete", "tags": []map[string]string{{"key": tg.k}}}), nil)
		}
	}
}

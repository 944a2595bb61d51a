package rocketmqtest_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/diagnosis"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// diagnosisInstance seeds a lagging group with three clients: two push
// clients, one of which deadlocked, and a pop client subscribed
// differently, sharing the first one's client ID.
func diagnosisInstance(t *testing.T, e *env) string {
	t.Helper()
	return e.srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "diag-inst",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders", QueueNum: 2, Messages: 3100}, {Name: "refunds", Messages: 4}},
		Groups: []rocketmqtest.GroupSeed{
			{Name: "GID_orders", Topics: []string{"orders"}, Lag: 3000, Clients: []rocketmqtest.ClientSeed{
				{ClientID: "10.0.0.1@1#1", DeadLock: true},
				{ClientID: "10.0.0.2@2#2"},
				{ClientID: "10.0.0.1@1#1", ConsumeType: rocketmqtest.ConsumePop, Subscriptions: []rocketmqtest.SubscriptionSeed{{Topic: "orders", Expression: "TagA"}}},
			}},
			{Name: "GID_ok", Topics: []string{"refunds"}, Clients: []rocketmqtest.ClientSeed{{ClientID: "10.0.0.9@9#9"}}},
			{Name: "GID_offline", Disabled: true, Topics: []string{"refunds"}},
		},
	})
}

func TestDiagnosisReportFromTheGroupsState(t *testing.T) {
	e := newEnv(t)
	id := diagnosisInstance(t, e)
	d := diagnosis.New(e.c)
	ctx := context.Background()

	created, err := d.Create(ctx, id, &diagnosis.CreateRequest{GroupName: "GID_orders"})
	require.NoError(t, err)
	require.NotEmpty(t, created.ReportID)

	r, err := d.Get(ctx, created.ReportID)
	require.NoError(t, err)
	assert.Equal(t, diagnosis.StatusDiagnosing, r.Status, "diagnosing for the server's delay")
	assert.Empty(t, r.Nodes, "no findings before it is finished")
	assert.InDelta(t, time.Now().UnixMilli(), r.CreatedAt, 60_000)

	r, err = d.WaitForReport(ctx, created.ReportID, nil)
	require.NoError(t, err)
	assert.Equal(t, diagnosis.StatusFinished, r.Status)
	assert.Equal(t, "GID_orders", r.GroupName)
	assert.Equal(t, 3, r.ConsumerNums)
	assert.True(t, r.Online)
	assert.Equal(t, int64(3000), r.MessageAccumulation)
	assert.False(t, r.SubscriptionConsistency)
	assert.True(t, r.DuplicateClientID)
	assert.True(t, r.DifferentConsumerType)
	require.Len(t, r.Subscriptions, 1)
	assert.Equal(t, "orders", r.Subscriptions[0].TopicName)
	assert.Equal(t, []diagnosis.TagConsumers{
		{TagName: "*", Consumers: []string{"10.0.0.1@1#1", "10.0.0.2@2#2"}},
		{TagName: "TagA", Consumers: []string{"10.0.0.1@1#1"}},
	}, r.Subscriptions[0].ConsumersInTags)
	require.Len(t, r.Nodes, 3)
	n0 := r.Nodes[0]
	assert.Equal(t, "10.0.0.1@1#1", n0.NodeID)
	assert.True(t, n0.DeadLock)
	assert.True(t, n0.IsFaulted)
	assert.Equal(t, 2, n0.AbnormalItemSum, "deadlock and 1000 messages of lag")
	assert.Equal(t, int64(1000), n0.MessageAccumulation)
	assert.NotEmpty(t, n0.DeadlockThread)
	assert.NotEmpty(t, n0.StackID)
	assert.Equal(t, diagnosis.ConsumePassively, n0.ConsumeType)
	assert.False(t, n0.IsPop)
	assert.True(t, r.Nodes[2].IsPop)
	assert.Empty(t, r.Nodes[1].StackID)
	// Group: inconsistent, duplicate ID, mixed types, lag; nodes: 1 deadlock, 3 lags.
	assert.Equal(t, 8, r.AbnormalItemSum)
	assert.Equal(t, 3, r.FaultedNodeSum)

	st, err := d.GetStack(ctx, n0.StackID)
	require.NoError(t, err)
	assert.Equal(t, n0.DeadlockThread, st.ThreadName)
	assert.Contains(t, st.Stack, "BLOCKED")
	_, err = d.GetStack(ctx, "no-such-stack")
	assert.True(t, rocketmq.IsNotFound(err), "%v", err)

	// A healthy group, diagnosed on its one node.
	ok, err := d.Create(ctx, id, &diagnosis.CreateRequest{GroupName: "GID_ok", NodeIDs: []string{"10.0.0.9@9#9"}})
	require.NoError(t, err)
	r2, err := d.WaitForReport(ctx, ok.ReportID, &diagnosis.WaitOptions{PollInterval: 5 * time.Millisecond})
	require.NoError(t, err)
	assert.Equal(t, diagnosis.StatusFinished, r2.Status)
	assert.True(t, r2.SubscriptionConsistency)
	assert.Zero(t, r2.AbnormalItemSum)
	assert.Zero(t, r2.FaultedNodeSum)
	require.Len(t, r2.Nodes, 1)
	assert.False(t, r2.Nodes[0].IsFaulted)

	// An offline group's diagnosis fails.
	off, err := d.Create(ctx, id, &diagnosis.CreateRequest{GroupName: "GID_offline"})
	require.NoError(t, err)
	_, err = d.WaitForReport(ctx, off.ReportID, nil)
	var se *diagnosis.ReportStatusError
	require.True(t, errors.As(err, &se), "%v", err)
	assert.Equal(t, diagnosis.StatusFailed, se.Status)

	// The list: newest first, created_at (a string there) decoded.
	list, err := d.List(ctx, id, &diagnosis.ListOptions{Limit: 2})
	require.NoError(t, err)
	assert.Equal(t, int64(3), list.Total)
	require.Len(t, list.Reports, 2)
	assert.Equal(t, off.ReportID, list.Reports[0].ReportID)
	assert.Equal(t, diagnosis.StatusFailed, list.Reports[0].Status)
	assert.Equal(t, ok.ReportID, list.Reports[1].ReportID)
	assert.Equal(t, 1, list.Reports[1].ConsumerNums)
	assert.Equal(t, diagnosis.StatusFinished, list.Reports[1].Status)
	assert.InDelta(t, r.CreatedAt, list.Reports[1].CreatedAt, 60_000)
	var all []string
	for s, err := range d.ListIter(ctx, id, &diagnosis.ListOptions{Limit: 1}) {
		require.NoError(t, err)
		all = append(all, s.ReportID)
	}
	assert.Equal(t, []string{off.ReportID, ok.ReportID, created.ReportID}, all)

	// Batch delete: gone from the list; Get answers them as deleted.
	del, err := d.BatchDelete(ctx, id, []string{created.ReportID, "unknown"})
	require.NoError(t, err)
	assert.Equal(t, []string{created.ReportID}, del.ReportIDs)
	list, err = d.List(ctx, id, nil)
	require.NoError(t, err)
	assert.Equal(t, int64(2), list.Total)
	gone, err := d.Get(ctx, created.ReportID)
	require.NoError(t, err)
	assert.Equal(t, diagnosis.StatusDeleted, gone.Status)
	_, err = d.WaitForReport(ctx, created.ReportID, nil)
	require.True(t, errors.As(err, &se), "%v", err)
	assert.Equal(t, diagnosis.StatusDeleted, se.Status)
	_, err = d.GetStack(ctx, n0.StackID)
	assert.True(t, rocketmq.IsNotFound(err), "a deleted report's stacks are gone: %v", err)

	_, err = d.Get(ctx, "no-such-report")
	assert.True(t, rocketmq.IsNotFound(err), "%v", err)
}

func TestDiagnosisRefusals(t *testing.T) {
	e := newEnv(t)
	id := diagnosisInstance(t, e)
	ctx := context.Background()
	d := diagnosis.New(e.c)
	var ae *rocketmq.APIError
	_, err := d.Create(ctx, id, &diagnosis.CreateRequest{GroupName: "nope"})
	require.True(t, errors.As(err, &ae), "%v", err)
	assert.Equal(t, "DMS.00050012", ae.Code)
	_, err = d.Create(ctx, id, &diagnosis.CreateRequest{GroupName: "GID_ok", NodeIDs: []string{"10.0.0.1@1#1"}})
	require.True(t, errors.As(err, &ae), "%v", err)
	assert.Equal(t, "DMS.00400062", ae.Code, "a node of another group")
	_, err = d.Create(ctx, "no-such-instance", &diagnosis.CreateRequest{GroupName: "GID_ok"})
	assert.True(t, rocketmq.IsNotFound(err), "%v", err)
	_, err = d.Create(ctx, id, &diagnosis.CreateRequest{GroupName: "GID_ok"})
	require.NoError(t, err)
	_, err = d.List(ctx, id, &diagnosis.ListOptions{Offset: 1})
	require.True(t, errors.As(err, &ae), "%v", err)
	assert.Equal(t, "DMS.40050010", ae.Code, "an offset at the total")
	e.fails(withBody(req("POST", "/v2/{project_id}/{engine}/instances/{instance_id}/diagnosis/batch-delete", "instance_id", id), map[string]any{"report_id_list": []string{}}), 400, "DMS.00400062")
	e.fails(req("DELETE", "/v2/{engine}/{project_id}/diagnosis/{report_id}", "report_id", "x"), 405, "DMS.00405001")
}

func TestDiagnosisOnTheRocketmqEngineAndServerSeeded(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithDiagnosisDelay(0))
	id := diagnosisInstance(t, e)
	c, err := e.srv.Client(rocketmq.WithEngine("rocketmq"))
	require.NoError(t, err)
	d := diagnosis.New(c)
	ctx := context.Background()

	rid, err := e.srv.Diagnose(id, "GID_ok")
	require.NoError(t, err)
	r, err := d.Get(ctx, rid)
	require.NoError(t, err)
	assert.Equal(t, diagnosis.StatusFinished, r.Status, "no delay")
	list, err := d.List(ctx, id, nil)
	require.NoError(t, err)
	require.Len(t, list.Reports, 1)
	del, err := d.BatchDelete(ctx, id, []string{rid})
	require.NoError(t, err)
	assert.Equal(t, []string{rid}, del.ReportIDs)
	_, err = e.srv.Diagnose(id, "nope")
	assert.Error(t, err)
}

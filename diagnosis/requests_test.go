package diagnosis_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/diagnosis"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

const (
	reportsPath = "/v2/reliability/" + testutil.ProjectID + "/instances/" + testutil.InstanceID + "/diagnosis"
	reportPath  = "/v2/reliability/" + testutil.ProjectID + "/diagnosis/"
	stackPath   = "/v2/reliability/" + testutil.ProjectID + "/diagnosis/stack/"
	deletePath  = "/v2/" + testutil.ProjectID + "/reliability/instances/" + testutil.InstanceID + "/diagnosis/batch-delete"
)

func newClient(t *testing.T, calls ...testutil.Call) *diagnosis.Client {
	t.Helper()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, calls...)
	return diagnosis.New(c)
}

// wantReport is get.response.json decoded.
var wantReport = &diagnosis.Report{
	ReportSummary: diagnosis.ReportSummary{
		ReportID:        "rep-4e8b0c6d",
		GroupName:       "GID_diag-orders",
		ConsumerNums:    3,
		Status:          diagnosis.StatusAbnormal,
		CreatedAt:       1717171717171,
		AbnormalItemSum: 5,
		FaultedNodeSum:  2,
	},
	Online:                  true,
	MessageAccumulation:     4321,
	SubscriptionConsistency: false,
	DuplicateClientID:       true,
	DifferentConsumerType:   true,
	Subscriptions: []diagnosis.Subscription{{
		TopicName: "topic-orders",
		ConsumersInTags: []diagnosis.TagConsumers{{
			TagName:   "TagA||TagB",
			Consumers: []string{"192.168.1.20@1234#9876", "192.168.1.21@5678#5432"},
		}},
	}},
	Nodes: []diagnosis.NodeReport{
		{
			NodeID: "node-7f3a", IsFaulted: true, AbnormalItemSum: 4, MessageAccumulation: 4000,
			DeadLock: true, DeadlockThread: "ConsumeMessageThread_3", StackID: "stack-5d6e7f",
			IsPop: false, ConsumeType: diagnosis.ConsumePassively,
		},
		{
			NodeID: "node-9c21", IsFaulted: false, AbnormalItemSum: 1, MessageAccumulation: 321,
			IsPop: true, ConsumeType: diagnosis.ConsumePop,
		},
	},
}

func TestCreateSendsGroupAndNodes(t *testing.T) {
	t.Parallel()
	doc := testutil.Fixture(t, "create.request.json")
	var req diagnosis.CreateRequest
	testutil.RoundTrip(t, doc, &req)
	assert.Equal(t, diagnosis.CreateRequest{GroupName: "GID_diag-orders", NodeIDs: []string{"node-7f3a", "node-9c21"}}, req)

	c := newClient(t, testutil.Call{
		Method: http.MethodPost, Path: reportsPath, Body: doc,
		Response: testutil.Fixture(t, "create.response.json"),
	})
	got, err := c.Create(context.Background(), testutil.InstanceID, &req)
	require.NoError(t, err)
	assert.Equal(t, &diagnosis.CreateResponse{ReportID: "rep-4e8b0c6d"}, got)
}

func TestCreateWithoutNodesLeavesTheListOut(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method: http.MethodPost, Path: reportsPath, Body: `{"group_name":"t1"}`,
		Response: `{"report_id":"r1"}`,
	})
	got, err := c.Create(context.Background(), testutil.InstanceID, &diagnosis.CreateRequest{GroupName: "t1"})
	require.NoError(t, err)
	assert.Equal(t, "r1", got.ReportID)
}

func TestCreateUsesTheClientsEngine(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t, rocketmq.WithEngine("rocketmq"))
	testutil.Expect(t, mt, testutil.Call{
		Method: http.MethodPost,
		Path:   "/v2/rocketmq/" + testutil.ProjectID + "/instances/" + testutil.InstanceID + "/diagnosis",
		Body:   `{"group_name":"GID_a"}`, Response: `{"report_id":"r2"}`,
	}, testutil.Call{
		Method:   http.MethodPost,
		Path:     "/v2/" + testutil.ProjectID + "/rocketmq/instances/" + testutil.InstanceID + "/diagnosis/batch-delete",
		Body:     `{"report_id_list":["r2"]}`,
		Response: `{"report_id_list":["r2"]}`,
	})
	d := diagnosis.New(c)
	_, err := d.Create(context.Background(), testutil.InstanceID, &diagnosis.CreateRequest{GroupName: "GID_a"})
	require.NoError(t, err)
	_, err = d.BatchDelete(context.Background(), testutil.InstanceID, []string{"r2"})
	require.NoError(t, err)
}

func TestListDecodesStringCreatedAt(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method: http.MethodGet, Path: reportsPath, Query: "limit=20&offset=40",
		Response: testutil.Fixture(t, "list.response.json"),
	})
	got, err := c.List(context.Background(), testutil.InstanceID, &diagnosis.ListOptions{Limit: 20, Offset: 40})
	require.NoError(t, err)
	assert.Equal(t, &diagnosis.ListResponse{
		Reports: []diagnosis.ReportSummary{
			{
				ReportID: "rep-4e8b0c6d", GroupName: "GID_diag-orders", ConsumerNums: 3,
				Status: diagnosis.StatusAbnormal, CreatedAt: 1717171717171, AbnormalItemSum: 5, FaultedNodeSum: 2,
			},
			{
				ReportID: "rep-11aa22bb", GroupName: "GID_billing", ConsumerNums: 7,
				Status: diagnosis.StatusNormal, CreatedAt: 1700000000123,
			},
		},
		Total: 2,
	}, got)
}

func TestListNilOptionsSendsNoQuery(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method: http.MethodGet, Path: reportsPath,
		Response: `{"diagnosis_report_list":[],"total_num":0}`,
	})
	got, err := c.List(context.Background(), testutil.InstanceID, nil)
	require.NoError(t, err)
	assert.Empty(t, got.Reports)
	assert.Zero(t, got.Total)
}

func TestListCreatedAtNumberOrNonDigitString(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method: http.MethodGet, Path: reportsPath,
		Response: `{"diagnosis_report_list":[{"report_id":"a","created_at":1717171717171},{"report_id":"b","created_at":"2024-05-31 12:00:00"}],"total_num":"2"}`,
	})
	got, err := c.List(context.Background(), testutil.InstanceID, nil)
	require.NoError(t, err)
	require.Len(t, got.Reports, 2)
	assert.Equal(t, int64(1717171717171), got.Reports[0].CreatedAt)
	assert.Zero(t, got.Reports[1].CreatedAt, "a string without digits only is no time")
	assert.Equal(t, "b", got.Reports[1].ReportID)
	assert.Equal(t, int64(2), got.Total)
}

func TestGetDecodesEveryField(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method: http.MethodGet, Path: reportPath + "rep-4e8b0c6d",
		Response: testutil.Fixture(t, "get.response.json"),
	})
	got, err := c.Get(context.Background(), "rep-4e8b0c6d")
	require.NoError(t, err)
	assert.Equal(t, wantReport, got)
}

func TestGetEscapesTheReportID(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method: http.MethodGet, Path: reportPath + "rep%25a%7Cb%20c",
		Response: `{"report_id":"rep%a|b c","created_at":"1717171717171"}`,
	})
	got, err := c.Get(context.Background(), "rep%a|b c")
	require.NoError(t, err)
	assert.Equal(t, "rep%a|b c", got.ReportID)
	assert.Equal(t, int64(1717171717171), got.CreatedAt, "a string created_at decodes in Get too")
}

func TestGetNotFound(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method: http.MethodGet, Path: reportPath + "missing", Status: http.StatusNotFound,
		Response: `{"error_code":"DMS.00404022","error_msg":"The report does not exist."}`,
	})
	_, err := c.Get(context.Background(), "missing")
	require.Error(t, err)
	assert.True(t, rocketmq.IsNotFound(err))
}

func TestGetStackDecodesEveryField(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method: http.MethodGet, Path: stackPath + "stack-5d6e7f",
		Response: testutil.Fixture(t, "stack.response.json"),
	})
	got, err := c.GetStack(context.Background(), "stack-5d6e7f")
	require.NoError(t, err)
	assert.Equal(t, &diagnosis.Stack{
		ThreadName: "ConsumeMessageThread_3",
		Stack:      "java.lang.Thread.State: BLOCKED (on object monitor)\n\tat com.example.OrderListener.consumeMessage(OrderListener.java:42)",
	}, got)
}

func TestBatchDeleteSendsTheReportIDs(t *testing.T) {
	t.Parallel()
	doc := testutil.Fixture(t, "batch_delete.request.json")
	c := newClient(t, testutil.Call{
		Method: http.MethodPost, Path: deletePath, Body: doc,
		Response: testutil.Fixture(t, "batch_delete.response.json"),
	})
	got, err := c.BatchDelete(context.Background(), testutil.InstanceID, []string{"rep-4e8b0c6d", "rep-11aa22bb"})
	require.NoError(t, err)
	assert.Equal(t, &diagnosis.BatchDeleteResponse{ReportIDs: []string{"rep-4e8b0c6d", "rep-11aa22bb"}}, got)
}

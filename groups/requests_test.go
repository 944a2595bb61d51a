package groups_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/groups"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

const (
	base      = "/v2/" + testutil.ProjectID + "/instances/" + testutil.InstanceID + "/groups"
	oddName   = "CID%order|v2"
	oddEscape = "CID%25order%7Cv2"
)

func newClient(t *testing.T, calls ...testutil.Call) *groups.Client {
	t.Helper()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, calls...)
	return groups.New(c)
}

func TestListExample(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     base,
		Response: testutil.Fixture(t, "list.response.json"),
	})
	got, err := c.List(context.Background(), testutil.InstanceID, nil)
	require.NoError(t, err)
	assert.Equal(t, &groups.ListResponse{
		Total: 1,
		Groups: []groups.Group{{
			Enabled:       true,
			Broadcast:     false,
			Brokers:       []string{"broker-0"},
			Name:          "aaaaa",
			RetryMaxTime:  16,
			FromBeginning: false,
		}},
		Max:            4000,
		Remaining:      3999,
		NextOffset:     -1,
		PreviousOffset: -1,
	}, got)
}

func TestListQuery(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     base,
		Query:    "group=" + oddEscape + "&limit=10&offset=20",
		Response: `{"total":"21","groups":[{"name":"CID%order|v2","enabled":"true","retry_max_time":"16"}]}`,
	})
	opts := &groups.ListOptions{Group: oddName, Limit: 10, Offset: 20}
	got, err := c.List(context.Background(), testutil.InstanceID, opts)
	require.NoError(t, err)
	assert.Equal(t, int64(21), got.Total)
	require.Len(t, got.Groups, 1)
	assert.Equal(t, groups.Group{Name: oddName, Enabled: true, RetryMaxTime: 16}, got.Groups[0])
	assert.Equal(t, &groups.ListOptions{Group: oddName, Limit: 10, Offset: 20}, opts)
}

func TestCreateExample(t *testing.T) {
	t.Parallel()
	doc := testutil.Fixture(t, "create.request.json")
	var req groups.CreateRequest
	testutil.RoundTrip(t, doc, &req)
	assert.Equal(t, groups.CreateRequest{
		Name:          "consumer-group-test",
		Brokers:       []string{"broker-0"},
		FromBeginning: rocketmq.Bool(false),
		Broadcast:     rocketmq.Bool(false),
		RetryMaxTime:  rocketmq.Int(16),
	}, req)

	c := newClient(t, testutil.Call{
		Method:   http.MethodPost,
		Path:     base,
		Body:     doc,
		Response: testutil.Fixture(t, "create.response.json"),
	})
	got, err := c.Create(context.Background(), testutil.InstanceID, &req)
	require.NoError(t, err)
	assert.Equal(t, &groups.CreateResponse{Name: "consumer-group-test"}, got)
}

func TestCreateMinimalAndOddName(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodPost,
		Path:     base,
		Body:     `{"name":"CID%order|v2","enabled":false,"retry_max_time":1,"consume_orderly":false}`,
		Response: `{"name":"CID%order|v2"}`,
	})
	got, err := c.Create(context.Background(), testutil.InstanceID, &groups.CreateRequest{
		Name: oddName, Enabled: rocketmq.Bool(false), RetryMaxTime: rocketmq.Int(1), ConsumeOrderly: rocketmq.Bool(false),
	})
	require.NoError(t, err)
	assert.Equal(t, oddName, got.Name)
}

func TestBatchDeleteExample(t *testing.T) {
	t.Parallel()
	doc := testutil.Fixture(t, "batch_delete.request.json")
	var body struct {
		Groups []string `json:"groups"`
	}
	testutil.RoundTrip(t, doc, &body)

	c := newClient(t, testutil.Call{
		Method:   http.MethodPost,
		Path:     base,
		Query:    "action=delete",
		Body:     doc,
		Response: testutil.Fixture(t, "batch_delete.response.json"),
	})
	got, err := c.BatchDelete(context.Background(), testutil.InstanceID, body.Groups)
	require.NoError(t, err)
	assert.Equal(t, &groups.BatchDeleteResponse{JobID: "8abfa7b27da211df017da340427b0980"}, got)
}

func TestBatchDeleteOddNamesAndEmptyBody(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method: http.MethodPost,
		Path:   base,
		Query:  "action=delete",
		Body:   `{"groups":["CID%order|v2","group-1"]}`,
		Status: http.StatusNoContent,
	})
	got, err := c.BatchDelete(context.Background(), testutil.InstanceID, []string{oddName, "group-1"})
	require.NoError(t, err)
	assert.Equal(t, &groups.BatchDeleteResponse{}, got)
}

func TestBatchUpdateExample(t *testing.T) {
	t.Parallel()
	doc := testutil.Fixture(t, "batch_update.request.json")
	var req groups.BatchUpdateRequest
	testutil.RoundTrip(t, doc, &req)
	assert.Equal(t, groups.BatchUpdateRequest{Groups: []groups.UpdateRequest{{
		Enabled:       rocketmq.Bool(true),
		Broadcast:     rocketmq.Bool(false),
		Brokers:       []string{"broker-0"},
		Name:          "group1",
		RetryMaxTime:  rocketmq.Int(16),
		FromBeginning: rocketmq.Bool(false),
	}}}, req)

	c := newClient(t, testutil.Call{
		Method:   http.MethodPut,
		Path:     base,
		Body:     doc,
		Response: testutil.Fixture(t, "batch_update.response.json"),
	})
	got, err := c.BatchUpdate(context.Background(), testutil.InstanceID, &req)
	require.NoError(t, err)
	assert.Equal(t, &groups.BatchUpdateResponse{JobID: "8abfa7b27da211df017da340427b0979"}, got)
}

func TestGetExample(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     base + "/test",
		Response: testutil.Fixture(t, "get.response.json"),
	})
	got, err := c.Get(context.Background(), testutil.InstanceID, "test")
	require.NoError(t, err)
	assert.Equal(t, &groups.Group{
		Name:         "test",
		Enabled:      true,
		Broadcast:    true,
		Brokers:      []string{"broker-0"},
		Permissions:  []string{},
		RetryMaxTime: 10,
		AppID:        "", // null in the example (QUIRKS rows 3–4)
		AppName:      "",
	}, got)
}

func TestGetOddNameEscaped(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     base + "/" + oddEscape,
		Response: `{"enabled":true,"retry_max_time":"16","permissions":"sub"}`,
	})
	got, err := c.Get(context.Background(), testutil.InstanceID, oddName)
	require.NoError(t, err)
	assert.Equal(t, oddName, got.Name, "a missing name is filled from the request")
	assert.Equal(t, 16, got.RetryMaxTime)
	assert.Equal(t, []string{"sub"}, got.Permissions)
}

func TestUpdateExample(t *testing.T) {
	t.Parallel()
	doc := testutil.Fixture(t, "update.request.json")
	var req groups.UpdateRequest
	testutil.RoundTrip(t, doc, &req)
	assert.Equal(t, groups.UpdateRequest{
		Name:          "consumer-group-test",
		Enabled:       rocketmq.Bool(true),
		RetryMaxTime:  rocketmq.Int(16),
		FromBeginning: rocketmq.Bool(true),
		Broadcast:     rocketmq.Bool(true),
	}, req)

	c := newClient(t, testutil.Call{
		Method: http.MethodPut,
		Path:   base + "/consumer-group-test",
		Body:   doc,
		Status: http.StatusNoContent,
	})
	require.NoError(t, c.Update(context.Background(), testutil.InstanceID, "consumer-group-test", &req))
}

func TestUpdateSendsFalseAndEmptyDescription(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method: http.MethodPut,
		Path:   base + "/" + oddEscape,
		Body:   `{"enabled":false,"broadcast":false,"retry_max_time":1,"from_beginning":false,"consume_orderly":false,"group_desc":""}`,
		Status: http.StatusNoContent,
	})
	require.NoError(t, c.Update(context.Background(), testutil.InstanceID, oddName, &groups.UpdateRequest{
		Enabled:        rocketmq.Bool(false),
		Broadcast:      rocketmq.Bool(false),
		RetryMaxTime:   rocketmq.Int(1),
		FromBeginning:  rocketmq.Bool(false),
		ConsumeOrderly: rocketmq.Bool(false),
		GroupDesc:      rocketmq.String(""),
	}))
}

func TestDelete(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method: http.MethodDelete,
		Path:   base + "/" + oddEscape,
		Status: http.StatusNoContent,
	})
	require.NoError(t, c.Delete(context.Background(), testutil.InstanceID, oddName))
}

func TestListTopicsExample(t *testing.T) {
	t.Parallel()
	// The one example of 5.2.7 holds topics, total and brokers (QUIRKS row 5):
	// the list mode reads topics and total.
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     base + "/" + oddEscape + "/topics",
		Response: testutil.Fixture(t, "list_topics.response.json"),
	})
	got, err := c.ListTopics(context.Background(), testutil.InstanceID, oddName, nil)
	require.NoError(t, err)
	assert.Equal(t, &groups.ListTopicsResponse{Topics: []string{"test0001"}, Total: 1}, got)
}

func TestListTopicsQuery(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     base + "/g-1/topics",
		Query:    "limit=5&offset=10",
		Response: `{"topics":"only-one","total":"11,"}`,
	})
	got, err := c.ListTopics(context.Background(), testutil.InstanceID, "g-1", &groups.ListTopicsOptions{Limit: 5, Offset: 10})
	require.NoError(t, err)
	assert.Equal(t, &groups.ListTopicsResponse{Topics: []string{"only-one"}, Total: 11}, got)
}

func TestGetConsumptionExample(t *testing.T) {
	t.Parallel()
	// The detail mode (?topic=) reads brokers from the same example.
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     base + "/group1/topics",
		Query:    "topic=test0001",
		Response: testutil.Fixture(t, "list_topics.response.json"),
	})
	got, err := c.GetConsumption(context.Background(), testutil.InstanceID, "group1", "test0001")
	require.NoError(t, err)
	assert.Equal(t, &groups.Consumption{Brokers: []groups.ConsumptionBroker{{
		BrokerName: "broker-0",
		Queues: []groups.ConsumptionQueue{
			{ID: 0, Lag: 0, BrokerOffset: 0, ConsumerOffset: 0, LastMessageTime: 0},
			{ID: 1, Lag: 0, BrokerOffset: 1, ConsumerOffset: 1, LastMessageTime: int64(1679398537088)},
			{ID: 2, Lag: 0, BrokerOffset: 0, ConsumerOffset: 0, LastMessageTime: 0},
		},
	}}}, got)
	assert.Equal(t, int64(0), got.TotalLag())
}

func TestGetConsumptionOddNamesAndShapes(t *testing.T) {
	t.Parallel()
	// A DLQ topic name in the query (% → %25), an odd group in the path,
	// brokers as one object, numbers as strings and beyond int32.
	c := newClient(t, testutil.Call{
		Method: http.MethodGet,
		Path:   base + "/" + oddEscape + "/topics",
		Query:  "topic=%25DLQ%25CID%25order%7Cv2",
		Response: `{"brokers":{"broker_name":"broker-1","queues":[
			{"id":"3","lag":"9007199254740993","broker_offset":9007199254740995,"consumer_offset":2,"last_message_time":"1679398537088"},
			{"id":4,"lag":5,"broker_offset":6,"consumer_offset":1,"last_message_time":null}]}}`,
	})
	got, err := c.GetConsumption(context.Background(), testutil.InstanceID, oddName, "%DLQ%"+oddName)
	require.NoError(t, err)
	require.Len(t, got.Brokers, 1)
	assert.Equal(t, "broker-1", got.Brokers[0].BrokerName)
	assert.Equal(t, []groups.ConsumptionQueue{
		{ID: 3, Lag: 9007199254740993, BrokerOffset: 9007199254740995, ConsumerOffset: 2, LastMessageTime: 1679398537088},
		{ID: 4, Lag: 5, BrokerOffset: 6, ConsumerOffset: 1},
	}, got.Brokers[0].Queues)
	assert.Equal(t, int64(9007199254740998), got.TotalLag())
	var nilC *groups.Consumption
	assert.Zero(t, nilC.TotalLag())
}

func TestResetOffsetExample(t *testing.T) {
	t.Parallel()
	doc := testutil.Fixture(t, "reset_offset.request.json")
	var req groups.ResetOffsetRequest
	testutil.RoundTrip(t, doc, &req)
	assert.Equal(t, groups.ResetOffsetRequest{Topic: "topic_01", Timestamp: 1662652800000}, req)

	c := newClient(t, testutil.Call{
		Method:   http.MethodPost,
		Path:     "/v2/reliability/" + testutil.ProjectID + "/instances/" + testutil.InstanceID + "/groups/" + oddEscape + "/reset-message-offset",
		Body:     doc,
		Response: testutil.Fixture(t, "reset_offset.response.json"),
	})
	got, err := c.ResetOffset(context.Background(), testutil.InstanceID, oddName, &req)
	require.NoError(t, err)
	assert.Equal(t, &groups.ResetOffsetResponse{Queues: []groups.ResetQueue{
		{BrokerName: "broker-1", QueueID: 0, TimestampOffset: 0},
	}}, got)
}

func TestResetOffsetTableSpellingAndZeroTimestamp(t *testing.T) {
	t.Parallel()
	// Table 5-47 spells the field timestamp_of_fset (QUIRKS row 6); a zero
	// timestamp is sent, not omitted; the engine comes from the client.
	c, mt := testutil.NewClient(t, rocketmq.WithEngine("custom-engine"))
	testutil.Expect(t, mt, testutil.Call{
		Method: http.MethodPost,
		Path:   "/v2/custom-engine/" + testutil.ProjectID + "/instances/" + testutil.InstanceID + "/groups/group1/reset-message-offset",
		Body:   `{"topic":"%RETRY%group1","timestamp":0}`,
		Response: `{"queues":[
			{"broker_name":"broker-0","queue_id":1,"timestamp_of_fset":"1662652800123"},
			{"broker_name":"broker-0","queue_id":"2","timestamp_offset":7,"timestamp_of_fset":8},
			{"broker_name":"broker-1","queue_id":3}]}`,
	})
	got, err := groups.New(c).ResetOffset(context.Background(), testutil.InstanceID, "group1",
		&groups.ResetOffsetRequest{Topic: "%RETRY%group1", Timestamp: 0})
	require.NoError(t, err)
	assert.Equal(t, []groups.ResetQueue{
		{BrokerName: "broker-0", QueueID: 1, TimestampOffset: 1662652800123},
		{BrokerName: "broker-0", QueueID: 2, TimestampOffset: 7},
		{BrokerName: "broker-1", QueueID: 3},
	}, got.Queues)
}

func TestResetQueueShapes(t *testing.T) {
	t.Parallel()
	// queues as one object (jsonx) with the table's spelling; null queue.
	var r groups.ResetOffsetResponse
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{
		Method:   http.MethodPost,
		Path:     "/v2/reliability/" + testutil.ProjectID + "/instances/" + testutil.InstanceID + "/groups/group1/reset-message-offset",
		Body:     `{"topic":"topic_01","timestamp":5}`,
		Response: `{"queues":{"broker_name":"broker-2","queue_id":"4","timestamp_of_fset":"42"}}`,
	})
	got, err := groups.New(c).ResetOffset(context.Background(), testutil.InstanceID, "group1",
		&groups.ResetOffsetRequest{Topic: "topic_01", Timestamp: 5})
	require.NoError(t, err)
	assert.Equal(t, []groups.ResetQueue{{BrokerName: "broker-2", QueueID: 4, TimestampOffset: 42}}, got.Queues)

	require.NoError(t, json.Unmarshal([]byte(`{"queues":[null]}`), &r))
	assert.Equal(t, []groups.ResetQueue{{}}, r.Queues)
}

func TestAPIErrors(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{
			Method:   http.MethodGet,
			Path:     base + "/missing-group",
			Status:   http.StatusBadRequest,
			Response: `{"error_code":"DMS.00050012","error_msg":"The consumer group does not exist."}`,
			Header:   http.Header{"X-Request-Id": {"req-group-404"}},
		},
		testutil.Call{
			Method:   http.MethodDelete,
			Path:     base + "/missing-group",
			Status:   http.StatusNotFound,
			Response: `{"error_code":"DMS.00404022","error_msg":"The instance does not exist."}`,
		},
		testutil.Call{
			Method:   http.MethodPost,
			Path:     base,
			Body:     `{"name":"dup-group"}`,
			Status:   http.StatusBadRequest,
			Response: `{"error_code":"DMS.00400001","error_msg":"Invalid parameter."}`,
		},
	)
	_, err := c.Get(context.Background(), testutil.InstanceID, "missing-group")
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.Equal(t, "DMS.00050012", apiErr.Code)
	assert.Equal(t, "req-group-404", apiErr.RequestID)
	assert.True(t, rocketmq.IsNotFound(err))

	err = c.Delete(context.Background(), testutil.InstanceID, "missing-group")
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
	assert.Equal(t, "req-2", apiErr.RequestID)
	assert.True(t, rocketmq.IsNotFound(err))

	_, err = c.Create(context.Background(), testutil.InstanceID, &groups.CreateRequest{Name: "dup-group"})
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "DMS.00400001", apiErr.Code)
	assert.Equal(t, "Invalid parameter.", apiErr.Message)
	assert.False(t, rocketmq.IsNotFound(err))
}

func TestNilContextAndEmptyBodies(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: base},
		testutil.Call{Method: http.MethodGet, Path: base + "/g-1/topics", Query: "topic=t-1", Response: `null`},
	)
	got, err := c.List(nilCtx(), testutil.InstanceID, nil) // a nil context must not panic
	require.NoError(t, err)
	assert.Equal(t, &groups.ListResponse{}, got)
	cons, err := c.GetConsumption(context.Background(), testutil.InstanceID, "g-1", "t-1")
	require.NoError(t, err)
	assert.Empty(t, cons.Brokers)
	assert.Zero(t, cons.TotalLag())
}

func TestContextCanceled(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Get(ctx, testutil.InstanceID, "group1")
	require.Error(t, err)
	assert.True(t, errors.Is(err, context.Canceled))
}

// nilCtx returns a nil context (callers must not crash on one).
func nilCtx() context.Context { return nil }

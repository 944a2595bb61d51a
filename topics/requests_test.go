package topics_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/topics"
)

const (
	base      = "/v2/" + testutil.ProjectID + "/instances/" + testutil.InstanceID + "/topics"
	oddName   = "CID%order|v2"
	oddEscape = "CID%25order%7Cv2"
	dlq       = "%DLQ%group1"
	dlqEscape = "%25DLQ%25group1"
	retry     = "%RETRY%group1"
	retryEsc  = "%25RETRY%25group1"
)

func newClient(t *testing.T, calls ...testutil.Call) *topics.Client {
	t.Helper()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, calls...)
	return topics.New(c)
}

// nilCtx returns a nil context (callers must not crash on one).
func nilCtx() context.Context { return nil }

func TestCreateExample(t *testing.T) {
	t.Parallel()
	doc := testutil.Fixture(t, "create.request.json")
	var req topics.CreateRequest
	testutil.RoundTrip(t, doc, &req)
	assert.Equal(t, topics.CreateRequest{
		Name:       "topic-test",
		Brokers:    []string{"broker-0"},
		QueueNum:   rocketmq.Int(3),
		Permission: topics.PermissionAll,
	}, req)

	c := newClient(t, testutil.Call{
		Method:   http.MethodPost,
		Path:     base,
		Body:     doc,
		Response: testutil.Fixture(t, "create.response.json"),
	})
	got, err := c.Create(context.Background(), testutil.InstanceID, &req)
	require.NoError(t, err)
	assert.Equal(t, &topics.CreateResponse{ID: "topic-test"}, got)
}

func TestCreateMinimalOddName(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodPost,
		Path:     base,
		Body:     `{"name":"CID%order|v2"}`,
		Response: `{"id":"CID%order|v2"}`,
	})
	got, err := c.Create(context.Background(), testutil.InstanceID, &topics.CreateRequest{Name: oddName})
	require.NoError(t, err)
	assert.Equal(t, oddName, got.ID)
}

func TestBatchDelete(t *testing.T) {
	t.Parallel()
	doc := testutil.Fixture(t, "batch_delete.request.json")
	var body struct {
		Topics []string `json:"topics"`
	}
	testutil.RoundTrip(t, doc, &body)

	c := newClient(t, testutil.Call{
		Method:   http.MethodPost,
		Path:     base,
		Query:    "action=delete",
		Body:     doc,
		Response: testutil.Fixture(t, "batch_delete.response.json"),
	})
	got, err := c.BatchDelete(context.Background(), testutil.InstanceID, body.Topics)
	require.NoError(t, err)
	assert.Equal(t, &topics.BatchDeleteResponse{JobID: "8abfa7b27da211df017da340427b0981"}, got)
}

func TestGetExample(t *testing.T) {
	t.Parallel()
	// The example has no name (QUIRKS row 7): it is filled from the path.
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     base + "/topic-test",
		Response: testutil.Fixture(t, "get.response.json"),
	})
	got, err := c.Get(context.Background(), testutil.InstanceID, "topic-test")
	require.NoError(t, err)
	assert.Equal(t, &topics.Topic{
		Name:               "topic-test",
		TotalReadQueueNum:  3,
		TotalWriteQueueNum: 3,
		Permission:         "all",
		Brokers:            []topics.Broker{{BrokerName: "broker-0", ReadQueueNum: 3, WriteQueueNum: 3}},
	}, got)
}

func TestGetOddNamesEscaped(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{
			Method:   http.MethodGet,
			Path:     base + "/" + oddEscape,
			Response: `{"name":"CID%order|v2","total_read_queue_num":"8","brokers":{"broker_name":"broker-1","read_queue_num":"8","write_queue_num":8}}`,
		},
		testutil.Call{
			Method:   http.MethodGet,
			Path:     base + "/" + retryEsc,
			Response: `{"name":"%RETRY%group1","permission":"all","brokers":null}`,
		},
	)
	got, err := c.Get(context.Background(), testutil.InstanceID, oddName)
	require.NoError(t, err)
	assert.Equal(t, &topics.Topic{
		Name:              oddName,
		TotalReadQueueNum: 8,
		Brokers:           []topics.Broker{{BrokerName: "broker-1", ReadQueueNum: 8, WriteQueueNum: 8}},
	}, got)
	got, err = c.Get(context.Background(), testutil.InstanceID, retry)
	require.NoError(t, err)
	assert.Equal(t, &topics.Topic{Name: retry, Permission: "all"}, got)
}

func TestUpdateExample(t *testing.T) {
	t.Parallel()
	doc := testutil.Fixture(t, "update.request.json")
	var req topics.UpdateRequest
	testutil.RoundTrip(t, doc, &req)
	assert.Equal(t, topics.UpdateRequest{
		ReadQueueNum:  rocketmq.Int(3),
		WriteQueueNum: rocketmq.Int(3),
		Permission:    "all",
	}, req)

	c := newClient(t, testutil.Call{
		Method: http.MethodPut,
		Path:   base + "/" + oddEscape,
		Body:   doc,
		Status: http.StatusNoContent,
	})
	require.NoError(t, c.Update(context.Background(), testutil.InstanceID, oddName, &req))
}

func TestUpdatePermissionOnly(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method: http.MethodPut,
		Path:   base + "/topic-test",
		Body:   `{"permission":"sub"}`,
		Status: http.StatusNoContent,
	})
	require.NoError(t, c.Update(context.Background(), testutil.InstanceID, "topic-test", &topics.UpdateRequest{Permission: topics.PermissionSub}))
}

func TestDelete(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{Method: http.MethodDelete, Path: base + "/" + oddEscape, Status: http.StatusNoContent},
		testutil.Call{Method: http.MethodDelete, Path: base + "/" + dlqEscape, Status: http.StatusNoContent},
	)
	require.NoError(t, c.Delete(context.Background(), testutil.InstanceID, oddName))
	require.NoError(t, c.Delete(context.Background(), testutil.InstanceID, dlq))
}

func TestListGroupsExample(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{
			Method:   http.MethodGet,
			Path:     base + "/" + oddEscape + "/groups",
			Response: testutil.Fixture(t, "list_groups.response.json"),
		},
		testutil.Call{
			Method:   http.MethodGet,
			Path:     base + "/" + retryEsc + "/groups",
			Query:    "limit=5&offset=10",
			Response: `{"groups":"group1"}`,
		},
	)
	got, err := c.ListGroups(context.Background(), testutil.InstanceID, oddName, nil)
	require.NoError(t, err)
	assert.Equal(t, &topics.ListGroupsResponse{Groups: []string{"CID_JODIE_1", "test_consumer"}}, got)

	opts := &topics.ListGroupsOptions{Limit: 5, Offset: 10}
	got, err = c.ListGroups(context.Background(), testutil.InstanceID, retry, opts)
	require.NoError(t, err)
	assert.Equal(t, &topics.ListGroupsResponse{Groups: []string{"group1"}}, got)
	assert.Equal(t, &topics.ListGroupsOptions{Limit: 5, Offset: 10}, opts)
}

func TestGetStatusExampleObject(t *testing.T) {
	t.Parallel()
	// The example's brokers is one object (QUIRKS row 8).
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     base + "/" + dlqEscape + "/status",
		Response: testutil.Fixture(t, "status.response.json"),
	})
	got, err := c.GetStatus(context.Background(), testutil.InstanceID, dlq)
	require.NoError(t, err)
	assert.Equal(t, &topics.Status{Brokers: []topics.StatusBroker{{
		BrokerName: "broker-0",
		Queues: []topics.StatusQueue{
			{ID: 0, MinOffset: 0, MaxOffset: 2, LastMessageTime: int64(1662689877152)},
		},
	}}}, got)
	assert.Equal(t, int64(2), got.TotalMessages())
}

func TestGetStatusArray(t *testing.T) {
	t.Parallel()
	// The table's shape: brokers as an array; numbers as strings.
	c := newClient(t, testutil.Call{
		Method: http.MethodGet,
		Path:   base + "/topic-test/status",
		Response: `{"brokers":[
			{"broker_name":"broker-0","queues":[
				{"id":0,"min_offset":0,"max_offset":2,"last_message_time":1662689877152},
				{"id":1,"min_offset":"5","max_offset":"9007199254740993","last_message_time":"1662689877153"}]},
			{"broker_name":"broker-1","queues":{"id":0,"min_offset":3,"max_offset":3,"last_message_time":0}}]}`,
	})
	got, err := c.GetStatus(context.Background(), testutil.InstanceID, "topic-test")
	require.NoError(t, err)
	assert.Equal(t, &topics.Status{Brokers: []topics.StatusBroker{
		{BrokerName: "broker-0", Queues: []topics.StatusQueue{
			{ID: 0, MinOffset: 0, MaxOffset: 2, LastMessageTime: 1662689877152},
			{ID: 1, MinOffset: 5, MaxOffset: 9007199254740993, LastMessageTime: 1662689877153},
		}},
		{BrokerName: "broker-1", Queues: []topics.StatusQueue{{ID: 0, MinOffset: 3, MaxOffset: 3}}},
	}}, got)
	assert.Equal(t, int64(2+9007199254740993-5), got.TotalMessages())
	var nilS *topics.Status
	assert.Zero(t, nilS.TotalMessages())
}

// A bare array where the object is documented is the list of brokers.
func TestGetStatusBareArray(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     base + "/topic-test/status",
		Response: `[{"broker_name":"broker-0","queues":[{"id":0,"min_offset":1,"max_offset":4,"last_message_time":"1662689877152"}]}]`,
	})
	got, err := c.GetStatus(context.Background(), testutil.InstanceID, "topic-test")
	require.NoError(t, err)
	assert.Equal(t, &topics.Status{Brokers: []topics.StatusBroker{{BrokerName: "broker-0",
		Queues: []topics.StatusQueue{{ID: 0, MinOffset: 1, MaxOffset: 4, LastMessageTime: 1662689877152}}}}}, got)
	assert.Equal(t, int64(3), got.TotalMessages())
}

func TestList(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{
			Method:   http.MethodGet,
			Path:     base,
			Query:    "limit=3&offset=6",
			Response: testutil.Fixture(t, "list.response.json"),
		},
		testutil.Call{
			Method:   http.MethodGet,
			Path:     base,
			Response: `{"total":"3","max":"4000","topics":{"name":"t-1"}}`,
		},
	)
	opts := &topics.ListOptions{Limit: 3, Offset: 6}
	got, err := c.List(context.Background(), testutil.InstanceID, opts)
	require.NoError(t, err)
	assert.Equal(t, &topics.ListOptions{Limit: 3, Offset: 6}, opts)
	assert.Equal(t, int64(3), got.Total)
	assert.Equal(t, int64(4000), got.Max)
	assert.Equal(t, int64(3997), got.Remaining)
	assert.Equal(t, int64(-1), got.NextOffset)
	assert.Equal(t, int64(-1), got.PreviousOffset)
	require.Len(t, got.Topics, 3)
	assert.Equal(t, topics.Topic{
		Name: "topic-test", TotalReadQueueNum: 3, TotalWriteQueueNum: 3, Permission: "all",
		Brokers: []topics.Broker{{BrokerName: "broker-0", ReadQueueNum: 3, WriteQueueNum: 3}},
	}, got.Topics[0])
	assert.Equal(t, retry, got.Topics[1].Name)
	assert.Equal(t, topics.Topic{
		Name: "topic-sub", TotalReadQueueNum: 8, TotalWriteQueueNum: 8, Permission: "sub",
		Brokers: []topics.Broker{
			{BrokerName: "broker-0", ReadQueueNum: 4, WriteQueueNum: 4},
			{BrokerName: "broker-1", ReadQueueNum: 4, WriteQueueNum: 4},
		},
	}, got.Topics[2])

	got, err = c.List(nilCtx(), testutil.InstanceID, nil)
	require.NoError(t, err)
	assert.Equal(t, &topics.ListResponse{Total: 3, Max: 4000, Topics: []topics.Topic{{Name: "t-1"}}}, got)
}

func TestAPIErrors(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{
			Method:   http.MethodGet,
			Path:     base + "/missing-topic",
			Status:   http.StatusBadRequest,
			Response: `{"error_code":"DMS.00050004","error_msg":"The topic does not exist."}`,
			Header:   http.Header{"X-Request-Id": {"req-topic-404"}},
		},
		testutil.Call{
			Method:   http.MethodGet,
			Path:     base + "/missing-topic/status",
			Status:   http.StatusNotFound,
			Response: `{"error_code":"DMS.00404022","error_msg":"The instance does not exist."}`,
		},
		testutil.Call{
			Method:   http.MethodPost,
			Path:     base,
			Body:     `{"name":"dup-topic"}`,
			Status:   http.StatusBadRequest,
			Response: `{"error_code":"DMS.00400001","error_msg":"Invalid parameter."}`,
		},
	)
	_, err := c.Get(context.Background(), testutil.InstanceID, "missing-topic")
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.Equal(t, "DMS.00050004", apiErr.Code)
	assert.Equal(t, "The topic does not exist.", apiErr.Message)
	assert.Equal(t, "req-topic-404", apiErr.RequestID)
	assert.True(t, rocketmq.IsNotFound(err))

	_, err = c.GetStatus(context.Background(), testutil.InstanceID, "missing-topic")
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
	assert.Equal(t, "DMS.00404022", apiErr.Code)
	assert.Equal(t, "req-2", apiErr.RequestID)
	assert.True(t, rocketmq.IsNotFound(err))

	_, err = c.Create(context.Background(), testutil.InstanceID, &topics.CreateRequest{Name: "dup-topic"})
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "DMS.00400001", apiErr.Code)
	assert.False(t, rocketmq.IsNotFound(err))
}

func TestContextCanceled(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.GetStatus(ctx, testutil.InstanceID, "topic-test")
	require.Error(t, err)
	assert.True(t, errors.Is(err, context.Canceled))
}

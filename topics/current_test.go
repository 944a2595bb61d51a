package topics_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/topics"
)

func TestCreateSendsQueuesAndMessageType(t *testing.T) {
	t.Parallel()
	doc := testutil.Fixture(t, "create.current.request.json")
	var req topics.CreateRequest
	testutil.RoundTrip(t, doc, &req)
	assert.Equal(t, topics.CreateRequest{
		Name:     "orders-fifo",
		QueueNum: rocketmq.Int(4),
		Queues: []topics.CreateQueues{
			{Broker: "broker-0", QueueNum: 4},
			{Broker: "broker-1", QueueNum: 2},
		},
		MessageType: topics.MessageFIFO,
	}, req)
	c := newClient(t, testutil.Call{Method: http.MethodPost, Path: base, Body: doc, Response: `{"id":"orders-fifo"}`})
	got, err := c.Create(context.Background(), testutil.InstanceID, &req)
	require.NoError(t, err)
	assert.Equal(t, &topics.CreateResponse{ID: "orders-fifo"}, got)
}

func TestUpdateSendsQueuesAndDescription(t *testing.T) {
	t.Parallel()
	doc := testutil.Fixture(t, "update.current.request.json")
	var req topics.UpdateRequest
	testutil.RoundTrip(t, doc, &req)
	assert.Equal(t, topics.UpdateRequest{
		Queues:    []topics.UpdateQueues{{Broker: "broker-1", ReadQueueNum: 6, WriteQueueNum: 5}},
		TopicDesc: rocketmq.String("orders in shop order"),
	}, req)
	c := newClient(t,
		testutil.Call{Method: http.MethodPut, Path: base + "/orders-fifo", Body: doc, Status: http.StatusNoContent},
		testutil.Call{Method: http.MethodPut, Path: base + "/t1", Body: `{"topic_desc":""}`, Status: http.StatusNoContent},
	)
	require.NoError(t, c.Update(context.Background(), testutil.InstanceID, "orders-fifo", &req))
	require.NoError(t, c.Update(context.Background(), testutil.InstanceID, "t1", &topics.UpdateRequest{TopicDesc: rocketmq.String("")}))
}

func TestGetDecodesCreatedAtAndMessageType(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{Method: http.MethodGet, Path: base + "/orders-fifo", Response: testutil.Fixture(t, "get.current.response.json")})
	got, err := c.Get(context.Background(), testutil.InstanceID, "orders-fifo")
	require.NoError(t, err)
	assert.Equal(t, &topics.Topic{
		Name:               "orders-fifo",
		TotalReadQueueNum:  6,
		TotalWriteQueueNum: 5,
		Permission:         topics.PermissionAll,
		Brokers:            []topics.Broker{{BrokerName: "broker-1", ReadQueueNum: 6, WriteQueueNum: 5}},
		CreatedAt:          1712123456789,
		MessageType:        topics.MessageFIFO,
	}, got)
}

func TestListDecodesCreatedAtAndMessageType(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{Method: http.MethodGet, Path: base,
		Response: `{"total":1,"topics":[{"name":"t1","created_at":"1712123456789","message_type":"DELAY"}]}`})
	got, err := c.List(context.Background(), testutil.InstanceID, nil)
	require.NoError(t, err)
	assert.Equal(t, &topics.ListResponse{Total: 1, Topics: []topics.Topic{{Name: "t1", CreatedAt: 1712123456789, MessageType: topics.MessageDelay}}}, got)
}

func TestGetStatusDecodesTopLevelOffsets(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{Method: http.MethodGet, Path: base + "/t1/status", Response: testutil.Fixture(t, "status.current.response.json")})
	got, err := c.GetStatus(context.Background(), testutil.InstanceID, "t1")
	require.NoError(t, err)
	assert.Equal(t, &topics.Status{
		MaxOffset: 9007199254740993,
		MinOffset: 17,
		Brokers: []topics.StatusBroker{{BrokerName: "broker-2", Queues: []topics.StatusQueue{
			{ID: 1, MinOffset: 17, MaxOffset: 40, LastMessageTime: 1712123000000},
		}}},
	}, got)
	assert.Equal(t, int64(23), got.TotalMessages())
}

func TestListGroupsDecodesTotal(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{Method: http.MethodGet, Path: base + "/t1/groups", Response: testutil.Fixture(t, "list_groups.current.response.json")})
	got, err := c.ListGroups(context.Background(), testutil.InstanceID, "t1", nil)
	require.NoError(t, err)
	assert.Equal(t, &topics.ListGroupsResponse{Groups: []string{"CID_a", "CID_b"}, Total: 3}, got)
}

func TestListGroupsIterFollowsTotalPastShortPage(t *testing.T) {
	t.Parallel()
	// With a total the iterator goes on past a short page (the service may
	// answer fewer than asked for) and stops at the total.
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: base + "/t1/groups", Query: "limit=50", Response: `{"total":3,"groups":["a","b"]}`},
		testutil.Call{Method: http.MethodGet, Path: base + "/t1/groups", Query: "limit=50&offset=2", Response: `{"total":3,"groups":["c"]}`},
	)
	var got []string
	for g, err := range c.ListGroupsIter(context.Background(), testutil.InstanceID, "t1", nil) {
		require.NoError(t, err)
		got = append(got, g)
	}
	assert.Equal(t, []string{"a", "b", "c"}, got)
}

package messages_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/messages"
)

func TestSendSendsBodyAndDecodesEveryField(t *testing.T) {
	t.Parallel()
	doc := testutil.Fixture(t, "send.request.json")
	var req messages.SendRequest
	testutil.RoundTrip(t, doc, &req)
	c := newClient(t, testutil.Call{
		Method:   http.MethodPost,
		Path:     engineBase + "/messages",
		Body:     doc,
		Response: testutil.Fixture(t, "send.response.json"),
	})
	got, err := c.Send(context.Background(), testutil.InstanceID, &req)
	require.NoError(t, err)
	props := []messages.Property{{Name: "KEYS", Value: "order-1042"}, {Name: "TAGS", Value: "paid"}}
	assert.Equal(t, &messages.SendResponse{
		MsgID:        "0A0000070000277400000000000004B2",
		BrokerName:   "broker-1",
		QueueID:      3,
		QueueOffset:  9007199254740993,
		Topic:        "orders",
		Body:         "order 1042 paid",
		PropertyList: props,
	}, got)
}

func TestSendWithoutPropertiesSendsNoList(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodPost,
		Path:     engineBase + "/messages",
		Body:     `{"topic":"%RETRY%g1","body":" "}`,
		Response: `{"msg_id":"m1"}`,
	})
	got, err := c.Send(context.Background(), testutil.InstanceID, &messages.SendRequest{Topic: "%RETRY%g1", Body: " "})
	require.NoError(t, err)
	assert.Equal(t, &messages.SendResponse{MsgID: "m1"}, got)
}

func TestQuerySendsKeyAndQueue(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{
			Method:   http.MethodGet,
			Path:     engineBase + "/messages",
			Query:    "end_time=1648889000000&key=order-1042&queue=0&start_time=1648888000000&topic=t1",
			Response: `{"messages":[{"msg_id":"m1","queue_id":0}],"total":1}`,
		},
		testutil.Call{
			Method:   http.MethodGet,
			Path:     engineBase + "/messages",
			Query:    "key=k%26v&limit=5&msg_id=m&offset=0&queue=3&topic=t1",
			Response: `{"messages":[],"total":0}`,
		},
	)
	got, err := c.Query(context.Background(), testutil.InstanceID, &messages.QueryOptions{
		Topic: "t1", Key: "order-1042", Queue: rocketmq.Int(0), StartTime: t0, EndTime: t1,
	})
	require.NoError(t, err)
	assert.Equal(t, &messages.QueryResponse{Messages: []messages.Message{{MsgID: "m1"}}, Total: 1}, got)
	_, err = c.Query(context.Background(), testutil.InstanceID, &messages.QueryOptions{
		Topic: "t1", MsgID: "m", Key: "k&v", Queue: rocketmq.Int(3), Limit: 5,
	})
	require.NoError(t, err)
}

func TestVerifyConsumptionSendsTopic(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodPost,
		Path:     engineBase + "/messages/resend",
		Body:     `{"group":"g1","topic":"t1","client_id":"10.0.0.7@12345#8817263#1712","msg_id_list":["m1"]}`,
		Response: `{"resend_results":[{"msg_id":"m1","error_code":"DMS.00000000","error_message":"Success."}]}`,
	})
	got, err := c.VerifyConsumption(context.Background(), testutil.InstanceID, &messages.VerifyConsumptionRequest{
		Group: "g1", Topic: "t1", ClientID: "10.0.0.7@12345#8817263#1712", MsgIDList: []string{"m1"},
	})
	require.NoError(t, err)
	assert.Equal(t, &messages.ResendResponse{ResendResults: []messages.ResendResult{
		{MsgID: "m1", ErrorCode: messages.ResendOK, ErrorMessage: "Success."},
	}}, got)
	assert.Empty(t, got.Failed())
}

// tracePageOf returns a page of n traces starting at request id first,
// with total.
func tracePageOf(first, n, total int) string {
	items := make([]string, n)
	for i := range items {
		items[i] = `{"request_id":"r` + strconv.Itoa(first+i) + `"}`
	}
	return `{"total":` + strconv.Itoa(total) + `,"next_offset":-1,"previous_offset":-1,"trace":[` + strings.Join(items, ",") + `]}`
}

func TestTraceFollowsPagesUntilTotal(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: engineBase + "/trace", Query: "msg_id=m1", Response: tracePageOf(0, 10, 23)},
		testutil.Call{Method: http.MethodGet, Path: engineBase + "/trace", Query: "msg_id=m1&offset=10", Response: tracePageOf(10, 10, 23)},
		testutil.Call{Method: http.MethodGet, Path: engineBase + "/trace", Query: "msg_id=m1&offset=20", Response: tracePageOf(20, 3, 23)},
	)
	var last rocketmq.Response
	tr, err := c.Trace(context.Background(), testutil.InstanceID, "m1", rocketmq.CaptureResponse(&last))
	require.NoError(t, err)
	require.Len(t, tr, 23)
	for i, x := range tr {
		assert.Equal(t, "r"+strconv.Itoa(i), x.RequestID)
	}
	assert.Equal(t, "req-3", last.RequestID, "the last page is captured")
}

func TestTraceWithoutTotalIsOnePage(t *testing.T) {
	t.Parallel()
	// Ten traces (a full default page) and no total: the answer is the
	// whole trace, nothing more is asked for.
	items := make([]string, 10)
	for i := range items {
		items[i] = `{"request_id":"r` + strconv.Itoa(i) + `"}`
	}
	c := newClient(t, testutil.Call{Method: http.MethodGet, Path: engineBase + "/trace", Query: "msg_id=m1",
		Response: `[` + strings.Join(items, ",") + `]`})
	tr, err := c.Trace(context.Background(), testutil.InstanceID, "m1")
	require.NoError(t, err)
	assert.Len(t, tr, 10)
}

func TestTraceErrorOnLaterPage(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: engineBase + "/trace", Query: "msg_id=m1", Response: tracePageOf(0, 10, 11)},
		testutil.Call{Method: http.MethodGet, Path: engineBase + "/trace", Query: "msg_id=m1&offset=10", Status: http.StatusNotFound,
			Response: `{"error_code":"DMS.00404022","error_msg":"instance gone"}`},
	)
	tr, err := c.Trace(context.Background(), testutil.InstanceID, "m1")
	assert.Nil(t, tr)
	assert.True(t, rocketmq.IsNotFound(err))
}

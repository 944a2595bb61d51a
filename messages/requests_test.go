package messages_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/messages"
)

const (
	base       = "/v2/" + testutil.ProjectID + "/instances/" + testutil.InstanceID
	engineBase = "/v2/reliability/" + testutil.ProjectID + "/instances/" + testutil.InstanceID
)

func newClient(t *testing.T, calls ...testutil.Call) *messages.Client {
	t.Helper()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, calls...)
	return messages.New(c)
}

var (
	t0 = time.UnixMilli(1648888000000)
	t1 = time.UnixMilli(1648889000000)
)

func TestQueryByTimeReplaysExample(t *testing.T) {
	t.Parallel()
	// QUIRKS row 27: the example sends no query at all; table 5-66 requires
	// topic and, without msg_id, start_time and end_time (Unix ms).
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     engineBase + "/messages",
		Query:    "end_time=1648889000000&start_time=1648888000000&topic=topic-test",
		Response: testutil.Fixture(t, "query.response.json"),
	})
	resp, err := c.Query(context.Background(), testutil.InstanceID, &messages.QueryOptions{Topic: "topic-test", StartTime: t0, EndTime: t1})
	require.NoError(t, err)
	assert.Equal(t, int64(1), resp.Total)
	require.Len(t, resp.Messages, 1)
	m := resp.Messages[0]
	assert.Equal(t, "C0A807C9000027740000000000000030", m.MsgID)
	assert.Equal(t, "11c45539-xxxx-xxxx-xxxx-812c41f61f30", m.InstanceID)
	assert.Equal(t, "topic-test", m.Topic)
	assert.Equal(t, int64(1648888166319), m.StoreTimestamp) // exact: no float rounding
	assert.Equal(t, int64(1648888166275), m.BornTimestamp)
	assert.Equal(t, int64(0), m.ReconsumeTimes) // row 9: a number where the table says String
	assert.Equal(t, "xxxx", m.Body)
	assert.Equal(t, int64(1932557065), m.BodyCRC)
	assert.Equal(t, int64(175), m.StoreSize)
	assert.Equal(t, []messages.Property{
		{Name: "KEYS", Value: ""},
		{Name: "UNIQ_KEY", Value: "7F00000123DC6E0BE85808B037820000"},
		{Name: "CLUSTER", Value: "DmsCluster"},
		{Name: "TAGS", Value: ""},
	}, m.PropertyList)
	assert.Equal(t, "192.168.0.66:50098", m.BornHost)
	assert.Equal(t, "192.168.7.201:10100", m.StoreHost)
	assert.Equal(t, int64(2), m.QueueID)     // row 10
	assert.Equal(t, int64(0), m.QueueOffset) // row 11
	v, ok := m.Property("CLUSTER")
	assert.True(t, ok)
	assert.Equal(t, "DmsCluster", v)
	_, ok = m.Property("nope")
	assert.False(t, ok)
}

func TestQueryByIDWithPageAndEscapedTopic(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     engineBase + "/messages",
		Query:    "limit=10&msg_id=C0A8005B00002775000000000000133A2&offset=0&topic=%25DLQ%25CID%25order%7Cv2",
		Response: `{"messages":[],"total":0}`,
	})
	resp, err := c.Query(context.Background(), testutil.InstanceID, &messages.QueryOptions{
		Topic: "%DLQ%CID%order|v2", MsgID: "C0A8005B00002775000000000000133A2", Limit: 10,
	})
	require.NoError(t, err)
	assert.Empty(t, resp.Messages)
}

func TestQueryTableTypes(t *testing.T) {
	t.Parallel()
	// The table's types: strings for reconsume_times, queue_id, queue_offset;
	// also numbers sent as strings and an id sent as a number.
	c := newClient(t, testutil.Call{
		Method: http.MethodGet,
		Path:   engineBase + "/messages",
		Query:  "msg_id=42&topic=t",
		Response: `{"messages":[{"msg_id":42,"store_timestamp":"1662690563020","born_timestamp":"1662690324415",
			"reconsume_times":"3","queue_id":"7","queue_offset":"9007199254740993","body_crc":"198614610",
			"store_size":"317","property_list":{"name":"TAGS","value":"a"}}],"total":"1"}`,
	})
	resp, err := c.Query(context.Background(), testutil.InstanceID, &messages.QueryOptions{Topic: "t", MsgID: "42"})
	require.NoError(t, err)
	require.Len(t, resp.Messages, 1)
	m := resp.Messages[0]
	assert.Equal(t, "42", m.MsgID)
	assert.Equal(t, int64(1662690563020), m.StoreTimestamp)
	assert.Equal(t, int64(1662690324415), m.BornTimestamp)
	assert.Equal(t, int64(3), m.ReconsumeTimes)
	assert.Equal(t, int64(7), m.QueueID)
	assert.Equal(t, int64(9007199254740993), m.QueueOffset) // beyond float64's exact range
	assert.Equal(t, int64(198614610), m.BodyCRC)
	assert.Equal(t, int64(317), m.StoreSize)
	assert.Equal(t, []messages.Property{{Name: "TAGS", Value: "a"}}, m.PropertyList)
	assert.Equal(t, int64(1), resp.Total)
}

func TestQueryEngineFromClient(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t, rocketmq.WithEngine("rocketmq"))
	testutil.Expect(t, mt, testutil.Call{
		Method:   http.MethodGet,
		Path:     "/v2/rocketmq/" + testutil.ProjectID + "/instances/" + testutil.InstanceID + "/messages",
		Query:    "msg_id=m&topic=t",
		Response: `{}`,
	})
	_, err := messages.New(c).Query(context.Background(), testutil.InstanceID, &messages.QueryOptions{Topic: "t", MsgID: "m"})
	require.NoError(t, err)
}

func assertTraceExample(t *testing.T, tr []messages.Trace) {
	t.Helper()
	require.Len(t, tr, 1)
	assert.Equal(t, messages.Trace{
		Success:              true,
		TraceType:            "Pub",
		Timestamp:            1634822858013,
		GroupName:            "ProducerGroupName",
		CostTime:             47,
		RequestID:            "644F0069C829287CBBF26B9A54390000",
		ConsumeStatus:        0,
		Topic:                "aaaaa",
		MsgID:                "7F000001561018B4AAC26B9A0D1D0004",
		OffsetMsgID:          "C0A8011700002774000000000000BE12",
		Tags:                 "TagA",
		Keys:                 "OrderID188",
		StoreHost:            "192.168.0.1:10101",
		ClientHost:           "127.0.0.1",
		RetryTimes:           0,
		BodyLength:           11,
		MsgType:              "Normal_Msg",
		TransactionState:     "",
		TransactionID:        "",
		FromTransactionCheck: false,
	}, tr[0])
}

func TestTraceBareArrayExample(t *testing.T) {
	t.Parallel()
	// QUIRKS rows 12–15: a bare array, retry_times a number, nulls.
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     engineBase + "/trace",
		Query:    "msg_id=7F000001561018B4AAC26B9A0D1D0004",
		Response: testutil.Fixture(t, "trace.response.json"),
	})
	tr, err := c.Trace(context.Background(), testutil.InstanceID, "7F000001561018B4AAC26B9A0D1D0004")
	require.NoError(t, err)
	assertTraceExample(t, tr)
}

func TestTraceObjectForms(t *testing.T) {
	t.Parallel()
	one := `{"success":"true","trace_type":"Pub","timestamp":"1634822858013","group_name":"ProducerGroupName",
		"cost_time":"47","request_id":"644F0069C829287CBBF26B9A54390000","consume_status":"0","topic":"aaaaa",
		"msg_id":"7F000001561018B4AAC26B9A0D1D0004","offset_msg_id":"C0A8011700002774000000000000BE12",
		"tags":"TagA","keys":"OrderID188","store_host":"192.168.0.1:10101","client_host":"127.0.0.1",
		"retry_times":"0","body_length":11,"msg_type":"Normal_Msg","transaction_state":"","transaction_id":"",
		"from_transaction_check":false}`
	for name, body := range map[string]string{
		"table form":           `{"trace":[` + one + `]}`,
		"table form, 1 object": `{"trace":` + one + `}`,
		"bare array":           `[` + one + `]`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := newClient(t, testutil.Call{Method: http.MethodGet, Path: engineBase + "/trace", Query: "msg_id=m%7C1", Response: body})
			tr, err := c.Trace(context.Background(), testutil.InstanceID, "m|1")
			require.NoError(t, err)
			assertTraceExample(t, tr)
		})
	}
}

func TestTraceEmptyForms(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{"empty": "", "null": "null", "empty list": "[]", "null trace": `{"trace":null}`, "no trace": `{"trace":[]}`} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := newClient(t, testutil.Call{Method: http.MethodGet, Path: engineBase + "/trace", Query: "msg_id=m", Response: body})
			tr, err := c.Trace(context.Background(), testutil.InstanceID, "m")
			require.NoError(t, err)
			assert.Empty(t, tr)
		})
	}
}

func TestTraceOddBody(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{Method: http.MethodGet, Path: engineBase + "/trace", Query: "msg_id=m", Response: `not json`})
	_, err := c.Trace(context.Background(), testutil.InstanceID, "m")
	require.Error(t, err)
}

func TestExportDeadLettersReplaysExample(t *testing.T) {
	t.Parallel()
	doc := testutil.Fixture(t, "export_dead_letters.request.json")
	var req messages.ExportDeadLettersRequest
	testutil.RoundTrip(t, doc, &req)
	c := newClient(t, testutil.Call{
		Method:   http.MethodPost,
		Path:     base + "/messages/export",
		Body:     doc,
		Response: testutil.Fixture(t, "export_dead_letters.response.json"),
	})
	msgs, err := c.ExportDeadLetters(context.Background(), testutil.InstanceID, &req)
	require.NoError(t, err)
	// QUIRKS rows 16–20: one object instead of an array, property_list one
	// object, numbers where the table says String.
	require.Len(t, msgs, 1)
	assert.Equal(t, messages.Message{
		MsgID:          "C0A8005B00002775000000000000133A2",
		InstanceID:     "56055acb-3c3b-4481-aeab-10464086c2b4",
		Topic:          "topic_01",
		StoreTimestamp: 1662690563020,
		BornTimestamp:  1662690324415,
		ReconsumeTimes: 5,
		Body:           "Hello world",
		BodyCRC:        198614610,
		StoreSize:      317,
		PropertyList:   []messages.Property{{Name: "ORIGIN_MESSAGE_ID", Value: "C0A8005B000027750000000000000EBAE"}},
		BornHost:       "10.58.233.224:63529",
		StoreHost:      "192.168.0.91:10101",
		QueueID:        0,
		QueueOffset:    0,
	}, msgs[0])
}

func TestExportDeadLettersTableForm(t *testing.T) {
	t.Parallel()
	body := `[{"msg_id":"a","reconsume_times":"5","queue_id":"1","queue_offset":"12","property_list":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},
		{"msg_id":"b","store_timestamp":1662690563020}]`
	for name, resp := range map[string]string{"array": body} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := newClient(t, testutil.Call{
				Method: http.MethodPost, Path: base + "/messages/export",
				Body:     `{"topic":"%DLQ%g","uniq_key_list":["k1"]}`,
				Response: resp,
			})
			msgs, err := c.ExportDeadLetters(context.Background(), testutil.InstanceID, &messages.ExportDeadLettersRequest{Topic: "%DLQ%g", UniqKeyList: []string{"k1"}})
			require.NoError(t, err)
			require.Len(t, msgs, 2)
			assert.Equal(t, "a", msgs[0].MsgID)
			assert.Equal(t, int64(5), msgs[0].ReconsumeTimes)
			assert.Equal(t, int64(1), msgs[0].QueueID)
			assert.Equal(t, int64(12), msgs[0].QueueOffset)
			assert.Equal(t, []messages.Property{{Name: "A", Value: "1"}, {Name: "B", Value: "2"}}, msgs[0].PropertyList)
			assert.Equal(t, "b", msgs[1].MsgID)
			assert.Equal(t, int64(1662690563020), msgs[1].StoreTimestamp)
		})
	}
}

func TestResendDeadLettersReplaysExample(t *testing.T) {
	t.Parallel()
	doc := testutil.Fixture(t, "resend_dead_letters.request.json")
	var req messages.ResendDeadLettersRequest
	testutil.RoundTrip(t, doc, &req)
	c := newClient(t, testutil.Call{
		Method:   http.MethodPost,
		Path:     engineBase + "/messages/deadletter-resend",
		Body:     doc,
		Response: testutil.Fixture(t, "resend_dead_letters.response.json"),
	})
	resp, err := c.ResendDeadLetters(context.Background(), testutil.InstanceID, &req)
	require.NoError(t, err)
	// The id has a letter O where 5.4.5 has a zero: ids are opaque.
	assert.Equal(t, []messages.ResendResult{{MsgID: "COA8149E00002776000000000000B6835", ErrorCode: "DMS.00000000", ErrorMessage: "Success."}}, resp.ResendResults)
	assert.Empty(t, resp.Failed())
}

func TestVerifyConsumptionReplaysExample(t *testing.T) {
	t.Parallel()
	doc := testutil.Fixture(t, "verify_consumption.request.json")
	var req messages.VerifyConsumptionRequest
	testutil.RoundTrip(t, doc, &req)
	c := newClient(t, testutil.Call{
		Method:   http.MethodPost,
		Path:     engineBase + "/messages/resend",
		Body:     doc,
		Response: testutil.Fixture(t, "verify_consumption.response.json"),
	})
	resp, err := c.VerifyConsumption(context.Background(), testutil.InstanceID, &req)
	require.NoError(t, err)
	assert.Equal(t, []messages.ResendResult{{MsgID: "C0A8149E00002776000000000000B6835", ErrorCode: "DMS.00000000", ErrorMessage: "Success."}}, resp.ResendResults)
}

func TestResendResultsOneObjectAndFailures(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodPost,
		Path:     engineBase + "/messages/resend",
		Body:     `{"group":"g","msg_id_list":["a"]}`,
		Response: `{"resend_results":{"msg_id":"a","error_code":"DMS.00500001","error_message":"no consumer"}}`,
	})
	resp, err := c.VerifyConsumption(context.Background(), testutil.InstanceID, &messages.VerifyConsumptionRequest{Group: "g", MsgIDList: []string{"a"}})
	require.NoError(t, err)
	require.Len(t, resp.Failed(), 1)
	assert.Equal(t, "a", resp.Failed()[0].MsgID)
	var nilResp *messages.ResendResponse
	assert.Nil(t, nilResp.Failed())
}

func TestServerErrors(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{
			Method: http.MethodGet, Path: engineBase + "/messages", Query: "msg_id=m&topic=t",
			Status: http.StatusNotFound, Response: `{"error_code":"DMS.00404022","error_msg":"The instance does not exist."}`,
		},
		testutil.Call{
			Method: http.MethodPost, Path: engineBase + "/messages/deadletter-resend", Body: `{"topic":"t","msg_id_list":["a"]}`,
			Status: http.StatusBadRequest, Response: `{"error_code":"DMS.00050004","error_msg":"topic not found"}`,
		},
	)
	_, err := c.Query(context.Background(), testutil.InstanceID, &messages.QueryOptions{Topic: "t", MsgID: "m"})
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
	assert.Equal(t, "DMS.00404022", apiErr.Code)
	assert.Equal(t, "req-1", apiErr.RequestID)
	assert.True(t, rocketmq.IsNotFound(err))

	_, err = c.ResendDeadLetters(context.Background(), testutil.InstanceID, &messages.ResendDeadLettersRequest{Topic: "t", MsgIDList: []string{"a"}})
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.Equal(t, rocketmq.CodeTopicNotFound, apiErr.Code)
	assert.Equal(t, "req-2", apiErr.RequestID)
	assert.True(t, rocketmq.IsNotFound(err))
}

func TestValidation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	id := testutil.InstanceID
	cases := []struct {
		name  string
		field string
		call  func(c *messages.Client) error
	}{
		{"query no instance", "instance_id", func(c *messages.Client) error {
			_, err := c.Query(ctx, "", &messages.QueryOptions{Topic: "t", MsgID: "m"})
			return err
		}},
		{"query nil options", "topic", func(c *messages.Client) error { _, err := c.Query(ctx, id, nil); return err }},
		{"query no topic", "topic", func(c *messages.Client) error {
			_, err := c.Query(ctx, id, &messages.QueryOptions{MsgID: "m"})
			return err
		}},
		{"query blank topic", "topic", func(c *messages.Client) error {
			_, err := c.Query(ctx, id, &messages.QueryOptions{Topic: "  ", MsgID: "m"})
			return err
		}},
		{"query no id no times", "start_time", func(c *messages.Client) error {
			_, err := c.Query(ctx, id, &messages.QueryOptions{Topic: "t"})
			return err
		}},
		{"query no end", "end_time", func(c *messages.Client) error {
			_, err := c.Query(ctx, id, &messages.QueryOptions{Topic: "t", StartTime: t0})
			return err
		}},
		{"query no start", "start_time", func(c *messages.Client) error {
			_, err := c.Query(ctx, id, &messages.QueryOptions{Topic: "t", EndTime: t1})
			return err
		}},
		{"query end before start", "end_time", func(c *messages.Client) error {
			_, err := c.Query(ctx, id, &messages.QueryOptions{Topic: "t", StartTime: t1, EndTime: t0})
			return err
		}},
		{"query end equals start", "end_time", func(c *messages.Client) error {
			_, err := c.Query(ctx, id, &messages.QueryOptions{Topic: "t", StartTime: t0, EndTime: t0})
			return err
		}},
		{"query end before start with id", "end_time", func(c *messages.Client) error {
			_, err := c.Query(ctx, id, &messages.QueryOptions{Topic: "t", MsgID: "m", StartTime: t1, EndTime: t0})
			return err
		}},
		{"query blank id", "msg_id", func(c *messages.Client) error {
			_, err := c.Query(ctx, id, &messages.QueryOptions{Topic: "t", MsgID: " ", StartTime: t0, EndTime: t1})
			return err
		}},
		{"query limit 51", "limit", func(c *messages.Client) error {
			_, err := c.Query(ctx, id, &messages.QueryOptions{Topic: "t", MsgID: "m", Limit: 51})
			return err
		}},
		{"query limit -1", "limit", func(c *messages.Client) error {
			_, err := c.Query(ctx, id, &messages.QueryOptions{Topic: "t", MsgID: "m", Limit: -1})
			return err
		}},
		{"query offset -1", "offset", func(c *messages.Client) error {
			_, err := c.Query(ctx, id, &messages.QueryOptions{Topic: "t", MsgID: "m", Offset: -1})
			return err
		}},
		{"trace no instance", "instance_id", func(c *messages.Client) error { _, err := c.Trace(ctx, " ", "m"); return err }},
		{"trace no id", "msg_id", func(c *messages.Client) error { _, err := c.Trace(ctx, id, ""); return err }},
		{"export nil", "request", func(c *messages.Client) error { _, err := c.ExportDeadLetters(ctx, id, nil); return err }},
		{"export no instance", "instance_id", func(c *messages.Client) error {
			_, err := c.ExportDeadLetters(ctx, "", &messages.ExportDeadLettersRequest{Topic: "t", MsgIDList: []string{"a"}})
			return err
		}},
		{"export no topic", "topic", func(c *messages.Client) error {
			_, err := c.ExportDeadLetters(ctx, id, &messages.ExportDeadLettersRequest{MsgIDList: []string{"a"}})
			return err
		}},
		{"export no ids", "msg_id_list", func(c *messages.Client) error {
			_, err := c.ExportDeadLetters(ctx, id, &messages.ExportDeadLettersRequest{Topic: "t", MsgIDList: []string{}})
			return err
		}},
		{"export empty id", "msg_id_list[1]", func(c *messages.Client) error {
			_, err := c.ExportDeadLetters(ctx, id, &messages.ExportDeadLettersRequest{Topic: "t", MsgIDList: []string{"a", ""}})
			return err
		}},
		{"export empty key", "uniq_key_list[0]", func(c *messages.Client) error {
			_, err := c.ExportDeadLetters(ctx, id, &messages.ExportDeadLettersRequest{Topic: "t", UniqKeyList: []string{" "}})
			return err
		}},
		{"resend nil", "request", func(c *messages.Client) error { _, err := c.ResendDeadLetters(ctx, id, nil); return err }},
		{"resend no topic", "topic", func(c *messages.Client) error {
			_, err := c.ResendDeadLetters(ctx, id, &messages.ResendDeadLettersRequest{MsgIDList: []string{"a"}})
			return err
		}},
		{"resend no ids", "msg_id_list", func(c *messages.Client) error {
			_, err := c.ResendDeadLetters(ctx, id, &messages.ResendDeadLettersRequest{Topic: "t"})
			return err
		}},
		{"resend empty id", "msg_id_list[0]", func(c *messages.Client) error {
			_, err := c.ResendDeadLetters(ctx, id, &messages.ResendDeadLettersRequest{Topic: "t", MsgIDList: []string{""}})
			return err
		}},
		{"resend no instance", "instance_id", func(c *messages.Client) error {
			_, err := c.ResendDeadLetters(ctx, "", &messages.ResendDeadLettersRequest{Topic: "t", MsgIDList: []string{"a"}})
			return err
		}},
		{"verify nil", "request", func(c *messages.Client) error { _, err := c.VerifyConsumption(ctx, id, nil); return err }},
		{"verify no group", "group", func(c *messages.Client) error {
			_, err := c.VerifyConsumption(ctx, id, &messages.VerifyConsumptionRequest{MsgIDList: []string{"a"}})
			return err
		}},
		{"verify no ids", "msg_id_list", func(c *messages.Client) error {
			_, err := c.VerifyConsumption(ctx, id, &messages.VerifyConsumptionRequest{Group: "g", ClientID: "c"})
			return err
		}},
		{"verify no instance", "instance_id", func(c *messages.Client) error {
			_, err := c.VerifyConsumption(ctx, "", &messages.VerifyConsumptionRequest{Group: "g", MsgIDList: []string{"a"}})
			return err
		}},
		{"query topic rule", "topic", func(c *messages.Client) error {
			_, err := c.Query(ctx, id, &messages.QueryOptions{Topic: "a/b", MsgID: "m"})
			return err
		}},
		{"query topic too long", "topic", func(c *messages.Client) error {
			_, err := c.Query(ctx, id, &messages.QueryOptions{Topic: strings.Repeat("t", 128), MsgID: "m"})
			return err
		}},
		{"query queue -1", "queue", func(c *messages.Client) error {
			_, err := c.Query(ctx, id, &messages.QueryOptions{Topic: "t", MsgID: "m", Queue: rocketmq.Int(-1)})
			return err
		}},
		{"export topic rule", "topic", func(c *messages.Client) error {
			_, err := c.ExportDeadLetters(ctx, id, &messages.ExportDeadLettersRequest{Topic: "%DLQ% g", MsgIDList: []string{"a"}})
			return err
		}},
		{"resend topic rule", "topic", func(c *messages.Client) error {
			_, err := c.ResendDeadLetters(ctx, id, &messages.ResendDeadLettersRequest{Topic: "t#1", MsgIDList: []string{"a"}})
			return err
		}},
		{"verify group rule", "group", func(c *messages.Client) error {
			_, err := c.VerifyConsumption(ctx, id, &messages.VerifyConsumptionRequest{Group: strings.Repeat("g", 256), MsgIDList: []string{"a"}})
			return err
		}},
		{"verify topic rule", "topic", func(c *messages.Client) error {
			_, err := c.VerifyConsumption(ctx, id, &messages.VerifyConsumptionRequest{Group: "g", Topic: "t t", MsgIDList: []string{"a"}})
			return err
		}},
		{"send nil", "request", func(c *messages.Client) error { _, err := c.Send(ctx, id, nil); return err }},
		{"send no instance", "instance_id", func(c *messages.Client) error {
			_, err := c.Send(ctx, "", &messages.SendRequest{Topic: "t", Body: "b"})
			return err
		}},
		{"send no topic", "topic", func(c *messages.Client) error {
			_, err := c.Send(ctx, id, &messages.SendRequest{Body: "b"})
			return err
		}},
		{"send topic rule", "topic", func(c *messages.Client) error {
			_, err := c.Send(ctx, id, &messages.SendRequest{Topic: "a.b", Body: "b"})
			return err
		}},
		{"send no body", "body", func(c *messages.Client) error {
			_, err := c.Send(ctx, id, &messages.SendRequest{Topic: "t"})
			return err
		}},
		{"send property without name", "property_list[1].name", func(c *messages.Client) error {
			_, err := c.Send(ctx, id, &messages.SendRequest{Topic: "t", Body: "b",
				PropertyList: []messages.Property{{Name: "KEYS", Value: "k"}, {Value: "v"}}})
			return err
		}},
		{"iter no topic", "topic", func(c *messages.Client) error {
			for _, err := range c.QueryIter(ctx, id, nil) {
				return err
			}
			return nil
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := newClient(t) // fails on any request
			err := tc.call(c)
			var ve *rocketmq.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Field)
		})
	}
}

func msgPage(ids ...string) string {
	s := `{"total":6,"messages":[`
	for i, id := range ids {
		if i > 0 {
			s += ","
		}
		s += `{"msg_id":"` + id + `"}`
	}
	return s + `]}`
}

func collect(t *testing.T, seq func(func(messages.Message, error) bool)) ([]string, error) {
	t.Helper()
	var ids []string
	for m, err := range seq {
		if err != nil {
			return ids, err
		}
		ids = append(ids, m.MsgID)
	}
	return ids, nil
}

func TestQueryIterPagesToTotal(t *testing.T) {
	t.Parallel()
	q := "limit=2&msg_id=m&offset="
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: engineBase + "/messages", Query: q + "0&topic=t", Response: msgPage("a", "b")},
		testutil.Call{Method: http.MethodGet, Path: engineBase + "/messages", Query: q + "2&topic=t", Response: msgPage("c", "d")},
		testutil.Call{Method: http.MethodGet, Path: engineBase + "/messages", Query: q + "4&topic=t", Response: msgPage("e", "f")},
	)
	opts := &messages.QueryOptions{Topic: "t", MsgID: "m", Limit: 2}
	ids, err := collect(t, c.QueryIter(context.Background(), testutil.InstanceID, opts))
	require.NoError(t, err)
	// The last page is not short, yet the iterator stops: seen ≥ total.
	assert.Equal(t, []string{"a", "b", "c", "d", "e", "f"}, ids)
	assert.Equal(t, &messages.QueryOptions{Topic: "t", MsgID: "m", Limit: 2}, opts, "caller's options unchanged")
}

func TestQueryIterDefaultPageShortStop(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{
			Method: http.MethodGet, Path: engineBase + "/messages",
			Query:    "end_time=1648889000000&limit=50&offset=3&start_time=1648888000000&topic=t",
			Response: `{"messages":[{"msg_id":"a"},{"msg_id":"b"}]}`, // no total: stop on the short page
		},
	)
	ids, err := collect(t, c.QueryIter(context.Background(), testutil.InstanceID, &messages.QueryOptions{Topic: "t", StartTime: t0, EndTime: t1, Offset: 3}))
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b"}, ids)
}

func TestQueryIterBreakAndError(t *testing.T) {
	t.Parallel()
	t.Run("break", func(t *testing.T) {
		t.Parallel()
		c := newClient(t, testutil.Call{Method: http.MethodGet, Path: engineBase + "/messages", Query: "limit=2&msg_id=m&offset=0&topic=t", Response: msgPage("a", "b")})
		n := 0
		for range c.QueryIter(context.Background(), testutil.InstanceID, &messages.QueryOptions{Topic: "t", MsgID: "m", Limit: 2}) {
			n++
			break
		}
		assert.Equal(t, 1, n)
	})
	t.Run("error once", func(t *testing.T) {
		t.Parallel()
		c := newClient(t,
			testutil.Call{Method: http.MethodGet, Path: engineBase + "/messages", Query: "limit=2&msg_id=m&offset=0&topic=t", Response: msgPage("a", "b")},
			testutil.Call{Method: http.MethodGet, Path: engineBase + "/messages", Query: "limit=2&msg_id=m&offset=2&topic=t", Status: 400, Response: `{"error_code":"DMS.40050010","error_msg":"Offset parameter is invalid"}`},
		)
		var errs []error
		var ids []string
		for m, err := range c.QueryIter(context.Background(), testutil.InstanceID, &messages.QueryOptions{Topic: "t", MsgID: "m", Limit: 2}) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			ids = append(ids, m.MsgID)
		}
		assert.Equal(t, []string{"a", "b"}, ids)
		require.Len(t, errs, 1)
		var apiErr *rocketmq.APIError
		require.True(t, errors.As(errs[0], &apiErr))
		assert.Equal(t, rocketmq.CodeOffsetInvalid, apiErr.Code)
	})
	t.Run("validation error once", func(t *testing.T) {
		t.Parallel()
		c := newClient(t)
		n := 0
		for _, err := range c.QueryIter(context.Background(), testutil.InstanceID, &messages.QueryOptions{Topic: "t", MsgID: "m", Limit: 99}) {
			require.Error(t, err)
			n++
		}
		assert.Equal(t, 1, n)
	})
}

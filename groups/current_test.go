package groups_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/groups"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

// clientsPath is ShowConsumerConnections' path: the literal engine
// "rocketmq" comes before the project.
const clientsPath = "/v2/rocketmq/" + testutil.ProjectID + "/instances/" + testutil.InstanceID + "/groups/"

func exampleClients() []groups.ConsumerClient {
	return []groups.ConsumerClient{
		{
			ClientID:    "10.0.0.7@12345#8817263#1712",
			ClientAddr:  "10.0.0.7:52314",
			Language:    "JAVA",
			Version:     "V4_9_4",
			ConsumeType: groups.ConsumePassively,
			Subscriptions: []groups.Subscription{
				{Topic: "orders", Type: groups.SubscriptionTag, Expression: "paid||refunded"},
				{Topic: "%RETRY%CID_orders", Type: groups.SubscriptionSQL92, Expression: "amount > 100"},
			},
		},
		{
			ClientID:      "10.0.0.8@6789#1#2",
			ClientAddr:    "10.0.0.8:40001",
			Language:      "GO",
			Version:       "v2.1.2",
			ConsumeType:   groups.ConsumePop,
			Subscriptions: []groups.Subscription{},
		},
	}
}

func TestListClientsSendsDetailAndPageAndDecodesEveryField(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     clientsPath + oddEscape + "/clients",
		Query:    "is_detail=true&limit=2&offset=4",
		Response: testutil.Fixture(t, "list_clients.response.json"),
	})
	var captured rocketmq.Response
	got, err := c.ListClients(context.Background(), testutil.InstanceID, oddName,
		&groups.ListClientsOptions{Detail: true, Limit: 2, Offset: 4}, rocketmq.CaptureResponse(&captured))
	require.NoError(t, err)
	assert.Equal(t, &groups.ClientsResponse{
		GroupName:               "CID_orders",
		Online:                  true,
		SubscriptionConsistency: false,
		Total:                   3,
		NextOffset:              2,
		PreviousOffset:          -1,
		Clients:                 exampleClients(),
	}, got)
	assert.Equal(t, "req-1", captured.RequestID)
}

func TestListClientsNilOptionsSendsNoQuery(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     clientsPath + "g1/clients",
		Response: `{"group_name":"g1","online":false,"subscription_consistency":true,"clients":null}`,
	})
	got, err := c.ListClients(context.Background(), testutil.InstanceID, "g1", nil)
	require.NoError(t, err)
	assert.Equal(t, &groups.ClientsResponse{GroupName: "g1", SubscriptionConsistency: true}, got)
}

func TestListClientsIterPagesUntilTotalKeepingDetail(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: clientsPath + "g1/clients", Query: "is_detail=true&limit=1",
			Response: `{"total":2,"clients":[{"client_id":"c-1"}]}`},
		testutil.Call{Method: http.MethodGet, Path: clientsPath + "g1/clients", Query: "is_detail=true&limit=1&offset=1",
			Response: `{"total":2,"clients":[{"client_id":"c-2"}]}`},
	)
	opts := &groups.ListClientsOptions{Detail: true, Limit: 1}
	got, errs := testutil.Collect(t, c.ListClientsIter(context.Background(), testutil.InstanceID, "g1", opts))
	assert.Empty(t, errs)
	assert.Equal(t, []groups.ConsumerClient{{ClientID: "c-1"}, {ClientID: "c-2"}}, got)
	assert.Equal(t, &groups.ListClientsOptions{Detail: true, Limit: 1}, opts, "options unchanged")
}

func TestListClientsIterWithoutTotalStopsOnShortPage(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{Method: http.MethodGet, Path: clientsPath + "g1/clients", Query: "limit=50",
		Response: `{"clients":[{"client_id":"a"},{"client_id":"b"}]}`})
	got, errs := testutil.Collect(t, c.ListClientsIter(context.Background(), testutil.InstanceID, "g1", nil))
	assert.Empty(t, errs)
	assert.Equal(t, []groups.ConsumerClient{{ClientID: "a"}, {ClientID: "b"}}, got)
}

func TestGetDecodesCurrentFields(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     base + "/CID_orders",
		Response: testutil.Fixture(t, "get.current.response.json"),
	})
	got, err := c.Get(context.Background(), testutil.InstanceID, "CID_orders")
	require.NoError(t, err)
	assert.Equal(t, &groups.Group{
		Name:           "CID_orders",
		Enabled:        true,
		Brokers:        []string{"broker-2"},
		Permissions:    []string{"SUB"},
		RetryMaxTime:   7,
		AppID:          "app-42",
		AppName:        "billing",
		GroupDesc:      "orders of the shop",
		CreatedAt:      1712123456789,
		ConsumeOrderly: true,
		GroupOnline:    true,
	}, got)
}

func TestListDecodesCurrentFields(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     base,
		Response: testutil.Fixture(t, "list.current.response.json"),
	})
	got, err := c.List(context.Background(), testutil.InstanceID, nil)
	require.NoError(t, err)
	assert.Equal(t, &groups.ListResponse{
		Total: 1, Max: 4000, Remaining: 3998, NextOffset: -1, PreviousOffset: -1,
		Groups: []groups.Group{{
			Name:                   "CID_orders",
			Enabled:                true,
			Broadcast:              true,
			Brokers:                []string{"broker-0", "broker-1"},
			RetryMaxTime:           3,
			FromBeginning:          true,
			GroupDesc:              "orders of the shop",
			CreatedAt:              1712123456789,
			ConsumeOrderly:         true,
			GroupOnline:            true,
			TopicSubscriptionCount: 5,
		}},
	}, got)
}

func TestGetConsumptionDecodesTopLevelTotals(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     base + "/g1/topics",
		Query:    "topic=t1",
		Response: testutil.Fixture(t, "consumption.current.response.json"),
	})
	// "g1" and "t1" are names the broker itself may create: RocketMQ's
	// own rules accept them.
	got, err := c.GetConsumption(context.Background(), testutil.InstanceID, "g1", "t1")
	require.NoError(t, err)
	assert.Equal(t, &groups.Consumption{
		Lag:            9007199254740993,
		MaxOffset:      9007199254741000,
		ConsumerOffset: 7,
		Brokers: []groups.ConsumptionBroker{{
			BrokerName: "broker-3",
			Queues:     []groups.ConsumptionQueue{{ID: 2, Lag: 11, BrokerOffset: 20, ConsumerOffset: 9, LastMessageTime: 1712123000000}},
		}},
	}, got)
	assert.Equal(t, int64(11), got.TotalLag())
}

func TestCreateSendsCurrentFields(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodPost,
		Path:     base,
		Body:     `{"name":"CID_orders","retry_max_time":16,"consume_orderly":true,"group_desc":"orders of the shop"}`,
		Response: `{"name":"CID_orders"}`,
	})
	got, err := c.Create(context.Background(), testutil.InstanceID, &groups.CreateRequest{
		Name: "CID_orders", RetryMaxTime: rocketmq.Int(16), ConsumeOrderly: rocketmq.Bool(true), GroupDesc: "orders of the shop",
	})
	require.NoError(t, err)
	assert.Equal(t, &groups.CreateResponse{Name: "CID_orders"}, got)
}

func TestBatchUpdateSendsCurrentFields(t *testing.T) {
	t.Parallel()
	desc := strings.Repeat("d", 200)
	c := newClient(t, testutil.Call{
		Method:   http.MethodPut,
		Path:     base,
		Body:     `{"groups":[{"name":"g1","consume_orderly":true,"group_desc":"` + desc + `"},{"name":"g2","group_desc":""}]}`,
		Response: `{"job_id":"job-7"}`,
	})
	got, err := c.BatchUpdate(context.Background(), testutil.InstanceID, &groups.BatchUpdateRequest{Groups: []groups.UpdateRequest{
		{Name: "g1", ConsumeOrderly: rocketmq.Bool(true), GroupDesc: &desc},
		{Name: "g2", GroupDesc: rocketmq.String("")},
	}})
	require.NoError(t, err)
	assert.Equal(t, &groups.BatchUpdateResponse{JobID: "job-7"}, got)
}

func TestExistingNamesUseRocketMQRule(t *testing.T) {
	t.Parallel()
	g255 := strings.Repeat("g", 255)
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: base + "/g1", Response: `{}`},
		testutil.Call{Method: http.MethodGet, Path: base + "/" + g255 + "/topics", Query: "limit=1", Response: `{}`},
		testutil.Call{Method: http.MethodDelete, Path: base + "/g", Status: http.StatusNoContent},
		testutil.Call{Method: http.MethodPost, Path: base, Query: "action=delete", Body: `{"groups":["g1","` + g255 + `"]}`, Response: `{"job_id":"j"}`},
	)
	ctx := context.Background()
	got, err := c.Get(ctx, testutil.InstanceID, "g1")
	require.NoError(t, err)
	assert.Equal(t, "g1", got.Name)
	_, err = c.ListTopics(ctx, testutil.InstanceID, g255, &groups.ListTopicsOptions{Limit: 1})
	require.NoError(t, err)
	require.NoError(t, c.Delete(ctx, testutil.InstanceID, "g"))
	_, err = c.BatchDelete(ctx, testutil.InstanceID, []string{"g1", g255})
	require.NoError(t, err)
	// Creation keeps the 3–64 rule.
	_, err = c.Create(ctx, testutil.InstanceID, &groups.CreateRequest{Name: "g1"})
	testutil.AssertValidation(t, err, "name")
}

func TestNilClientIsValidationError(t *testing.T) {
	t.Parallel()
	c := groups.New(nil)
	_, err := c.Get(context.Background(), testutil.InstanceID, "g1")
	testutil.AssertValidation(t, err, "client")
	_, errs := testutil.Collect(t, c.ListClientsIter(context.Background(), testutil.InstanceID, "g1", nil))
	require.Len(t, errs, 1)
	testutil.AssertValidation(t, errs[0], "client")
}

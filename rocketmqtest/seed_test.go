package rocketmqtest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

func TestSeedOptionAndHelpers(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithInstance(rocketmqtest.InstanceSeed{
		ID:     "68fdc9a8-805e-439d-8dd9-25adc1c58bf6",
		Name:   "reliability-ztest",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders", Messages: 4}},
		Groups: []rocketmqtest.GroupSeed{{Name: "billing", Topics: []string{"orders"}, Lag: 1}},
		Users:  []rocketmqtest.UserSeed{{AccessKey: "test_01", SecretKey: "Test!0123"}},
		Tags:   []rocketmqtest.Tag{{Key: "owner", Value: "team-a"}},
	}))
	id := e.srv.InstanceID("reliability-ztest")
	require.Equal(t, "68fdc9a8-805e-439d-8dd9-25adc1c58bf6", id)
	assert.Equal(t, rocketmqtest.StatusRunning, e.srv.InstanceStatus(id))
	assert.Empty(t, e.srv.InstanceID("nope"))

	var in instanceResp
	e.ok(req("GET", pInstance, "instance_id", id), &in)
	assert.Equal(t, "owner", in.Tags[0].Key)

	require.NoError(t, e.srv.AddTopic(id, rocketmqtest.TopicSeed{Name: "later"}))
	require.Error(t, e.srv.AddTopic(id, rocketmqtest.TopicSeed{Name: "later"}), "duplicate")
	require.Error(t, e.srv.AddTopic(id, rocketmqtest.TopicSeed{Name: "x"}), "invalid name")
	require.Error(t, e.srv.AddTopic("nope", rocketmqtest.TopicSeed{Name: "fine-name"}))
	require.Error(t, e.srv.AddGroup(id, rocketmqtest.GroupSeed{Name: "g-bad", Topics: []string{"missing"}}))
	require.Error(t, e.srv.AddUser(id, rocketmqtest.UserSeed{AccessKey: "weak_user", SecretKey: "weak"}))
	_, err := e.srv.Produce(id, "missing", rocketmqtest.Message{Body: "x"})
	require.Error(t, err)
	_, err = e.srv.Consume(id, "nope", "orders", 1)
	require.Error(t, err)

	// Forcing a status.
	require.NoError(t, e.srv.SetInstanceStatus(id, rocketmqtest.StatusFaulty))
	noRetry, err := e.srv.Client(rocketmq.WithRetry(rocketmq.RetryPolicy{MaxAttempts: 1}))
	require.NoError(t, err)
	(&env{t: t, srv: e.srv, c: noRetry}).fails(req("GET", pTopics, "instance_id", id), 400, "DMS.00400026")
	require.NoError(t, e.srv.SetInstanceStatus(id, rocketmqtest.StatusRunning))
	e.ok(req("GET", pTopics, "instance_id", id), nil)

	// Invalid seeds.
	_, err = e.srv.AddInstance(rocketmqtest.InstanceSeed{Name: "reliability-ztest"})
	require.Error(t, err)
	_, err = e.srv.AddInstance(rocketmqtest.InstanceSeed{Name: "ok-name", Topics: []rocketmqtest.TopicSeed{{Name: "t"}}})
	require.Error(t, err)
	assert.Empty(t, e.srv.InstanceID("ok-name"), "a failed seed leaves nothing behind")
	_, err = rocketmqtest.Start(rocketmqtest.WithInstance(rocketmqtest.InstanceSeed{Name: "x"}))
	require.Error(t, err)
	assert.Panics(t, func() { e.srv.MustAddInstance(rocketmqtest.InstanceSeed{}) })
}

func TestCreatingSeedBecomesRunning(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithCreateDelay(0))
	var created struct {
		InstanceID string `json:"instance_id"`
	}
	e.ok(withBody(req("POST", pInstances), createBody("instant-one")), &created)
	assert.Equal(t, rocketmqtest.StatusRunning, e.srv.InstanceStatus(created.InstanceID), "no create delay: RUNNING at once")
}

func TestTLSAndHandler(t *testing.T) {
	srv := rocketmqtest.NewServer(rocketmqtest.WithTLS())
	t.Cleanup(srv.Close)
	require.Contains(t, srv.URL(), "https://")
	c, err := srv.Client()
	require.NoError(t, err)
	_, err = c.Do(context.Background(), &rocketmq.Request{Method: "GET", Path: pInstances}, nil)
	require.NoError(t, err)

	// The handler can be mounted elsewhere too.
	other := httptest.NewServer(srv.Handler())
	t.Cleanup(other.Close)
	c2, err := srv.Client(rocketmq.WithEndpoint(other.URL), rocketmq.WithHTTPClient(other.Client()))
	require.NoError(t, err)
	resp, err := c2.Do(context.Background(), &rocketmq.Request{Method: "GET", Path: pInstances}, nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

func TestRequestLog(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithRequestLogLimit(3))
	for i := range 5 {
		e.ok(withQuery(req("GET", pInstances), "name", fmt.Sprintf("n%d", i)), nil)
	}
	log := e.srv.Requests()
	require.Len(t, log, 3)
	assert.Equal(t, "n4", log[2].Query.Get("name"))
	assert.Equal(t, "GET /v2/"+e.srv.ProjectID()+"/instances?name=n4", log[2].String())
	e.srv.ResetRequests()
	assert.Empty(t, e.srv.Requests())
}

func TestOptions(t *testing.T) {
	var logBuf syncBuf
	extra := auth.AKSK{AccessKey: "SECONDAK000000000001", SecretKey: "SecondSecret0000000000000000000000000001"}
	srv := rocketmqtest.NewServer(
		rocketmqtest.WithProjectID("aaaabbbbccccddddeeeeffff00001111"),
		rocketmqtest.WithRegion("eu-west-101"),
		rocketmqtest.WithAccessKey(extra),
		rocketmqtest.WithAvailableZones(rocketmqtest.AvailableZone{ID: "az-only", Code: "eu-west-101a", Name: "AZ1", Port: "443", Default: true}),
		rocketmqtest.WithAddr("127.0.0.1:0"),
		rocketmqtest.WithLogger(slog.New(slog.NewTextHandler(&logBuf, nil))),
	)
	t.Cleanup(srv.Close)
	assert.Equal(t, "aaaabbbbccccddddeeeeffff00001111", srv.ProjectID())
	assert.Equal(t, "eu-west-101", srv.Region())
	c, err := srv.Client(rocketmq.WithCredentials(extra))
	require.NoError(t, err)
	e := &env{t: t, srv: srv, c: c}

	b := createBody("public-one")
	b["available_zones"] = []string{"az-only"}
	b["enable_publicip"] = true
	b["publicip_id"] = "7e6b7beb-ef13-4805-878d-285890b17a12"
	var created struct {
		InstanceID string `json:"instance_id"`
	}
	e.ok(withBody(req("POST", pInstances), b), &created)
	var raw json.RawMessage
	e.ok(req("GET", pInstance, "instance_id", created.InstanceID), &raw)
	m := obj(t, raw)
	assert.Equal(t, true, m["enable_publicip"])
	assert.NotEmpty(t, m["public_namesrv_address"])
	assert.NotEmpty(t, m["public_broker_address"])
	assert.Equal(t, srv.ProjectID(), m["user_id"])
	assert.Contains(t, logBuf.String(), "rocketmqtest request")
	assert.Contains(t, logBuf.String(), "status=200")
}

func TestSubscribeAndCleanup(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:   "subs-inst",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders", Messages: 3}},
		Groups: []rocketmqtest.GroupSeed{{Name: "billing"}},
		Users: []rocketmqtest.UserSeed{{AccessKey: "perm_user", SecretKey: "Perm!User1",
			TopicPerms: []rocketmqtest.Perm{{Name: "orders", Perm: "SUB"}}, GroupPerms: []rocketmqtest.Perm{{Name: "billing", Perm: "SUB"}}}},
	})
	require.NoError(t, e.srv.Subscribe(id, "billing", "orders"))
	var d consumeDetail
	e.ok(withQuery(req("GET", pGroup+"/topics", "instance_id", id, "group", "billing"), "topic", "orders"), &d)
	lag, _, _ := d.lag()
	assert.EqualValues(t, 3, lag, "subscribed from the beginning")

	// Deleting a topic or group drops what refers to it.
	e.ok(req("DELETE", pTopic, "instance_id", id, "topic", "orders"), nil)
	e.ok(req("DELETE", pGroup, "instance_id", id, "group", "billing"), nil)
	var u userResp
	e.ok(req("GET", pUser, "instance_id", id, "user_name", "perm_user"), &u)
	assert.Empty(t, u.TopicPerms)
	assert.Empty(t, u.GroupPerms)
}

type syncBuf struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

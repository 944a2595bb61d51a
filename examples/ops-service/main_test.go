package main

// These tests are what a downstream service's tests look like: the service
// runs on the emulator with the SDK's defaults (nil wait options, the
// emulator's own lifecycle delays), and `go test -v` shows they take
// milliseconds.

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/examples/internal/exampleenv"
	"github.com/dms-rocketmq/rocketmq-go/examples/internal/exampletest"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/topics"
)

// newService starts an emulator with its default delays (an instance is
// CREATING for 50ms) and a service on a client whose retries wait
// milliseconds, not the production half second.
func newService(t *testing.T, opts ...rocketmqtest.Option) (*rocketmqtest.Server, *opsService) {
	t.Helper()
	srv := rocketmqtest.NewServer(opts...)
	t.Cleanup(srv.Close)
	c, err := srv.Client(rocketmq.WithRetry(rocketmq.RetryPolicy{MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}))
	require.NoError(t, err)
	return srv, newOpsService(c)
}

func createRequest(t *testing.T, name string) *instances.CreateRequest {
	t.Helper()
	return &instances.CreateRequest{
		Name:            name,
		Engine:          "reliability",
		EngineVersion:   "4.8.0",
		ProductID:       "c6.4u8g.cluster",
		StorageSpecCode: "dms.physical.storage.ultra.v2",
		StorageSpace:    300,
		BrokerNum:       1,
		VPCID:           "vpc-1",
		SubnetID:        "subnet-1",
		SecurityGroupID: "sg-1",
	}
}

func TestProvisionWaitsWithNilOptions(t *testing.T) {
	t.Parallel()
	srv, svc := newService(t)
	c, err := srv.Client()
	require.NoError(t, err)
	start := time.Now()
	req := createRequest(t, "ops-provision")
	require.NoError(t, exampleenv.FillZone(t.Context(), c, req))
	inst, err := svc.Provision(t.Context(), req)
	require.NoError(t, err)
	assert.Equal(t, instances.StatusRunning, inst.Status)
	assert.Equal(t, "ops-provision", inst.Name)
	// Not a timing assertion of the SDK's speed: a guard against the old
	// 10 s fixed interval, which would make this test take ten seconds.
	assert.Less(t, time.Since(start), 5*time.Second)
}

func TestEnsureTopicCreatesOnceAndTellsAWrongInstance(t *testing.T) {
	t.Parallel()
	srv, svc := newService(t)
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "ops-topics"})
	ctx := t.Context()

	created, err := svc.EnsureTopic(ctx, id, "orders")
	require.NoError(t, err)
	assert.True(t, created)
	created, err = svc.EnsureTopic(ctx, id, "orders")
	require.NoError(t, err)
	assert.False(t, created, "the second call finds the topic")

	// A wrong instance is not "the topic is missing": nothing is created.
	_, err = svc.EnsureTopic(ctx, "00000000-0000-0000-0000-000000000000", "orders")
	require.Error(t, err)
	assert.True(t, errors.Is(err, rocketmq.ErrInstanceNotFound), "%v", err)
	assert.False(t, errors.Is(err, rocketmq.ErrTopicNotFound), "%v", err)
	assert.True(t, errors.Is(err, rocketmq.ErrNotFound), "%v", err)
}

func TestEnsureTopicRacesAnotherCreator(t *testing.T) {
	t.Parallel()
	srv, svc := newService(t)
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "ops-race"})
	// Someone else creates the topic between our Get and our Create: the
	// emulator answers our Create with the duplicate-topic code.
	_, err := svc.topics.Create(t.Context(), id, nil)
	require.Error(t, err, "a nil request is refused locally")
	require.NoError(t, srv.AddTopic(id, rocketmqtest.TopicSeed{Name: "payments"}))
	_, err = svc.topics.Create(t.Context(), id, &topics.CreateRequest{Name: "payments"})
	require.Error(t, err)
	assert.True(t, rocketmq.IsAlreadyExists(err), "%v", err)
	assert.True(t, errors.Is(err, rocketmq.ErrAlreadyExists), "%v", err)
}

func TestEnsureTopicSurvivesAnInjectedOutage(t *testing.T) {
	t.Parallel()
	srv, svc := newService(t)
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "ops-outage"})
	fault := srv.InjectFault(rocketmqtest.Fault{
		Method: http.MethodGet,
		Path:   "/v2/{project_id}/instances/{instance_id}/topics/{topic}",
		Status: http.StatusServiceUnavailable,
		Times:  2,
	})
	created, err := svc.EnsureTopic(t.Context(), id, "audit")
	require.NoError(t, err, "two 503s are retried")
	assert.True(t, created)
	assert.Equal(t, 2, fault.Hits())
}

func TestLagReportOrdersByLag(t *testing.T) {
	t.Parallel()
	srv, svc := newService(t)
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name: "ops-lag",
		Topics: []rocketmqtest.TopicSeed{
			{Name: "orders", QueueNum: 2, Messages: 40},
			{Name: "payments", QueueNum: 2, Messages: 10},
		},
		Groups: []rocketmqtest.GroupSeed{
			{Name: "billing", Topics: []string{"orders", "payments"}, Lag: 3},
			{Name: "shipping", Topics: []string{"orders"}, Lag: 7},
			{Name: "audit", Topics: []string{"payments"}},
		},
	})
	report, err := svc.LagReport(t.Context(), id)
	require.NoError(t, err)
	assert.Equal(t, []groupLag{{"shipping", 7}, {"billing", 6}, {"audit", 0}}, report)
}

func TestStartRunsTheTourOnTheEmulator(t *testing.T) {
	exampletest.SkipIfReal(t)
	var out bytes.Buffer
	require.NoError(t, start(context.Background(), &out, exampletest.Fast...))
	s := out.String()
	assert.Contains(t, s, exampletest.Banner)
	assert.Contains(t, s, "Provisioned ops-service (")
	assert.Contains(t, s, "): RUNNING.")
	assert.Contains(t, s, "Topic ops-service-demo created.")
	assert.Contains(t, s, "Topic ops-service-demo already exists.")
	assert.Contains(t, s, "0 consumer group(s).")
}

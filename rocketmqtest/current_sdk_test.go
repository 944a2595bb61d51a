package rocketmqtest_test

// End-to-end tests of the current service's operations (issue 12): the
// typed SDK (instances, products, tasks) against the emulator, so that the
// two sides agree on every json name, type, path, query and status.

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/products"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/tasks"
)

// sdkEnv is an emulator with the typed clients of the current operations.
type sdkEnv struct {
	t     *testing.T
	srv   *rocketmqtest.Server
	c     *rocketmq.Client
	ic    *instances.Client
	pc    *products.Client
	tc    *tasks.Client
	clock *manualClock // nil: the real clock
}

// manualClock is an emulator clock that moves only when told to, so that
// a test sees a task running for as long as it needs to.
type manualClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *manualClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// clockedAKSK signs with the manual clock, so that the emulator, whose
// clock it is, accepts the signature however far the clock has moved.
type clockedAKSK struct {
	auth.AKSK
	clock *manualClock
}

func (c clockedAKSK) Authorize(_ context.Context, req *http.Request, body []byte) error {
	return c.Sign(req, body, c.clock.Now())
}

// newClockedEnv is an sdkEnv on a manual clock: instances are created at
// once and background tasks run for a minute of that clock.
func newClockedEnv(t *testing.T, opts ...rocketmqtest.Option) *sdkEnv {
	t.Helper()
	clock := &manualClock{now: time.Now()}
	e := newSDKEnv(t, append([]rocketmqtest.Option{rocketmqtest.WithClock(clock.Now),
		rocketmqtest.WithCreateDelay(0), rocketmqtest.WithTaskDelay(time.Minute)}, opts...)...)
	c, err := e.srv.Client(rocketmq.WithCredentials(clockedAKSK{AKSK: e.srv.Credentials(), clock: clock}))
	require.NoError(t, err)
	e.c, e.ic, e.pc, e.tc, e.clock = c, instances.New(c), products.New(c), tasks.New(c), clock
	return e
}

func newSDKEnv(t *testing.T, opts ...rocketmqtest.Option) *sdkEnv {
	t.Helper()
	srv := rocketmqtest.NewServer(opts...)
	t.Cleanup(srv.Close)
	c, err := srv.Client()
	require.NoError(t, err)
	return &sdkEnv{t: t, srv: srv, c: c, ic: instances.New(c), pc: products.New(c), tc: tasks.New(c)}
}

// fastWait polls quickly.
var fastWait = &instances.WaitOptions{PollInterval: 5 * time.Millisecond, Timeout: 10 * time.Second}
var fastTaskWait = &tasks.WaitOptions{PollInterval: 5 * time.Millisecond, Timeout: 10 * time.Second}

// createReq is a create request with a catalogue flavour in the server's
// default zone.
func (e *sdkEnv) createReq(name, version, product string, brokers int, storage int64) *instances.CreateRequest {
	return &instances.CreateRequest{
		Name: name, Engine: "reliability", EngineVersion: version, ProductID: product,
		BrokerNum: brokers, StorageSpace: storage,
		VPCID: "3db8490c-4d6d-4d8f-8d3f-047b0de4c5cf", SubnetID: "0a0f1fcb-f019-458d-b9e5-301867394d50",
		SecurityGroupID: "23c5977f-ff33-4b95-a73e-08d8a0bc4e6c",
		AvailableZones:  []string{"9f1c5806706d4c1fb0eb72f0a9b18c77"},
		StorageSpecCode: "dms.physical.storage.ultra.v2",
	}
}

// create creates an instance and waits until it is RUNNING.
func (e *sdkEnv) create(req *instances.CreateRequest) *instances.Instance {
	e.t.Helper()
	ctx := e.t.Context()
	created, err := e.ic.Create(ctx, req)
	require.NoError(e.t, err)
	require.NotEmpty(e.t, created.InstanceID)
	inst, err := e.ic.WaitForStatus(ctx, created.InstanceID, instances.StatusRunning, fastWait)
	require.NoError(e.t, err)
	return inst
}

func flavourOf(t *testing.T, id string) rocketmqtest.Flavour {
	t.Helper()
	for _, f := range rocketmqtest.Catalogue() {
		if f.ProductID == id {
			return f
		}
	}
	t.Fatalf("flavour %s not in the catalogue", id)
	return rocketmqtest.Flavour{}
}

func TestSDKProductsListIsTheCatalogue(t *testing.T) {
	t.Parallel()
	e := newSDKEnv(t)
	ctx := t.Context()
	cat := rocketmqtest.Catalogue()

	page, err := e.pc.List(ctx, &products.ListOptions{Limit: 3, Offset: 1})
	require.NoError(t, err)
	assert.Equal(t, int64(len(cat)), page.Total)
	require.Len(t, page.Products, 3)
	assert.Equal(t, cat[1].ProductID, page.Products[0].ProductID)
	assert.Equal(t, "reliability", page.Engine)
	assert.Contains(t, page.Versions, "4.8.0")
	assert.Contains(t, page.Versions, "5.x")

	var ids []string
	for p, err := range e.pc.ListIter(ctx, &products.ListOptions{Limit: 4}) {
		require.NoError(t, err)
		ids = append(ids, p.ProductID)
		f := flavourOf(t, p.ProductID)
		assert.Equal(t, f.Type, p.Type, p.ProductID)
		assert.Equal(t, f.EngineVersion, p.Properties.EngineVersions, p.ProductID)
		assert.Equal(t, int64(f.MinStoragePerNode), p.Properties.MinStoragePerNode, p.ProductID)
		assert.Equal(t, int64(f.MaxStoragePerNode), p.Properties.MaxStoragePerNode, p.ProductID)
		assert.Equal(t, f.ECSFlavorID, p.ECSFlavorID, p.ProductID)
		assert.NotEmpty(t, p.IOs, p.ProductID)
		if f.EngineVersion == "4.8.0" {
			assert.Equal(t, int64(f.MinBrokers), p.Properties.MinBroker, p.ProductID)
			assert.Equal(t, int64(f.MaxBrokers), p.Properties.MaxBroker, p.ProductID)
			assert.Equal(t, int64(f.MaxTopicsPerBroker), p.Properties.MaxTopicPerBroker, p.ProductID)
		} else {
			assert.Equal(t, int64(f.MinBrokers), p.Properties.BrokerNum, p.ProductID)
		}
	}
	var want []string
	for _, f := range cat {
		want = append(want, f.ProductID)
	}
	assert.Equal(t, want, ids)

	one, err := e.pc.List(ctx, &products.ListOptions{ProductID: "rocketmq.p2.large.8"})
	require.NoError(t, err)
	require.Len(t, one.Products, 1)
	assert.Equal(t, "rocketmq.p2.large.8", one.Products[0].ProductID)
}

func TestSDKProductsCoresQuotasFeatures(t *testing.T) {
	t.Parallel()
	e := newSDKEnv(t, rocketmqtest.WithInstanceQuota(7))
	ctx := t.Context()
	e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "quota-one"})
	e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "quota-two"})

	cores, err := e.pc.Cores(ctx, &products.CoresOptions{ProductID: "c6.8u16g.cluster", BrokerNum: 3})
	require.NoError(t, err)
	assert.Equal(t, int64(3*flavourOf(t, "c6.8u16g.cluster").Cores), cores.CoreNum)

	q, err := e.pc.Quotas(ctx, nil)
	require.NoError(t, err)
	r, ok := q.Resource(products.QuotaRocketMQInstance)
	require.True(t, ok, "%+v", q)
	assert.Equal(t, int64(7), r.Quota)
	assert.Equal(t, int64(2), r.Used)

	// Creating one more counts.
	e.create(e.createReq("quota-three", "4.8.0", "c6.4u8g.cluster", 1, 300))
	q, err = e.pc.Quotas(ctx, &products.QuotasOptions{IncludeTags: rocketmq.Bool(true), Engine: "reliability"})
	require.NoError(t, err)
	r, ok = q.Resource(products.QuotaRocketMQInstance)
	require.True(t, ok)
	assert.Equal(t, int64(3), r.Used)
	_, ok = q.Resource(products.QuotaTags)
	assert.True(t, ok, "tags quota with includeTagsQuota")
	_, ok = q.Resource(products.QuotaKafkaInstance)
	assert.False(t, ok, "onlyQuota=reliability")

	q, err = e.pc.Quotas(ctx, &products.QuotasOptions{IncludeTags: rocketmq.Bool(false)})
	require.NoError(t, err)
	_, ok = q.Resource(products.QuotaTags)
	assert.False(t, ok, "includeTagsQuota=false")
	_, ok = q.Resource(products.QuotaKafkaInstance)
	assert.True(t, ok, "every engine without onlyQuota")
	assert.Equal(t, "includeTagsQuota=false", lastQuery(e.srv, "GET /v2/"+e.srv.ProjectID()+"/quotas"))

	// The instance's storage for a broker count (estimated beyond its own).
	id := e.srv.InstanceID("quota-three")
	cores, err = e.pc.Cores(ctx, &products.CoresOptions{ProductID: "c6.4u8g.cluster", BrokerNum: 1, InstanceID: id})
	require.NoError(t, err)
	assert.Equal(t, int64(300), cores.TotalExtendStorageSpace)
	cores, err = e.pc.Cores(ctx, &products.CoresOptions{ProductID: "c6.4u8g.cluster", BrokerNum: 3, InstanceID: id})
	require.NoError(t, err)
	assert.Equal(t, int64(900), cores.TotalExtendStorageSpace)
	assert.Equal(t, int64(12), cores.CoreNum)

	f, err := e.pc.Features(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, f.Features)
	assert.Equal(t, int64(len(f.Features)), f.TotalRecord)
	for _, ft := range f.Features {
		assert.NotEmpty(t, ft.FeatureID)
	}
}

func TestSDKCreateWithCatalogueFlavourAndBilling(t *testing.T) {
	t.Parallel()
	e := newSDKEnv(t, rocketmqtest.WithCreateDelay(5*time.Millisecond))
	ctx := t.Context()

	// 5.x flavour: the broker count is the flavour's.
	inst := e.create(e.createReq("five-x", "5.x", "rocketmq.p2.large.12", 2, 600))
	assert.Equal(t, "rocketmq.p2.large.12", inst.ProductID)
	assert.Equal(t, "5.x", inst.EngineVersion)
	assert.Equal(t, flavourOf(t, "rocketmq.p2.large.12").MinBrokers, inst.BrokerNum)
	assert.Equal(t, 1, inst.ChargingMode, "pay-per-use is charging_mode 1 (DRIFT.md)")
	assert.Empty(t, e.srv.Requests("POST /v2/reliability/"), "no billing: the reference's create path")

	// Storage below the flavour's minimum per broker is the service's refusal.
	_, err := e.ic.Create(ctx, e.createReq("too-small", "4.8.0", "c6.16u32g.cluster", 1, 300))
	var api *rocketmq.APIError
	require.ErrorAs(t, err, &api)
	assert.Equal(t, 400, api.StatusCode)

	// With Billing the request goes to the engine-scoped create.
	req := e.createReq("yearly", "4.8.0", "c6.4u8g.cluster", 2, 600)
	req.Billing = &instances.Billing{ChargingMode: instances.ChargingPrePaid, PeriodType: instances.PeriodMonth,
		PeriodNum: 3, IsAutoRenew: rocketmq.Bool(true), IsAutoPay: rocketmq.Bool(true)}
	inst = e.create(req)
	assert.Equal(t, 2, inst.BrokerNum)
	assert.Equal(t, int64(600), inst.TotalStorageSpace)
	assert.Equal(t, 0, inst.ChargingMode, "yearly/monthly is charging_mode 0 (DRIFT.md)")
	assert.Len(t, e.srv.Requests("POST /v2/reliability/"), 1, "billing goes to the engine-scoped create")
}

// lastQuery is the raw query of the last request whose "METHOD /path"
// starts with prefix.
func lastQuery(srv *rocketmqtest.Server, prefix string) string {
	reqs := srv.Requests(prefix)
	if len(reqs) == 0 {
		return "(none)"
	}
	return reqs[len(reqs)-1].RawQuery
}

func TestSDKCreateRefusedBeyondTheQuota(t *testing.T) {
	t.Parallel()
	e := newSDKEnv(t, rocketmqtest.WithInstanceQuota(1))
	e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "only-one"})
	_, err := e.ic.Create(t.Context(), e.createReq("one-more", "4.8.0", "c6.4u8g.cluster", 1, 300))
	var api *rocketmq.APIError
	require.ErrorAs(t, err, &api)
	assert.Equal(t, "DMS.00400035", api.Code)
	q, err := e.pc.Quotas(t.Context(), nil)
	require.NoError(t, err)
	r, _ := q.Resource(products.QuotaRocketMQInstance)
	assert.Equal(t, products.QuotaResource{Type: products.QuotaRocketMQInstance, Quota: 1, Used: 1}, r)
}

func TestSDKCreateCurrentFieldsShowInGet(t *testing.T) {
	t.Parallel()
	e := newSDKEnv(t)
	// On the reference's path.
	req := e.createReq("current-fields", "4.8.0", "c6.4u8g.cluster", 1, 300)
	req.ArchType, req.TLSMode = "ARM", "PERMISSIVE"
	req.DiskEncryptedEnable, req.DiskEncryptedKey = rocketmq.Bool(true), rocketmq.String("kms-key-1")
	req.ProxyEnable = rocketmq.Bool(true)
	inst := e.create(req)
	assert.Equal(t, "ARM", inst.ArchType)
	assert.Equal(t, "PERMISSIVE", inst.TLSMode)
	assert.True(t, inst.SSLEnable)
	assert.True(t, inst.DiskEncrypted)
	assert.Empty(t, inst.DiskEncryptedKey, "Get does not show the key (DRIFT.md: List only)")
	list, err := e.ic.List(t.Context(), &instances.ListOptions{Name: "current-fields", ExactMatchName: true})
	require.NoError(t, err)
	require.Len(t, list.Instances, 1)
	assert.True(t, list.Instances[0].DiskEncrypted)
	assert.Equal(t, "kms-key-1", list.Instances[0].DiskEncryptedKey)
	assert.Empty(t, e.srv.Requests("POST /v2/reliability/"))

	// The IPv6 addresses go to the engine-scoped create.
	req = e.createReq("current-ipv6", "4.8.0", "c6.4u8g.cluster", 1, 300)
	req.IPv6Enable = rocketmq.Bool(true)
	req.IPv6BrokerAddress, req.IPv6NamesrvAddress = "2001:db8::10", "2001:db8::11"
	inst = e.create(req)
	assert.True(t, inst.IPv6Enable)
	assert.Equal(t, "2001:db8::10", inst.IPv6BrokerAddress)
	assert.Equal(t, "2001:db8::11", inst.IPv6NamesrvAddress)
	assert.Len(t, e.srv.Requests("POST /v2/reliability/"+e.srv.ProjectID()+"/instances"), 1)
}

// resizeAndWait resizes, checks EXTENDING while the task runs, waits for
// the task and returns the instance afterwards.
func (e *sdkEnv) resizeAndWait(id string, req *instances.ResizeRequest) (*instances.Instance, *tasks.Task) {
	e.t.Helper()
	ctx := e.t.Context()
	res, err := e.ic.Resize(ctx, id, req)
	require.NoError(e.t, err)
	require.NotEmpty(e.t, res.JobID)

	during, err := e.ic.Get(ctx, id)
	require.NoError(e.t, err)
	assert.Equal(e.t, instances.StatusExtending, during.Status)
	p, err := e.tc.Progress(ctx, id, res.JobID)
	require.NoError(e.t, err)
	require.NotEmpty(e.t, p.Steps)
	for _, s := range p.Steps {
		assert.Contains(e.t, []string{tasks.StepWaiting, tasks.StepInProgress, tasks.StepCompleted}, s.Status, s.Name)
	}

	if e.clock != nil {
		assert.Less(e.t, p.Percentage, int64(100))
		assert.Equal(e.t, tasks.StepInProgress, p.Steps[0].Status)
	}
	running, err := e.tc.Get(ctx, id, res.JobID)
	require.NoError(e.t, err)
	assert.Equal(e.t, tasks.StatusExecuting, running.Status)

	if e.clock != nil {
		e.clock.Advance(2 * time.Minute) // the task ends
	}
	task, err := e.tc.WaitForTask(ctx, id, res.JobID, fastTaskWait)
	require.NoError(e.t, err)
	assert.Equal(e.t, tasks.StatusSuccess, task.Status)
	assert.Equal(e.t, res.JobID, task.ID)

	p, err = e.tc.Progress(ctx, id, res.JobID)
	require.NoError(e.t, err)
	assert.Equal(e.t, int64(100), p.Percentage)
	for _, s := range p.Steps {
		assert.Equal(e.t, tasks.StepCompleted, s.Status, s.Name)
	}
	after, err := e.ic.WaitForStatus(ctx, id, instances.StatusRunning, fastWait)
	require.NoError(e.t, err)
	return after, task
}

func TestSDKResizeStorage(t *testing.T) {
	t.Parallel()
	e := newClockedEnv(t)
	ctx := t.Context()
	inst := e.create(e.createReq("grow-disk", "4.8.0", "c6.4u8g.cluster", 2, 600))

	check, err := e.ic.CheckResize(ctx, inst.InstanceID)
	require.NoError(t, err)
	assert.True(t, check.Success, "%+v", check)

	targets, err := e.ic.ListResizeProducts(ctx, inst.InstanceID, nil)
	require.NoError(t, err)
	require.NotEmpty(t, targets.Products)
	assert.Equal(t, int64(len(targets.Products)), targets.Total)
	for _, p := range targets.Products {
		assert.Equal(t, "4.8.0", p.Properties.EngineVersions, p.ProductID)
		assert.NotEqual(t, "c6.4u8g.cluster", p.ProductID)
		// RocketMqExtendProductPropertiesEntity: broker limits on 4.8.0.
		f := flavourOf(t, p.ProductID)
		assert.Equal(t, strconv.Itoa(f.MinBrokers), p.Properties.MinBroker, p.ProductID)
		assert.Equal(t, strconv.Itoa(f.MaxBrokers), p.Properties.MaxBroker, p.ProductID)
		assert.Empty(t, p.Properties.BrokerNum, "5.x only")
	}

	// Less than 100 GB more per broker is refused.
	_, err = e.ic.Resize(ctx, inst.InstanceID, &instances.ResizeRequest{OperType: instances.ResizeStorage, NewStorageSpace: 700})
	var api *rocketmq.APIError
	require.ErrorAs(t, err, &api)
	assert.Equal(t, 400, api.StatusCode)

	after, task := e.resizeAndWait(inst.InstanceID, &instances.ResizeRequest{OperType: instances.ResizeStorage, NewStorageSpace: 800})
	assert.Equal(t, int64(800), after.TotalStorageSpace)
	assert.Equal(t, 2, after.BrokerNum)
	assert.NotEmpty(t, task.Name)
	assert.NotEmpty(t, task.CreatedAt)
	assert.NotEmpty(t, task.UpdatedAt)
	assert.Equal(t, int64(1), after.ExtendTimes)
}

func TestSDKResizeHorizontal480AddsBrokers(t *testing.T) {
	t.Parallel()
	e := newClockedEnv(t)
	inst := e.create(e.createReq("add-brokers", "4.8.0", "c6.4u8g.cluster", 1, 300))
	after, _ := e.resizeAndWait(inst.InstanceID, &instances.ResizeRequest{OperType: instances.ResizeHorizontal, NewBrokerNum: 3})
	assert.Equal(t, 3, after.BrokerNum)
	assert.Equal(t, "c6.4u8g.cluster", after.ProductID)

	after, _ = e.resizeAndWait(inst.InstanceID, &instances.ResizeRequest{OperType: instances.ResizeVertical, NewProductID: "c6.8u16g.cluster"})
	assert.Equal(t, "c6.8u16g.cluster", after.ProductID)
	assert.Equal(t, 3, after.BrokerNum)
}

func TestSDKResizeHorizontal5xChangesFlavour(t *testing.T) {
	t.Parallel()
	e := newClockedEnv(t)
	ctx := t.Context()
	inst := e.create(e.createReq("five-grow", "5.x", "rocketmq.p2.large.8", 1, 300))
	targets, err := e.ic.ListResizeProducts(ctx, inst.InstanceID, &instances.ListResizeProductsOptions{Limit: 50})
	require.NoError(t, err)
	var ids []string
	for _, p := range targets.Products {
		ids = append(ids, p.ProductID)
	}
	require.Contains(t, ids, "rocketmq.p2.large.20")
	for _, p := range targets.Products {
		// RocketMqExtendProductPropertiesEntity: instance-wide values on 5.x.
		f := flavourOf(t, p.ProductID)
		assert.Equal(t, strconv.Itoa(f.MinBrokers), p.Properties.BrokerNum, p.ProductID)
		assert.Equal(t, strconv.Itoa(f.TPS/500), p.Properties.RCU, p.ProductID)
		assert.Empty(t, p.Properties.MaxBroker, "4.8.0 only")
	}

	// A flavour not offered is refused.
	_, err = e.ic.Resize(ctx, inst.InstanceID, &instances.ResizeRequest{OperType: instances.ResizeHorizontal, NewProductID: "c6.8u16g.cluster"})
	var api *rocketmq.APIError
	require.ErrorAs(t, err, &api)

	after, _ := e.resizeAndWait(inst.InstanceID, &instances.ResizeRequest{OperType: instances.ResizeHorizontal, NewProductID: "rocketmq.p2.large.20"})
	assert.Equal(t, "rocketmq.p2.large.20", after.ProductID)
	assert.Equal(t, flavourOf(t, "rocketmq.p2.large.20").MinBrokers, after.BrokerNum)
}

func TestSDKBackgroundTasks(t *testing.T) {
	t.Parallel()
	e := newSDKEnv(t, rocketmqtest.WithTaskDelay(20*time.Millisecond))
	ctx := t.Context()
	inst := e.create(e.createReq("task-list", "4.8.0", "c6.4u8g.cluster", 1, 300))
	id := inst.InstanceID
	begin := time.Now().Add(-time.Hour)
	var jobs []string
	for size := int64(400); size <= 600; size += 100 {
		res, err := e.ic.Resize(ctx, id, &instances.ResizeRequest{OperType: instances.ResizeStorage, NewStorageSpace: size})
		require.NoError(t, err)
		_, err = e.tc.WaitForTask(ctx, id, res.JobID, fastTaskWait)
		require.NoError(t, err)
		_, err = e.ic.WaitForStatus(ctx, id, instances.StatusRunning, fastWait)
		require.NoError(t, err)
		jobs = append(jobs, res.JobID)
	}

	list, err := e.tc.List(ctx, id, &tasks.ListOptions{Begin: begin, End: time.Now().Add(time.Hour), Limit: 2})
	require.NoError(t, err)
	assert.Equal(t, int64(3), list.TaskCount)
	assert.Len(t, list.Tasks, 2)

	// Filters outside the tasks' times find nothing.
	none, err := e.tc.List(ctx, id, &tasks.ListOptions{Begin: time.Now().Add(time.Hour), End: time.Now().Add(2 * time.Hour)})
	require.NoError(t, err)
	assert.Empty(t, none.Tasks)

	var seen []string
	for task, err := range e.tc.ListIter(ctx, id, &tasks.ListOptions{Limit: 1}) {
		require.NoError(t, err)
		seen = append(seen, task.ID)
		assert.Equal(t, tasks.StatusSuccess, task.Status)
	}
	assert.ElementsMatch(t, jobs, seen)

	got, err := e.tc.Get(ctx, id, jobs[1])
	require.NoError(t, err)
	assert.Equal(t, jobs[1], got.ID)

	require.NoError(t, e.tc.Delete(ctx, id, jobs[1]))
	_, err = e.tc.Get(ctx, id, jobs[1])
	assertTaskNotFound(t, err)

	// An unknown task is a not-found the SDK recognises.
	_, err = e.tc.Get(ctx, id, "0123456789abcdef0123456789abcdef")
	assertTaskNotFound(t, err)
	_, err = e.tc.WaitForTask(ctx, id, "0123456789abcdef0123456789abcdef", fastTaskWait)
	var nf *tasks.NotFoundError
	require.ErrorAs(t, err, &nf, "the emulator answers an empty one-task list")
	assert.Equal(t, "0123456789abcdef0123456789abcdef", nf.TaskID)
	assert.Equal(t, id, nf.InstanceID)
	_, err = e.tc.Progress(ctx, id, "0123456789abcdef0123456789abcdef")
	assert.True(t, rocketmq.IsNotFound(err), "progress of an unknown task: %v", err)
	// An unknown instance is the service's not-found.
	_, err = e.tc.Get(ctx, "00000000-0000-0000-0000-000000000000", jobs[0])
	assert.True(t, rocketmq.IsNotFound(err), "%v", err)
}

// assertTaskNotFound asserts a not-found of a task, as tasks.Get reports
// it: a *tasks.NotFoundError or an APIError that rocketmq.IsNotFound
// recognises.
func assertTaskNotFound(t *testing.T, err error) {
	t.Helper()
	require.Error(t, err)
	var nf *tasks.NotFoundError
	if !errors.As(err, &nf) {
		assert.True(t, rocketmq.IsNotFound(err), "not a not-found: %v", err)
	}
}

func TestSDKTaskFailureEndsWaitWithItsStatus(t *testing.T) {
	t.Parallel()
	e := newSDKEnv(t, rocketmqtest.WithTaskDelay(time.Hour))
	ctx := t.Context()
	inst := e.create(e.createReq("task-fail", "4.8.0", "c6.4u8g.cluster", 1, 300))
	res, err := e.ic.Resize(ctx, inst.InstanceID, &instances.ResizeRequest{OperType: instances.ResizeStorage, NewStorageSpace: 400})
	require.NoError(t, err)
	require.NoError(t, e.srv.SetTaskStatus(inst.InstanceID, res.JobID, rocketmqtest.TaskFailed))
	_, err = e.tc.WaitForTask(ctx, inst.InstanceID, res.JobID, fastTaskWait)
	var term *tasks.TerminalStatusError
	require.ErrorAs(t, err, &term)
	assert.Equal(t, tasks.StatusFailed, term.Status)
	got, err := e.ic.Get(ctx, inst.InstanceID)
	require.NoError(t, err)
	assert.Equal(t, instances.StatusExtendedFailed, got.Status)
	// WaitForStatus takes EXTENDEDFAILED as a failure: it ends at once.
	_, err = e.ic.WaitForStatus(ctx, inst.InstanceID, instances.StatusRunning, &instances.WaitOptions{PollInterval: 5 * time.Millisecond, Timeout: time.Hour})
	require.Error(t, err)
	assert.Contains(t, err.Error(), instances.StatusExtendedFailed)
}

func TestSDKResizeRefusals(t *testing.T) {
	t.Parallel()
	e := newSDKEnv(t, rocketmqtest.WithTaskDelay(time.Hour))
	ctx := t.Context()
	id5 := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "refuse-5x", EngineVersion: "5.x", ProductID: "rocketmq.p2.large.8", StorageSpace: 300})
	id4 := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "refuse-480", BrokerNum: 2, StorageSpace: 600})
	for _, c := range []struct {
		name string
		id   string
		req  instances.ResizeRequest
	}{
		{"vertical is 4.8.0 only", id5, instances.ResizeRequest{OperType: instances.ResizeVertical, NewProductID: "rocketmq.p2.large.12"}},
		{"fewer brokers", id4, instances.ResizeRequest{OperType: instances.ResizeHorizontal, NewBrokerNum: 1}},
		{"beyond the flavour's brokers", id4, instances.ResizeRequest{OperType: instances.ResizeHorizontal, NewBrokerNum: 11}},
		{"vertical to a 5.x flavour", id4, instances.ResizeRequest{OperType: instances.ResizeVertical, NewProductID: "rocketmq.p2.large.8"}},
		{"storage beyond the flavour's maximum", id4, instances.ResizeRequest{OperType: instances.ResizeStorage, NewStorageSpace: 60100}},
	} {
		_, err := e.ic.Resize(ctx, c.id, &c.req)
		var api *rocketmq.APIError
		if assert.ErrorAs(t, err, &api, c.name) {
			assert.Equal(t, 400, api.StatusCode, c.name)
		}
	}

	// A second resize while one runs is refused with the service's code.
	_, err := e.ic.Resize(ctx, id4, &instances.ResizeRequest{OperType: instances.ResizeStorage, NewStorageSpace: 800})
	require.NoError(t, err)
	_, err = e.ic.Resize(ctx, id4, &instances.ResizeRequest{OperType: instances.ResizeStorage, NewStorageSpace: 1000})
	var api *rocketmq.APIError
	require.ErrorAs(t, err, &api)
	assert.Equal(t, "DMS.00400108", api.Code)
	// The running task cannot be deleted.
	list, err := e.tc.List(ctx, id4, nil)
	require.NoError(t, err)
	require.Len(t, list.Tasks, 1)
	assert.Equal(t, tasks.StatusExecuting, list.Tasks[0].Status)
	err = e.tc.Delete(ctx, id4, list.Tasks[0].ID)
	require.ErrorAs(t, err, &api)
}

func TestSDKScheduledTasks(t *testing.T) {
	t.Parallel()
	e := newSDKEnv(t)
	ctx := t.Context()
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "sched"})
	at := time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC)
	var ids []string
	for i := range 3 {
		tid, err := e.srv.AddScheduledTask(id, rocketmqtest.ScheduledTaskSeed{Name: "restartInstance", ScheduleAt: at.Add(time.Duration(i) * time.Hour)})
		require.NoError(t, err)
		ids = append(ids, tid)
	}

	list, err := e.tc.ListScheduled(ctx, id, &tasks.ListScheduledOptions{Limit: 2})
	require.NoError(t, err)
	assert.Equal(t, int64(3), list.JobCount)
	require.Len(t, list.Jobs, 2)
	job := list.Jobs[0]
	assert.Equal(t, "restartInstance", job.Name)
	assert.Equal(t, tasks.StatusCreated, job.Status)
	assert.NotEmpty(t, job.ScheduleAt)

	var seen []string
	for j, err := range e.tc.ListScheduledIter(ctx, id, &tasks.ListScheduledOptions{Limit: 1}) {
		require.NoError(t, err)
		seen = append(seen, j.ID)
	}
	assert.ElementsMatch(t, ids, seen)

	// Time filters.
	some, err := e.tc.ListScheduled(ctx, id, &tasks.ListScheduledOptions{Begin: at.Add(30 * time.Minute), End: at.Add(3 * time.Hour)})
	require.NoError(t, err)
	assert.Equal(t, int64(2), some.JobCount)

	// Move one, cancel another, delete the third.
	moved := time.Date(2032, 1, 2, 3, 4, 5, 0, time.UTC)
	require.NoError(t, e.tc.UpdateScheduled(ctx, id, ids[0], &tasks.UpdateScheduledRequest{ExecuteAt: moved}))
	require.NoError(t, e.tc.UpdateScheduled(ctx, id, ids[1], &tasks.UpdateScheduledRequest{Cancel: true}))
	require.NoError(t, e.tc.DeleteScheduled(ctx, id, ids[2]))

	byID := map[string]tasks.ScheduledTask{}
	for j, err := range e.tc.ListScheduledIter(ctx, id, nil) {
		require.NoError(t, err)
		byID[j.ID] = j
	}
	require.Len(t, byID, 2)
	assert.Contains(t, byID[ids[0]].ScheduleAt, "2032")
	assert.Equal(t, tasks.StatusCreated, byID[ids[0]].Status)
	assert.Equal(t, tasks.StatusCancelled, byID[ids[1]].Status)
}

func TestSDKNodesHierarchyConfigs(t *testing.T) {
	t.Parallel()
	e := newSDKEnv(t)
	ctx := t.Context()
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "nodes", BrokerNum: 3, StorageSpace: 900})

	nodes, err := e.ic.ListNodes(ctx, id, &instances.ListNodesOptions{Limit: 2})
	require.NoError(t, err)
	assert.Len(t, nodes.Nodes, 2)
	require.Positive(t, nodes.Total)
	var all []instances.Node
	for n, err := range e.ic.ListNodesIter(ctx, id, &instances.ListNodesOptions{Limit: 1}) {
		require.NoError(t, err)
		all = append(all, n)
	}
	assert.Len(t, all, int(nodes.Total))
	for _, n := range all {
		assert.NotEmpty(t, n.ID)
		assert.NotEmpty(t, n.BrokerName)
		assert.NotEmpty(t, n.Address)
	}

	h, err := e.ic.GetMonitoringHierarchy(ctx, id)
	require.NoError(t, err)
	assert.NotEmpty(t, h.Dimensions)
	require.NotEmpty(t, h.InstanceIDs)
	assert.Equal(t, id, h.InstanceIDs[0].Name)
	assert.NotEmpty(t, h.Nodes)

	configs, err := e.ic.ListConfigs(ctx, id, nil)
	require.NoError(t, err)
	var reserved *instances.Config
	for i := range configs.Configs {
		if configs.Configs[i].Name == instances.ConfigFileReservedTime {
			reserved = &configs.Configs[i]
		}
	}
	require.NotNil(t, reserved, "%+v", configs)
	require.NoError(t, e.ic.UpdateConfigs(ctx, id, []instances.ConfigValue{{Name: instances.ConfigFileReservedTime, Value: "72"}}))
	configs, err = e.ic.ListConfigs(ctx, id, nil)
	require.NoError(t, err)
	for _, cfg := range configs.Configs {
		if cfg.Name == instances.ConfigFileReservedTime {
			assert.Equal(t, "72", cfg.Value)
		}
	}
}

func TestSDKConfigsAndVolumeExpansionRefusals(t *testing.T) {
	t.Parallel()
	e := newSDKEnv(t)
	ctx := t.Context()
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "refuse-cfg", BrokerNum: 1, StorageSpace: 300})
	var api *rocketmq.APIError
	err := e.ic.UpdateConfigs(ctx, id, []instances.ConfigValue{{Name: "noSuchConfig", Value: "1"}})
	assert.ErrorAs(t, err, &api, "unknown configuration")
	err = e.ic.UpdateConfigs(ctx, id, []instances.ConfigValue{{Name: instances.ConfigFileReservedTime, Value: "100000"}})
	assert.ErrorAs(t, err, &api, "beyond the valid values")
	// The maximum must exceed the current disk size.
	err = e.ic.UpdateVolumeExpansion(ctx, id, &instances.VolumeExpansion{Enable: true, MaxVolumeSize: 200})
	assert.ErrorAs(t, err, &api, "max below the current size")
	require.NoError(t, e.ic.UpdateVolumeExpansion(ctx, id, &instances.VolumeExpansion{Enable: false}))
}

func TestSDKBatchDeleteForceSkipsTheRecycleBin(t *testing.T) {
	t.Parallel()
	e := newSDKEnv(t, rocketmqtest.WithDeleteDelay(5*time.Millisecond), rocketmqtest.WithRecyclePolicy(rocketmqtest.RecyclePolicy{Enabled: true, RetentionDays: 2}))
	ctx := t.Context()
	kept := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "to-bin"})
	gone := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "for-good"})
	_, err := e.ic.BatchDelete(ctx, &instances.BatchDeleteRequest{Action: instances.ActionDelete, Instances: []string{kept}})
	require.NoError(t, err)
	_, err = e.ic.BatchDelete(ctx, &instances.BatchDeleteRequest{Action: instances.ActionDelete, Instances: []string{gone}, ForceDelete: rocketmq.Bool(true)})
	require.NoError(t, err)
	require.NoError(t, e.ic.WaitForDeletion(ctx, kept, fastWait))
	require.NoError(t, e.ic.WaitForDeletion(ctx, gone, fastWait))
	bin, err := e.ic.ListRecycleBin(ctx)
	require.NoError(t, err)
	assert.Equal(t, 2, bin.RetentionDays)
	require.Len(t, bin.Instances, 1)
	assert.Equal(t, kept, bin.Instances[0].InstanceID)

	// Restoring what is not in the bin names the instance with an error.
	res, err := e.ic.Restore(ctx, []string{gone})
	require.NoError(t, err)
	require.Len(t, res.Results, 1)
	assert.Equal(t, instances.RestoreResult{InstanceID: gone, ErrorMsg: "The instance is not in the recycle bin."}, res.Results[0])
}

func TestSDKSSLAndDNSShowInGet(t *testing.T) {
	t.Parallel()
	e := newSDKEnv(t, rocketmqtest.WithTaskDelay(10*time.Millisecond))
	ctx := t.Context()
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "ssl-dns"})
	before, err := e.ic.Get(ctx, id)
	require.NoError(t, err)
	assert.False(t, before.DNSEnable)

	res, err := e.ic.UpdateSSL(ctx, id, &instances.UpdateSSLRequest{TLSMode: "SSL"})
	require.NoError(t, err)
	assert.Equal(t, "SSL", res.TLSMode)
	require.NotEmpty(t, res.JobID)
	_, err = e.tc.WaitForTask(ctx, id, res.JobID, fastTaskWait)
	require.NoError(t, err)
	got, err := e.ic.WaitForStatus(ctx, id, instances.StatusRunning, fastWait)
	require.NoError(t, err)
	assert.Equal(t, "SSL", got.TLSMode)
	assert.True(t, got.SSLEnable)

	require.NoError(t, e.ic.EnableDNS(ctx, id))
	got, err = e.ic.Get(ctx, id)
	require.NoError(t, err)
	assert.True(t, got.DNSEnable)
}

func TestSDKVolumeExpansion(t *testing.T) {
	t.Parallel()
	e := newSDKEnv(t)
	ctx := t.Context()
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "volume", BrokerNum: 1, StorageSpace: 300})
	v, err := e.ic.GetVolumeExpansion(ctx, id)
	require.NoError(t, err)
	assert.False(t, v.Enable)

	want := instances.VolumeExpansion{Enable: true, ExpandThreshold: 70, MaxVolumeSize: 1000, ExpandIncrement: 20}
	require.NoError(t, e.ic.UpdateVolumeExpansion(ctx, id, &want))
	v, err = e.ic.GetVolumeExpansion(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, want, *v)
	got, err := e.ic.Get(ctx, id)
	require.NoError(t, err)
	assert.True(t, got.AutoVolumeExpandEnable)

	// The emulator's answer is the bare JSON string "success"
	// (UpdateVolumeExpansionConfigResponse maps the whole body to one
	// string); UpdateVolumeExpansion above took it as a success.
	resp, err := e.c.Do(ctx, &rocketmq.Request{Method: http.MethodPut, Path: "/v2/{project_id}/instances/{instance_id}/auto-volume-expand",
		PathParams: map[string]string{"instance_id": id}, Body: map[string]any{"auto_volume_expand_enable": false}}, nil)
	require.NoError(t, err)
	assert.JSONEq(t, `"success"`, string(resp.Body))
	require.Len(t, e.srv.Requests("PUT /v2/"), 2)
}

func TestSDKRecycleBinDeleteAndRestore(t *testing.T) {
	t.Parallel()
	e := newSDKEnv(t, rocketmqtest.WithTaskDelay(10*time.Millisecond), rocketmqtest.WithDeleteDelay(10*time.Millisecond))
	ctx := t.Context()
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "recycled"})

	bin, err := e.ic.UpdateRecyclePolicy(ctx, &instances.RecyclePolicy{RetentionDays: 5, DefaultUseRecycle: rocketmq.Bool(true)})
	require.NoError(t, err)
	assert.Equal(t, 5, bin.RetentionDays)
	assert.True(t, bin.DefaultUseRecycle)
	assert.Empty(t, bin.Instances)

	require.NoError(t, e.ic.Delete(ctx, id))
	require.NoError(t, e.ic.WaitForDeletion(ctx, id, fastWait))
	_, err = e.ic.Get(ctx, id)
	assert.True(t, rocketmq.IsNotFound(err), "%v", err)
	list, err := e.ic.List(ctx, nil)
	require.NoError(t, err)
	assert.Empty(t, list.Instances)

	// The recycled instance still counts against the quota.
	q, err := e.pc.Quotas(ctx, nil)
	require.NoError(t, err)
	used, _ := q.Resource(products.QuotaRocketMQInstance)
	assert.Equal(t, int64(1), used.Used)

	bin, err = e.ic.ListRecycleBin(ctx)
	require.NoError(t, err)
	require.Len(t, bin.Instances, 1)
	r := bin.Instances[0]
	assert.Equal(t, id, r.InstanceID)
	assert.Equal(t, "recycled", r.Name)
	assert.Equal(t, instances.StatusFrozen, r.Status)
	assert.Equal(t, 5, r.SaveTime)
	assert.Positive(t, r.InRecycleTime)
	assert.Equal(t, r.InRecycleTime+5*24*3600*1000, r.AutoDeleteTime)
	assert.Equal(t, "c6.4u8g.cluster", r.ProductID)

	restored, err := e.ic.Restore(ctx, []string{id})
	require.NoError(t, err)
	require.Len(t, restored.Results, 1)
	assert.Equal(t, id, restored.Results[0].InstanceID)
	assert.Empty(t, restored.Results[0].ErrorMsg)
	require.NotEmpty(t, restored.Results[0].JobID, "the restore's job_id is a task ID")
	task, err := e.tc.WaitForTask(ctx, id, restored.Results[0].JobID, fastTaskWait)
	require.NoError(t, err)
	assert.Equal(t, tasks.StatusSuccess, task.Status)
	got, err := e.ic.WaitForStatus(ctx, id, instances.StatusRunning, fastWait)
	require.NoError(t, err)
	assert.Equal(t, "recycled", got.Name)
	bin, err = e.ic.ListRecycleBin(ctx)
	require.NoError(t, err)
	assert.Empty(t, bin.Instances)
}

// jsonPaths lists the object keys of a decoded JSON value as dotted
// paths ("a", "a.b", "list[].c").
func jsonPaths(prefix string, v any, out map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			out[p] = true
			jsonPaths(p, e, out)
		}
	case []any:
		for _, e := range x {
			jsonPaths(prefix+"[]", e, out)
		}
	}
}

// typePaths lists the json names a Go type decodes, as jsonPaths does.
func typePaths(prefix string, t reflect.Type, out map[string]bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Slice:
		typePaths(prefix+"[]", t.Elem(), out)
	case reflect.Map:
		out[prefix+".*"] = true
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if f.Anonymous && name == "" {
				typePaths(prefix, f.Type, out)
				continue
			}
			if name == "" || name == "-" || !f.IsExported() {
				continue
			}
			p := name
			if prefix != "" {
				p = prefix + "." + name
			}
			out[p] = true
			typePaths(p, f.Type, out)
		}
	}
}

// unknownKeys returns the keys of raw that the Go type of v does not
// decode (a map field takes any key below it).
func unknownKeys(t *testing.T, raw []byte, v any) []string {
	t.Helper()
	var doc any
	require.NoError(t, json.Unmarshal(raw, &doc))
	got := map[string]bool{}
	jsonPaths("", doc, got)
	known := map[string]bool{}
	typePaths("", reflect.TypeOf(v), known)
	var out []string
	for p := range got {
		if known[p] {
			continue
		}
		mapped := false
		for k := range known {
			if strings.HasSuffix(k, ".*") && strings.HasPrefix(p, strings.TrimSuffix(k, "*")) {
				mapped = true
			}
		}
		if !mapped {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// TestSDKDecodesEveryFieldTheEmulatorAnswers reads each current
// operation's answer raw and checks that the SDK's result type has a field
// for every key the emulator sends: a key only one side knows is a json
// name the two disagree on.
func TestSDKDecodesEveryFieldTheEmulatorAnswers(t *testing.T) {
	t.Parallel()
	e := newSDKEnv(t, rocketmqtest.WithTaskDelay(time.Hour))
	ctx := t.Context()
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "fields", BrokerNum: 2, StorageSpace: 600,
		Topics: []rocketmqtest.TopicSeed{{Name: "orders"}}})
	id5 := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "fields-5x", EngineVersion: "5.x", ProductID: "rocketmq.p2.large.12"})
	_, err := e.srv.AddScheduledTask(id, rocketmqtest.ScheduledTaskSeed{ScheduleAt: time.Now().Add(time.Hour)})
	require.NoError(t, err)
	require.NoError(t, e.ic.UpdateVolumeExpansion(ctx, id, &instances.VolumeExpansion{Enable: true, ExpandThreshold: 50, ExpandIncrement: 20, MaxVolumeSize: 2000}))
	res, err := e.ic.Resize(ctx, id, &instances.ResizeRequest{OperType: instances.ResizeStorage, NewStorageSpace: 800})
	require.NoError(t, err)
	recycledID := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "fields-bin"})
	_, err = e.ic.UpdateRecyclePolicy(ctx, &instances.RecyclePolicy{DefaultUseRecycle: rocketmq.Bool(true)})
	require.NoError(t, err)
	require.NoError(t, e.ic.Delete(ctx, recycledID))
	require.NoError(t, e.ic.WaitForDeletion(ctx, recycledID, fastWait))

	inst := map[string]string{"instance_id": id}
	inst5 := map[string]string{"instance_id": id5}
	task := map[string]string{"instance_id": id, "task_id": res.JobID}
	for _, c := range []struct {
		name   string
		path   string
		params map[string]string
		query  map[string]string
		out    any
	}{
		{"products.List", "/v2/{engine}/products", nil, nil, products.ListResponse{}},
		{"products.Cores", "/v2/rocketmq/products/cores", nil, map[string]string{"product_id": "c6.4u8g.cluster", "broker_num": "2", "instance_id": id}, products.Cores{}},
		{"products.Quotas", "/v2/{project_id}/quotas", nil, nil, products.Quotas{}},
		{"products.Features", "/v2/config/features", nil, nil, products.FeaturesResponse{}},
		{"instances.Get", "/v2/{project_id}/instances/{instance_id}", inst, nil, instances.Instance{}},
		{"instances.Get 5.x", "/v2/{project_id}/instances/{instance_id}", inst5, nil, instances.Instance{}},
		{"instances.ListResizeProducts", "/v2/{engine}/{project_id}/instances/{instance_id}/extend", inst, nil, instances.ResizeProductsResponse{}},
		{"instances.ListResizeProducts 5.x", "/v2/{engine}/{project_id}/instances/{instance_id}/extend", inst5, nil, instances.ResizeProductsResponse{}},
		{"instances.CheckResize", "/v2/{project_id}/rocketmq/instances/{instance_id}/extend-check", inst5, nil, instances.ResizeCheck{}},
		{"instances.ListNodes", "/v2/{project_id}/{engine}/instances/{instance_id}/nodes", inst, nil, instances.ListNodesResponse{}},
		{"instances.GetMonitoringHierarchy", "/v2/{project_id}/instances/{instance_id}/ces-hierarchy", inst, nil, instances.MonitoringHierarchy{}},
		{"instances.ListConfigs", "/v2/{project_id}/rocketmq/instances/{instance_id}/configs", inst, nil, instances.ListConfigsResponse{}},
		{"instances.GetVolumeExpansion", "/v2/{project_id}/instances/{instance_id}/auto-volume-expand", inst, nil, instances.VolumeExpansion{}},
		{"instances.ListRecycleBin", "/v2/{project_id}/recycle", nil, nil, instances.RecycleBin{}},
		{"tasks.List", "/v2/{project_id}/instances/{instance_id}/tasks", inst, nil, tasks.ListResponse{}},
		{"tasks.Get", "/v2/{project_id}/instances/{instance_id}/tasks/{task_id}", task, nil, tasks.ListResponse{}},
		{"tasks.Progress", "/v2/{project_id}/instances/{instance_id}/tasks/{task_id}/progress", task, nil, tasks.Progress{}},
		{"tasks.ListScheduled", "/v2/{project_id}/instances/{instance_id}/scheduled-tasks", inst, nil, tasks.ListScheduledResponse{}},
	} {
		var raw json.RawMessage
		_, err := e.c.Do(ctx, &rocketmq.Request{Method: http.MethodGet, Path: c.path, PathParams: c.params, Query: c.query}, &raw)
		require.NoError(t, err, c.name)
		assert.Empty(t, unknownKeys(t, raw, c.out), "%s: keys the SDK does not decode in %s", c.name, raw)
	}
}

// TestSDKEngineRocketmqSpelling drives the engine-scoped operations with a
// client whose engine is "rocketmq" (the definitions' other spelling).
func TestSDKEngineRocketmqSpelling(t *testing.T) {
	t.Parallel()
	srv := rocketmqtest.NewServer(rocketmqtest.WithTaskDelay(10 * time.Millisecond))
	t.Cleanup(srv.Close)
	c, err := srv.Client(rocketmq.WithEngine("rocketmq"))
	require.NoError(t, err)
	ctx := t.Context()
	ic, pc, tc := instances.New(c), products.New(c), tasks.New(c)
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "spelled", StorageSpace: 300})

	page, err := pc.List(ctx, &products.ListOptions{ProductID: "c6.4u8g.cluster"})
	require.NoError(t, err)
	require.Len(t, page.Products, 1)
	assert.Equal(t, "rocketmq", page.Engine)

	targets, err := ic.ListResizeProducts(ctx, id, nil)
	require.NoError(t, err)
	assert.NotEmpty(t, targets.Products)
	nodes, err := ic.ListNodes(ctx, id, nil)
	require.NoError(t, err)
	assert.NotEmpty(t, nodes.Nodes)
	ssl, err := ic.UpdateSSL(ctx, id, &instances.UpdateSSLRequest{TLSMode: "SSL"})
	require.NoError(t, err)
	_, err = tc.WaitForTask(ctx, id, ssl.JobID, fastTaskWait)
	require.NoError(t, err)
	_, err = ic.WaitForStatus(ctx, id, instances.StatusRunning, fastWait)
	require.NoError(t, err)
	job, err := ic.Resize(ctx, id, &instances.ResizeRequest{OperType: instances.ResizeStorage, NewStorageSpace: 400})
	require.NoError(t, err)
	_, err = tc.WaitForTask(ctx, id, job.JobID, fastTaskWait)
	require.NoError(t, err)
	assert.Len(t, srv.Requests("POST /v2/rocketmq/"+srv.ProjectID()+"/instances/"+id+"/extend"), 1)

	// The engine-scoped create, with the engine spelled rocketmq in the
	// path and the body.
	e := &sdkEnv{t: t, srv: srv, c: c, ic: ic, pc: pc, tc: tc}
	req := e.createReq("spelled-create", "4.8.0", "c6.4u8g.cluster", 1, 300)
	req.Engine = "rocketmq"
	req.Billing = &instances.Billing{ChargingMode: instances.ChargingPostPaid}
	inst := e.create(req)
	assert.Equal(t, "c6.4u8g.cluster", inst.ProductID)
	creates := 0
	for _, r := range srv.Requests("POST /v2/rocketmq/") {
		if r.EscapedPath == "/v2/rocketmq/"+srv.ProjectID()+"/instances" {
			creates++
		}
	}
	assert.Equal(t, 1, creates)
	assert.Equal(t, "reliability", inst.Engine, "rocketmq is kept as its alias")
}

// TestSDKTimeMovesRecycleBinAndScheduledTasks moves the emulator's clock:
// a recycled instance is deleted for good after its retention, and a
// scheduled task runs when its time comes.
func TestSDKTimeMovesRecycleBinAndScheduledTasks(t *testing.T) {
	t.Parallel()
	e := newClockedEnv(t, rocketmqtest.WithDeleteDelay(0), rocketmqtest.WithRecyclePolicy(rocketmqtest.RecyclePolicy{Enabled: true, RetentionDays: 1}))
	ctx := t.Context()
	binned := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "expires"})
	kept := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "stays"})
	sched, err := e.srv.AddScheduledTask(kept, rocketmqtest.ScheduledTaskSeed{ScheduleAt: e.clock.Now().Add(time.Hour)})
	require.NoError(t, err)

	require.NoError(t, e.ic.Delete(ctx, binned))
	require.NoError(t, e.ic.WaitForDeletion(ctx, binned, fastWait))
	bin, err := e.ic.ListRecycleBin(ctx)
	require.NoError(t, err)
	require.Len(t, bin.Instances, 1)
	assert.Equal(t, 1, bin.Instances[0].SaveTime)
	// in_recycle_time and auto_delete_time are Unix milliseconds.
	assert.Equal(t, e.clock.Now().UnixMilli(), bin.Instances[0].InRecycleTime)
	assert.Equal(t, e.clock.Now().Add(24*time.Hour).UnixMilli(), bin.Instances[0].AutoDeleteTime)

	e.clock.Advance(2 * time.Hour)
	jobs, err := e.tc.ListScheduled(ctx, kept, nil)
	require.NoError(t, err)
	require.Len(t, jobs.Jobs, 1)
	assert.Equal(t, sched, jobs.Jobs[0].ID)
	assert.Equal(t, tasks.StatusSuccess, jobs.Jobs[0].Status, "ran at its time")
	bin, err = e.ic.ListRecycleBin(ctx)
	require.NoError(t, err)
	assert.Len(t, bin.Instances, 1, "still within its day")

	e.clock.Advance(24 * time.Hour)
	bin, err = e.ic.ListRecycleBin(ctx)
	require.NoError(t, err)
	assert.Empty(t, bin.Instances, "deleted for good after its retention")
	q, err := e.pc.Quotas(ctx, nil)
	require.NoError(t, err)
	used, _ := q.Resource(products.QuotaRocketMQInstance)
	assert.Equal(t, int64(1), used.Used)
	res, err := e.ic.Restore(ctx, []string{binned})
	require.NoError(t, err)
	assert.NotEmpty(t, res.Results[0].ErrorMsg)
}

package rocketmqtest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

type instanceResp struct {
	Name              string   `json:"name"`
	Engine            string   `json:"engine"`
	Status            string   `json:"status"`
	Type              string   `json:"type"`
	Specification     string   `json:"specification"`
	EngineVersion     string   `json:"engine_version"`
	InstanceID        string   `json:"instance_id"`
	CreatedAt         string   `json:"created_at"`
	ProductID         string   `json:"product_id"`
	AvailableZones    []string `json:"available_zones"`
	StorageSpace      int      `json:"storage_space"`
	TotalStorageSpace int      `json:"total_storage_space"`
	CrossVPCInfo      string   `json:"cross_vpc_info"`
	NamesrvAddress    string   `json:"namesrv_address"`
	BrokerAddress     string   `json:"broker_address"`
	BrokerNum         int      `json:"broker_num"`
	NodeNum           int      `json:"node_num"`
	EnableACL         bool     `json:"enable_acl"`
	Description       string   `json:"description"`
	SupportFeatures   string   `json:"support_features"`
	Tags              []struct {
		Key   string `json:"key"`
		Value string `json:"value"`
	} `json:"tags"`
}

func TestInstanceLifecycle(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithCreateDelay(80*time.Millisecond), rocketmqtest.WithDeleteDelay(80*time.Millisecond))

	var created struct {
		InstanceID string `json:"instance_id"`
	}
	e.ok(withBody(req("POST", pInstances), createBody("reliability-1751840557")), &created)
	require.NotEmpty(t, created.InstanceID)
	id := created.InstanceID

	var in instanceResp
	e.ok(req("GET", pInstance, "instance_id", id), &in)
	assert.Equal(t, rocketmqtest.StatusCreating, in.Status)

	// Inside a CREATING instance nothing can be done yet; it cannot be
	// deleted either.
	noRetry, err := e.srv.Client(rocketmq.WithRetry(rocketmq.RetryPolicy{MaxAttempts: 1}))
	require.NoError(t, err)
	e2 := &env{t: t, srv: e.srv, c: noRetry}
	e2.fails(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": "t-1"}), 400, "DMS.00400026")
	e2.fails(req("DELETE", pInstance, "instance_id", id), 400, "DMS.00400099")

	require.Eventually(t, func() bool {
		e.ok(req("GET", pInstance, "instance_id", id), &in)
		return in.Status == rocketmqtest.StatusRunning
	}, 3*time.Second, 10*time.Millisecond)

	assert.Equal(t, "reliability-1751840557", in.Name)
	assert.Equal(t, "reliability", in.Engine)
	assert.Equal(t, "cluster", in.Type)
	assert.Equal(t, "c6.4u8g.cluster * 1 broker", in.Specification)
	assert.Equal(t, "4.8.0", in.EngineVersion)
	assert.Equal(t, []string{"9f1c5806706d4c1fb0eb72f0a9b18c77"}, in.AvailableZones)
	assert.Equal(t, 600, in.TotalStorageSpace)
	assert.Equal(t, 1, in.BrokerNum)
	assert.Equal(t, 5, in.NodeNum)
	ms, err := strconv.ParseInt(in.CreatedAt, 10, 64)
	require.NoError(t, err, "created_at is a millisecond string")
	assert.InDelta(t, time.Now().UnixMilli(), ms, float64(time.Minute.Milliseconds()))
	assert.Regexp(t, `^192\.168\.\d+\.\d+:8100,192\.168\.\d+\.\d+:8100$`, in.NamesrvAddress)
	assert.Regexp(t, `^192\.168\.\d+\.\d+:10100$`, in.BrokerAddress)
	var vpc map[string]map[string]string
	require.NoError(t, json.Unmarshal([]byte(in.CrossVPCInfo), &vpc), "cross_vpc_info is a JSON string")
	assert.Len(t, vpc, 5)
	assert.Contains(t, in.SupportFeatures, "rocketmq.acl")

	// Delete: DELETING, then gone.
	resp := e.ok(req("DELETE", pInstance, "instance_id", id), nil)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	e.ok(req("GET", pInstance, "instance_id", id), &in)
	assert.Equal(t, rocketmqtest.StatusDeleting, in.Status)
	e2.fails(req("DELETE", pInstance, "instance_id", id), 400, "DMS.00400026")
	require.Eventually(t, func() bool {
		_, err := e.do(req("GET", pInstance, "instance_id", id), nil)
		return rocketmq.IsNotFound(err)
	}, 3*time.Second, 10*time.Millisecond)
	e.fails(req("GET", pInstance, "instance_id", id), 404, "DMS.00404022")
}

func TestInstanceValidation(t *testing.T) {
	e := newEnv(t)
	e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "taken-name"})
	cases := []struct {
		name   string
		change func(map[string]any)
		code   string
	}{
		{"duplicate name", func(b map[string]any) { b["name"] = "taken-name" }, "DMS.00400060"},
		{"short name", func(b map[string]any) { b["name"] = "abc" }, "DMS.00400010"},
		{"name starts with digit", func(b map[string]any) { b["name"] = "1abcd" }, "DMS.00400010"},
		{"long description", func(b map[string]any) { b["description"] = strings.Repeat("x", 1025) }, "DMS.00400011"},
		{"engine", func(b map[string]any) { b["engine"] = "kafka" }, "DMS.00400007"},
		{"engine version", func(b map[string]any) { b["engine_version"] = "3.0" }, "DMS.00400008"},
		{"product", func(b map[string]any) { b["product_id"] = "c6.1u1g.cluster" }, "DMS.00400009"},
		{"spec code", func(b map[string]any) { b["storage_spec_code"] = "ssd" }, "DMS.00400125"},
		{"no vpc", func(b map[string]any) { delete(b, "vpc_id") }, "DMS.00400013"},
		{"no subnet", func(b map[string]any) { b["subnet_id"] = "" }, "DMS.00400016"},
		{"no security group", func(b map[string]any) { b["security_group_id"] = " " }, "DMS.00400014"},
		{"no AZ", func(b map[string]any) { b["available_zones"] = []string{} }, "DMS.00400042"},
		{"unknown AZ", func(b map[string]any) { b["available_zones"] = []string{"nope"} }, "DMS.00400042"},
		{"sold-out AZ", func(b map[string]any) { b["available_zones"] = []string{"72f3a8b4c1e94d1d9d0a5f6e7b8c9d0e"} }, "DMS.00400055"},
		{"two AZs", func(b map[string]any) {
			b["available_zones"] = []string{"9f1c5806706d4c1fb0eb72f0a9b18c77", "8c90c2a4e2594c0782faa6b205afeca7"}
		}, "DMS.00400062"},
		{"storage", func(b map[string]any) { b["storage_space"] = 10 }, "DMS.00400500"},
		{"storage type", func(b map[string]any) { b["storage_space"] = "lots" }, "DMS.00400005"},
		{"public ip without id", func(b map[string]any) { b["enable_publicip"] = true }, "DMS.00400128"},
		{"broker_num", func(b map[string]any) { b["broker_num"] = 11 }, "DMS.00400062"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := createBody("valid-name")
			tc.change(b)
			e.fails(withBody(req("POST", pInstances), b), 400, tc.code)
		})
	}
	e.fails(withBody(req("POST", pInstances), []byte(`{"name": `)), 400, "DMS.00400005")
	e.fails(withBody(req("POST", pInstances), []byte(``)), 400, "DMS.00400004")
	e.fails(withBody(req("POST", pInstances), "not json"), 400, "DMS.00400005")

	// A valid one with three AZs and three brokers.
	b := createBody("valid-name")
	b["available_zones"] = []string{"9f1c5806706d4c1fb0eb72f0a9b18c77", "8c90c2a4e2594c0782faa6b205afeca7", "d539378ec1314c85b76fefa3f7071458"}
	b["broker_num"] = 3
	b["storage_space"] = 900
	e.ok(withBody(req("POST", pInstances), b), nil)
}

func TestInstanceListFiltersAndPaging(t *testing.T) {
	e := newEnv(t)
	for i := range 5 {
		e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: fmt.Sprintf("orders-%d", i)})
	}
	e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "billing-1"})
	e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "failed-one", Status: rocketmqtest.StatusCreateFailed})

	type list struct {
		Instances   []instanceResp `json:"instances"`
		InstanceNum int            `json:"instance_num"`
	}
	var l list
	e.ok(req("GET", pInstances), &l)
	assert.Equal(t, 6, l.InstanceNum, "failed instances are left out by default")
	assert.Len(t, l.Instances, 6)
	assert.Equal(t, "billing-1", l.Instances[0].Name, "newest first")

	e.ok(withQuery(req("GET", pInstances), "include_failure", "true"), &l)
	assert.Equal(t, 7, l.InstanceNum)

	e.ok(withQuery(req("GET", pInstances), "name", "ORDERS", "limit", "2", "offset", "0"), &l)
	assert.Equal(t, 5, l.InstanceNum)
	assert.Len(t, l.Instances, 2)
	e.ok(withQuery(req("GET", pInstances), "name", "orders", "limit", "2", "offset", "4"), &l)
	assert.Len(t, l.Instances, 1)
	e.fails(withQuery(req("GET", pInstances), "name", "orders", "limit", "2", "offset", "5"), 400, "DMS.40050010")
	e.fails(withQuery(req("GET", pInstances), "limit", "0"), 400, "DMS.10240042")
	e.fails(withQuery(req("GET", pInstances), "limit", "51"), 400, "DMS.10240042")
	e.fails(withQuery(req("GET", pInstances), "offset", "-1"), 400, "DMS.10240043")

	e.ok(withQuery(req("GET", pInstances), "name", "orders", "exact_match_name", "true"), &l)
	assert.Equal(t, 0, l.InstanceNum)
	e.ok(withQuery(req("GET", pInstances), "name", "orders-3", "exact_match_name", "true"), &l)
	require.Equal(t, 1, l.InstanceNum)
	id := l.Instances[0].InstanceID
	e.ok(withQuery(req("GET", pInstances), "instance_id", id), &l)
	assert.Equal(t, "orders-3", l.Instances[0].Name)
	e.ok(withQuery(req("GET", pInstances), "status", "CREATEFAILED"), &l)
	assert.Equal(t, 1, l.InstanceNum)
	e.ok(withQuery(req("GET", pInstances), "engine", "kafka"), &l)
	assert.Equal(t, 0, l.InstanceNum)
	assert.NotNil(t, l.Instances, "an empty list is [] not null")

	// An empty list accepts offset 0.
	e.ok(withQuery(req("GET", pInstances), "name", "zzz", "offset", "0"), &l)
}

func TestInstanceUpdate(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "first-one"})
	e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "second-one"})

	resp := e.ok(withBody(req("PUT", pInstance, "instance_id", id), map[string]any{"name": "rocketmq001", "description": "RocketMQ description", "enable_acl": true}), nil)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	var in instanceResp
	e.ok(req("GET", pInstance, "instance_id", id), &in)
	assert.Equal(t, "rocketmq001", in.Name)
	assert.Equal(t, "RocketMQ description", in.Description)
	assert.True(t, in.EnableACL)

	e.fails(withBody(req("PUT", pInstance, "instance_id", id), map[string]any{"name": "second-one"}), 400, "DMS.00400060")
	e.fails(withBody(req("PUT", pInstance, "instance_id", id), map[string]any{"name": "x"}), 400, "DMS.00400010")
	e.fails(withBody(req("PUT", pInstance, "instance_id", id), map[string]any{"enable_publicip": true}), 400, "DMS.00400128")
	e.fails(withBody(req("PUT", pInstance, "instance_id", "no-such-id"), map[string]any{"name": "whatever"}), 404, "DMS.00404022")
	e.fails(req("GET", pInstance, "instance_id", "no-such-id"), 404, "DMS.00404022")
	e.fails(req("DELETE", pInstance, "instance_id", "no-such-id"), 404, "DMS.00404022")
}

func TestBatchDeleteInstances(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithDeleteDelay(0))
	a := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "batch-a"})
	b := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "batch-b"})
	f1 := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "failed-a", Status: rocketmqtest.StatusCreateFailed})
	f2 := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "failed-b", Status: rocketmqtest.StatusCreateFailed})

	type results struct {
		Results []struct {
			Result   string `json:"result"`
			Instance string `json:"instance"`
		} `json:"results"`
	}
	var r results
	e.ok(withBody(req("POST", pInstances+"/action"), map[string]any{"action": "delete", "instances": []string{a, b, "unknown-id"}}), &r)
	require.Len(t, r.Results, 3)
	assert.Equal(t, "success", r.Results[0].Result)
	assert.Equal(t, a, r.Results[0].Instance)
	assert.Equal(t, "success", r.Results[1].Result)
	assert.Equal(t, "failed", r.Results[2].Result)
	e.fails(req("GET", pInstance, "instance_id", a), 404, "DMS.00404022")

	e.ok(withBody(req("POST", pInstances+"/action"), map[string]any{"action": "delete", "all_failure": "reliability"}), &r)
	require.Len(t, r.Results, 2)
	got := []string{r.Results[0].Instance, r.Results[1].Instance}
	assert.ElementsMatch(t, []string{f1, f2}, got)
	assert.Empty(t, e.srv.InstanceStatus(f1))

	ids := make([]string, 51)
	for i := range ids {
		ids[i] = fmt.Sprintf("id-%d", i)
	}
	e.fails(withBody(req("POST", pInstances+"/action"), map[string]any{"action": "delete", "instances": ids}), 400, "DMS.00400100")
	e.fails(withBody(req("POST", pInstances+"/action"), map[string]any{"action": "delete"}), 400, "DMS.00400065")
	e.fails(withBody(req("POST", pInstances+"/action"), map[string]any{"action": "delete", "instances": []string{"x", "x"}}), 400, "DMS.00400082")
	e.fails(withBody(req("POST", pInstances+"/action"), map[string]any{"action": "stop", "instances": []string{"x"}}), 400, "DMS.00400064")
}

func TestBrokersAndAZs(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "three-brokers", BrokerNum: 3})
	var br struct {
		Brokers []struct {
			IDs        []int  `json:"ids"`
			BrokerName string `json:"broker_name"`
		} `json:"brokers"`
	}
	e.ok(req("GET", pInstance+"/brokers", "instance_id", id), &br)
	require.Len(t, br.Brokers, 3)
	assert.Equal(t, "broker-0", br.Brokers[0].BrokerName)
	assert.Equal(t, "broker-2", br.Brokers[2].BrokerName)
	assert.Equal(t, []int{0, 1, 2}, br.Brokers[0].IDs)

	var raw json.RawMessage
	e.ok(withQuery(req("GET", "/v2/available-zones"), "engine", "reliability"), &raw)
	assert.Contains(t, string(raw), `"remain_time":9223372036854776000`, "Long.MAX_VALUE printed through a double, as the service does")
	var azs struct {
		RegionID       string `json:"region_id"`
		AvailableZones []struct {
			SoldOut   bool   `json:"soldOut"`
			ID        string `json:"id"`
			DefaultAZ bool   `json:"default_az"`
		} `json:"available_zones"`
	}
	require.NoError(t, json.Unmarshal(raw, &azs))
	assert.Equal(t, "cn-north-4", azs.RegionID)
	require.Len(t, azs.AvailableZones, 4)
	assert.True(t, azs.AvailableZones[3].SoldOut)
	assert.True(t, azs.AvailableZones[2].DefaultAZ)
}

func TestInstanceDeleteCascades(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithDeleteDelay(0))
	seed := rocketmqtest.InstanceSeed{
		Name:   "cascade",
		Tags:   []rocketmqtest.Tag{{Key: "env", Value: "test"}},
		Topics: []rocketmqtest.TopicSeed{{Name: "topic-a", Messages: 10}},
		Groups: []rocketmqtest.GroupSeed{{Name: "group-a", Topics: []string{"topic-a"}, DeadLetters: 1}},
		Users:  []rocketmqtest.UserSeed{{AccessKey: "user_one", SecretKey: "Secret!123"}},
	}
	id := e.srv.MustAddInstance(seed)
	e.ok(req("GET", pTopic, "instance_id", id, "topic", "topic-a"), nil)
	e.ok(req("DELETE", pInstance, "instance_id", id), nil)

	e.fails(req("GET", pTopic, "instance_id", id, "topic", "topic-a"), 404, "DMS.00404022")
	e.fails(req("GET", pGroup, "instance_id", id, "group", "group-a"), 404, "DMS.00404022")
	e.fails(req("GET", pUser, "instance_id", id, "user_name", "user_one"), 404, "DMS.00404022")
	e.fails(req("GET", pTags, "instance_id", id), 404, "DMS.00404022")
	var tags struct {
		Tags []any `json:"tags"`
	}
	e.ok(req("GET", "/v2/{project_id}/rocketmq/tags"), &tags)
	assert.Empty(t, tags.Tags)

	// The same name again starts empty.
	seed.Topics, seed.Groups, seed.Users, seed.Tags = nil, nil, nil, nil
	id2 := e.srv.MustAddInstance(seed)
	assert.NotEqual(t, id, id2)
	e.fails(req("GET", pTopic, "instance_id", id2, "topic", "topic-a"), 400, "DMS.00050004")
	var users struct {
		Total int `json:"total"`
	}
	e.ok(req("GET", pUsers, "instance_id", id2), &users)
	assert.Zero(t, users.Total)
}

func TestProjectsAreSeparate(t *testing.T) {
	other := rocketmqtest.Project{ID: "11112222333344445555666677778888", Name: "cn-east-3"}
	e := newEnv(t, rocketmqtest.WithProject(other))
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "in-other", ProjectID: other.ID})
	e.fails(req("GET", pInstance, "instance_id", id), 404, "DMS.00404022")

	c2, err := e.srv.Client(rocketmq.WithProjectID(other.ID))
	require.NoError(t, err)
	e2 := &env{t: t, srv: e.srv, c: c2}
	var in instanceResp
	e2.ok(req("GET", pInstance, "instance_id", id), &in)
	assert.Equal(t, "in-other", in.Name)
}

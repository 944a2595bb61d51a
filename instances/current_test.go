package instances_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

// Paths of the current service's operations; {engine} is the test
// client's engine, "reliability".
const (
	engineRootPath  = "/v2/reliability/" + testutil.ProjectID + "/instances"
	resizePath      = engineRootPath + "/" + testutil.InstanceID + "/extend"
	rocketmqPath    = "/v2/" + testutil.ProjectID + "/rocketmq/instances/" + testutil.InstanceID
	projectEngine   = "/v2/" + testutil.ProjectID + "/reliability/instances/" + testutil.InstanceID
	recycleBinPath  = "/v2/" + testutil.ProjectID + "/recycle"
	volumeExpandURL = instancePath + "/auto-volume-expand"
)

// billingCreate is create_billing.request.json in Go.
func billingCreate() *instances.CreateRequest {
	return &instances.CreateRequest{
		Name:                "orders-yearly",
		Description:         rocketmq.String("billed yearly"),
		Engine:              "reliability",
		EngineVersion:       "5.x",
		StorageSpace:        800,
		VPCID:               "vpc-1a2b",
		SubnetID:            "subnet-3c4d",
		SecurityGroupID:     "sg-5e6f",
		AvailableZones:      []string{"az-a", "az-b", "az-c"},
		ProductID:           "rocketmq.p2.large.8",
		EnterpriseProjectID: "ep-77",
		SSLEnable:           rocketmq.Bool(true),
		StorageSpecCode:     "dms.physical.storage.extreme",
		IPv6Enable:          rocketmq.Bool(true),
		EnablePublicIP:      rocketmq.Bool(true),
		PublicIPID:          rocketmq.String("eip-9,eip-10"),
		EnableACL:           rocketmq.Bool(false),
		BrokerNum:           2,
		ProxyEnable:         rocketmq.Bool(true),
		DiskEncryptedEnable: rocketmq.Bool(true),
		DiskEncryptedKey:    rocketmq.String("kms-key-42"),
		ArchType:            instances.ArchARM,
		TLSMode:             "SSL",
		IPv6BrokerAddress:   "2001:db8::10",
		IPv6NamesrvAddress:  "2001:db8::11",
		Billing: &instances.Billing{
			ChargingMode: instances.ChargingPrePaid,
			PeriodType:   instances.PeriodYear,
			PeriodNum:    2,
			IsAutoRenew:  rocketmq.Bool(true),
			IsAutoPay:    rocketmq.Bool(false),
		},
	}
}

// TestCurrentRoundTrip: the request fixtures of the current operations
// decode into their types (no unknown field) and encode back unchanged.
func TestCurrentRoundTrip(t *testing.T) {
	t.Parallel()
	testutil.RoundTrip(t, testutil.Fixture(t, "create_billing.request.json"), &instances.CreateRequest{})
	testutil.RoundTrip(t, testutil.Fixture(t, "batch_delete_force.request.json"), &instances.BatchDeleteRequest{})
	testutil.RoundTrip(t, testutil.Fixture(t, "resize.request.json"), &instances.ResizeRequest{})
	testutil.RoundTrip(t, testutil.Fixture(t, "update_ssl.request.json"), &instances.UpdateSSLRequest{})
	testutil.RoundTrip(t, testutil.Fixture(t, "volume_expansion.request.json"), &instances.VolumeExpansion{})
	testutil.RoundTrip(t, testutil.Fixture(t, "recycle_policy.request.json"), &instances.RecyclePolicy{})
}

// TestCreateWithBilling: Billing (or an IPv6 address) sends the create to
// the engine-scoped path with every current field.
func TestCreateWithBilling(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	ipv6Only := exampleCreate()
	ipv6Only.IPv6NamesrvAddress = "2001:db8::11"
	noBilling := billingCreate()
	noBilling.Billing, noBilling.IPv6BrokerAddress, noBilling.IPv6NamesrvAddress = nil, "", ""
	testutil.Expect(t, mt,
		testutil.Call{
			Method:   http.MethodPost,
			Path:     engineRootPath,
			Body:     testutil.Fixture(t, "create_billing.request.json"),
			Response: testutil.Fixture(t, "create_billing.response.json"),
		},
		testutil.Call{
			Method: http.MethodPost, Path: engineRootPath,
			Body: `{"name":"reliability-1751840557","description":"","engine":"reliability","engine_version":"4.8.0",
				"storage_space":600,"vpc_id":"3db8490c-4d6d-4d8f-8d3f-047b0de4c5cf","subnet_id":"0a0f1fcb-f019-458d-b9e5-301867394d50",
				"security_group_id":"23c5977f-ff33-4b95-a73e-08d8a0bc4e6c","available_zones":["9f1c5806706d4c1fb0eb72f0a9b18c77"],
				"product_id":"c6.4u8g.cluster","enterprise_project_id":"0","ssl_enable":false,"storage_spec_code":"dms.physical.storage.ultra.v2",
				"ipv6_enable":false,"enable_publicip":false,"publicip_id":"","broker_num":1,"ipv6_namesrv_address":"2001:db8::11"}`,
			Response: `{"instance_id":"inst-ipv6"}`,
		},
		// The current fields without Billing or IPv6 addresses stay on the
		// reference's path.
		testutil.Call{
			Method: http.MethodPost, Path: rootPath,
			Body: `{"name":"orders-yearly","description":"billed yearly","engine":"reliability","engine_version":"5.x",
				"storage_space":800,"vpc_id":"vpc-1a2b","subnet_id":"subnet-3c4d","security_group_id":"sg-5e6f",
				"available_zones":["az-a","az-b","az-c"],"product_id":"rocketmq.p2.large.8","enterprise_project_id":"ep-77",
				"ssl_enable":true,"storage_spec_code":"dms.physical.storage.extreme","ipv6_enable":true,"enable_publicip":true,
				"publicip_id":"eip-9,eip-10","enable_acl":false,"broker_num":2,"proxy_enable":true,"disk_encrypted_enable":true,
				"disk_encrypted_key":"kms-key-42","arch_type":"ARM","tls_mode":"SSL"}`,
			Response: `{"instance_id":"inst-ref-path"}`,
		},
	)
	ic := instances.New(c)
	got, err := ic.Create(ctx, billingCreate())
	require.NoError(t, err)
	assert.Equal(t, "inst-yearly-0001", got.InstanceID)
	got, err = ic.Create(ctx, ipv6Only)
	require.NoError(t, err)
	assert.Equal(t, "inst-ipv6", got.InstanceID)
	got, err = ic.Create(ctx, noBilling)
	require.NoError(t, err)
	assert.Equal(t, "inst-ref-path", got.InstanceID)
}

func TestBatchDeleteForce(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{
		Method:   http.MethodPost,
		Path:     rootPath + "/action",
		Body:     testutil.Fixture(t, "batch_delete_force.request.json"),
		Response: `{"results":[{"result":"success","instance":"inst-a"},{"result":"failed","instance":"inst-b"}]}`,
	})
	got, err := instances.New(c).BatchDelete(ctx, &instances.BatchDeleteRequest{
		Instances: []string{"inst-a", "inst-b"}, ForceDelete: rocketmq.Bool(true),
	})
	require.NoError(t, err)
	assert.Equal(t, []instances.BatchDeleteResult{{Result: "success", Instance: "inst-a"}, {Result: "failed", Instance: "inst-b"}}, got.Results)
}

// TestGetCurrentFields: every field the current service added to instance
// answers decodes.
func TestGetCurrentFields(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{Method: http.MethodGet, Path: instancePath, Response: testutil.Fixture(t, "get_current.response.json")})
	got, err := instances.New(c).Get(ctx, testutil.InstanceID)
	require.NoError(t, err)
	assert.Equal(t, instances.Instance{
		InstanceID:                  "inst-5x-0001",
		Status:                      instances.StatusExtending,
		GRPCAddress:                 "192.168.0.5:8081",
		GRPCDomainName:              "grpc.mq.example",
		PublicGRPCAddress:           "100.1.1.5:8081",
		PublicGRPCDomainName:        "pub-grpc.mq.example",
		NamesrvDomainName:           "ns.mq.example",
		PublicNamesrvDomainName:     "pub-ns.mq.example",
		DNSEnable:                   true,
		IPv6BrokerAddress:           "2001:db8::10",
		IPv6NamesrvAddress:          "2001:db8::11",
		AvailableZoneNames:          []string{"AZ One", "AZ Two"},
		EnterpriseProjectID:         "ep-77",
		TLSMode:                     "PERMISSIVE",
		ArchType:                    "X86",
		ProducePortion:              60,
		ConsumePortion:              40,
		DREnable:                    true,
		QuotaAddress:                "192.168.0.9:9000",
		MaxMsgProcessTPS:            4000,
		ConfigSSLNeedRestartProcess: true,
		EnableElasticTPS:            true,
		AutoVolumeExpandEnable:      true,
		DiskEncryptedKey:            "kms-key-42",
	}, *got)
}

func TestUpdateEnterpriseProject(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{Method: http.MethodPut, Path: instancePath, Body: `{"enterprise_project_id":"ep-88"}`, Status: http.StatusNoContent})
	require.NoError(t, instances.New(c).Update(ctx, testutil.InstanceID, &instances.UpdateRequest{EnterpriseProjectID: "ep-88"}))
}

func TestResize(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt,
		testutil.Call{
			Method:   http.MethodPost,
			Path:     resizePath,
			Body:     testutil.Fixture(t, "resize.request.json"),
			Response: testutil.Fixture(t, "resize.response.json"),
		},
		testutil.Call{
			Method:   http.MethodPost,
			Path:     resizePath,
			Body:     `{"oper_type":"storage","new_storage_space":900}`,
			Response: `{"job_id":"job-storage"}`,
		},
	)
	ic := instances.New(c)
	got, err := ic.Resize(ctx, testutil.InstanceID, &instances.ResizeRequest{
		OperType: instances.ResizeHorizontal, NewStorageSpace: 1200, NewProductID: "c6.8u16g.cluster",
		NewBrokerNum: 3, PublicIPID: "eip-1,eip-2,eip-3",
	})
	require.NoError(t, err)
	assert.Equal(t, "job-resize-0001", got.JobID)
	got, err = ic.Resize(ctx, testutil.InstanceID, &instances.ResizeRequest{OperType: instances.ResizeStorage, NewStorageSpace: 900})
	require.NoError(t, err)
	assert.Equal(t, "job-storage", got.JobID)
}

func TestListResizeProducts(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt,
		testutil.Call{
			Method:   http.MethodGet,
			Path:     resizePath,
			Query:    "limit=2&offset=1&type=advanced",
			Response: testutil.Fixture(t, "resize_products.response.json"),
		},
		// nil options send no query; a bare array is the product list.
		testutil.Call{Method: http.MethodGet, Path: resizePath, Response: `[{"product_id":"rocketmq.b2.large.8"}]`},
	)
	ic := instances.New(c)
	got, err := ic.ListResizeProducts(ctx, testutil.InstanceID, &instances.ListResizeProductsOptions{Type: "advanced", Limit: 2, Offset: 1})
	require.NoError(t, err)
	assert.Equal(t, &instances.ResizeProductsResponse{
		Total: 2, NextOffset: 3, PreviousOffset: 1, Engine: "reliability", Versions: []string{"4.8.0", "5.x"},
		Products: []instances.ResizeProduct{{
			Type: "cluster", ProductID: "c6.8u16g.cluster", ECSFlavorID: "c6.2xlarge.2", BillingCode: "dms.platinum.c6",
			ArchTypes: []string{"X86", "ARM"}, ChargingModes: []string{"monthly", "hourly"},
			IOs: []instances.ProductIO{{IOSpec: "dms.physical.storage.ultra.v2", AvailableZones: []string{"az-a"}, Type: "evs", UnavailableZones: []string{"az-z"}}},
			Properties: instances.ProductProperties{
				MaxBroker: "10", MaxTopicPerBroker: "8000", MaxConsumerPerBroker: "8001", MinBroker: "1",
				EngineVersions: "4.8.0", MaxStoragePerNode: "60000", MinStoragePerNode: "300", ProductAlias: "c6.8u16g",
				Feature: "feat-x", MaxTopic: "9000", BrokerNum: "4", Core: "16", MaxConsumer: "9001", RCU: "12",
				MaxStorage: "70000", MinStorage: "400", MaxTPSPerRCU: "500", ElasticTPS: "2500",
			},
			AvailableZones: []string{"az-a", "az-b"}, UnavailableZones: []string{"az-y"},
			SupportFeatures:      []instances.ProductFeature{{Name: "proxy", Properties: map[string]string{"max_proxy": "4"}}},
			QingtianIncompatible: true,
		}},
	}, got)
	got, err = ic.ListResizeProducts(ctx, testutil.InstanceID, nil)
	require.NoError(t, err)
	assert.Equal(t, []instances.ResizeProduct{{ProductID: "rocketmq.b2.large.8"}}, got.Products)
}

func TestCheckResize(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{Method: http.MethodGet, Path: rocketmqPath + "/extend-check", Response: testutil.Fixture(t, "resize_check.response.json")})
	got, err := instances.New(c).CheckResize(ctx, testutil.InstanceID)
	require.NoError(t, err)
	assert.Equal(t, &instances.ResizeCheck{Name: "disk_usage", Success: false, Reason: "disk usage above 80%", Risk: "high"}, got)
}

func TestListNodes(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt,
		testutil.Call{Method: http.MethodGet, Path: projectEngine + "/nodes", Query: "limit=5&offset=2", Response: testutil.Fixture(t, "nodes.response.json")},
		testutil.Call{Method: http.MethodGet, Path: projectEngine + "/nodes", Response: `{"nodes":[],"total":"0"}`},
	)
	ic := instances.New(c)
	got, err := ic.ListNodes(ctx, testutil.InstanceID, &instances.ListNodesOptions{Limit: 5, Offset: 2})
	require.NoError(t, err)
	assert.Equal(t, &instances.ListNodesResponse{
		Nodes: []instances.Node{{ID: "node-7", BrokerName: "broker-2", BrokerID: 1, Address: "192.168.0.7:10100", PublicAddress: "100.1.1.7:10100"}},
		Total: 1,
	}, got)
	got, err = ic.ListNodes(ctx, testutil.InstanceID, nil)
	require.NoError(t, err)
	assert.Empty(t, got.Nodes)
}

// TestListNodesIter: pages of 2 up to the total, the caller's options
// unchanged.
func TestListNodesIter(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	path := projectEngine + "/nodes"
	testutil.Expect(t, mt,
		testutil.Call{Method: http.MethodGet, Path: path, Query: "limit=2&offset=1", Response: `{"nodes":[{"id":"n1"},{"id":"n2"}],"total":4}`},
		testutil.Call{Method: http.MethodGet, Path: path, Query: "limit=2&offset=3", Response: `{"nodes":[{"id":"n3"}],"total":4}`},
		testutil.Call{Method: http.MethodGet, Path: path, Query: "limit=50", Response: `{"nodes":[{"id":"a"}],"total":1}`},
	)
	ic := instances.New(c)
	opts := &instances.ListNodesOptions{Limit: 2, Offset: 1}
	var ids []string
	for n, err := range ic.ListNodesIter(ctx, testutil.InstanceID, opts) {
		require.NoError(t, err)
		ids = append(ids, n.ID)
	}
	assert.Equal(t, []string{"n1", "n2", "n3"}, ids)
	assert.Equal(t, &instances.ListNodesOptions{Limit: 2, Offset: 1}, opts)
	ids = nil
	for n, err := range ic.ListNodesIter(ctx, testutil.InstanceID, nil) {
		require.NoError(t, err)
		ids = append(ids, n.ID)
	}
	assert.Equal(t, []string{"a"}, ids)
}

func TestGetMonitoringHierarchy(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{Method: http.MethodGet, Path: instancePath + "/ces-hierarchy", Response: testutil.Fixture(t, "ces_hierarchy.response.json")})
	got, err := instances.New(c).GetMonitoringHierarchy(ctx, testutil.InstanceID)
	require.NoError(t, err)
	assert.Equal(t, &instances.MonitoringHierarchy{
		Dimensions: []instances.Dimension{{
			Name: "reliability_instance_id", Metrics: []string{"current_topics", "current_queues"},
			KeyName: []string{"reliability_instance_id"}, DimRouter: []string{"reliability_instance_id"},
			Children: []instances.ChildDimension{{
				Name: "reliability_broker", Metrics: []string{"broker_produce_msg"}, KeyName: []string{"reliability_broker"},
				DimRouter: []string{"reliability_instance_id", "reliability_broker"},
			}},
		}},
		InstanceIDs: []instances.NamedItem{{Name: "inst-5x-0001"}},
		Nodes:       []instances.MonitoredNode{{Name: "broker-0-node-1", AvailableZone: "az-b"}},
		Topics:      []instances.NamedItem{{Name: "orders"}},
		DLQ:         []instances.NamedItem{{Name: "%DLQ%billing"}},
		Groups:      []instances.MonitoredGroup{{Name: "billing", Topics: []instances.NamedItem{{Name: "payments"}}}},
	}, got)
}

func TestConfigs(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt,
		testutil.Call{Method: http.MethodGet, Path: rocketmqPath + "/configs", Query: "limit=10&offset=20", Response: testutil.Fixture(t, "configs.response.json")},
		testutil.Call{Method: http.MethodPut, Path: rocketmqPath + "/configs", Body: testutil.Fixture(t, "update_configs.request.json"), Status: http.StatusNoContent},
	)
	ic := instances.New(c)
	got, err := ic.ListConfigs(ctx, testutil.InstanceID, &instances.ListConfigsOptions{Limit: 10, Offset: 20})
	require.NoError(t, err)
	assert.Equal(t, &instances.ListConfigsResponse{
		Total: 1, NextOffset: 5, PreviousOffset: 0,
		Configs: []instances.Config{{Name: "fileReservedTime", Value: "48", ConfigType: "dynamic", DefaultValue: "72", ValidValues: "1~720", ValueType: "integer"}},
	}, got)
	require.NoError(t, ic.UpdateConfigs(ctx, testutil.InstanceID, []instances.ConfigValue{
		{Name: instances.ConfigFileReservedTime, Value: "96"}, {Name: "maxMessageSize", Value: "4194304"},
	}))
}

func TestUpdateSSL(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{
		Method: http.MethodPost, Path: projectEngine + "/plain-ssl-switch",
		Body: testutil.Fixture(t, "update_ssl.request.json"), Response: testutil.Fixture(t, "update_ssl.response.json"),
	})
	got, err := instances.New(c).UpdateSSL(ctx, testutil.InstanceID, &instances.UpdateSSLRequest{TLSMode: "SSL"})
	require.NoError(t, err)
	assert.Equal(t, &instances.UpdateSSLResponse{JobID: "job-ssl-0002", TLSMode: "SSL"}, got)
}

func TestEnableDNS(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{Method: http.MethodPost, Path: rocketmqPath + "/dns", Status: http.StatusNoContent})
	require.NoError(t, instances.New(c).EnableDNS(ctx, testutil.InstanceID))
}

// TestVolumeExpansion: the settings decode; the update's answer may be a
// JSON string, plain text or an object, and none is an error.
func TestVolumeExpansion(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	body := testutil.Fixture(t, "volume_expansion.request.json")
	testutil.Expect(t, mt,
		testutil.Call{Method: http.MethodGet, Path: volumeExpandURL, Response: testutil.Fixture(t, "volume_expansion.response.json")},
		testutil.Call{Method: http.MethodPut, Path: volumeExpandURL, Body: body, Response: `"success"`},
		testutil.Call{Method: http.MethodPut, Path: volumeExpandURL, Body: body, Response: `success`, Header: http.Header{"Content-Type": {"text/plain"}}},
		testutil.Call{Method: http.MethodPut, Path: volumeExpandURL, Body: `{"auto_volume_expand_enable":false}`, Response: `{"body":"success"}`},
	)
	ic := instances.New(c)
	got, err := ic.GetVolumeExpansion(ctx, testutil.InstanceID)
	require.NoError(t, err)
	assert.Equal(t, &instances.VolumeExpansion{Enable: true, ExpandThreshold: 75, MaxVolumeSize: 3000, ExpandIncrement: 25}, got)
	req := &instances.VolumeExpansion{Enable: true, ExpandThreshold: 60, MaxVolumeSize: 2400, ExpandIncrement: 30}
	require.NoError(t, ic.UpdateVolumeExpansion(ctx, testutil.InstanceID, req))
	require.NoError(t, ic.UpdateVolumeExpansion(ctx, testutil.InstanceID, req))
	require.NoError(t, ic.UpdateVolumeExpansion(ctx, testutil.InstanceID, &instances.VolumeExpansion{}))
}

func wantRecycleBin() *instances.RecycleBin {
	return &instances.RecycleBin{
		RetentionDays: 5, DefaultUseRecycle: true,
		Instances: []instances.RecycledInstance{{
			InstanceID: "inst-recycled-1", Status: instances.StatusFrozen, Name: "old-orders", Engine: "reliability",
			InRecycleTime: 1700000000123, SaveTime: 4, AutoDeleteTime: 1700345600456, CostPerHour: 0.75,
			ErrorMessage: "none yet", ProductID: "c6.4u8g.cluster",
		}},
	}
}

func TestRecycleBin(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt,
		testutil.Call{Method: http.MethodGet, Path: recycleBinPath, Response: testutil.Fixture(t, "recycle.response.json")},
		testutil.Call{Method: http.MethodPost, Path: recycleBinPath, Body: testutil.Fixture(t, "restore.request.json"), Response: testutil.Fixture(t, "restore.response.json")},
		testutil.Call{Method: http.MethodPut, Path: recycleBinPath, Body: testutil.Fixture(t, "recycle_policy.request.json"), Response: testutil.Fixture(t, "recycle.response.json")},
		testutil.Call{Method: http.MethodPut, Path: recycleBinPath, Body: `{"retention_days":7}`, Response: `{"retention_days":"7","default_use_recycle":"true"}`},
	)
	ic := instances.New(c)
	got, err := ic.ListRecycleBin(ctx)
	require.NoError(t, err)
	assert.Equal(t, wantRecycleBin(), got)

	restored, err := ic.Restore(ctx, []string{"inst-recycled-1", "inst-recycled-2"})
	require.NoError(t, err)
	assert.Equal(t, []instances.RestoreResult{
		{InstanceID: "inst-recycled-1", JobID: "job-restore-3"},
		{InstanceID: "inst-recycled-2", ErrorMsg: "not in the recycle bin"},
	}, restored.Results)

	got, err = ic.UpdateRecyclePolicy(ctx, &instances.RecyclePolicy{RetentionDays: 3, DefaultUseRecycle: rocketmq.Bool(false)})
	require.NoError(t, err)
	assert.Equal(t, wantRecycleBin(), got)
	got, err = ic.UpdateRecyclePolicy(ctx, &instances.RecyclePolicy{RetentionDays: 7})
	require.NoError(t, err)
	assert.Equal(t, &instances.RecycleBin{RetentionDays: 7, DefaultUseRecycle: true}, got)
}

// TestCurrentPathEscaping: the instance ID is one escaped segment in the
// engine-scoped paths too.
func TestCurrentPathEscaping(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt,
		testutil.Call{Method: http.MethodGet, Path: engineRootPath + "/a%2Fb%25c/extend", Response: `{}`},
		testutil.Call{Method: http.MethodGet, Path: "/v2/" + testutil.ProjectID + "/reliability/instances/a%2Fb%25c/nodes", Response: `{}`},
	)
	ic := instances.New(c)
	_, err := ic.ListResizeProducts(ctx, "a/b%c", nil)
	require.NoError(t, err)
	_, err = ic.ListNodes(ctx, "a/b%c", nil)
	require.NoError(t, err)
}

// brokersJSON returns n brokers named broker-<from>… as JSON items.
func brokersJSON(from, n int) string {
	items := make([]string, n)
	for i := range items {
		items[i] = fmt.Sprintf(`{"ids":[0,1],"broker_name":"broker-%d"}`, from+i)
	}
	return strings.Join(items, ",")
}

// TestListBrokersPages: a total beyond the first page makes ListBrokers
// ask for the rest (offset, limit 10); an answer without a total, or with
// one below what came, is the whole list.
func TestListBrokersPages(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	path := instancePath + "/brokers"
	testutil.Expect(t, mt,
		testutil.Call{Method: http.MethodGet, Path: path, Response: `{"brokers":[` + brokersJSON(0, 10) + `],"total":12.0,"next_offset":10}`},
		testutil.Call{Method: http.MethodGet, Path: path, Query: "limit=10&offset=10", Response: `{"brokers":[` + brokersJSON(10, 2) + `],"total":12}`},
		testutil.Call{Method: http.MethodGet, Path: path, Response: `{"brokers":[` + brokersJSON(0, 10) + `]}`},
		testutil.Call{Method: http.MethodGet, Path: path, Response: `{"brokers":[` + brokersJSON(0, 10) + `],"total":"3"}`},
	)
	ic := instances.New(c)
	got, err := ic.ListBrokers(ctx, testutil.InstanceID)
	require.NoError(t, err)
	require.Len(t, got.Brokers, 12)
	assert.Equal(t, int64(12), got.Total)
	assert.Equal(t, "broker-11", got.Brokers[11].BrokerName)
	assert.Equal(t, []int64{0, 1}, got.Brokers[11].IDs)
	for range 2 {
		got, err = ic.ListBrokers(ctx, testutil.InstanceID)
		require.NoError(t, err)
		assert.Len(t, got.Brokers, 10)
		assert.Equal(t, int64(10), got.Total)
	}
}

// TestForbiddenNamesAction: a 403 names the IAM action of the operation.
func TestForbiddenNamesAction(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	forbidden := `{"error_code":"DMS.00403003","error_msg":"forbidden"}`
	testutil.Expect(t, mt,
		testutil.Call{Method: http.MethodPost, Path: resizePath, Body: `{"oper_type":"storage","new_storage_space":900}`, Status: http.StatusForbidden, Response: forbidden},
		testutil.Call{Method: http.MethodGet, Path: rootPath, Query: "engine=reliability", Status: http.StatusForbidden, Response: forbidden},
		testutil.Call{Method: http.MethodPost, Path: rootPath + "/action", Body: `{"action":"delete","instances":["a"]}`, Status: http.StatusForbidden, Response: forbidden},
		testutil.Call{Method: http.MethodGet, Path: recycleBinPath, Status: http.StatusForbidden, Response: forbidden},
	)
	ic := instances.New(c)
	var apiErr *rocketmq.APIError
	_, err := ic.Resize(ctx, testutil.InstanceID, &instances.ResizeRequest{OperType: instances.ResizeStorage, NewStorageSpace: 900})
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "dms:instance:modify", apiErr.Action)
	_, err = ic.List(ctx, nil)
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "dms:instance:list", apiErr.Action)
	_, err = ic.BatchDelete(ctx, &instances.BatchDeleteRequest{Instances: []string{"a"}})
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "dms:instance:delete", apiErr.Action)
	_, err = ic.ListRecycleBin(ctx)
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "dms:instance:list", apiErr.Action)
}

package instances_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

func TestCreateCurrentValidation(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		edit  func(r *instances.CreateRequest)
		field string
	}{
		{"arch_type", func(r *instances.CreateRequest) { r.ArchType = "x86" }, "arch_type"},
		{"charging_mode", func(r *instances.CreateRequest) { r.Billing.ChargingMode = "yearly" }, "bss_param.charging_mode"},
		{"period_type", func(r *instances.CreateRequest) { r.Billing.PeriodType = "week" }, "bss_param.period_type"},
		{"prePaid without period_type", func(r *instances.CreateRequest) { r.Billing.PeriodType = "" }, "bss_param.period_type"},
		{"prePaid without period_num", func(r *instances.CreateRequest) { r.Billing.PeriodNum = 0 }, "bss_param.period_num"},
		{"4 years", func(r *instances.CreateRequest) { r.Billing.PeriodNum = 4 }, "bss_param.period_num"},
		{"10 months", func(r *instances.CreateRequest) {
			r.Billing.PeriodType, r.Billing.PeriodNum = instances.PeriodMonth, 10
		}, "bss_param.period_num"},
		{"negative period_num", func(r *instances.CreateRequest) { r.Billing.PeriodNum = -1 }, "bss_param.period_num"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t)
			testutil.Expect(t, mt)
			req := billingCreate()
			tc.edit(req)
			_, err := instances.New(c).Create(ctx, req)
			requireField(t, err, tc.field)
		})
	}
}

// TestCreateStorageSpaceRule: the SDK checks only > 0; the flavour's range
// is the service's.
func TestCreateStorageSpaceRule(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{Method: "POST", Path: rootPath, Body: `{"name":"mq-1","engine":"reliability","engine_version":"4.8.0",
		"storage_space":1,"vpc_id":"v","subnet_id":"s","security_group_id":"g","available_zones":["a"],"product_id":"c6.4u8g.cluster",
		"storage_spec_code":"dms.physical.storage.high.v2","broker_num":1}`, Response: `{"instance_id":"x"}`})
	_, err := instances.New(c).Create(ctx, &instances.CreateRequest{
		Name: "mq-1", Engine: "reliability", EngineVersion: "4.8.0", StorageSpace: 1, VPCID: "v", SubnetID: "s",
		SecurityGroupID: "g", AvailableZones: []string{"a"}, ProductID: "c6.4u8g.cluster",
		StorageSpecCode: "dms.physical.storage.high.v2", BrokerNum: 1,
	})
	assert.NoError(t, err)
}

func TestResizeValidation(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		req   *instances.ResizeRequest
		field string
	}{
		{"nil", nil, "request"},
		{"no oper_type", &instances.ResizeRequest{NewStorageSpace: 900}, "oper_type"},
		{"bad oper_type", &instances.ResizeRequest{OperType: "Storage", NewStorageSpace: 900}, "oper_type"},
		{"storage without size", &instances.ResizeRequest{OperType: instances.ResizeStorage}, "new_storage_space"},
		{"storage negative", &instances.ResizeRequest{OperType: instances.ResizeStorage, NewStorageSpace: -100}, "new_storage_space"},
		{"horizontal without target", &instances.ResizeRequest{OperType: instances.ResizeHorizontal}, "new_broker_num"},
		{"horizontal negative brokers", &instances.ResizeRequest{OperType: instances.ResizeHorizontal, NewBrokerNum: -2}, "new_broker_num"},
		{"vertical without flavour", &instances.ResizeRequest{OperType: instances.ResizeVertical, NewBrokerNum: 2}, "new_product_id"},
		{"vertical blank flavour", &instances.ResizeRequest{OperType: instances.ResizeVertical, NewProductID: " "}, "new_product_id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t)
			testutil.Expect(t, mt)
			_, err := instances.New(c).Resize(ctx, testutil.InstanceID, tc.req)
			requireField(t, err, tc.field)
		})
	}
}

func TestCurrentListValidation(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt)
	ic := instances.New(c)
	for _, tc := range []struct {
		opts  rocketmq.PageOptions
		field string
	}{{rocketmq.PageOptions{Limit: 51}, "limit"}, {rocketmq.PageOptions{Limit: -1}, "limit"}, {rocketmq.PageOptions{Offset: -1}, "offset"}} {
		_, err := ic.ListNodes(ctx, testutil.InstanceID, &tc.opts)
		requireField(t, err, tc.field)
		n := 0
		for _, err := range ic.ListNodesIter(ctx, testutil.InstanceID, &tc.opts) {
			n++
			requireField(t, err, tc.field)
		}
		assert.Equal(t, 1, n, "the error is yielded once")
		_, err = ic.ListConfigs(ctx, testutil.InstanceID, &tc.opts)
		requireField(t, err, tc.field)
		_, err = ic.ListResizeProducts(ctx, testutil.InstanceID, &instances.ListResizeProductsOptions{Limit: tc.opts.Limit, Offset: tc.opts.Offset})
		requireField(t, err, tc.field)
	}
}

func TestUpdateConfigsValidation(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		configs []instances.ConfigValue
		field   string
	}{
		{"nil", nil, "rocketmq_configs"},
		{"empty", []instances.ConfigValue{}, "rocketmq_configs"},
		{"no name", []instances.ConfigValue{{Value: "3"}}, "rocketmq_configs[0].name"},
		{"no value", []instances.ConfigValue{{Name: "fileReservedTime", Value: "48"}, {Name: "x"}}, "rocketmq_configs[1].value"},
		{"retention zero", []instances.ConfigValue{{Name: instances.ConfigFileReservedTime, Value: "0"}}, "rocketmq_configs[0].value"},
		{"retention not a number", []instances.ConfigValue{{Name: instances.ConfigFileReservedTime, Value: "3d"}}, "rocketmq_configs[0].value"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t)
			testutil.Expect(t, mt)
			requireField(t, instances.New(c).UpdateConfigs(ctx, testutil.InstanceID, tc.configs), tc.field)
		})
	}
}

func TestVolumeExpansionValidation(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		req   *instances.VolumeExpansion
		field string
	}{
		{"nil", nil, "request"},
		{"threshold 19", &instances.VolumeExpansion{Enable: true, ExpandThreshold: 19}, "expand_threshold"},
		{"threshold 81", &instances.VolumeExpansion{Enable: true, ExpandThreshold: 81}, "expand_threshold"},
		{"increment 9", &instances.VolumeExpansion{Enable: true, ExpandIncrement: 9}, "expand_increment"},
		{"increment 101", &instances.VolumeExpansion{Enable: true, ExpandIncrement: 101}, "expand_increment"},
		{"max volume 250", &instances.VolumeExpansion{Enable: true, MaxVolumeSize: 250}, "max_volume_size"},
		{"max volume negative", &instances.VolumeExpansion{Enable: true, MaxVolumeSize: -100}, "max_volume_size"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t)
			testutil.Expect(t, mt)
			requireField(t, instances.New(c).UpdateVolumeExpansion(ctx, testutil.InstanceID, tc.req), tc.field)
		})
	}
	t.Run("bounds accepted", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		testutil.Expect(t, mt,
			testutil.Call{Method: "PUT", Path: volumeExpandURL, Body: `{"auto_volume_expand_enable":true,"expand_threshold":20,"max_volume_size":100,"expand_increment":10}`},
			testutil.Call{Method: "PUT", Path: volumeExpandURL, Body: `{"auto_volume_expand_enable":true,"expand_threshold":80,"expand_increment":100}`},
		)
		ic := instances.New(c)
		assert.NoError(t, ic.UpdateVolumeExpansion(ctx, testutil.InstanceID, &instances.VolumeExpansion{Enable: true, ExpandThreshold: 20, MaxVolumeSize: 100, ExpandIncrement: 10}))
		assert.NoError(t, ic.UpdateVolumeExpansion(ctx, testutil.InstanceID, &instances.VolumeExpansion{Enable: true, ExpandThreshold: 80, ExpandIncrement: 100}))
	})
}

func TestRecycleValidation(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt)
	ic := instances.New(c)
	_, err := ic.Restore(ctx, nil)
	requireField(t, err, "instances")
	_, err = ic.Restore(ctx, []string{"a", ""})
	requireField(t, err, "instances[1]")
	for _, tc := range []struct {
		p     *instances.RecyclePolicy
		field string
	}{
		{nil, "request"},
		{&instances.RecyclePolicy{}, "request"},
		{&instances.RecyclePolicy{RetentionDays: 8}, "retention_days"},
		{&instances.RecyclePolicy{RetentionDays: -1, DefaultUseRecycle: rocketmq.Bool(true)}, "retention_days"},
	} {
		_, err := ic.UpdateRecyclePolicy(ctx, tc.p)
		requireField(t, err, tc.field)
	}
}

func TestUpdateSSLValidation(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt)
	ic := instances.New(c)
	_, err := ic.UpdateSSL(ctx, testutil.InstanceID, nil)
	requireField(t, err, "request")
	_, err = ic.UpdateSSL(ctx, testutil.InstanceID, &instances.UpdateSSLRequest{TLSMode: " "})
	requireField(t, err, "tls_mode")
}

// TestCurrentEmptyIDs: every current operation refuses an empty instance
// ID, sending nothing.
func TestCurrentEmptyIDs(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt)
	ic := instances.New(c)
	for _, id := range []string{"", " "} {
		_, err := ic.Resize(ctx, id, &instances.ResizeRequest{OperType: instances.ResizeStorage, NewStorageSpace: 900})
		requireField(t, err, "instance_id")
		_, err = ic.ListResizeProducts(ctx, id, nil)
		requireField(t, err, "instance_id")
		_, err = ic.CheckResize(ctx, id)
		requireField(t, err, "instance_id")
		_, err = ic.ListNodes(ctx, id, nil)
		requireField(t, err, "instance_id")
		for _, err := range ic.ListNodesIter(ctx, id, nil) {
			requireField(t, err, "instance_id")
		}
		_, err = ic.GetMonitoringHierarchy(ctx, id)
		requireField(t, err, "instance_id")
		_, err = ic.ListConfigs(ctx, id, nil)
		requireField(t, err, "instance_id")
		requireField(t, ic.UpdateConfigs(ctx, id, []instances.ConfigValue{{Name: "a", Value: "b"}}), "instance_id")
		_, err = ic.UpdateSSL(ctx, id, &instances.UpdateSSLRequest{TLSMode: "SSL"})
		requireField(t, err, "instance_id")
		requireField(t, ic.EnableDNS(ctx, id), "instance_id")
		_, err = ic.GetVolumeExpansion(ctx, id)
		requireField(t, err, "instance_id")
		requireField(t, ic.UpdateVolumeExpansion(ctx, id, &instances.VolumeExpansion{}), "instance_id")
	}
}

// TestNilClient: a family client made with New(nil) refuses every call
// with a *rocketmq.ValidationError naming the client, never a panic.
func TestNilClient(t *testing.T) {
	t.Parallel()
	ic := instances.New(nil)
	_, err := ic.List(ctx, nil)
	requireField(t, err, "client")
	for _, err := range ic.ListIter(ctx, nil) {
		requireField(t, err, "client")
	}
	_, err = ic.Get(ctx, testutil.InstanceID)
	requireField(t, err, "client")
	_, err = ic.Create(ctx, billingCreate())
	requireField(t, err, "client")
	_, err = ic.ListRecycleBin(ctx)
	requireField(t, err, "client")
	_, err = ic.WaitForStatus(ctx, testutil.InstanceID, instances.StatusRunning, nil)
	requireField(t, err, "client")
}

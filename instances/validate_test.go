package instances_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

// requireField asserts err is a *rocketmq.ValidationError naming field.
func requireField(t *testing.T, err error, field string) {
	t.Helper()
	var ve *rocketmq.ValidationError
	require.True(t, errors.As(err, &ve), "want a ValidationError for %s, got %v", field, err)
	assert.Equal(t, field, ve.Field)
}

func TestCreateValidation(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		edit  func(r *instances.CreateRequest)
		field string
	}{
		{"name empty", func(r *instances.CreateRequest) { r.Name = "" }, "name"},
		{"name 3 chars", func(r *instances.CreateRequest) { r.Name = "abc" }, "name"},
		{"name 65 chars", func(r *instances.CreateRequest) { r.Name = "a" + strings.Repeat("b", 64) }, "name"},
		{"name digit first", func(r *instances.CreateRequest) { r.Name = "1abc" }, "name"},
		{"name underscore first", func(r *instances.CreateRequest) { r.Name = "_abc" }, "name"},
		{"name dot", func(r *instances.CreateRequest) { r.Name = "ab.cd" }, "name"},
		{"name space", func(r *instances.CreateRequest) { r.Name = "ab cd" }, "name"},
		{"name non-ASCII letter", func(r *instances.CreateRequest) { r.Name = "éabc" }, "name"},
		{"description 1025", func(r *instances.CreateRequest) { r.Description = rocketmq.String(strings.Repeat("d", 1025)) }, "description"},
		{"engine", func(r *instances.CreateRequest) { r.Engine = "" }, "engine"},
		{"engine_version", func(r *instances.CreateRequest) { r.EngineVersion = " " }, "engine_version"},
		{"storage_space 0", func(r *instances.CreateRequest) { r.StorageSpace = 0 }, "storage_space"},
		{"storage_space negative", func(r *instances.CreateRequest) { r.StorageSpace = -600 }, "storage_space"},
		{"vpc_id", func(r *instances.CreateRequest) { r.VPCID = "" }, "vpc_id"},
		{"subnet_id", func(r *instances.CreateRequest) { r.SubnetID = "" }, "subnet_id"},
		{"security_group_id", func(r *instances.CreateRequest) { r.SecurityGroupID = "" }, "security_group_id"},
		{"available_zones nil", func(r *instances.CreateRequest) { r.AvailableZones = nil }, "available_zones"},
		{"available_zones empty", func(r *instances.CreateRequest) { r.AvailableZones = []string{} }, "available_zones"},
		{"available_zones empty ID", func(r *instances.CreateRequest) { r.AvailableZones = []string{"a", "", "c"} }, "available_zones[1]"},
		{"available_zones two", func(r *instances.CreateRequest) { r.AvailableZones = []string{"a", "b"} }, "available_zones"},
		{"product_id", func(r *instances.CreateRequest) { r.ProductID = "" }, "product_id"},
		{"storage_spec_code", func(r *instances.CreateRequest) { r.StorageSpecCode = "" }, "storage_spec_code"},
		{"broker_num 0", func(r *instances.CreateRequest) { r.BrokerNum = 0 }, "broker_num"},
		{"publicip_id missing", func(r *instances.CreateRequest) { r.EnablePublicIP = rocketmq.Bool(true); r.PublicIPID = nil }, "publicip_id"},
		{"publicip_id empty", func(r *instances.CreateRequest) { r.EnablePublicIP = rocketmq.Bool(true) }, "publicip_id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t)
			testutil.Expect(t, mt) // nothing may be sent
			req := exampleCreate()
			tc.edit(req)
			_, err := instances.New(c).Create(ctx, req)
			requireField(t, err, tc.field)
		})
	}
	t.Run("nil", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		testutil.Expect(t, mt)
		_, err := instances.New(c).Create(ctx, nil)
		requireField(t, err, "request")
	})
}

func TestUpdateValidation(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		id    string
		req   *instances.UpdateRequest
		field string
	}{
		{"empty id", "", &instances.UpdateRequest{Name: "abcd"}, "instance_id"},
		{"nil request", testutil.InstanceID, nil, "request"},
		{"nothing to update", testutil.InstanceID, &instances.UpdateRequest{}, "request"},
		{"short name", testutil.InstanceID, &instances.UpdateRequest{Name: "ab"}, "name"},
		{"bad name", testutil.InstanceID, &instances.UpdateRequest{Name: "ab/cd"}, "name"},
		{"long description", testutil.InstanceID, &instances.UpdateRequest{Description: rocketmq.String(strings.Repeat("描", 1025))}, "description"},
		{"public IP without ID", testutil.InstanceID, &instances.UpdateRequest{EnablePublicIP: rocketmq.Bool(true)}, "publicip_id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t)
			testutil.Expect(t, mt)
			requireField(t, instances.New(c).Update(ctx, tc.id, tc.req), tc.field)
		})
	}
}

func TestBatchDeleteValidation(t *testing.T) {
	t.Parallel()
	fifty := make([]string, 50)
	for i := range fifty {
		fifty[i] = "id"
	}
	cases := []struct {
		name  string
		req   *instances.BatchDeleteRequest
		field string
	}{
		{"nil", nil, "request"},
		{"both empty", &instances.BatchDeleteRequest{Action: "delete"}, "instances"},
		{"empty slice", &instances.BatchDeleteRequest{Instances: []string{}}, "instances"},
		{"mixed", &instances.BatchDeleteRequest{Instances: []string{"a"}, AllFailure: "reliability"}, "all_failure"},
		{"51 IDs", &instances.BatchDeleteRequest{Instances: append(fifty, "one more")}, "instances"},
		{"empty ID", &instances.BatchDeleteRequest{Instances: []string{"a", " "}}, "instances[1]"},
		{"bad action", &instances.BatchDeleteRequest{Action: "restart", Instances: []string{"a"}}, "action"},
		{"upper-case action", &instances.BatchDeleteRequest{Action: "DELETE", Instances: []string{"a"}}, "action"},
		{"bad all_failure", &instances.BatchDeleteRequest{AllFailure: "kafka"}, "all_failure"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t)
			testutil.Expect(t, mt)
			_, err := instances.New(c).BatchDelete(ctx, tc.req)
			requireField(t, err, tc.field)
		})
	}
	t.Run("50 IDs accepted", func(t *testing.T) {
		t.Parallel()
		c, mt := testutil.NewClient(t)
		testutil.Expect(t, mt, testutil.Call{
			Method:   "POST",
			Path:     rootPath + "/action",
			Body:     `{"action":"delete","instances":["` + strings.Join(fifty, `","`) + `"]}`,
			Response: `{"results":[]}`,
		})
		_, err := instances.New(c).BatchDelete(ctx, &instances.BatchDeleteRequest{Instances: fifty})
		require.NoError(t, err)
	})
}

func TestListValidation(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		opts  *instances.ListOptions
		field string
	}{
		{"limit 51", &instances.ListOptions{Limit: 51}, "limit"},
		{"limit negative", &instances.ListOptions{Limit: -1}, "limit"},
		{"offset negative", &instances.ListOptions{Offset: -1}, "offset"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t)
			testutil.Expect(t, mt)
			_, err := instances.New(c).List(ctx, tc.opts)
			requireField(t, err, tc.field)
			n := 0
			for _, err := range instances.New(c).ListIter(ctx, tc.opts) {
				n++
				requireField(t, err, tc.field)
			}
			assert.Equal(t, 1, n, "the error is yielded once")
		})
	}
}

// TestEmptyIDs: every method with an instance ID refuses an empty one.
func TestEmptyIDs(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt)
	ic := instances.New(c)
	for _, id := range []string{"", "   "} {
		_, err := ic.Get(ctx, id)
		requireField(t, err, "instance_id")
		requireField(t, ic.Delete(ctx, id), "instance_id")
		_, err = ic.ListBrokers(ctx, id)
		requireField(t, err, "instance_id")
		_, err = ic.WaitForStatus(ctx, id, instances.StatusRunning, nil)
		requireField(t, err, "instance_id")
		requireField(t, ic.WaitForDeletion(ctx, id, nil), "instance_id")
	}
	_, err := ic.WaitForStatus(ctx, testutil.InstanceID, "", nil)
	requireField(t, err, "status")
	_, err = ic.WaitForStatus(ctx, testutil.InstanceID, instances.StatusRunning, &instances.WaitOptions{PollInterval: -1})
	requireField(t, err, "PollInterval")
	requireField(t, ic.WaitForDeletion(ctx, testutil.InstanceID, &instances.WaitOptions{PollInterval: -1}), "PollInterval")
}

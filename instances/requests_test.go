package instances_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/tags"
)

const (
	rootPath     = "/v2/" + testutil.ProjectID + "/instances"
	instancePath = rootPath + "/" + testutil.InstanceID
)

var ctx = context.Background()

// TestFixturesAreTheExamples checks that every joined fixture is the
// document's text with only the join of testdata/README.md applied.
func TestFixturesAreTheExamples(t *testing.T) {
	t.Parallel()
	lines := func(name string) []string {
		return strings.Split(strings.TrimSuffix(testutil.Fixture(t, name), "\n"), "\n")
	}
	join := func(parts ...[]string) string {
		var all []string
		for _, p := range parts {
			all = append(all, p...)
		}
		return strings.Join(all, "\n") + "\n"
	}
	fence := []string{"```", "", "```"}

	l := lines("list.response.verbatim.txt")
	require.Equal(t, fence, l[19:22])
	assert.Equal(t, join(l[:19], l[22:]), testutil.Fixture(t, "list.response.json"))

	g := lines("get.response.verbatim.txt")
	require.Equal(t, fence, g[34:37])
	require.Equal(t, "{", g[37])
	require.True(t, strings.HasSuffix(g[33], `\"192.168.1.159\"}`))
	assert.Equal(t, join(g[:33], []string{g[33] + `",`}, g[38:]), testutil.Fixture(t, "get.response.json"))

	b := lines("batch_delete.request.verbatim.txt")
	require.True(t, strings.HasSuffix(b[2], `"7166cdea-`))
	assert.Equal(t, join(b[:2], []string{b[2] + b[3]}, b[4:]), testutil.Fixture(t, "batch_delete.request.json"))
}

// TestRoundTrip: every request example decodes into its request type (no
// unknown field) and encodes back to the same JSON.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	testutil.RoundTrip(t, testutil.Fixture(t, "create.request.json"), &instances.CreateRequest{})
	testutil.RoundTrip(t, testutil.Fixture(t, "create_quickstart.request.json"), &instances.CreateRequest{})
	testutil.RoundTrip(t, testutil.Fixture(t, "update.request.json"), &instances.UpdateRequest{})
	testutil.RoundTrip(t, testutil.Fixture(t, "batch_delete.request.json"), &instances.BatchDeleteRequest{})
	testutil.RoundTrip(t, testutil.Fixture(t, "batch_delete_all_failure.request.json"), &instances.BatchDeleteRequest{})
}

// exampleCreate is 5.1.1's request example in Go.
func exampleCreate() *instances.CreateRequest {
	return &instances.CreateRequest{
		Name:                "reliability-1751840557",
		Description:         rocketmq.String(""),
		Engine:              "reliability",
		EngineVersion:       "4.8.0",
		StorageSpace:        600,
		VPCID:               "3db8490c-4d6d-4d8f-8d3f-047b0de4c5cf",
		SubnetID:            "0a0f1fcb-f019-458d-b9e5-301867394d50",
		SecurityGroupID:     "23c5977f-ff33-4b95-a73e-08d8a0bc4e6c",
		AvailableZones:      []string{"9f1c5806706d4c1fb0eb72f0a9b18c77"},
		ProductID:           "c6.4u8g.cluster",
		EnterpriseProjectID: "0",
		SSLEnable:           rocketmq.Bool(false),
		StorageSpecCode:     "dms.physical.storage.ultra.v2",
		IPv6Enable:          rocketmq.Bool(false),
		EnablePublicIP:      rocketmq.Bool(false),
		PublicIPID:          rocketmq.String(""),
		BrokerNum:           1,
	}
}

func TestCreateExample(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{
		Method:   http.MethodPost,
		Path:     rootPath,
		Body:     testutil.Fixture(t, "create.request.json"),
		Response: testutil.Fixture(t, "create.response.json"),
	})
	got, err := instances.New(c).Create(ctx, exampleCreate())
	require.NoError(t, err)
	// Not hexadecimal, as the reference has it: IDs are opaque.
	assert.Equal(t, "8959ab1c-7n1a-yyb1-a05t-93dfc361b32d", got.InstanceID)
}

// TestCreateMinimal: optional fields left unset are not sent.
func TestCreateMinimal(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{
		Method: http.MethodPost,
		Path:   rootPath,
		Body: `{"name":"mq-1","engine":"reliability","engine_version":"4.8.0","storage_space":300,
			"vpc_id":"v","subnet_id":"s","security_group_id":"g","available_zones":["a","b","c"],
			"product_id":"c6.4u8g.cluster","storage_spec_code":"dms.physical.storage.high.v2","broker_num":2,
			"enable_publicip":true,"publicip_id":"eip-1,eip-2"}`,
		Response: `{"instance_id":"new-id"}`,
	})
	got, err := instances.New(c).Create(ctx, &instances.CreateRequest{
		Name: "mq-1", Engine: "reliability", EngineVersion: "4.8.0", StorageSpace: 300,
		VPCID: "v", SubnetID: "s", SecurityGroupID: "g", AvailableZones: []string{"a", "b", "c"},
		ProductID: "c6.4u8g.cluster", StorageSpecCode: "dms.physical.storage.high.v2", BrokerNum: 2,
		EnablePublicIP: rocketmq.Bool(true), PublicIPID: rocketmq.String("eip-1,eip-2"),
	})
	require.NoError(t, err)
	assert.Equal(t, "new-id", got.InstanceID)
}

// fixtureString returns one string field of a fixture, read with the
// standard decoder (for the long opaque strings of the examples).
func fixtureString(t *testing.T, name string, path ...string) string {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal([]byte(testutil.Fixture(t, name)), &v))
	for _, p := range path {
		switch n := v.(type) {
		case map[string]any:
			v = n[p]
		case []any:
			v = n[0]
			v = v.(map[string]any)[p]
		}
	}
	s, ok := v.(string)
	require.True(t, ok, "%s %v is a string", name, path)
	return s
}

// TestListExample replays 5.1.2: nil options send the client's engine
// (the example's ?engine=reliability); every field of the example decodes,
// broker_address included.
func TestListExample(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{
		Method:   http.MethodGet,
		Path:     rootPath,
		Query:    "engine=reliability",
		Response: testutil.Fixture(t, "list.response.json"),
	})
	got, err := instances.New(c).List(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, int64(1), got.InstanceNum)
	require.Len(t, got.Instances, 1)
	want := instances.Instance{
		Name:                 "reliability-ztest",
		Engine:               "reliability",
		Status:               "RUNNING",
		Description:          "",
		Type:                 "cluster",
		Specification:        "c6.4u8g.cluster * 1 broker",
		EngineVersion:        "4.8.0",
		InstanceID:           "68fdc9a8-805e-439d-8dd9-25adc1c58bf6",
		ResourceSpecCode:     "",
		ChargingMode:         1,
		VPCID:                "3db8490c-4d6d-4d8f-8d3f-047b0de4c5cf",
		VPCName:              "vpc-1101840",
		CreatedAt:            "1636699753874",
		ProductID:            "c6.4u8g.cluster",
		SecurityGroupID:      "23c5977f-ff33-4b95-a73e-08d8a0bc4e6c",
		SecurityGroupName:    "Sys-default",
		SubnetID:             "0a0f1fcb-f019-458d-b9e5-301867394d50",
		AvailableZones:       []string{"9f1c5806706d4c1fb0eb72f0a9b18c77"},
		UserID:               "0b01fbb53600d4671fa8c00673c71260",
		UserName:             "",
		MaintainBegin:        "02:00:00",
		MaintainEnd:          "06:00:00",
		EnableLogCollection:  false,
		StorageSpace:         558,
		TotalStorageSpace:    600,
		UsedStorageSpace:     28,
		EnablePublicIP:       false,
		SSLEnable:            false,
		CrossVPCInfo:         fixtureString(t, "list.response.json", "instances", "cross_vpc_info"),
		StorageResourceID:    "164bdaef-2e67-4fd5-be8b-a18f91d455a2",
		StorageSpecCode:      "dms.physical.storage.ultra.v2",
		ServiceType:          "advanced",
		StorageType:          "hec",
		ExtendTimes:          0,
		IPv6Enable:           false,
		SupportFeatures:      fixtureString(t, "list.response.json", "instances", "support_features"),
		DiskEncrypted:        false,
		CESVersion:           "linux,v1,v2",
		NodeNum:              5,
		NewSpecBillingEnable: true,
		BrokerNum:            1,
		NamesrvAddress:       "****",
		BrokerAddresses:      "****",
		BrokerAddress:        "****", // the example's name
		PublicNamesrvAddress: "****",
		PublicBrokerAddress:  "****",
	}
	inst := got.Instances[0]
	assert.Equal(t, want, inst)
	assert.True(t, strings.HasPrefix(inst.CrossVPCInfo, `{"192.168.1.21":{"advertised_ip":"192.168.1.21"`))
	assert.Contains(t, inst.SupportFeatures, "feature.physerver.kafka.user.manager.enable.new.authinfo")

	created, ok := inst.CreatedTime()
	require.True(t, ok)
	assert.Equal(t, time.Date(2021, 11, 12, 6, 49, 13, 874e6, time.UTC), created)

	features := inst.Features()
	assert.Len(t, features, 17)
	assert.Equal(t, "kafka.crossvpc.domain.enable", features[0])
	assert.Equal(t, "kafka.config.static.modify.enable", features[16])

	// The malformed cross_vpc_info: every IP entry and its namesrv_port.
	vpc, err := inst.CrossVPC()
	require.NoError(t, err)
	assert.Equal(t, map[string]instances.CrossVPCEntry{
		"192.168.1.21":  {AdvertisedIP: "192.168.1.21", BrokerPort: "-", PortID: "fa020857-d899-497c-a5f8-8dd90ed67ff7", NamesrvPort: "8301"},
		"192.168.1.246": {AdvertisedIP: "192.168.1.246", BrokerPort: "10100", PortID: "c0f0586f-a4ee-41b5-a7f1-b4e554bbf12d", NamesrvPort: "-"},
		"192.168.1.77":  {AdvertisedIP: "192.168.1.77", BrokerPort: "10101", PortID: "8eb1d144-4315-402f-8498-37c9a10b630c", NamesrvPort: "-"},
		"192.168.1.159": {AdvertisedIP: "192.168.1.159", BrokerPort: "-", PortID: "d35b22af-a202-4329-bda4-26e1bdf2aa8e", NamesrvPort: "8300"},
		"192.168.1.14":  {AdvertisedIP: "192.168.1.14", BrokerPort: "10102", PortID: "5fcb50fd-3af5-4123-a455-a67f1b926026", NamesrvPort: "-"},
	}, vpc)
}

// TestGetExample replays 5.1.3 (its two blocks joined, see
// testdata/README.md).
func TestGetExample(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{
		Method:   http.MethodGet,
		Path:     instancePath,
		Response: testutil.Fixture(t, "get.response.json"),
	})
	got, err := instances.New(c).Get(ctx, testutil.InstanceID)
	require.NoError(t, err)
	want := instances.Instance{
		Name:                 "reliability-test",
		Engine:               "reliability",
		Status:               "RUNNING",
		Description:          "",
		Type:                 "cluster",
		Specification:        "c6.4u8g.cluster * 1 broker",
		EngineVersion:        "4.8.0",
		InstanceID:           "68fdc9a8-805e-439d-8dd9-25adc1c58bf6",
		ResourceSpecCode:     "",
		ChargingMode:         1,
		VPCID:                "3db8490c-4d6d-4d8f-8d3f-047b0de4c5cf",
		VPCName:              "vpc-1101840",
		CreatedAt:            "1636699753874",
		ProductID:            "c6.4u8g.cluster",
		SecurityGroupID:      "23c5977f-ff33-4b95-a73e-08d8a0bc4e6c",
		SecurityGroupName:    "Sys-default",
		SubnetID:             "0a0f1fcb-f019-458d-b9e5-301867394d50",
		SubnetName:           "subnet-boce",
		SubnetCIDR:           "192.168.1.0/24",
		AvailableZones:       []string{"9f1c5806706d4c1fb0eb72f0a9b18c77"},
		UserID:               "0b01fbb53600d4671fa8c00673c71260",
		UserName:             "",
		MaintainBegin:        "02:00:00",
		MaintainEnd:          "06:00:00",
		EnableLogCollection:  false,
		StorageSpace:         558,
		TotalStorageSpace:    600,
		UsedStorageSpace:     28,
		EnablePublicIP:       true,
		PublicIPID:           "7e6b7beb-ef13-4805-878d-285890b17a12,87827295-84e1-4118-9ab3-a90dd8c9dace,91306a18-5781-4529-b739-5aeec10ec4e6,a68e8f0e-a24f-4521-910e-39696a56fcdf,bb1cd147-a7af-46ca-9548-99fec4034ba2",
		PublicIPAddress:      "****",
		SSLEnable:            false,
		CrossVPCInfo:         fixtureString(t, "get.response.json", "cross_vpc_info"),
		StorageResourceID:    "164bdaef-2e67-4fd5-be8b-a18f91d455a2",
		StorageSpecCode:      "dms.physical.storage.ultra.v2",
		ServiceType:          "advanced",
		StorageType:          "hec",
		ExtendTimes:          0,
		IPv6Enable:           false,
		SupportFeatures:      fixtureString(t, "get.response.json", "support_features"),
		DiskEncrypted:        false,
		CESVersion:           "linux,v1,v2",
		NodeNum:              5,
		NewSpecBillingEnable: true,
		EnableACL:            false,
		BrokerNum:            1,
		NamesrvAddress:       "****",
		BrokerAddresses:      "****",
		BrokerAddress:        "****", // the example's name
		PublicNamesrvAddress: "****",
		PublicBrokerAddress:  "****",
	}
	assert.Equal(t, want, *got)
	// 5.1.3 spells two features with a comma where 5.1.2 has a dot; kept.
	assert.Contains(t, got.SupportFeatures, "feature.physerver.kafka.user.manager,enable.new.authinfo")
	assert.Len(t, got.Features(), 19)

	// The page break cut the string after the third entry; the parser
	// recovers all three and ignores the dangling "192.168.1.159".
	vpc, err := got.CrossVPC()
	require.NoError(t, err)
	assert.Equal(t, map[string]instances.CrossVPCEntry{
		"192.168.1.21":  {AdvertisedIP: "192.168.1.21", BrokerPort: "-", PortID: "fa020857-d899-497c-a5f8-8dd90ed67ff7", NamesrvPort: "8301"},
		"192.168.1.246": {AdvertisedIP: "192.168.1.246", BrokerPort: "10100", PortID: "c0f0586f-a4ee-41b5-a7f1-b4e554bbf12d", NamesrvPort: "-"},
		"192.168.1.77":  {AdvertisedIP: "192.168.1.77", BrokerPort: "10101", PortID: "8eb1d144-4315-402f-8498-37c9a10b630c", NamesrvPort: "-"},
	}, vpc)
}

// TestGetTableShapes: the tables' broker_addresses, tags, and values in
// the wrong JSON types decode; broker_addresses wins over broker_address.
func TestGetTableShapes(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt,
		testutil.Call{
			Method: http.MethodGet,
			Path:   instancePath,
			Response: `{"instance_id":"x","status":"CREATING","storage_space":"558","broker_num":"2","enable_acl":"true",
				"charging_mode":"1","extend_times":null,"broker_addresses":"10.0.0.1:10100,10.0.0.2:10100",
				"broker_address":"ignored","tags":{"key":"env","value":"prod"},"created_at":1636699753874,
				"available_zones":"az1","node_num":3.0,"used_storage_space":"28,",
				"cross_vpc_info":{"10.0.0.1":{"advertised_ip":"10.0.0.1","broker_port":10100,"namesrv_port":"8100"}},
				"unknown_field":{"a":[1,2]}}`,
		},
		testutil.Call{
			Method:   http.MethodGet,
			Path:     instancePath,
			Response: `{"instance_id":"y","broker_address":"only-example-name","tags":[{"key":"a","value":""},{"key":"b","value":"c"}]}`,
		},
	)
	ic := instances.New(c)
	got, err := ic.Get(ctx, testutil.InstanceID)
	require.NoError(t, err)
	assert.Equal(t, int64(558), got.StorageSpace)
	assert.Equal(t, 2, got.BrokerNum)
	assert.True(t, got.EnableACL)
	assert.Equal(t, 1, got.ChargingMode)
	assert.Equal(t, 3, got.NodeNum)
	assert.Equal(t, int64(28), got.UsedStorageSpace)
	assert.Equal(t, "10.0.0.1:10100,10.0.0.2:10100", got.BrokerAddresses)
	assert.Equal(t, []tags.Tag{{Key: "env", Value: "prod"}}, got.Tags)
	assert.Equal(t, "1636699753874", got.CreatedAt)
	assert.Equal(t, []string{"az1"}, got.AvailableZones)
	vpc, err := got.CrossVPC()
	require.NoError(t, err)
	assert.Equal(t, map[string]instances.CrossVPCEntry{
		"10.0.0.1": {AdvertisedIP: "10.0.0.1", BrokerPort: "10100", NamesrvPort: "8100"},
	}, vpc)

	got, err = ic.Get(ctx, testutil.InstanceID)
	require.NoError(t, err)
	assert.Equal(t, "only-example-name", got.BrokerAddresses)
	assert.Equal(t, []tags.Tag{{Key: "a", Value: ""}, {Key: "b", Value: "c"}}, got.Tags)
}

func TestDelete(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{Method: http.MethodDelete, Path: instancePath, Status: http.StatusNoContent})
	require.NoError(t, instances.New(c).Delete(ctx, testutil.InstanceID))
}

func TestUpdateExample(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt,
		testutil.Call{
			Method: http.MethodPut,
			Path:   instancePath,
			Body:   testutil.Fixture(t, "update.request.json"),
			Status: http.StatusNoContent,
		},
		// false and "" go out when set.
		testutil.Call{
			Method: http.MethodPut,
			Path:   instancePath,
			Body:   `{"description":"","enable_acl":false,"enable_publicip":false,"security_group_id":"sg-2"}`,
			Status: http.StatusNoContent,
		},
	)
	ic := instances.New(c)
	require.NoError(t, ic.Update(ctx, testutil.InstanceID, &instances.UpdateRequest{
		Name:        "rocketmq001",
		Description: rocketmq.String("RocketMQ description"),
	}))
	require.NoError(t, ic.Update(ctx, testutil.InstanceID, &instances.UpdateRequest{
		Description:     rocketmq.String(""),
		EnableACL:       rocketmq.Bool(false),
		EnablePublicIP:  rocketmq.Bool(false),
		SecurityGroupID: "sg-2",
	}))
}

func TestBatchDeleteExamples(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	actionPath := rootPath + "/action"
	testutil.Expect(t, mt,
		testutil.Call{
			Method:   http.MethodPost,
			Path:     actionPath,
			Body:     testutil.Fixture(t, "batch_delete.request.json"),
			Response: testutil.Fixture(t, "batch_delete.response.json"),
		},
		// The all_failure mode shares the section's one response example.
		testutil.Call{
			Method:   http.MethodPost,
			Path:     actionPath,
			Body:     testutil.Fixture(t, "batch_delete_all_failure.request.json"),
			Response: testutil.Fixture(t, "batch_delete.response.json"),
		},
	)
	ic := instances.New(c)
	byID := &instances.BatchDeleteRequest{
		Action:    "delete",
		Instances: []string{"54602a9d-5e22-4239-9123-77e350df4a34", "7166cdea-dbad-4d79-9610-7163e6f8b640"},
	}
	got, err := ic.BatchDelete(ctx, byID)
	require.NoError(t, err)
	want := []instances.BatchDeleteResult{{Result: "success", Instance: "019cacb7-4ff0-4d3c-9f33-f5f7b7fdc0e6"}}
	assert.Equal(t, want, got.Results)

	// An empty Action is sent as "delete"; the caller's request is not modified.
	allFailed := &instances.BatchDeleteRequest{AllFailure: instances.AllFailureReliability}
	got, err = ic.BatchDelete(ctx, allFailed)
	require.NoError(t, err)
	assert.Equal(t, want, got.Results)
	assert.Equal(t, &instances.BatchDeleteRequest{AllFailure: "reliability"}, allFailed)
}

func TestListBrokersExample(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt,
		testutil.Call{
			Method:   http.MethodGet,
			Path:     instancePath + "/brokers",
			Response: testutil.Fixture(t, "list_brokers.response.json"),
		},
		// One broker object instead of an array, IDs as strings.
		testutil.Call{
			Method:   http.MethodGet,
			Path:     instancePath + "/brokers",
			Response: `{"brokers":{"ids":["0","1"],"broker_name":"broker-1"}}`,
		},
	)
	ic := instances.New(c)
	got, err := ic.ListBrokers(ctx, testutil.InstanceID)
	require.NoError(t, err)
	assert.Equal(t, &instances.ListBrokersResponse{Brokers: []instances.Broker{{IDs: []int64{0, 1, 2}, BrokerName: "broker-0"}}, Total: 1}, got)

	got, err = ic.ListBrokers(ctx, testutil.InstanceID)
	require.NoError(t, err)
	assert.Equal(t, []instances.Broker{{IDs: []int64{0, 1}, BrokerName: "broker-1"}}, got.Brokers)
}

// TestListQuery: every option on the wire, sorted, spaces as %20;
// include_failure and exact_match_name only when true.
func TestListQuery(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t, rocketmq.WithEngine("custom"))
	testutil.Expect(t, mt,
		testutil.Call{
			Method: http.MethodGet,
			Path:   rootPath,
			Query: "engine=reliability&enterprise_project_id=0&exact_match_name=true&include_failure=true" +
				"&instance_id=CID%25order%7Cv2&limit=50&name=my%20mq&offset=10&status=RUNNING",
			Response: `{"instances":[],"instance_num":0}`,
		},
		testutil.Call{
			Method:   http.MethodGet,
			Path:     rootPath,
			Query:    "engine=custom&limit=1",
			Response: `{"instances":[],"instance_num":"0"}`,
		},
	)
	ic := instances.New(c)
	opts := &instances.ListOptions{
		Engine: "reliability", Name: "my mq", InstanceID: "CID%order|v2", Status: "RUNNING",
		EnterpriseProjectID: "0", IncludeFailure: true, ExactMatchName: true, Limit: 50, Offset: 10,
	}
	_, err := ic.List(ctx, opts)
	require.NoError(t, err)
	got, err := ic.List(ctx, &instances.ListOptions{Limit: 1})
	require.NoError(t, err)
	assert.Empty(t, got.Instances)
}

// TestPathEscaping: an instance ID with % and | is one escaped segment.
func TestPathEscaping(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	p := rootPath + "/CID%25order%7Cv2"
	testutil.Expect(t, mt,
		testutil.Call{Method: http.MethodGet, Path: p, Response: `{"instance_id":"CID%order|v2"}`},
		testutil.Call{Method: http.MethodPut, Path: p, Body: `{"name":"abcd"}`, Status: http.StatusNoContent},
		testutil.Call{Method: http.MethodDelete, Path: p, Status: http.StatusNoContent},
		testutil.Call{Method: http.MethodGet, Path: p + "/brokers", Response: `{"brokers":[]}`},
	)
	ic := instances.New(c)
	got, err := ic.Get(ctx, "CID%order|v2")
	require.NoError(t, err)
	assert.Equal(t, "CID%order|v2", got.InstanceID)
	require.NoError(t, ic.Update(ctx, "CID%order|v2", &instances.UpdateRequest{Name: "abcd"}))
	require.NoError(t, ic.Delete(ctx, "CID%order|v2"))
	_, err = ic.ListBrokers(ctx, "CID%order|v2")
	require.NoError(t, err)
}

func TestServerErrors(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt,
		testutil.Call{
			Method:   http.MethodGet,
			Path:     instancePath,
			Status:   http.StatusNotFound,
			Response: `{"error_code":"DMS.00404022","error_msg":"The instance does not exist."}`,
			Header:   http.Header{"X-Request-Id": {"req-404"}},
		},
		testutil.Call{
			Method:   http.MethodPost,
			Path:     rootPath,
			Body:     testutil.Fixture(t, "create.request.json"),
			Status:   http.StatusBadRequest,
			Response: `{"error_code":"DMS.00400002","error_msg":"Invalid parameter.","request_id":"req-in-body"}`,
			Header:   http.Header{"X-Request-Id": {""}},
		},
	)
	ic := instances.New(c)
	_, err := ic.Get(ctx, testutil.InstanceID)
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
	assert.Equal(t, "DMS.00404022", apiErr.Code)
	assert.Equal(t, "req-404", apiErr.RequestID)
	assert.True(t, rocketmq.IsNotFound(err))

	_, err = ic.Create(ctx, exampleCreate())
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.Equal(t, "DMS.00400002", apiErr.Code)
	assert.NotEmpty(t, apiErr.RequestID)
	assert.False(t, rocketmq.IsNotFound(err))
}

// TestOddBodies: an empty or null body is an empty instance, fields of
// the wrong shape are left empty, a body that is not JSON is a
// *json.SyntaxError (wrapped), and a list decodes one object as a page
// of one.
func TestOddBodies(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt,
		testutil.Call{Method: http.MethodGet, Path: instancePath, Response: ``},
		testutil.Call{Method: http.MethodGet, Path: instancePath, Response: `null`},
		testutil.Call{Method: http.MethodGet, Path: instancePath, Response: `{"instances": 7, "tags": "x"}`},
		testutil.Call{Method: http.MethodGet, Path: instancePath, Response: testutil.Fixture(t, "get.response.verbatim.txt")},
		testutil.Call{Method: http.MethodGet, Path: rootPath, Query: "engine=reliability", Response: `{"instances":{"instance_id":"one"},"instance_num":"1,"}`},
	)
	ic := instances.New(c)
	for range 2 {
		got, err := ic.Get(ctx, testutil.InstanceID)
		require.NoError(t, err)
		assert.Equal(t, &instances.Instance{}, got)
	}
	got, err := ic.Get(ctx, testutil.InstanceID)
	require.NoError(t, err)
	assert.Equal(t, &instances.Instance{Tags: []tags.Tag{{}}}, got, "a string where the tag list is: one empty tag")
	// The unjoined example is not JSON.
	got, err = ic.Get(ctx, testutil.InstanceID)
	assert.Nil(t, got)
	var syntaxErr *json.SyntaxError
	require.ErrorAs(t, err, &syntaxErr)

	list, err := ic.List(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, int64(1), list.InstanceNum)
	require.Len(t, list.Instances, 1)
	assert.Equal(t, "one", list.Instances[0].InstanceID)
}

func TestCreatedTime(t *testing.T) {
	t.Parallel()
	for in, ok := range map[string]bool{"": false, "abc": false, "0": false, "-5": false, " 1636699753874 ": true} {
		_, got := (&instances.Instance{CreatedAt: in}).CreatedTime()
		assert.Equal(t, ok, got, in)
	}
	var nilInst *instances.Instance
	_, ok := nilInst.CreatedTime()
	assert.False(t, ok)
	assert.Nil(t, nilInst.Features())
	m, err := nilInst.CrossVPC()
	require.NoError(t, err)
	assert.Empty(t, m)
}

func TestParseCrossVPC(t *testing.T) {
	t.Parallel()
	wellFormed := `{"10.0.0.1":{"advertised_ip":"1.2.3.4","broker_port":"10100","port_id":"p1","namesrv_port":"8100"},
		"10.0.0.2":{"advertised_ip":"10.0.0.2","broker_port":10101,"port_id":"p2","namesrv_port":"-","extra":{"x":1}}}`
	got, err := instances.ParseCrossVPC(wellFormed)
	require.NoError(t, err)
	assert.Equal(t, map[string]instances.CrossVPCEntry{
		"10.0.0.1": {AdvertisedIP: "1.2.3.4", BrokerPort: "10100", PortID: "p1", NamesrvPort: "8100"},
		"10.0.0.2": {AdvertisedIP: "10.0.0.2", BrokerPort: "10101", PortID: "p2", NamesrvPort: "-"},
	}, got)

	for _, empty := range []string{"", "  ", "{}", "null"} {
		got, err := instances.ParseCrossVPC(empty)
		require.NoError(t, err, empty)
		assert.Empty(t, got)
	}
	for _, bad := range []string{"garbage", `"just a string"`, `[1,2,3]`, `{"a":"b"}`, `{"10.0.0.1`, "{{{{", "}}}::,,"} {
		got, err := instances.ParseCrossVPC(bad)
		assert.Error(t, err, bad)
		assert.Empty(t, got)
	}
	// Truncated in the middle of an entry: what came before is kept.
	got, err = instances.ParseCrossVPC(`{"10.0.0.1":{"advertised_ip":"10.0.0.1"},"namesrv_port":"8301"},"10.0.0.2":{"advertised_ip":"10.0.0.2","port_id":"p\"2`)
	require.NoError(t, err)
	assert.Equal(t, map[string]instances.CrossVPCEntry{
		"10.0.0.1": {AdvertisedIP: "10.0.0.1", NamesrvPort: "8301"},
		"10.0.0.2": {AdvertisedIP: "10.0.0.2"},
	}, got)
	// Escapes inside strings are decoded.
	got, err = instances.ParseCrossVPC(`{"a\u0062":{"port_id":"x\/y"}}`)
	require.NoError(t, err)
	assert.Equal(t, map[string]instances.CrossVPCEntry{"ab": {PortID: "x/y"}}, got)
}

func TestIsFailureStatus(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"CREATEFAILED": true, "ERROR": true, "FAULTY": true, "Faulty": true, "Change failed": true,
		"CHANGEFAILED": true, "EXTENDEDFAILED": true, "DELETEFAILED": true, "create_failed": true,
		"RUNNING": false, "CREATING": false, "Restarting": false, "CHANGING": false, "DELETED": false, "": false,
	} {
		assert.Equal(t, want, instances.IsFailureStatus(s), s)
	}
}

func TestTerminalStatusError(t *testing.T) {
	t.Parallel()
	err := error(&instances.TerminalStatusError{InstanceID: "i", Status: "CREATEFAILED", Want: "RUNNING"})
	assert.Equal(t, "instances: instance i is CREATEFAILED while waiting for RUNNING", err.Error())
	var tse *instances.TerminalStatusError
	assert.True(t, errors.As(err, &tse))
}

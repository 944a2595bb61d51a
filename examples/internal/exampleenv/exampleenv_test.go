package exampleenv

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/azs"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/users"
)

func lookup(m map[string]string) Lookup {
	return func(k string) string { return m[k] }
}

func TestOpenEmulator(t *testing.T) {
	t.Parallel()
	if RealService() {
		t.Skip("credentials are set: Open would use the real service")
	}
	var out bytes.Buffer
	env, err := Open(&out, "demo", rocketmqtest.WithCreateDelay(0))
	require.NoError(t, err)
	defer env.Close()
	require.True(t, env.Emulated())
	assert.Equal(t, EmulatedPollInterval, env.PollInterval)
	assert.Equal(t, "Running against the in-process emulator at "+env.Server.URL()+
		"; set HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK and HUAWEICLOUD_SDK_REGION to use the real service (see `go doc ./examples/demo`).\n", out.String())

	// The client works and identifies the example.
	_, err = instances.New(env.Client).List(t.Context(), nil)
	require.NoError(t, err)
	reqs := env.Server.Requests()
	require.Len(t, reqs, 1)
	assert.Contains(t, reqs[0].Header.Get("User-Agent"), "rocketmq-go-examples/demo")
}

func TestInstanceSpecEmulated(t *testing.T) {
	t.Parallel()
	req, err := InstanceSpec(lookup(nil), true, "demo-1", "a demo")
	require.NoError(t, err)
	assert.Equal(t, &instances.CreateRequest{
		Name:            "demo-1",
		Description:     rocketmq.String("a demo"),
		Engine:          "reliability",
		EngineVersion:   "4.8.0",
		StorageSpace:    300,
		VPCID:           "vpc-emulated",
		SubnetID:        "subnet-emulated",
		SecurityGroupID: "sg-emulated",
		ProductID:       "c6.4u8g.cluster",
		StorageSpecCode: "dms.physical.storage.ultra.v2",
		BrokerNum:       1,
		EnableACL:       rocketmq.Bool(true),
	}, req)
}

func TestInstanceSpecReal(t *testing.T) {
	t.Parallel()
	env := map[string]string{
		EnvVPCID:           "vpc-1",
		EnvSubnetID:        "subnet-1",
		EnvSecurityGroupID: "sg-1",
		EnvProductID:       "c6.8u16g.cluster",
		EnvStorageSpecCode: "dms.physical.storage.high.v2",
	}
	req, err := InstanceSpec(lookup(env), false, "demo-2", "")
	require.NoError(t, err)
	assert.Equal(t, "vpc-1", req.VPCID)
	assert.Equal(t, "subnet-1", req.SubnetID)
	assert.Equal(t, "sg-1", req.SecurityGroupID)
	assert.Equal(t, "c6.8u16g.cluster", req.ProductID)
	assert.Equal(t, "dms.physical.storage.high.v2", req.StorageSpecCode)
	assert.Empty(t, req.AvailableZones)
	assert.Equal(t, "4.8.0", req.EngineVersion)
	assert.Equal(t, 1, req.BrokerNum)
	assert.Equal(t, int64(300), req.StorageSpace)

	env[EnvAvailableZone] = "az-9"
	env[EnvEngineVersion] = "5.x"
	env[EnvBrokerNum] = "2"
	req, err = InstanceSpec(lookup(env), false, "demo-2", "")
	require.NoError(t, err)
	assert.Equal(t, []string{"az-9"}, req.AvailableZones)
	assert.Equal(t, "5.x", req.EngineVersion)
	assert.Equal(t, 2, req.BrokerNum)
	assert.Equal(t, int64(600), req.StorageSpace, "300 GB per broker")

	env[EnvStorageSpace] = "900"
	req, err = InstanceSpec(lookup(env), false, "demo-2", "")
	require.NoError(t, err)
	assert.Equal(t, int64(900), req.StorageSpace)

	env[EnvBrokerNum] = "zero"
	_, err = InstanceSpec(lookup(env), false, "demo-2", "")
	assert.EqualError(t, err, `ROCKETMQ_BROKER_NUM must be a positive integer, not "zero"`)
	env[EnvBrokerNum] = "1"
	env[EnvStorageSpace] = "-5"
	_, err = InstanceSpec(lookup(env), false, "demo-2", "")
	assert.EqualError(t, err, `ROCKETMQ_STORAGE_SPACE must be a positive integer (GB), not "-5"`)
}

func TestInstanceSpecRealMissing(t *testing.T) {
	t.Parallel()
	_, err := InstanceSpec(lookup(map[string]string{EnvSubnetID: "s", EnvProductID: "p", EnvVPCID: "  "}), false, "x", "")
	assert.EqualError(t, err, "creating an instance on the real service needs ROCKETMQ_VPC_ID, ROCKETMQ_SECURITY_GROUP_ID, ROCKETMQ_STORAGE_SPEC_CODE set")
}

func TestRequire(t *testing.T) {
	t.Parallel()
	v, err := Require(lookup(map[string]string{EnvInstanceID: " abc "}), "x", EnvInstanceID)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{EnvInstanceID: "abc"}, v)
	_, err = Require(lookup(nil), "reporting", EnvInstanceID, EnvGroup)
	assert.EqualError(t, err, "reporting on the real service needs ROCKETMQ_INSTANCE_ID, ROCKETMQ_GROUP set")
}

func TestPickZone(t *testing.T) {
	t.Parallel()
	list := &azs.ListResponse{AvailableZones: []azs.AvailableZone{
		{ID: "a", Name: "AZ1", ResourceAvailability: "false"},
		{ID: "b", Name: "AZ2", ResourceAvailability: "true"},
		{ID: "c", Name: "AZ3", ResourceAvailability: "true", DefaultAZ: true},
		{ID: "d", Name: "AZ4", ResourceAvailability: "true", SoldOut: true},
	}}
	z, err := PickZone(list, "")
	require.NoError(t, err)
	assert.Equal(t, "c", z.ID, "the default zone")
	z, err = PickZone(list, "b")
	require.NoError(t, err)
	assert.Equal(t, "b", z.ID)
	_, err = PickZone(list, "d")
	assert.EqualError(t, err, "availability zone d (AZ4) has no resources left")
	_, err = PickZone(list, "zz")
	assert.EqualError(t, err, `availability zone "zz" is not one of the region's`)

	list.AvailableZones[2].SoldOut = true // the default is sold out: the first usable one
	z, err = PickZone(list, "")
	require.NoError(t, err)
	assert.Equal(t, "b", z.ID)

	_, err = PickZone(&azs.ListResponse{}, "")
	assert.EqualError(t, err, "no availability zone has resources left")
}

func TestSuffixAndSecretKey(t *testing.T) {
	t.Parallel()
	s1, s2 := Suffix(), Suffix()
	assert.Regexp(t, "^[0-9a-f]{6}$", s1)
	assert.NotEqual(t, s1, s2)

	// The secret keys pass the SDK's and the emulator's rules.
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "acl-demo", EnableACL: true})
	c, err := srv.Client()
	require.NoError(t, err)
	k1, k2 := NewSecretKey(), NewSecretKey()
	assert.NotEqual(t, k1, k2)
	assert.Len(t, k1, 21)
	for i, k := range []string{k1, k2} {
		_, err := users.New(c).Create(t.Context(), id, &users.User{AccessKey: "user-" + string(rune('a'+i)) + "xyz", SecretKey: k})
		require.NoError(t, err)
	}
}

func TestOutputHelpers(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	s := NewSteps(&out)
	s.Next("First")
	Printf(&out, "value %d", 1)
	tb := NewTable(&out, "NAME", "N")
	tb.Row("a", 1)
	tb.Row("longer", 22)
	require.NoError(t, tb.Flush())
	s.Next("Second")
	require.NoError(t, KV(&out, "Key", "v", "Longer key", 3))
	assert.Equal(t, strings.Join([]string{
		"",
		"1. First",
		"   value 1",
		"   NAME    N",
		"   a       1",
		"   longer  22",
		"",
		"2. Second",
		"   Key:        v",
		"   Longer key: 3",
		"",
	}, "\n"), out.String())

	assert.Equal(t, "-", Millis(0))
	assert.Equal(t, "-", OrDash(" "))
	assert.Equal(t, "x", OrDash("x"))
}

func TestCleanup(t *testing.T) {
	t.Parallel()
	var order []string
	var c Cleanup
	c.Add("topic a", func(context.Context) error { order = append(order, "a"); return nil })
	c.Add("group b", func(context.Context) error {
		order = append(order, "b")
		return &rocketmq.APIError{StatusCode: 404, Code: "DMS.00404022"}
	})
	c.Add("user c", func(context.Context) error { order = append(order, "c"); return errors.New("boom") })
	require.Equal(t, 3, c.Len())

	var out bytes.Buffer
	err := c.Run(context.Background(), &out)
	assert.EqualError(t, err, "delete user c: boom")
	assert.Equal(t, []string{"c", "b", "a"}, order)
	assert.Equal(t, "   Could not delete user c: boom\n   Deleted group b.\n   Deleted topic a.\n", out.String())
	assert.Equal(t, 0, c.Len())
}

func TestCleanupRunAfterError(t *testing.T) {
	t.Parallel()
	ran := 0
	var c Cleanup
	c.Add("x", func(ctx context.Context) error {
		ran++
		return ctx.Err() // runs with a live context even when the caller's ended
	})
	var out bytes.Buffer

	var ok error
	c.RunAfterError(context.Background(), &out, &ok)
	assert.Equal(t, 0, ran, "no error: nothing to clean up")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	failed := context.Canceled
	c.RunAfterError(ctx, &out, &failed)
	assert.Equal(t, 1, ran)
	assert.Equal(t, context.Canceled, failed)
	assert.Equal(t, "\nStopped early; cleaning up.\n   Deleted x.\n", out.String())
}

package azs_test

import (
	"context"
	"math"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/azs"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

// TestFixturesAreTheExample checks that list.response.json is the
// document's two blocks joined, nothing else changed (see testdata/README.md).
func TestFixturesAreTheExample(t *testing.T) {
	t.Parallel()
	lines := strings.Split(strings.TrimSuffix(testutil.Fixture(t, "list.response.verbatim.txt"), "\n"), "\n")
	require.Len(t, lines, 39)
	require.Equal(t, []string{"```", "", "```"}, lines[14:17], "the page break between the blocks")
	require.Equal(t, []string{"  }", "]"}, lines[12:14], "the first block's repeated ending")
	joined := strings.Join(append(append([]string{}, lines[:12]...), lines[17:]...), "\n") + "\n"
	assert.Equal(t, joined, testutil.Fixture(t, "list.response.json"))
}

// TestListExample replays 5.8.1: the client's engine goes out as ?engine=
// (the example's query), there is no project in the path, and remain_time
// beyond int64 decodes clamped.
func TestListExample(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{
		Method:   http.MethodGet,
		Path:     "/v2/available-zones",
		Query:    "engine=reliability",
		Response: testutil.Fixture(t, "list.response.json"),
	})
	got, err := azs.New(c).List(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "xxx", got.RegionID)
	require.Len(t, got.AvailableZones, 3)
	assert.Empty(t, got.AvailableZones[0].Mode, "the reference has no mode")
	assert.Equal(t, azs.AvailableZone{
		SoldOut:              false,
		ID:                   "8c90c2a4e2594c0782faa6b205afeca7",
		Code:                 "xxx",
		Name:                 "可用区1",
		Port:                 "8002",
		ResourceAvailability: "true",
		DefaultAZ:            false,
		RemainTime:           math.MaxInt64,
		IPv6Enable:           false,
	}, got.AvailableZones[0])
	assert.Equal(t, "d539378ec1314c85b76fefa3f7071458", got.AvailableZones[1].ID)
	assert.Equal(t, "可用区2", got.AvailableZones[1].Name)
	assert.Equal(t, "8003", got.AvailableZones[1].Port)
	assert.Equal(t, int64(math.MaxInt64), got.AvailableZones[1].RemainTime)
	z3 := got.AvailableZones[2]
	assert.Equal(t, "9f1c5806706d4c1fb0eb72f0a9b18c77", z3.ID)
	assert.Equal(t, "可用区3", z3.Name)
	assert.Equal(t, "443", z3.Port)
	assert.True(t, z3.DefaultAZ)
	assert.True(t, z3.HasResources())
	assert.Equal(t, int64(math.MaxInt64), z3.RemainTime)

	def, ok := got.Default()
	require.True(t, ok)
	assert.Equal(t, z3, def)
}

// TestListOddShapes: numbers and booleans as strings, a port as a number,
// an object where the array belongs, a small remain_time.
func TestListOddShapes(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t, rocketmq.WithEngine("other engine"))
	testutil.Expect(t, mt, testutil.Call{
		Method: http.MethodGet,
		Path:   "/v2/available-zones",
		Query:  "engine=other%20engine",
		Response: `{"region_id":"eu-west-0","available_zones":{"soldOut":"true","id":"z1","port":8002,
			"resource_availability":false,"default_az":"false","remain_time":"120","ipv6_enable":1}}`,
	})
	got, err := azs.New(c).List(context.Background())
	require.NoError(t, err)
	require.Len(t, got.AvailableZones, 1)
	z := got.AvailableZones[0]
	assert.True(t, z.SoldOut)
	assert.Equal(t, "8002", z.Port)
	assert.Equal(t, "false", z.ResourceAvailability)
	assert.False(t, z.HasResources())
	assert.Equal(t, int64(120), z.RemainTime)
	assert.True(t, z.IPv6Enable)
	_, ok := got.Default()
	assert.False(t, ok)
	var nilResp *azs.ListResponse
	_, ok = nilResp.Default()
	assert.False(t, ok)
}

// TestListCurrentFields: the current service's answer adds mode and
// scope to each zone; every field decodes.
func TestListCurrentFields(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{
		Method:   http.MethodGet,
		Path:     "/v2/available-zones",
		Query:    "engine=reliability",
		Response: testutil.Fixture(t, "list.current.response.json"),
		Header:   http.Header{"X-Request-Id": {"req-azs-current"}},
	})
	var resp rocketmq.Response
	got, err := azs.New(c).List(context.Background(), rocketmq.CaptureResponse(&resp))
	require.NoError(t, err)
	assert.Equal(t, &azs.ListResponse{
		RegionID: "cn-north-4",
		AvailableZones: []azs.AvailableZone{{
			SoldOut:              true,
			ID:                   "effdcbc7d4d64a02aa1fa26b42f56533",
			Code:                 "cn-north-4g",
			Name:                 "AZ7",
			Port:                 "8007",
			ResourceAvailability: "false",
			DefaultAZ:            false,
			RemainTime:           3600,
			IPv6Enable:           true,
			Mode:                 azs.ModeDedicated,
			Scope:                "edge-group-1",
		}, {
			SoldOut:              false,
			ID:                   "a1b2c3d4e5f60718293a4b5c6d7e8f90",
			Code:                 "cn-north-4a",
			Name:                 "AZ1",
			Port:                 "443",
			ResourceAvailability: "true",
			DefaultAZ:            true,
			RemainTime:           math.MaxInt64,
			IPv6Enable:           false,
			Mode:                 azs.ModeCenter,
			Scope:                "center",
		}},
	}, got)
	assert.Equal(t, "req-azs-current", resp.RequestID)
}

// TestNilClient: New(nil) refuses List with a ValidationError.
func TestNilClient(t *testing.T) {
	t.Parallel()
	_, err := azs.New(nil).List(context.Background())
	var ve *rocketmq.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "client", ve.Field)
}

// TestListAction: a 403 names the IAM action List needs.
func TestListAction(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{
		Method:   http.MethodGet,
		Path:     "/v2/available-zones",
		Query:    "engine=reliability",
		Status:   http.StatusForbidden,
		Response: `{"error_code":"DMS.00403001","error_msg":"Forbidden."}`,
	})
	_, err := azs.New(c).List(context.Background())
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "dms:instance:get", apiErr.Action)
}

func TestServerError(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, testutil.Call{
		Method:   http.MethodGet,
		Path:     "/v2/available-zones",
		Query:    "engine=reliability",
		Status:   http.StatusBadRequest,
		Response: `{"error_code":"DMS.00400002","error_msg":"Invalid parameter."}`,
		Header:   http.Header{"X-Request-Id": {"req-azs"}},
	})
	_, err := azs.New(c).List(context.Background())
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.Equal(t, "DMS.00400002", apiErr.Code)
	assert.Equal(t, "req-azs", apiErr.RequestID)
	assert.False(t, rocketmq.IsNotFound(err))
}

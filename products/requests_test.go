package products_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/products"
)

const listPath = "/v2/reliability/products"

// wantProduct is the flavour of testdata/list.response.json.
var wantProduct = products.Product{
	Type:          "cluster",
	ProductID:     "c6.8u16g.cluster",
	ECSFlavorID:   "c6.2xlarge.4",
	BillingCode:   "dms.platinum.c6",
	ArchTypes:     []string{"X86", "ARM"},
	ChargingModes: []string{"monthly", "hourly"},
	IOs: []products.IO{{
		AvailableZones:   []string{"cn-north-4a", "cn-north-4b"},
		UnavailableZones: []string{"cn-north-4g"},
		IOSpec:           "dms.physical.storage.ultra.v2",
		Type:             "evs",
	}},
	SupportFeatures: []string{"tls", "acl"},
	Properties: products.Properties{
		MaxTopic:             24000,
		BrokerNum:            3,
		Core:                 24,
		MaxConsumer:          23000,
		RCU:                  7,
		MaxStorage:           180000,
		MaxStoragePerNode:    60000,
		ProductAlias:         "rocketmq.8u16g.cluster",
		MaxTPSPerRCU:         11,
		MaxTPSPerBroker:      50000,
		StepLength:           2,
		EngineVersions:       "4.8.0",
		MinStorage:           900,
		MinStoragePerNode:    300,
		MaxBroker:            10,
		MaxTopicPerBroker:    8000,
		MaxConsumerPerBroker: 7600,
		MinBroker:            1,
	},
	QingtianIncompatible: true,
}

func TestList(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.FixtureCall(t, "list"))
	got, err := c.List(context.Background(), &products.ListOptions{
		Type: products.TypeAdvanced, ProductID: "c6.8u16g.cluster", Limit: 5, Offset: 10,
	})
	require.NoError(t, err)
	assert.Equal(t, &products.ListResponse{
		Total:          21,
		NextOffset:     15,
		PreviousOffset: 5,
		Engine:         "reliability",
		Versions:       []string{"4.8.0", "5.x"},
		Products:       []products.Product{wantProduct},
	}, got)
}

func TestListNilOptionsAndClientEngine(t *testing.T) {
	t.Parallel()
	rc, mt := testutil.NewClient(t, rocketmq.WithEngine("rocketmq"))
	testutil.Expect(t, mt, testutil.Call{Method: http.MethodGet, Path: "/v2/rocketmq/products",
		Response: `{"total":0,"products":[]}`})
	got, err := products.New(rc).List(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, &products.ListResponse{Products: []products.Product{}}, got)
}

// Properties that arrive as numbers (not the definitions' strings) and a
// fractional total are read too.
func TestListTolerantNumbers(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{Method: http.MethodGet, Path: listPath,
		Response: `{"total":"2","products":[{"product_id":"rocketmq.b1.large.1","properties":{"max_broker":1,"min_storage_per_node":"200","engine_versions":"5.x"},"qingtian_incompatible":"false"}]}`})
	got, err := c.List(context.Background(), &products.ListOptions{})
	require.NoError(t, err)
	assert.Equal(t, &products.ListResponse{Total: 2, Products: []products.Product{{
		ProductID:  "rocketmq.b1.large.1",
		Properties: products.Properties{MaxBroker: 1, MinStoragePerNode: 200, EngineVersions: "5.x"},
	}}}, got)
}

func TestCores(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.FixtureCall(t, "cores"))
	got, err := c.Cores(context.Background(), &products.CoresOptions{
		ProductID: "rocketmq.p2.large.12", BrokerNum: 4, InstanceID: testutil.InstanceID,
	})
	require.NoError(t, err)
	assert.Equal(t, &products.Cores{CoreNum: 48, TotalExtendStorageSpace: 1200}, got)
}

func TestCoresWithoutInstance(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{Method: http.MethodGet, Path: "/v2/rocketmq/products/cores",
		Query: "broker_num=1&product_id=c6.4u8g.cluster", Response: `{"core_num":"12"}`})
	got, err := c.Cores(context.Background(), &products.CoresOptions{ProductID: "c6.4u8g.cluster", BrokerNum: 1})
	require.NoError(t, err)
	assert.Equal(t, &products.Cores{CoreNum: 12}, got)
}

func TestQuotas(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.FixtureCall(t, "quotas"))
	got, err := c.Quotas(context.Background(), &products.QuotasOptions{IncludeTags: rocketmq.Bool(false), Engine: "reliability"})
	require.NoError(t, err)
	assert.Equal(t, &products.Quotas{Quotas: products.QuotaSet{Resources: []products.QuotaResource{
		{Type: products.QuotaRocketMQInstance, Quota: 100, Used: 7},
		{Type: products.QuotaTags, Quota: 20, Used: 0},
	}}}, got)

	r, ok := got.Resource(products.QuotaRocketMQInstance)
	assert.True(t, ok)
	assert.Equal(t, products.QuotaResource{Type: "rocketmqInstance", Quota: 100, Used: 7}, r)
	_, ok = got.Resource(products.QuotaKafkaInstance)
	assert.False(t, ok)
	_, ok = (*products.Quotas)(nil).Resource(products.QuotaTags)
	assert.False(t, ok)
}

func TestQuotasNilOptionsAndIncludeTrue(t *testing.T) {
	t.Parallel()
	p := "/v2/" + testutil.ProjectID + "/quotas"
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: p, Response: `{"quotas":{"resources":[]}}`},
		testutil.Call{Method: http.MethodGet, Path: p, Query: "includeTagsQuota=true", Response: `{}`},
	)
	got, err := c.Quotas(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, &products.Quotas{Quotas: products.QuotaSet{Resources: []products.QuotaResource{}}}, got)
	got, err = c.Quotas(context.Background(), &products.QuotasOptions{IncludeTags: rocketmq.Bool(true)})
	require.NoError(t, err)
	assert.Equal(t, &products.Quotas{}, got)
}

func TestFeatures(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.FixtureCall(t, "features"))
	got, err := c.Features(context.Background())
	require.NoError(t, err)
	assert.Equal(t, &products.FeaturesResponse{
		Features: []products.Feature{
			{FeatureID: "rocketmq_recycle_bin", Status: 1, Description: "Recycle bin of deleted instances"},
			{FeatureID: "rocketmq_5x_diagnosis", Status: 0, Description: "Diagnosis of 5.x instances"},
		},
		TotalRecord: 2,
	}, got)
	assert.True(t, got.Features[0].Enabled())
	assert.False(t, got.Features[1].Enabled())
}

func TestForbiddenNamesAction(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{Method: http.MethodGet, Path: "/v2/config/features", Status: http.StatusForbidden,
		Response: `{"error_code":"DMS.00403000","error_msg":"forbidden"}`})
	_, err := c.Features(context.Background())
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, err.Error(), "dms:instance:get")
}

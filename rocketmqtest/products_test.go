package rocketmqtest_test

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

type productsResp struct {
	Total          float64  `json:"total"`
	NextOffset     int      `json:"next_offset"`
	PreviousOffset int      `json:"previous_offset"`
	Engine         string   `json:"engine"`
	Versions       []string `json:"versions"`
	Products       []struct {
		Type         string   `json:"type"`
		ProductID    string   `json:"product_id"`
		ECSFlavorID  string   `json:"ecs_flavor_id"`
		BillingCode  string   `json:"billing_code"`
		ArchTypes    []string `json:"arch_types"`
		ChargingMode []string `json:"charging_mode"`
		Ios          []struct {
			AvailableZones   []string `json:"available_zones"`
			UnavailableZones []string `json:"unavailable_zones"`
			IOSpec           string   `json:"io_spec"`
			Type             string   `json:"type"`
		} `json:"ios"`
		SupportFeatures []string          `json:"support_features"`
		Properties      map[string]string `json:"properties"`
	} `json:"products"`
}

func TestListProductsIsTheCatalogue(t *testing.T) {
	e := newEnv(t)
	var all productsResp
	e.ok(withQuery(req("GET", "/v2/{engine}/products"), "limit", "50"), &all)
	cat := rocketmqtest.Catalogue()
	require.Len(t, all.Products, len(cat))
	assert.Equal(t, float64(len(cat)), all.Total)
	assert.Equal(t, "reliability", all.Engine)
	assert.Equal(t, []string{"4.8.0", "5.x"}, all.Versions)
	assert.Equal(t, -1, all.NextOffset)
	assert.Equal(t, -1, all.PreviousOffset)
	ids := map[string]bool{}
	for i, p := range all.Products {
		ids[p.ProductID] = true
		f := cat[i]
		assert.Equal(t, f.ProductID, p.ProductID)
		assert.Equal(t, f.Type, p.Type)
		assert.Equal(t, f.EngineVersion, p.Properties["engine_versions"])
		assert.Equal(t, strconv.Itoa(f.MinStoragePerNode), p.Properties["min_storage_per_node"])
		assert.Equal(t, strconv.Itoa(f.MaxStoragePerNode), p.Properties["max_storage_per_node"])
		assert.Equal(t, strconv.Itoa(f.MaxBrokers), p.Properties["max_broker"])
		assert.NotEmpty(t, p.ECSFlavorID)
		assert.NotEmpty(t, p.BillingCode)
		assert.NotEmpty(t, p.ArchTypes)
		assert.NotEmpty(t, p.ChargingMode)
		require.NotEmpty(t, p.Ios)
		assert.Equal(t, "evs", p.Ios[0].Type)
		assert.Len(t, p.Ios[0].AvailableZones, 3, "the zones with resources")
		assert.Len(t, p.Ios[0].UnavailableZones, 1, "the sold-out zone")
		assert.NotEmpty(t, p.SupportFeatures)
	}
	for _, id := range []string{"c6.4u8g.cluster", "c6.8u16g.cluster", "c6.12u24g.cluster", "c6.16u32g.cluster",
		"rocketmq.b1.large.1", "rocketmq.b2.large.4", "rocketmq.p2.large.8", "rocketmq.p2.large.300"} {
		assert.True(t, ids[id], id)
	}

	// Default page of 10, then the next one.
	var page productsResp
	e.ok(req("GET", "/v2/{engine}/products"), &page)
	assert.Len(t, page.Products, 10)
	assert.Equal(t, 10, page.NextOffset)
	e.ok(withQuery(req("GET", "/v2/{engine}/products"), "offset", "10", "limit", "5"), &page)
	assert.Len(t, page.Products, 5)
	assert.Equal(t, cat[10].ProductID, page.Products[0].ProductID)
	assert.Equal(t, 5, page.PreviousOffset)

	// Filters.
	e.ok(withQuery(req("GET", "/v2/{engine}/products"), "product_id", "c6.8u16g.cluster"), &page)
	require.Len(t, page.Products, 1)
	assert.Equal(t, "c6.8u16g.cluster", page.Products[0].ProductID)
	assert.Equal(t, float64(1), page.Total)
	e.ok(withQuery(req("GET", "/v2/{engine}/products"), "type", "cluster.basic"), &page)
	require.Len(t, page.Products, 3)
	for _, p := range page.Products {
		assert.Equal(t, "cluster.basic", p.Type)
	}
	e.ok(withQuery(req("GET", "/v2/{engine}/products"), "type", "advanced", "limit", "50"), &page)
	assert.Len(t, page.Products, len(cat))
	e.ok(withQuery(req("GET", "/v2/{engine}/products"), "type", "dec"), &page)
	assert.Empty(t, page.Products)
	e.noRetry().fails(withQuery(req("GET", "/v2/{engine}/products"), "limit", "0"), 400, "DMS.10240042")
}

func TestCreateChecksStoragePerFlavour(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithCreateDelay(0)).noRetry()
	for _, tc := range []struct {
		name    string
		product string
		version string
		brokers int
		storage int
		code    string // "" when accepted
	}{
		{"4u8g at its minimum", "c6.4u8g.cluster", "4.8.0", 2, 600, ""},
		{"4u8g under its minimum", "c6.4u8g.cluster", "4.8.0", 2, 599, "DMS.00400500"},
		{"4u8g at its maximum", "c6.4u8g.cluster", "4.8.0", 1, 30000, ""},
		{"4u8g over its maximum", "c6.4u8g.cluster", "4.8.0", 1, 30001, "DMS.00400500"},
		{"16u32g has a larger minimum", "c6.16u32g.cluster", "4.8.0", 1, 400, "DMS.00400500"},
		{"16u32g at its minimum", "c6.16u32g.cluster", "4.8.0", 1, 500, ""},
		{"small allows 2 brokers", "c6.4u8g.cluster.small", "4.8.0", 3, 900, "DMS.00400062"},
		{"unknown flavour", "c6.64u.cluster", "4.8.0", 1, 300, "DMS.00400009"},
		{"5.x flavour on 4.8.0", "rocketmq.b2.large.4", "4.8.0", 1, 300, "DMS.00400022"},
		{"4.8.0 flavour on 5.x", "c6.4u8g.cluster", "5.x", 1, 300, "DMS.00400022"},
		{"5.x basic", "rocketmq.b1.large.1", "5.x", 1, 100, ""},
		{"5.x professional, 2 brokers of 300 GB at least", "rocketmq.p2.large.12", "5.x", 1, 500, "DMS.00400500"},
		{"5.x professional", "rocketmq.p2.large.12", "5.x", 1, 600, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := createBody("flv-" + strconv.Itoa(len(tc.name)) + "-" + strconv.Itoa(tc.storage))
			b["product_id"], b["engine_version"], b["broker_num"], b["storage_space"] = tc.product, tc.version, tc.brokers, tc.storage
			if tc.code != "" {
				err := e.fails(withBody(req("POST", pInstances), b), 400, tc.code)
				if tc.code == "DMS.00400500" {
					assert.Contains(t, err.Message, tc.product, "the message names the flavour")
				}
				return
			}
			var created struct {
				InstanceID string `json:"instance_id"`
			}
			e.ok(withBody(req("POST", pInstances), b), &created)
			in := e.getInstance(created.InstanceID)
			assert.Equal(t, tc.product, in.ProductID)
			assert.Equal(t, tc.storage, in.TotalStorageSpace)
		})
	}
}

func TestCreateByEngineWithBilling(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithCreateDelay(0))
	b := createBody("billed-instance")
	b["bss_param"] = map[string]any{"charging_mode": "prePaid", "period_type": "month", "period_num": 3, "is_auto_renew": true, "is_auto_pay": true}
	b["tls_mode"] = "SSL"
	b["arch_type"] = "X86"
	b["ipv6_broker_address"] = "fd00::10"
	var created struct {
		InstanceID string `json:"instance_id"`
	}
	e.ok(withBody(req("POST", "/v2/{engine}/{project_id}/instances"), b), &created)
	var in map[string]any
	e.ok(req("GET", pInstance, "instance_id", created.InstanceID), &in)
	assert.Equal(t, "SSL", in["tls_mode"])
	assert.Equal(t, true, in["ssl_enable"])
	assert.Equal(t, float64(0), in["charging_mode"], "0 is yearly/monthly")
	assert.Equal(t, "fd00::10", in["ipv6_broker_address"])

	// A yearly/monthly instance cannot be resized through the API.
	nr := e.noRetry()
	nr.fails(withBody(req("POST", pExtend, "instance_id", created.InstanceID), map[string]any{"oper_type": "storage", "new_storage_space": 800}), 400, "DMS.00400062")

	for _, tc := range []struct {
		name string
		bss  map[string]any
		code string
	}{
		{"unknown charging mode", map[string]any{"charging_mode": "free"}, "DMS.00400062"},
		{"prePaid without period", map[string]any{"charging_mode": "prePaid"}, "DMS.00400062"},
		{"13 months", map[string]any{"charging_mode": "prePaid", "period_type": "month", "period_num": 13}, "DMS.00400062"},
		{"4 years", map[string]any{"charging_mode": "prePaid", "period_type": "year", "period_num": 4}, "DMS.00400062"},
		{"period not an integer", map[string]any{"charging_mode": "prePaid", "period_type": "year", "period_num": 1.5}, "DMS.00400038"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := createBody("billed-bad")
			b["bss_param"] = tc.bss
			nr.fails(withBody(req("POST", "/v2/{engine}/{project_id}/instances"), b), 400, tc.code)
		})
	}
	// postPaid goes through.
	b = createBody("hourly-instance")
	b["bss_param"] = map[string]any{"charging_mode": "postPaid"}
	e.ok(withBody(req("POST", "/v2/{engine}/{project_id}/instances"), b), &created)
	e.ok(req("GET", pInstance, "instance_id", created.InstanceID), &in)
	assert.Equal(t, float64(1), in["charging_mode"])
}

func TestQuotasCountTheProjectsInstances(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithInstanceQuota(3), rocketmqtest.WithCreateDelay(0), rocketmqtest.WithDeleteDelay(0))
	type quotas struct {
		Quotas struct {
			Resources []struct {
				Type  string `json:"type"`
				Quota int    `json:"quota"`
				Used  int    `json:"used"`
			} `json:"resources"`
		} `json:"quotas"`
	}
	rocketmqQuota := func(q quotas) (quota, used int) {
		for _, r := range q.Quotas.Resources {
			if r.Type == "rocketmqInstance" {
				return r.Quota, r.Used
			}
		}
		t.Fatalf("no rocketmqInstance quota in %+v", q)
		return 0, 0
	}
	var q quotas
	e.ok(req("GET", "/v2/{project_id}/quotas"), &q)
	quota, used := rocketmqQuota(q)
	assert.Equal(t, 3, quota)
	assert.Equal(t, 0, used)
	types := []string{}
	for _, r := range q.Quotas.Resources {
		types = append(types, r.Type)
	}
	assert.ElementsMatch(t, []string{"kafkaInstance", "rocketmqInstance", "tags"}, types)

	e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "quota-1"})
	var created struct {
		InstanceID string `json:"instance_id"`
	}
	e.ok(withBody(req("POST", pInstances), createBody("quota-2")), &created)
	e.ok(withQuery(req("GET", "/v2/{project_id}/quotas"), "onlyQuota", "reliability", "includeTagsQuota", "false"), &q)
	require.Len(t, q.Quotas.Resources, 1)
	_, used = rocketmqQuota(q)
	assert.Equal(t, 2, used)

	e.ok(withBody(req("POST", pInstances), createBody("quota-3")), nil)
	e.noRetry().fails(withBody(req("POST", pInstances), createBody("quota-4")), 400, "DMS.00400035")

	e.ok(req("DELETE", pInstance, "instance_id", created.InstanceID), nil)
	e.ok(req("GET", "/v2/{project_id}/quotas"), &q)
	_, used = rocketmqQuota(q)
	assert.Equal(t, 2, used)
	e.noRetry().fails(withQuery(req("GET", "/v2/{project_id}/quotas"), "includeTagsQuota", "yes"), 400, "DMS.00400062")
}

func TestProductCores(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "cores-inst", BrokerNum: 2, StorageSpace: 800})
	var cores struct {
		CoreNum                 *int `json:"core_num"`
		TotalExtendStorageSpace *int `json:"total_extend_storage_space"`
	}
	e.ok(withQuery(req("GET", "/v2/rocketmq/products/cores"), "product_id", "c6.8u16g.cluster", "broker_num", "3"), &cores)
	require.NotNil(t, cores.CoreNum)
	assert.Equal(t, 24, *cores.CoreNum)
	assert.Nil(t, cores.TotalExtendStorageSpace, "only with instance_id")

	e.ok(withQuery(req("GET", "/v2/rocketmq/products/cores"), "product_id", "c6.4u8g.cluster", "broker_num", "4", "instance_id", id), &cores)
	require.NotNil(t, cores.TotalExtendStorageSpace)
	assert.Equal(t, 1600, *cores.TotalExtendStorageSpace, "400 GB per broker for 4 brokers")
	e.ok(withQuery(req("GET", "/v2/rocketmq/products/cores"), "product_id", "c6.4u8g.cluster", "broker_num", "1", "instance_id", id), &cores)
	assert.Equal(t, 800, *cores.TotalExtendStorageSpace, "the current storage")

	nr := e.noRetry()
	nr.fails(withQuery(req("GET", "/v2/rocketmq/products/cores"), "broker_num", "1"), 400, "DMS.00400062")
	nr.fails(withQuery(req("GET", "/v2/rocketmq/products/cores"), "product_id", "c6.4u8g.cluster"), 400, "DMS.00400062")
	nr.fails(withQuery(req("GET", "/v2/rocketmq/products/cores"), "product_id", "c6.4u8g.cluster", "broker_num", "0"), 400, "DMS.00400062")
	nr.fails(withQuery(req("GET", "/v2/rocketmq/products/cores"), "product_id", "nope", "broker_num", "1"), 400, "DMS.00400009")
}

func TestListFeatures(t *testing.T) {
	e := newEnv(t)
	var f struct {
		Features []struct {
			FeatureID   string `json:"featureId"`
			Status      int    `json:"status"`
			Description string `json:"description"`
		} `json:"features"`
		TotalRecord int `json:"totalRecord"`
	}
	e.ok(req("GET", "/v2/config/features"), &f)
	require.NotEmpty(t, f.Features)
	assert.Equal(t, len(f.Features), f.TotalRecord)
	for _, x := range f.Features {
		assert.NotEmpty(t, x.FeatureID)
		assert.NotEmpty(t, x.Description)
		assert.Contains(t, []int{0, 1}, x.Status)
	}
}

func TestSeedDefaultsFollowTheCatalogue(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "seed-5x", EngineVersion: "5.x"})
	in := e.getInstance(id)
	assert.Equal(t, "rocketmq.b2.large.4", in.ProductID)
	assert.Equal(t, 300, in.TotalStorageSpace)
	id = e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "seed-p2", EngineVersion: "5.x", ProductID: "rocketmq.p2.large.40"})
	in = e.getInstance(id)
	assert.Equal(t, 4, in.BrokerNum)
	assert.Equal(t, 1200, in.TotalStorageSpace)
	id = e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "seed-16u", ProductID: "c6.16u32g.cluster", BrokerNum: 2})
	assert.Equal(t, 1000, e.getInstance(id).TotalStorageSpace)
	_, err := e.srv.AddInstance(rocketmqtest.InstanceSeed{Name: "seed-bad", ProductID: "c6.4u8g.cluster", StorageSpace: 40000})
	assert.ErrorContains(t, err, "DMS.00400500")
}

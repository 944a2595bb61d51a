package rocketmqtest_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

const (
	pConfigs = "/v2/{project_id}/rocketmq/instances/{instance_id}/configs"
	pVolume  = pInstance + "/auto-volume-expand"
)

type nodesResp struct {
	Total int `json:"total"`
	Nodes []struct {
		ID            string `json:"id"`
		BrokerName    string `json:"broker_name"`
		BrokerID      int    `json:"broker_id"`
		Address       string `json:"address"`
		PublicAddress string `json:"public_address"`
	} `json:"nodes"`
}

func TestListNodesOnBothEngineSpellings(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "nodes-inst", BrokerNum: 2, StorageSpace: 600, EnablePublicIP: true, PublicIPID: "eip-1"})
	for _, eng := range []string{"reliability", "rocketmq"} {
		t.Run(eng, func(t *testing.T) {
			var nr nodesResp
			e.ok(withQuery(req("GET", "/v2/{project_id}/{engine}/instances/{instance_id}/nodes", "instance_id", id, "engine", eng), "limit", "50"), &nr)
			assert.Equal(t, 6, nr.Total, "three nodes per broker")
			require.Len(t, nr.Nodes, 6)
			assert.Equal(t, "broker-0", nr.Nodes[0].BrokerName)
			assert.Equal(t, 0, nr.Nodes[0].BrokerID)
			assert.Equal(t, 2, nr.Nodes[2].BrokerID)
			assert.Equal(t, "broker-1", nr.Nodes[3].BrokerName)
			seen := map[string]bool{}
			for _, n := range nr.Nodes {
				assert.Len(t, n.ID, 36)
				assert.False(t, seen[n.ID], "node IDs are distinct")
				seen[n.ID] = true
				assert.Contains(t, n.Address, ":")
				assert.NotEmpty(t, n.PublicAddress)
			}
		})
	}
	var nr nodesResp
	e.ok(withQuery(req("GET", "/v2/{project_id}/{engine}/instances/{instance_id}/nodes", "instance_id", id), "limit", "4", "offset", "4"), &nr)
	assert.Equal(t, 6, nr.Total)
	assert.Len(t, nr.Nodes, 2)
}

func TestCESHierarchy(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name: "ces-inst", BrokerNum: 2, StorageSpace: 600,
		Topics: []rocketmqtest.TopicSeed{{Name: "orders"}, {Name: "payments"}},
		Groups: []rocketmqtest.GroupSeed{{Name: "billing", Topics: []string{"payments"}}},
	})
	var h struct {
		Dimensions []struct {
			Name      string   `json:"name"`
			Metrics   []string `json:"metrics"`
			KeyName   []string `json:"key_name"`
			DimRouter []string `json:"dim_router"`
			Children  []struct {
				Name string `json:"name"`
			} `json:"children"`
		} `json:"dimensions"`
		InstanceIDs []struct {
			Name string `json:"name"`
		} `json:"instance_ids"`
		Nodes []struct {
			Name          string `json:"name"`
			AvailableZone string `json:"available_zone"`
		} `json:"nodes"`
		Topics []struct {
			Name string `json:"name"`
		} `json:"topics"`
		DLQ []struct {
			Name string `json:"name"`
		} `json:"dlq"`
		Groups []struct {
			Name   string `json:"name"`
			Topics []struct {
				Name string `json:"name"`
			} `json:"topics"`
		} `json:"groups"`
	}
	e.ok(req("GET", pInstance+"/ces-hierarchy", "instance_id", id), &h)
	require.Len(t, h.Dimensions, 1)
	assert.Equal(t, "rocketmq_instance_id", h.Dimensions[0].Name)
	assert.NotEmpty(t, h.Dimensions[0].Metrics)
	assert.Len(t, h.Dimensions[0].Children, 3)
	require.Len(t, h.InstanceIDs, 1)
	assert.Equal(t, id, h.InstanceIDs[0].Name)
	require.Len(t, h.Nodes, 2)
	assert.Equal(t, "broker-0", h.Nodes[0].Name)
	assert.NotEmpty(t, h.Nodes[0].AvailableZone)
	require.Len(t, h.Topics, 2)
	assert.Equal(t, "orders", h.Topics[0].Name)
	require.Len(t, h.Groups, 1)
	assert.Equal(t, "billing", h.Groups[0].Name)
	require.Len(t, h.Groups[0].Topics, 1)
	assert.Equal(t, "payments", h.Groups[0].Topics[0].Name)
	require.Len(t, h.DLQ, 1)
	assert.Equal(t, "%DLQ%billing", h.DLQ[0].Name)
}

func TestConfigsListAndUpdate(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "configs-inst"})
	type configs struct {
		Total          float64 `json:"total"`
		NextOffset     int     `json:"next_offset"`
		PreviousOffset int     `json:"previous_offset"`
		Configs        []struct {
			Name         string `json:"name"`
			Value        string `json:"value"`
			ConfigType   string `json:"config_type"`
			DefaultValue string `json:"default_value"`
			ValidValues  string `json:"valid_values"`
			ValueType    string `json:"value_type"`
		} `json:"rocketmq_configs"`
	}
	var cf configs
	e.ok(req("GET", pConfigs, "instance_id", id), &cf)
	require.NotEmpty(t, cf.Configs)
	assert.Equal(t, float64(len(cf.Configs)), cf.Total)
	frt := cf.Configs[0]
	assert.Equal(t, "fileReservedTime", frt.Name)
	assert.Equal(t, "48", frt.Value)
	assert.Equal(t, "48", frt.DefaultValue)
	assert.Equal(t, "dynamic", frt.ConfigType)
	assert.Equal(t, "integer", frt.ValueType)
	assert.Equal(t, "1~168", frt.ValidValues)

	e.ok(withBody(req("PUT", pConfigs, "instance_id", id), map[string]any{"rocketmq_configs": []map[string]string{{"name": "fileReservedTime", "value": "72"}}}), nil)
	e.ok(withQuery(req("GET", pConfigs, "instance_id", id), "limit", "1"), &cf)
	require.Len(t, cf.Configs, 1)
	assert.Equal(t, "72", cf.Configs[0].Value)
	assert.Equal(t, "48", cf.Configs[0].DefaultValue)
	assert.Equal(t, 1, cf.NextOffset)

	nr := e.noRetry()
	for _, v := range []string{"0", "169", "two"} {
		nr.fails(withBody(req("PUT", pConfigs, "instance_id", id), map[string]any{"rocketmq_configs": []map[string]string{{"name": "fileReservedTime", "value": v}}}), 400, "DMS.00400063")
	}
	nr.fails(withBody(req("PUT", pConfigs, "instance_id", id), map[string]any{"rocketmq_configs": []map[string]string{{"name": "maxMessageSize", "value": "1"}}}), 400, "DMS.00400063")
	nr.fails(withBody(req("PUT", pConfigs, "instance_id", id), map[string]any{"rocketmq_configs": []map[string]string{}}), 400, "DMS.00400062")
	e.ok(req("GET", pConfigs, "instance_id", id), &cf)
	assert.Equal(t, "72", cf.Configs[0].Value, "refused updates change nothing")
}

func TestSSLSwitchAndDNSShowInGet(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithTaskDelay(0))
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "ssl-inst"})
	var in map[string]any
	e.ok(req("GET", pInstance, "instance_id", id), &in)
	assert.Equal(t, "PLAINTEXT", in["tls_mode"])
	assert.Equal(t, false, in["dns_enable"])
	assert.Nil(t, in["namesrv_domain_name"])

	for _, eng := range []string{"reliability", "rocketmq"} {
		mode := map[string]string{"reliability": "SSL", "rocketmq": "PERMISSIVE"}[eng]
		var sw struct {
			JobID   string `json:"job_id"`
			TLSMode string `json:"tls_mode"`
		}
		e.ok(withBody(req("POST", "/v2/{project_id}/{engine}/instances/{instance_id}/plain-ssl-switch", "instance_id", id, "engine", eng), map[string]any{"tls_mode": mode}), &sw)
		assert.Equal(t, mode, sw.TLSMode)
		require.Len(t, sw.JobID, 32)
		assert.Equal(t, rocketmqtest.TaskSuccess, e.waitTask(id, sw.JobID))
		e.ok(req("GET", pInstance, "instance_id", id), &in)
		assert.Equal(t, mode, in["tls_mode"])
		assert.Equal(t, true, in["ssl_enable"])
	}
	nr := e.noRetry()
	nr.fails(withBody(req("POST", "/v2/{project_id}/{engine}/instances/{instance_id}/plain-ssl-switch", "instance_id", id), map[string]any{"tls_mode": "TLS13"}), 400, "DMS.00400062")
	nr.fails(withBody(req("POST", "/v2/{project_id}/{engine}/instances/{instance_id}/plain-ssl-switch", "instance_id", id), map[string]any{}), 400, "DMS.00400062")

	e.ok(req("POST", "/v2/{project_id}/rocketmq/instances/{instance_id}/dns", "instance_id", id), nil)
	e.ok(req("GET", pInstance, "instance_id", id), &in)
	assert.Equal(t, true, in["dns_enable"])
	assert.True(t, strings.HasPrefix(in["namesrv_domain_name"].(string), id), in["namesrv_domain_name"])

	require.NoError(t, e.srv.SetInstanceStatus(id, rocketmqtest.StatusRestarting))
	nr.fails(req("POST", "/v2/{project_id}/rocketmq/instances/{instance_id}/dns", "instance_id", id), 400, "DMS.00400026")
	nr.fails(withBody(req("POST", "/v2/{project_id}/{engine}/instances/{instance_id}/plain-ssl-switch", "instance_id", id), map[string]any{"tls_mode": "SSL"}), 400, "DMS.00400026")
}

func TestVolumeExpansionGetAndUpdate(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "volume-inst", BrokerNum: 2, StorageSpace: 1000})
	type vol struct {
		Enable    bool `json:"auto_volume_expand_enable"`
		Threshold int  `json:"expand_threshold"`
		MaxSize   int  `json:"max_volume_size"`
		Increment int  `json:"expand_increment"`
	}
	var v vol
	e.ok(req("GET", pVolume, "instance_id", id), &v)
	assert.False(t, v.Enable)
	assert.Equal(t, 80, v.Threshold)
	assert.Equal(t, 20, v.Increment)

	var answer string
	e.ok(withBody(req("PUT", pVolume, "instance_id", id), map[string]any{"auto_volume_expand_enable": true, "expand_threshold": 70, "expand_increment": 30, "max_volume_size": 5000}), &answer)
	assert.Equal(t, "success", answer, "a bare string")
	e.ok(req("GET", pVolume, "instance_id", id), &v)
	assert.Equal(t, vol{Enable: true, Threshold: 70, MaxSize: 5000, Increment: 30}, v)
	var in map[string]any
	e.ok(req("GET", pInstance, "instance_id", id), &in)
	assert.Equal(t, true, in["auto_volume_expand_enable"])

	nr := e.noRetry()
	for _, tc := range []struct {
		name string
		body map[string]any
	}{
		{"enable missing", map[string]any{"expand_threshold": 50}},
		{"threshold under 20", map[string]any{"auto_volume_expand_enable": true, "expand_threshold": 19}},
		{"threshold over 80", map[string]any{"auto_volume_expand_enable": true, "expand_threshold": 81}},
		{"increment under 10", map[string]any{"auto_volume_expand_enable": true, "expand_increment": 9}},
		{"increment over 100", map[string]any{"auto_volume_expand_enable": true, "expand_increment": 101}},
		{"max not a multiple of 100", map[string]any{"auto_volume_expand_enable": true, "max_volume_size": 5050}},
		{"max not above the storage", map[string]any{"auto_volume_expand_enable": true, "max_volume_size": 1000}},
		{"max not below brokers × 30000", map[string]any{"auto_volume_expand_enable": true, "max_volume_size": 60000}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nr.fails(withBody(req("PUT", pVolume, "instance_id", id), tc.body), 400, "DMS.00400062")
		})
	}
	e.ok(withBody(req("PUT", pVolume, "instance_id", id), map[string]any{"auto_volume_expand_enable": false}), nil)
	e.ok(req("GET", pVolume, "instance_id", id), &v)
	assert.Equal(t, vol{Enable: false, Threshold: 70, MaxSize: 5000, Increment: 30}, v, "settings stay when switched off")
}

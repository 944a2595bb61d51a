package rocketmqtest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

const pRecycle = "/v2/{project_id}/recycle"

type recycleResp struct {
	RetentionDays    int  `json:"retention_days"`
	DefaultUseRecyle bool `json:"default_use_recycle"`
	RecycleInstances []struct {
		InstanceID     string  `json:"instance_id"`
		Status         string  `json:"status"`
		Name           string  `json:"name"`
		Engine         string  `json:"engine"`
		InRecycleTime  int64   `json:"in_recycle_time"`
		SaveTime       int     `json:"save_time"`
		AutoDeleteTime int64   `json:"auto_delete_time"`
		CostPerHour    float64 `json:"cost_per_hour"`
		ErrorMessage   string  `json:"error_message"`
		ProductID      string  `json:"product_id"`
	} `json:"recycle_instances"`
}

func TestRecycleBinDeleteAndRestore(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithDeleteDelay(30*time.Millisecond), rocketmqtest.WithTaskDelay(30*time.Millisecond))
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "recycled-inst", Topics: []rocketmqtest.TopicSeed{{Name: "kept-topic"}}})

	var rb recycleResp
	e.ok(req("GET", pRecycle), &rb)
	assert.False(t, rb.DefaultUseRecyle, "off by default")
	assert.Equal(t, 3, rb.RetentionDays)
	assert.Empty(t, rb.RecycleInstances)

	e.ok(withBody(req("PUT", pRecycle), map[string]any{"retention_days": 5, "default_use_recycle": true}), &rb)
	assert.True(t, rb.DefaultUseRecyle)
	assert.Equal(t, 5, rb.RetentionDays)

	e.ok(req("DELETE", pInstance, "instance_id", id), nil)
	// DELETING, then gone from List/Get (as WaitForDeletion expects).
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, err := e.do(req("GET", pInstance, "instance_id", id), nil)
		if err != nil {
			e.noRetry().fails(req("GET", pInstance, "instance_id", id), 404, "DMS.00404022")
			break
		}
		require.True(t, time.Now().Before(deadline), "instance still found")
		time.Sleep(5 * time.Millisecond)
	}
	var list struct {
		InstanceNum int `json:"instance_num"`
	}
	e.ok(req("GET", pInstances), &list)
	assert.Equal(t, 0, list.InstanceNum)

	e.ok(req("GET", pRecycle), &rb)
	require.Len(t, rb.RecycleInstances, 1)
	r := rb.RecycleInstances[0]
	assert.Equal(t, id, r.InstanceID)
	assert.Equal(t, "recycled-inst", r.Name)
	assert.Equal(t, rocketmqtest.StatusFrozen, r.Status)
	assert.Equal(t, "reliability", r.Engine)
	assert.Equal(t, "c6.4u8g.cluster", r.ProductID)
	assert.Equal(t, 5, r.SaveTime)
	assert.Equal(t, r.InRecycleTime+5*24*3600*1000, r.AutoDeleteTime)
	assert.InDelta(t, time.Now().UnixMilli(), r.InRecycleTime, 60_000)
	assert.Equal(t, []string{id}, e.srv.RecycledInstances(""))

	// Restore: one found, one not.
	var restored struct {
		Results []struct {
			InstanceID string `json:"instance_id"`
			JobID      string `json:"job_id"`
			ErrorMsg   string `json:"error_msg"`
		} `json:"results"`
	}
	other := "11111111-2222-4333-8444-555555555555"
	e.ok(withBody(req("POST", pRecycle), map[string]any{"instances": []string{id, other}}), &restored)
	require.Len(t, restored.Results, 2)
	assert.Equal(t, id, restored.Results[0].InstanceID)
	require.Len(t, restored.Results[0].JobID, 32)
	assert.Empty(t, restored.Results[0].ErrorMsg)
	assert.Equal(t, other, restored.Results[1].InstanceID)
	assert.Empty(t, restored.Results[1].JobID)
	assert.NotEmpty(t, restored.Results[1].ErrorMsg)

	assert.Equal(t, rocketmqtest.TaskSuccess, e.waitTask(id, restored.Results[0].JobID))
	in := e.getInstance(id)
	assert.Equal(t, rocketmqtest.StatusRunning, in.Status)
	assert.Equal(t, "recycled-inst", in.Name)
	e.ok(req("GET", pTopic, "instance_id", id, "topic", "kept-topic"), nil)
	e.ok(req("GET", pRecycle), &rb)
	assert.Empty(t, rb.RecycleInstances)

	e.noRetry().fails(withBody(req("POST", pRecycle), map[string]any{"instances": []string{}}), 400, "DMS.00400065")
}

func TestForceDeleteSkipsRecycleBin(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithDeleteDelay(0), rocketmqtest.WithRecyclePolicy(rocketmqtest.RecyclePolicy{Enabled: true, RetentionDays: 1}))
	a := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "force-a"})
	b := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "force-b"})
	e.ok(withBody(req("POST", pInstances+"/action"), map[string]any{"action": "delete", "instances": []string{a}, "force_delete": true}), nil)
	e.ok(withBody(req("POST", pInstances+"/action"), map[string]any{"action": "delete", "instances": []string{b}}), nil)
	assert.Equal(t, []string{b}, e.srv.RecycledInstances(""))
	var rb recycleResp
	e.ok(req("GET", pRecycle), &rb)
	assert.True(t, rb.DefaultUseRecyle)
	require.Len(t, rb.RecycleInstances, 1)
	assert.Equal(t, 1, rb.RecycleInstances[0].SaveTime)

	// Turning the policy off keeps what is in the bin.
	e.ok(withBody(req("PUT", pRecycle), map[string]any{"default_use_recycle": false}), &rb)
	assert.False(t, rb.DefaultUseRecyle)
	assert.Equal(t, 1, rb.RetentionDays)
	assert.Len(t, rb.RecycleInstances, 1)

	nr := e.noRetry()
	nr.fails(withBody(req("PUT", pRecycle), map[string]any{"retention_days": 8}), 400, "DMS.00400062")
	nr.fails(withBody(req("PUT", pRecycle), map[string]any{"retention_days": 0}), 400, "DMS.00400062")
	nr.fails(req("PUT", pRecycle), 400, "DMS.00400004")
}

func TestRecyclePolicyChecksRetention(t *testing.T) {
	_, err := rocketmqtest.Start(rocketmqtest.WithRecyclePolicy(rocketmqtest.RecyclePolicy{RetentionDays: 9}))
	assert.ErrorContains(t, err, "retention days")
	srv := rocketmqtest.NewServer()
	defer srv.Close()
	assert.Error(t, srv.SetRecyclePolicy("", rocketmqtest.RecyclePolicy{RetentionDays: 9}))
	assert.Error(t, srv.SetRecyclePolicy("nope", rocketmqtest.RecyclePolicy{}))
	assert.NoError(t, srv.SetRecyclePolicy("", rocketmqtest.RecyclePolicy{Enabled: true}))
}

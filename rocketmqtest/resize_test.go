package rocketmqtest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

const (
	pExtend      = "/v2/{engine}/{project_id}/instances/{instance_id}/extend"
	pExtendCheck = "/v2/{project_id}/rocketmq/instances/{instance_id}/extend-check"
	pTasks       = pInstance + "/tasks"
	pTask        = pTasks + "/{task_id}"
	pProgress    = pTask + "/progress"
)

type jobResp struct {
	JobID string `json:"job_id"`
}

type taskList struct {
	TaskCount string `json:"task_count"`
	Tasks     []struct {
		ID        string `json:"id"`
		Name      string `json:"name"`
		UserName  string `json:"user_name"`
		UserID    string `json:"user_id"`
		Params    string `json:"params"`
		Status    string `json:"status"`
		CreatedAt string `json:"created_at"`
		UpdatedAt string `json:"updated_at"`
	} `json:"tasks"`
}

type progressResp struct {
	ProgressPercentage int `json:"progress_percentage"`
	RemainTime         int `json:"remain_time"`
	StepList           []struct {
		Name      string `json:"name"`
		Statue    string `json:"statue"`
		StartTime string `json:"start_time"`
		EndTime   string `json:"end_time"`
	} `json:"step_list"`
}

// noRetry is an env whose client sends every request once.
func (e *env) noRetry() *env {
	c, err := e.srv.Client(rocketmq.WithRetry(rocketmq.RetryPolicy{MaxAttempts: 1}))
	require.NoError(e.t, err)
	return &env{t: e.t, srv: e.srv, c: c}
}

// waitTask polls the task until it is no longer EXECUTING and returns its
// final status.
func (e *env) waitTask(id, task string) string {
	e.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		var tl taskList
		e.ok(req("GET", pTask, "instance_id", id, "task_id", task), &tl)
		require.Len(e.t, tl.Tasks, 1)
		if st := tl.Tasks[0].Status; st != rocketmqtest.TaskExecuting {
			return st
		}
		require.True(e.t, time.Now().Before(deadline), "task %s still EXECUTING", task)
		time.Sleep(5 * time.Millisecond)
	}
}

func (e *env) getInstance(id string) instanceResp {
	e.t.Helper()
	var in instanceResp
	e.ok(req("GET", pInstance, "instance_id", id), &in)
	return in
}

func TestResizeStorageRunsAsTaskAndChangesInstance(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithTaskDelay(150*time.Millisecond))
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "resize-storage", BrokerNum: 2, StorageSpace: 600})

	var chk struct {
		Name    string `json:"name"`
		Success bool   `json:"success"`
		Reason  string `json:"reason"`
		Risk    string `json:"risk"`
	}
	e.ok(req("GET", pExtendCheck, "instance_id", id), &chk)
	assert.True(t, chk.Success, "a RUNNING instance passes the pre-check")
	assert.Equal(t, "low", chk.Risk)

	var job jobResp
	e.ok(withBody(req("POST", pExtend, "instance_id", id), map[string]any{"oper_type": "storage", "new_storage_space": 800}), &job)
	require.Len(t, job.JobID, 32)

	in := e.getInstance(id)
	assert.Equal(t, rocketmqtest.StatusExtending, in.Status)
	assert.Equal(t, 600, in.TotalStorageSpace, "unchanged while the task runs")
	e.ok(req("GET", pExtendCheck, "instance_id", id), &chk)
	assert.False(t, chk.Success, "an EXTENDING instance fails the pre-check")
	assert.Contains(t, chk.Reason, "EXTENDING")
	// A second resize while one runs.
	e.noRetry().fails(withBody(req("POST", pExtend, "instance_id", id), map[string]any{"oper_type": "storage", "new_storage_space": 1000}), 400, "DMS.00400108")

	var pr progressResp
	e.ok(req("GET", pProgress, "instance_id", id, "task_id", job.JobID), &pr)
	require.NotEmpty(t, pr.StepList)
	assert.Less(t, pr.ProgressPercentage, 100)
	assert.Equal(t, "IN_PROGRESS", pr.StepList[0].Statue)
	assert.Equal(t, "WAITING", pr.StepList[len(pr.StepList)-1].Statue)

	assert.Equal(t, rocketmqtest.TaskSuccess, e.waitTask(id, job.JobID))
	in = e.getInstance(id)
	assert.Equal(t, rocketmqtest.StatusRunning, in.Status)
	assert.Equal(t, 800, in.TotalStorageSpace)
	assert.Equal(t, 2, in.BrokerNum)

	e.ok(req("GET", pProgress, "instance_id", id, "task_id", job.JobID), &pr)
	assert.Equal(t, 100, pr.ProgressPercentage)
	assert.Equal(t, 0, pr.RemainTime)
	for _, st := range pr.StepList {
		assert.Equal(t, "COMPLETED", st.Statue, st.Name)
		assert.NotEmpty(t, st.StartTime)
		assert.NotEmpty(t, st.EndTime)
	}

	var tl taskList
	e.ok(req("GET", pTasks, "instance_id", id), &tl)
	assert.Equal(t, "1", tl.TaskCount)
	require.Len(t, tl.Tasks, 1)
	assert.Equal(t, job.JobID, tl.Tasks[0].ID)
	assert.Equal(t, "extendInstance", tl.Tasks[0].Name)
	assert.JSONEq(t, `{"oper_type":"storage","new_storage_space":800,"new_broker_num":2,"new_product_id":"c6.4u8g.cluster"}`, tl.Tasks[0].Params)
	assert.NotEmpty(t, tl.Tasks[0].CreatedAt)
	assert.NotEmpty(t, tl.Tasks[0].UpdatedAt)
}

func TestResizeHorizontal480AddsBrokers(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithTaskDelay(0))
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "resize-horizontal", BrokerNum: 1, StorageSpace: 500})
	var job jobResp
	e.ok(withBody(req("POST", pExtend, "instance_id", id), map[string]any{"oper_type": "horizontal", "new_broker_num": 3}), &job)
	assert.Equal(t, rocketmqtest.TaskSuccess, e.waitTask(id, job.JobID))
	in := e.getInstance(id)
	assert.Equal(t, 3, in.BrokerNum)
	assert.Equal(t, 1500, in.TotalStorageSpace, "each broker keeps its storage")
	assert.Equal(t, "c6.4u8g.cluster * 3 broker", in.Specification)
}

func TestResizeVertical480ChangesFlavour(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithTaskDelay(0))
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "resize-vertical", BrokerNum: 1, StorageSpace: 600})

	var offered struct {
		Total    int      `json:"total"`
		Engine   string   `json:"engine"`
		Versions []string `json:"versions"`
		Products []struct {
			ProductID  string `json:"product_id"`
			Type       string `json:"type"`
			Properties struct {
				EngineVersions    string `json:"engine_versions"`
				MinStoragePerNode string `json:"min_storage_per_node"`
			} `json:"properties"`
			SupportFeatures []struct {
				Name       string            `json:"name"`
				Properties map[string]string `json:"properties"`
			} `json:"support_features"`
		} `json:"products"`
	}
	e.ok(req("GET", pExtend, "instance_id", id), &offered)
	assert.Equal(t, "reliability", offered.Engine)
	assert.Equal(t, []string{"4.8.0"}, offered.Versions)
	var ids []string
	for _, p := range offered.Products {
		ids = append(ids, p.ProductID)
		assert.Equal(t, "cluster", p.Type)
		assert.Equal(t, "4.8.0", p.Properties.EngineVersions)
		assert.NotEmpty(t, p.SupportFeatures)
	}
	assert.Equal(t, []string{"c6.8u16g.cluster", "c6.12u24g.cluster", "c6.16u32g.cluster"}, ids)
	assert.Equal(t, 3, offered.Total)

	var job jobResp
	e.ok(withBody(req("POST", pExtend, "instance_id", id), map[string]any{"oper_type": "vertical", "new_product_id": "c6.12u24g.cluster"}), &job)
	assert.Equal(t, rocketmqtest.TaskSuccess, e.waitTask(id, job.JobID))
	in := e.getInstance(id)
	assert.Equal(t, "c6.12u24g.cluster", in.ProductID)
	assert.Equal(t, 600, in.TotalStorageSpace)
}

func TestResize5xHorizontalChangesFlavour(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithTaskDelay(0))
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "resize-5x", EngineVersion: "5.x", ProductID: "rocketmq.b2.large.4", StorageSpace: 400})
	in := e.getInstance(id)
	assert.Equal(t, 1, in.BrokerNum)

	var offered struct {
		Products []struct {
			ProductID string `json:"product_id"`
		} `json:"products"`
	}
	e.ok(withQuery(req("GET", pExtend, "instance_id", id), "type", "advanced"), &offered)
	require.Len(t, offered.Products, 2)
	assert.Equal(t, "rocketmq.b2.large.8", offered.Products[0].ProductID)
	assert.Equal(t, "rocketmq.b2.large.12", offered.Products[1].ProductID)

	nr := e.noRetry()
	// A flavour of another family is not offered.
	nr.fails(withBody(req("POST", pExtend, "instance_id", id), map[string]any{"oper_type": "horizontal", "new_product_id": "rocketmq.p2.large.20"}), 400, "DMS.00400009")
	// Vertical is 4.8.0 only.
	nr.fails(withBody(req("POST", pExtend, "instance_id", id), map[string]any{"oper_type": "vertical", "new_product_id": "rocketmq.b2.large.8"}), 400, "DMS.00400062")

	var job jobResp
	e.ok(withBody(req("POST", pExtend, "instance_id", id), map[string]any{"oper_type": "horizontal", "new_product_id": "rocketmq.b2.large.12"}), &job)
	assert.Equal(t, rocketmqtest.TaskSuccess, e.waitTask(id, job.JobID))
	in = e.getInstance(id)
	assert.Equal(t, "rocketmq.b2.large.12", in.ProductID)
	assert.Equal(t, 3, in.BrokerNum, "the broker count follows the flavour")
	assert.Equal(t, 1200, in.TotalStorageSpace, "each broker keeps its storage")
}

func TestResizeValidation(t *testing.T) {
	e := newEnv(t).noRetry()
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "resize-checks", BrokerNum: 2, StorageSpace: 600})
	for _, tc := range []struct {
		name string
		body map[string]any
		code string
	}{
		{"no oper_type", map[string]any{"new_storage_space": 800}, "DMS.00400062"},
		{"unknown oper_type", map[string]any{"oper_type": "diagonal"}, "DMS.00400062"},
		{"storage without size", map[string]any{"oper_type": "storage"}, "DMS.00400500"},
		{"storage under 100 GB per broker", map[string]any{"oper_type": "storage", "new_storage_space": 700}, "DMS.00400500"},
		{"storage over the flavour's maximum", map[string]any{"oper_type": "storage", "new_storage_space": 60100}, "DMS.00400500"},
		{"horizontal without broker count", map[string]any{"oper_type": "horizontal"}, "DMS.00400062"},
		{"horizontal not adding brokers", map[string]any{"oper_type": "horizontal", "new_broker_num": 2}, "DMS.00400062"},
		{"horizontal over the flavour's maximum", map[string]any{"oper_type": "horizontal", "new_broker_num": 11}, "DMS.00400062"},
		{"vertical without flavour", map[string]any{"oper_type": "vertical"}, "DMS.00400062"},
		{"vertical to an unknown flavour", map[string]any{"oper_type": "vertical", "new_product_id": "c6.99u.cluster"}, "DMS.00400009"},
		{"vertical to a smaller flavour", map[string]any{"oper_type": "vertical", "new_product_id": "c6.4u8g.cluster.small"}, "DMS.00400009"},
		{"vertical to a 5.x flavour", map[string]any{"oper_type": "vertical", "new_product_id": "rocketmq.b2.large.8"}, "DMS.00400009"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e.fails(withBody(req("POST", pExtend, "instance_id", id), tc.body), 400, tc.code)
		})
	}
	e.fails(req("POST", pExtend, "instance_id", id), 400, "DMS.00400004")
	e.fails(withBody(req("POST", pExtend, "instance_id", "4c1f0c5f-0000-4000-8000-000000000000"), map[string]any{"oper_type": "storage", "new_storage_space": 800}), 404, "DMS.00404022")

	pub := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "resize-public", EnablePublicIP: true, PublicIPID: "eip-1"})
	e.fails(withBody(req("POST", pExtend, "instance_id", pub), map[string]any{"oper_type": "horizontal", "new_broker_num": 2}), 400, "DMS.00400128")
	e.ok(withBody(req("POST", pExtend, "instance_id", pub), map[string]any{"oper_type": "horizontal", "new_broker_num": 2, "publicip_id": "eip-1,eip-2"}), nil)

	require.NoError(t, e.srv.SetInstanceStatus(id, rocketmqtest.StatusRestarting))
	e.fails(withBody(req("POST", pExtend, "instance_id", id), map[string]any{"oper_type": "storage", "new_storage_space": 800}), 400, "DMS.00400026")
	assert.Equal(t, rocketmqtest.StatusRestarting, e.srv.InstanceStatus(id), "a refused resize changes nothing")
}

func TestResizeTaskForcedToFailLeavesExtendedFailed(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithTaskDelay(time.Hour))
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "resize-fails"})
	var job jobResp
	e.ok(withBody(req("POST", pExtend, "instance_id", id), map[string]any{"oper_type": "storage", "new_storage_space": 400}), &job)
	assert.Equal(t, rocketmqtest.TaskExecuting, e.srv.TaskStatus(id, job.JobID))
	require.NoError(t, e.srv.SetTaskStatus(id, job.JobID, rocketmqtest.TaskFailed))
	assert.Equal(t, rocketmqtest.TaskFailed, e.waitTask(id, job.JobID))
	in := e.getInstance(id)
	assert.Equal(t, rocketmqtest.StatusExtendedFailed, in.Status)
	assert.Equal(t, 300, in.TotalStorageSpace)

	var pr progressResp
	e.ok(req("GET", pProgress, "instance_id", id, "task_id", job.JobID), &pr)
	assert.Equal(t, "FAILED", pr.StepList[0].Statue)
}

func TestResizeEngineRocketmqTwinPath(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithTaskDelay(0))
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "resize-twin"})
	var job jobResp
	e.ok(withBody(req("POST", "/v2/{project_id}/rocketmq/instances/{instance_id}/extend", "instance_id", id), map[string]any{"oper_type": "storage", "new_storage_space": 400}), &job)
	assert.Equal(t, rocketmqtest.TaskSuccess, e.waitTask(id, job.JobID))
	assert.Equal(t, 400, e.getInstance(id).TotalStorageSpace)
}

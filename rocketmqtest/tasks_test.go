package rocketmqtest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

const (
	pScheduled = pInstance + "/scheduled-tasks"
	pSchedTask = pScheduled + "/{task_id}"
)

type schedList struct {
	JobCount string `json:"job_count"`
	Jobs     []struct {
		ID         string `json:"id"`
		Name       string `json:"name"`
		UserName   string `json:"user_name"`
		UserID     string `json:"user_id"`
		Params     string `json:"params"`
		Status     string `json:"status"`
		CreatedAt  string `json:"created_at"`
		UpdatedAt  string `json:"updated_at"`
		ScheduleAt string `json:"schedule_at"`
	} `json:"jobs"`
}

func stamp(t time.Time) string { return t.UTC().Format("20060102150405") }

func TestBackgroundTaskListGetDelete(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithTaskDelay(0))
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "tasks-inst"})
	var jobs []string
	for _, size := range []int{400, 500, 600} {
		var job jobResp
		e.ok(withBody(req("POST", pExtend, "instance_id", id), map[string]any{"oper_type": "storage", "new_storage_space": size}), &job)
		jobs = append(jobs, job.JobID)
	}
	var ssl struct {
		JobID   string `json:"job_id"`
		TLSMode string `json:"tls_mode"`
	}
	e.ok(withBody(req("POST", "/v2/{project_id}/{engine}/instances/{instance_id}/plain-ssl-switch", "instance_id", id), map[string]any{"tls_mode": "SSL"}), &ssl)
	jobs = append(jobs, ssl.JobID)

	var tl taskList
	e.ok(req("GET", pTasks, "instance_id", id), &tl)
	assert.Equal(t, "4", tl.TaskCount)
	require.Len(t, tl.Tasks, 4)
	assert.Equal(t, ssl.JobID, tl.Tasks[0].ID, "newest first")
	assert.Equal(t, "modifyInstanceSslConfig", tl.Tasks[0].Name)
	for _, task := range tl.Tasks {
		assert.Equal(t, rocketmqtest.TaskSuccess, task.Status)
		assert.Equal(t, e.srv.ProjectID(), task.UserID)
		assert.NotEmpty(t, task.UserName)
	}

	e.ok(withQuery(req("GET", pTasks, "instance_id", id), "limit", "2", "offset", "1"), &tl)
	assert.Equal(t, "4", tl.TaskCount, "the total, not the page")
	require.Len(t, tl.Tasks, 2)
	assert.Equal(t, jobs[2], tl.Tasks[0].ID)
	assert.Equal(t, jobs[1], tl.Tasks[1].ID)

	now := time.Now()
	e.ok(withQuery(req("GET", pTasks, "instance_id", id), "begin_time", stamp(now.Add(-time.Hour)), "end_time", stamp(now.Add(time.Hour))), &tl)
	assert.Equal(t, "4", tl.TaskCount)
	e.ok(withQuery(req("GET", pTasks, "instance_id", id), "begin_time", stamp(now.Add(time.Hour))), &tl)
	assert.Equal(t, "0", tl.TaskCount)
	assert.Empty(t, tl.Tasks)
	e.ok(withQuery(req("GET", pTasks, "instance_id", id), "end_time", stamp(now.Add(-time.Hour))), &tl)
	assert.Equal(t, "0", tl.TaskCount)

	nr := e.noRetry()
	nr.fails(withQuery(req("GET", pTasks, "instance_id", id), "begin_time", "2024-01-01"), 400, "DMS.00400142")
	nr.fails(withQuery(req("GET", pTasks, "instance_id", id), "begin_time", stamp(now), "end_time", stamp(now.Add(-time.Hour))), 400, "DMS.00400062")

	// Get answers a one-task list; an unknown task an empty one.
	e.ok(req("GET", pTask, "instance_id", id, "task_id", jobs[0]), &tl)
	assert.Equal(t, "1", tl.TaskCount)
	require.Len(t, tl.Tasks, 1)
	assert.Equal(t, jobs[0], tl.Tasks[0].ID)
	e.ok(req("GET", pTask, "instance_id", id, "task_id", "0123456789abcdef0123456789abcdef"), &tl)
	assert.Equal(t, "0", tl.TaskCount)
	assert.Empty(t, tl.Tasks)
	nr.fails(req("GET", pProgress, "instance_id", id, "task_id", "0123456789abcdef0123456789abcdef"), 400, "DMS.00405011")

	// Delete removes the record.
	e.ok(req("DELETE", pTask, "instance_id", id, "task_id", jobs[0]), nil)
	e.ok(req("GET", pTask, "instance_id", id, "task_id", jobs[0]), &tl)
	assert.Empty(t, tl.Tasks)
	nr.fails(req("DELETE", pTask, "instance_id", id, "task_id", jobs[0]), 400, "DMS.00405011")
	e.ok(req("GET", pTasks, "instance_id", id), &tl)
	assert.Equal(t, "3", tl.TaskCount)
}

func TestRunningBackgroundTaskCannotBeDeleted(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithTaskDelay(time.Hour))
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "tasks-running"})
	var job jobResp
	e.ok(withBody(req("POST", pExtend, "instance_id", id), map[string]any{"oper_type": "storage", "new_storage_space": 400}), &job)
	e.noRetry().fails(req("DELETE", pTask, "instance_id", id, "task_id", job.JobID), 400, "DMS.00400017")

	// Forcing SUCCESS applies the change at once.
	require.NoError(t, e.srv.SetTaskStatus(id, job.JobID, rocketmqtest.TaskSuccess))
	in := e.getInstance(id)
	assert.Equal(t, rocketmqtest.StatusRunning, in.Status)
	assert.Equal(t, 400, in.TotalStorageSpace)
	e.ok(req("DELETE", pTask, "instance_id", id, "task_id", job.JobID), nil)
	assert.Equal(t, "", e.srv.TaskStatus(id, job.JobID))
	assert.Error(t, e.srv.SetTaskStatus(id, job.JobID, rocketmqtest.TaskFailed))
}

func TestScheduledTasksSeededListedMovedCancelledDeleted(t *testing.T) {
	base := time.Now().Add(24 * time.Hour).UTC().Truncate(time.Second)
	e := newEnv(t, rocketmqtest.WithInstance(rocketmqtest.InstanceSeed{
		Name: "sched-inst",
		ScheduledTasks: []rocketmqtest.ScheduledTaskSeed{
			{ID: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1", Name: "extendInstance", Params: `{"oper_type":"storage"}`, ScheduleAt: base.Add(2 * time.Hour)},
			{ID: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2", ScheduleAt: base},
		},
	}))
	id := e.srv.InstanceID("sched-inst")
	third, err := e.srv.AddScheduledTask(id, rocketmqtest.ScheduledTaskSeed{ScheduleAt: base.Add(4 * time.Hour)})
	require.NoError(t, err)
	require.Len(t, third, 32)
	_, err = e.srv.AddScheduledTask(id, rocketmqtest.ScheduledTaskSeed{})
	assert.Error(t, err, "ScheduleAt is required")

	var sl schedList
	e.ok(req("GET", pScheduled, "instance_id", id), &sl)
	assert.Equal(t, "3", sl.JobCount)
	require.Len(t, sl.Jobs, 3)
	assert.Equal(t, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2", sl.Jobs[0].ID, "in schedule order")
	assert.Equal(t, "restartInstance", sl.Jobs[0].Name)
	assert.Equal(t, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1", sl.Jobs[1].ID)
	assert.Equal(t, "extendInstance", sl.Jobs[1].Name)
	assert.Equal(t, `{"oper_type":"storage"}`, sl.Jobs[1].Params)
	assert.Equal(t, rocketmqtest.TaskCreated, sl.Jobs[1].Status)
	assert.Equal(t, base.Add(2*time.Hour).Format("2006-01-02T15:04:05.000Z"), sl.Jobs[1].ScheduleAt)
	assert.NotEmpty(t, sl.Jobs[1].CreatedAt)
	assert.Equal(t, e.srv.ProjectID(), sl.Jobs[1].UserID)

	e.ok(withQuery(req("GET", pScheduled, "instance_id", id), "start", "1", "limit", "1"), &sl)
	assert.Equal(t, "3", sl.JobCount)
	require.Len(t, sl.Jobs, 1)
	assert.Equal(t, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1", sl.Jobs[0].ID)
	e.ok(withQuery(req("GET", pScheduled, "instance_id", id), "begin_time", stamp(base.Add(time.Hour)), "end_time", stamp(base.Add(3*time.Hour))), &sl)
	assert.Equal(t, "1", sl.JobCount)
	require.Len(t, sl.Jobs, 1)
	assert.Equal(t, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1", sl.Jobs[0].ID)

	// Move the first task after the others.
	task := "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2"
	e.ok(withQuery(req("PUT", pSchedTask, "instance_id", id, "task_id", task), "execute_at", stamp(base.Add(6*time.Hour))), nil)
	e.ok(req("GET", pScheduled, "instance_id", id), &sl)
	assert.Equal(t, task, sl.Jobs[2].ID)
	assert.Equal(t, base.Add(6*time.Hour).Format("2006-01-02T15:04:05.000Z"), sl.Jobs[2].ScheduleAt)

	// Cancel it.
	e.ok(withQuery(req("PUT", pSchedTask, "instance_id", id, "task_id", task), "status", "CANCELLED"), nil)
	e.ok(req("GET", pScheduled, "instance_id", id), &sl)
	assert.Equal(t, rocketmqtest.TaskCancelled, sl.Jobs[2].Status)

	nr := e.noRetry()
	nr.fails(withQuery(req("PUT", pSchedTask, "instance_id", id, "task_id", task), "status", "CANCELLED"), 400, "DMS.00400062")
	nr.fails(req("PUT", pSchedTask, "instance_id", id, "task_id", third), 400, "DMS.00400062")
	nr.fails(withQuery(req("PUT", pSchedTask, "instance_id", id, "task_id", third), "status", "DONE"), 400, "DMS.00400062")
	nr.fails(withQuery(req("PUT", pSchedTask, "instance_id", id, "task_id", third), "execute_at", "tomorrow"), 400, "DMS.00400142")
	nr.fails(withQuery(req("PUT", pSchedTask, "instance_id", id, "task_id", third), "execute_at", stamp(time.Now().Add(-time.Hour))), 400, "DMS.00400142")
	nr.fails(withQuery(req("PUT", pSchedTask, "instance_id", id, "task_id", "ffffffffffffffffffffffffffffffff"), "status", "CANCELLED"), 400, "DMS.00405011")
	nr.fails(withQuery(req("GET", pScheduled, "instance_id", id), "start", "-1"), 400, "DMS.10240043")

	// Delete it.
	e.ok(req("DELETE", pSchedTask, "instance_id", id, "task_id", task), nil)
	e.ok(req("GET", pScheduled, "instance_id", id), &sl)
	assert.Equal(t, "2", sl.JobCount)
	nr.fails(req("DELETE", pSchedTask, "instance_id", id, "task_id", task), 400, "DMS.00405011")
}

func TestScheduledTaskRunsWhenItsTimeComes(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "sched-soon", ScheduledTasks: []rocketmqtest.ScheduledTaskSeed{{ScheduleAt: time.Now().Add(100 * time.Millisecond)}}})
	var sl schedList
	require.Eventually(t, func() bool {
		e.ok(req("GET", pScheduled, "instance_id", id), &sl)
		require.Len(t, sl.Jobs, 1)
		return sl.Jobs[0].Status == rocketmqtest.TaskSuccess
	}, 5*time.Second, 10*time.Millisecond)
}

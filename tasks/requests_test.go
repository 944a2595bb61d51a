package tasks_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/tasks"
)

const (
	base      = "/v2/" + testutil.ProjectID + "/instances/" + testutil.InstanceID
	tasksPath = base + "/tasks"
	schedPath = base + "/scheduled-tasks"
	taskID    = "8abfa7b27da211df017da340427b0981"
	schedID   = "5b6c0a8e-1f2d-4c3b-9a8e-7d6c5b4a3f21"
)

// The tasks of testdata/list.response.json.
var (
	extendTask = tasks.Task{
		ID:        taskID,
		Name:      "extendInstance",
		UserName:  "ops-admin",
		UserID:    "d9a9f4c1e1c24a73b8c3f6a0f2b1c001",
		Params:    `{"new_storage_space":900}`,
		Status:    tasks.StatusExecuting,
		CreatedAt: "2026-03-01T08:15:00.000Z",
		UpdatedAt: "2026-03-01T08:16:30.000Z",
	}
	sslTask = tasks.Task{
		ID:        "8abfa7b27da211df017da340427b0982",
		Name:      "modifySsl",
		UserName:  "ops-viewer",
		UserID:    "d9a9f4c1e1c24a73b8c3f6a0f2b1c002",
		Params:    `{"ssl_enable":true}`,
		Status:    tasks.StatusSuccess,
		CreatedAt: "1772352000000",
		UpdatedAt: "1772352060000",
	}
)

func TestList(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.FixtureCall(t, "list"))
	// Times in any zone are sent in UTC.
	got, err := c.List(context.Background(), testutil.InstanceID, &tasks.ListOptions{
		Begin:  time.Date(2026, 3, 1, 16, 9, 10, 0, time.FixedZone("CST", 8*3600)),
		End:    time.Date(2026, 3, 2, 10, 11, 12, 0, time.UTC),
		Limit:  5,
		Offset: 15,
	})
	require.NoError(t, err)
	assert.Equal(t, &tasks.ListResponse{TaskCount: 17, Tasks: []tasks.Task{extendTask, sslTask}}, got)
}

func TestListNilOptionsNumericCount(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: tasksPath, Response: `{"task_count":0,"tasks":[]}`},
		testutil.Call{Method: http.MethodGet, Path: tasksPath, Query: "end_time=20260102030405",
			Response: `{"task_count":1,"tasks":[{"id":"t-1"}]}`},
	)
	got, err := c.List(context.Background(), testutil.InstanceID, nil)
	require.NoError(t, err)
	assert.Equal(t, &tasks.ListResponse{Tasks: []tasks.Task{}}, got)

	got, err = c.List(context.Background(), testutil.InstanceID, &tasks.ListOptions{End: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)})
	require.NoError(t, err)
	assert.Equal(t, &tasks.ListResponse{TaskCount: 1, Tasks: []tasks.Task{{ID: "t-1"}}}, got)
}

func TestGet(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.FixtureCall(t, "get"))
	got, err := c.Get(context.Background(), testutil.InstanceID, taskID)
	require.NoError(t, err)
	want := extendTask
	want.Status, want.UpdatedAt = tasks.StatusSuccess, "2026-03-01T08:41:07.000Z"
	assert.Equal(t, &want, got)
}

func TestGetPicksTheTaskAndFillsAMissingID(t *testing.T) {
	t.Parallel()
	p := tasksPath + "/" + taskID
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: p,
			Response: `{"task_count":"2","tasks":[{"id":"other","status":"FAILED"},{"id":"` + taskID + `","status":"EXECUTING"}]}`},
		testutil.Call{Method: http.MethodGet, Path: p, Response: `{"tasks":[{"name":"extendInstance","status":"CREATED"}]}`},
	)
	got, err := c.Get(context.Background(), testutil.InstanceID, taskID)
	require.NoError(t, err)
	assert.Equal(t, &tasks.Task{ID: taskID, Status: tasks.StatusExecuting}, got)

	got, err = c.Get(context.Background(), testutil.InstanceID, taskID)
	require.NoError(t, err)
	assert.Equal(t, &tasks.Task{ID: taskID, Name: "extendInstance", Status: tasks.StatusCreated}, got)
}

func TestGetEmptyListIsNotFound(t *testing.T) {
	t.Parallel()
	p := tasksPath + "/" + taskID
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: p, Response: `{"task_count":"0","tasks":[]}`},
		testutil.Call{Method: http.MethodGet, Path: p, Response: `{"tasks":[{"id":"other"},{"id":"another"}]}`},
		testutil.Call{Method: http.MethodGet, Path: p, Response: `{}`},
	)
	for range 3 {
		got, err := c.Get(context.Background(), testutil.InstanceID, taskID)
		assert.Nil(t, got)
		var nf *tasks.NotFoundError
		require.ErrorAs(t, err, &nf)
		assert.Equal(t, &tasks.NotFoundError{InstanceID: testutil.InstanceID, TaskID: taskID}, nf)
		assert.Equal(t, "tasks: task "+taskID+" of instance "+testutil.InstanceID+" not found", err.Error())
		assert.True(t, rocketmq.IsNotFound(err))
		assert.ErrorIs(t, err, rocketmq.ErrTaskNotFound)
		var apiErr *rocketmq.APIError
		assert.False(t, errors.As(err, &apiErr), "no answer said not found")
	}
}

func TestGetMissingInstanceIsAPIError(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{Method: http.MethodGet, Path: tasksPath + "/" + taskID, Status: http.StatusBadRequest,
		Response: `{"error_code":"DMS.00404022","error_msg":"This instance does not exist."}`})
	_, err := c.Get(context.Background(), testutil.InstanceID, taskID)
	assert.True(t, rocketmq.IsNotFound(err))
}

func TestGetEscapesTaskID(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{Method: http.MethodGet, Path: tasksPath + "/a%2Fb%20c",
		Response: `{"tasks":[{"id":"a/b c","status":"SUCCESS"}]}`})
	got, err := c.Get(context.Background(), testutil.InstanceID, "a/b c")
	require.NoError(t, err)
	assert.Equal(t, &tasks.Task{ID: "a/b c", Status: tasks.StatusSuccess}, got)
}

func TestProgress(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.FixtureCall(t, "progress"))
	got, err := c.Progress(context.Background(), testutil.InstanceID, taskID)
	require.NoError(t, err)
	assert.Equal(t, &tasks.Progress{
		Percentage: 40,
		RemainTime: 600,
		Steps: []tasks.Step{
			{Name: "createNodes", Status: tasks.StepCompleted, StartTime: "2026-03-01 08:15:00", EndTime: "2026-03-01 08:22:10"},
			{Name: "startBrokers", Status: tasks.StepInProgress, StartTime: "2026-03-01 08:22:11"},
			{Name: "rebalanceTopics", Status: tasks.StepWaiting},
		},
	}, got)
}

// A corrected "status" spelling, numbers as strings and a remain_time past
// int64 are read too.
func TestProgressTolerant(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{Method: http.MethodGet, Path: tasksPath + "/" + taskID + "/progress",
		Response: `{"progress_percentage":"55","remain_time":9223372036854776000,"step_list":[` +
			`{"name":"a","status":"FAILED","start_time":1772352000000},{"name":"b","statue":"COMPLETED","status":"FAILED"}]}`})
	got, err := c.Progress(context.Background(), testutil.InstanceID, taskID)
	require.NoError(t, err)
	assert.Equal(t, &tasks.Progress{
		Percentage: 55,
		RemainTime: 9223372036854775807,
		Steps: []tasks.Step{
			{Name: "a", Status: tasks.StepFailed, StartTime: "1772352000000"},
			{Name: "b", Status: tasks.StepCompleted},
		},
	}, got)
}

func TestStepEncodesTheServiceSpelling(t *testing.T) {
	t.Parallel()
	s := tasks.Step{Name: "a", Status: tasks.StepWaiting}
	var back tasks.Step
	testutil.RoundTrip(t, `{"name":"a","statue":"WAITING","start_time":"","end_time":""}`, &back)
	assert.Equal(t, s, back)
}

func TestDelete(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.FixtureCall(t, "delete"))
	require.NoError(t, c.Delete(context.Background(), testutil.InstanceID, "8abfa7b27da211df017da340427b0982"))
}

func TestListScheduled(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.FixtureCall(t, "list_scheduled"))
	got, err := c.ListScheduled(context.Background(), testutil.InstanceID, &tasks.ListScheduledOptions{
		Begin: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
		End:   time.Date(2026, 4, 30, 23, 59, 59, 0, time.UTC),
		Limit: 3,
		Start: 6,
	})
	require.NoError(t, err)
	assert.Equal(t, &tasks.ListScheduledResponse{JobCount: 8, Jobs: []tasks.ScheduledTask{
		{
			ID:         schedID,
			Name:       "resizeInstance",
			UserName:   "night-ops",
			UserID:     "e1f2a3b4c5d64e7f8a9b0c1d2e3f4a05",
			Params:     `{"oper_type":"horizontal","new_broker_num":3}`,
			Status:     tasks.StatusCreated,
			CreatedAt:  "2026-04-02T10:00:00Z",
			UpdatedAt:  "2026-04-03T11:30:00Z",
			ScheduleAt: "2026-04-20T02:00:00Z",
		},
		{
			ID:         "5b6c0a8e-1f2d-4c3b-9a8e-7d6c5b4a3f22",
			Name:       "restartInstance",
			UserName:   "day-ops",
			UserID:     "e1f2a3b4c5d64e7f8a9b0c1d2e3f4a06",
			Params:     "{}",
			Status:     tasks.StatusCancelled,
			CreatedAt:  "2026-04-05T09:00:00Z",
			UpdatedAt:  "2026-04-06T09:45:00Z",
			ScheduleAt: "2026-04-28T03:30:00Z",
		},
	}}, got)
}

func TestListScheduledNilOptions(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{Method: http.MethodGet, Path: schedPath, Response: `{"job_count":3,"jobs":[{"id":"j-1"}]}`})
	got, err := c.ListScheduled(context.Background(), testutil.InstanceID, nil)
	require.NoError(t, err)
	assert.Equal(t, &tasks.ListScheduledResponse{JobCount: 3, Jobs: []tasks.ScheduledTask{{ID: "j-1"}}}, got)
}

func TestUpdateScheduled(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.FixtureCall(t, "update_scheduled"))
	require.NoError(t, c.UpdateScheduled(context.Background(), testutil.InstanceID, schedID, &tasks.UpdateScheduledRequest{
		ExecuteAt: time.Date(2026, 4, 21, 11, 0, 0, 0, time.FixedZone("+0730", 7*3600+1800)),
		Cancel:    true,
	}))
}

func TestUpdateScheduledOneChange(t *testing.T) {
	t.Parallel()
	p := schedPath + "/" + schedID
	c := newClient(t,
		testutil.Call{Method: http.MethodPut, Path: p, Query: "execute_at=20261231235959"},
		testutil.Call{Method: http.MethodPut, Path: p, Query: "status=CANCELLED"},
	)
	require.NoError(t, c.UpdateScheduled(context.Background(), testutil.InstanceID, schedID,
		&tasks.UpdateScheduledRequest{ExecuteAt: time.Date(2026, 12, 31, 23, 59, 59, 0, time.UTC)}))
	require.NoError(t, c.UpdateScheduled(context.Background(), testutil.InstanceID, schedID,
		&tasks.UpdateScheduledRequest{Cancel: true}))
}

func TestDeleteScheduled(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.FixtureCall(t, "delete_scheduled"))
	require.NoError(t, c.DeleteScheduled(context.Background(), testutil.InstanceID, "5b6c0a8e-1f2d-4c3b-9a8e-7d6c5b4a3f22"))
}

func TestModifyingCallsNameTheirAction(t *testing.T) {
	t.Parallel()
	denied := `{"error_code":"DMS.00403000","error_msg":"forbidden"}`
	c := newClient(t,
		testutil.Call{Method: http.MethodDelete, Path: tasksPath + "/" + taskID, Status: http.StatusForbidden, Response: denied},
		testutil.Call{Method: http.MethodGet, Path: tasksPath + "/" + taskID + "/progress", Status: http.StatusForbidden, Response: denied},
	)
	err := c.Delete(context.Background(), testutil.InstanceID, taskID)
	assert.ErrorContains(t, err, "dms:instance:modify")
	_, err = c.Progress(context.Background(), testutil.InstanceID, taskID)
	assert.ErrorContains(t, err, "dms:instance:get")
}

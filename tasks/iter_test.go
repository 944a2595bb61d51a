package tasks_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/tasks"
)

func taskIDs(ts []tasks.Task) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.ID
	}
	return out
}

func jobIDs(ts []tasks.ScheduledTask) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.ID
	}
	return out
}

func TestListIterPagesUntilCountKeepingFilters(t *testing.T) {
	t.Parallel()
	q := "begin_time=20260301000000&end_time=20260331000000&limit=2"
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: tasksPath, Query: q + "&offset=1",
			Response: `{"task_count":"5","tasks":[{"id":"t-2"},{"id":"t-3"}]}`},
		testutil.Call{Method: http.MethodGet, Path: tasksPath, Query: q + "&offset=3",
			Response: `{"task_count":"5","tasks":[{"id":"t-4"},{"id":"t-5"}]}`},
	)
	opts := &tasks.ListOptions{
		Begin: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC),
		Limit: 2, Offset: 1,
	}
	saved := *opts
	got, errs := testutil.Collect(t, c.ListIter(context.Background(), testutil.InstanceID, opts))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"t-2", "t-3", "t-4", "t-5"}, taskIDs(got))
	assert.Equal(t, saved, *opts, "options unchanged")
}

func TestListIterNilOptionsShortPage(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: tasksPath, Query: "limit=50",
			Response: `{"tasks":[{"id":"t-1"},{"id":"t-2"}]}`},
	)
	got, errs := testutil.Collect(t, c.ListIter(context.Background(), testutil.InstanceID, nil))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"t-1", "t-2"}, taskIDs(got))
}

func TestListIterBreakAndErrorOnce(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: tasksPath, Query: "limit=1", Response: `{"task_count":"4","tasks":[{"id":"t-1"}]}`},
		testutil.Call{Method: http.MethodGet, Path: tasksPath, Query: "limit=1", Response: `{"task_count":"4","tasks":[{"id":"t-1"}]}`},
		testutil.Call{Method: http.MethodGet, Path: tasksPath, Query: "limit=1&offset=1", Status: http.StatusInternalServerError,
			Response: `{"error_code":"DMS.00500000","error_msg":"internal"}`},
	)
	n := 0
	for tk, err := range c.ListIter(context.Background(), testutil.InstanceID, &tasks.ListOptions{Limit: 1}) {
		require.NoError(t, err)
		assert.Equal(t, "t-1", tk.ID)
		n++
		break
	}
	assert.Equal(t, 1, n)

	got, errs := testutil.Collect(t, c.ListIter(context.Background(), testutil.InstanceID, &tasks.ListOptions{Limit: 1},
		rocketmq.WithCallRetry(rocketmq.RetryPolicy{MaxAttempts: 1})))
	assert.Equal(t, []string{"t-1"}, taskIDs(got))
	require.Len(t, errs, 1)
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, errs[0], &apiErr)
	assert.Equal(t, "DMS.00500000", apiErr.Code)
}

func TestListScheduledIterPagesUntilCount(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: schedPath, Query: "end_time=20260501000000&limit=2",
			Response: `{"job_count":"3","jobs":[{"id":"j-1"},{"id":"j-2"}]}`},
		testutil.Call{Method: http.MethodGet, Path: schedPath, Query: "end_time=20260501000000&limit=2&start=2",
			Response: `{"job_count":3,"jobs":[{"id":"j-3"}]}`},
	)
	opts := &tasks.ListScheduledOptions{End: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), Limit: 2}
	got, errs := testutil.Collect(t, c.ListScheduledIter(context.Background(), testutil.InstanceID, opts))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"j-1", "j-2", "j-3"}, jobIDs(got))
	assert.Equal(t, 0, opts.Start, "options unchanged")
}

func TestListScheduledIterNilOptionsStartAndBreak(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: schedPath, Query: "limit=50", Response: `{"job_count":"0","jobs":[]}`},
		testutil.Call{Method: http.MethodGet, Path: schedPath, Query: "limit=1&start=4", Response: `{"job_count":"9","jobs":[{"id":"j-5"}]}`},
	)
	got, errs := testutil.Collect(t, c.ListScheduledIter(context.Background(), testutil.InstanceID, nil))
	assert.Empty(t, errs)
	assert.Empty(t, got)

	n := 0
	for j, err := range c.ListScheduledIter(context.Background(), testutil.InstanceID, &tasks.ListScheduledOptions{Limit: 1, Start: 4}) {
		require.NoError(t, err)
		assert.Equal(t, "j-5", j.ID)
		n++
		break
	}
	assert.Equal(t, 1, n)
}

func TestListScheduledIterErrorOnce(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: schedPath, Query: "limit=2", Response: `{"job_count":"5","jobs":[{"id":"j-1"},{"id":"j-2"}]}`},
		testutil.Call{Method: http.MethodGet, Path: schedPath, Query: "limit=2&start=2", Status: http.StatusNotFound,
			Response: `{"error_code":"DMS.00404022","error_msg":"This instance does not exist."}`},
	)
	got, errs := testutil.Collect(t, c.ListScheduledIter(context.Background(), testutil.InstanceID, &tasks.ListScheduledOptions{Limit: 2}))
	assert.Equal(t, []string{"j-1", "j-2"}, jobIDs(got))
	require.Len(t, errs, 1)
	assert.True(t, rocketmq.IsNotFound(errs[0]))
}

func TestItersValidateOnce(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	early := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	late := early.Add(time.Hour)
	for _, tc := range []struct {
		name  string
		seq   func(func(string, error) bool)
		field string
	}{
		{"tasks instance", ids(c.ListIter(context.Background(), "", nil)), "instance_id"},
		{"tasks limit", ids(c.ListIter(context.Background(), testutil.InstanceID, &tasks.ListOptions{Limit: -1})), "limit"},
		{"tasks offset", ids(c.ListIter(context.Background(), testutil.InstanceID, &tasks.ListOptions{Offset: -1})), "offset"},
		{"tasks period", ids(c.ListIter(context.Background(), testutil.InstanceID, &tasks.ListOptions{Begin: late, End: early})), "end_time"},
		{"scheduled instance", jids(c.ListScheduledIter(context.Background(), " ", nil)), "instance_id"},
		{"scheduled start", jids(c.ListScheduledIter(context.Background(), testutil.InstanceID, &tasks.ListScheduledOptions{Start: -1})), "start"},
		{"scheduled period", jids(c.ListScheduledIter(context.Background(), testutil.InstanceID, &tasks.ListScheduledOptions{Begin: late, End: early})), "end_time"},
	} {
		got, errs := testutil.Collect(t, tc.seq)
		assert.Empty(t, got, tc.name)
		require.Len(t, errs, 1, tc.name)
		testutil.AssertValidation(t, errs[0], tc.field)
	}
}

// ids and jids map an iterator's items to their IDs.
func ids(seq func(func(tasks.Task, error) bool)) func(func(string, error) bool) {
	return func(yield func(string, error) bool) {
		for t, err := range seq {
			if !yield(t.ID, err) {
				return
			}
		}
	}
}

func jids(seq func(func(tasks.ScheduledTask, error) bool)) func(func(string, error) bool) {
	return func(yield func(string, error) bool) {
		for t, err := range seq {
			if !yield(t.ID, err) {
				return
			}
		}
	}
}

package tasks_test

import (
	"context"
	"testing"
	"time"

	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/tasks"
)

func TestValidation(t *testing.T) {
	t.Parallel()
	const id = testutil.InstanceID
	ctx := context.Background()
	early := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	// The same instant in another zone is not "before".
	sameInstant := early.In(time.FixedZone("-0500", -5*3600))
	far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	list := func(o *tasks.ListOptions) func(c *tasks.Client) error {
		return func(c *tasks.Client) error { _, err := c.List(ctx, id, o); return err }
	}
	sched := func(o *tasks.ListScheduledOptions) func(c *tasks.Client) error {
		return func(c *tasks.Client) error { _, err := c.ListScheduled(ctx, id, o); return err }
	}
	update := func(r *tasks.UpdateScheduledRequest) func(c *tasks.Client) error {
		return func(c *tasks.Client) error { return c.UpdateScheduled(ctx, id, "job-1", r) }
	}
	tests := []struct {
		name  string
		field string
		call  func(c *tasks.Client) error
	}{
		{"list instance", "instance_id", func(c *tasks.Client) error { _, err := c.List(ctx, "", nil); return err }},
		{"list limit", "limit", list(&tasks.ListOptions{Limit: -1})},
		{"list offset", "offset", list(&tasks.ListOptions{Offset: -1})},
		{"list end before begin", "end_time", list(&tasks.ListOptions{Begin: early.Add(time.Second), End: early})},
		{"list begin past 9999", "begin_time", list(&tasks.ListOptions{Begin: far})},
		{"list end past 9999", "end_time", list(&tasks.ListOptions{End: far})},
		{"get instance", "instance_id", func(c *tasks.Client) error { _, err := c.Get(ctx, " ", "t"); return err }},
		{"get task", "task_id", func(c *tasks.Client) error { _, err := c.Get(ctx, id, ""); return err }},
		{"get dot task", "task_id", func(c *tasks.Client) error { _, err := c.Get(ctx, id, ".."); return err }},
		{"progress task", "task_id", func(c *tasks.Client) error { _, err := c.Progress(ctx, id, ""); return err }},
		{"delete task", "task_id", func(c *tasks.Client) error { return c.Delete(ctx, id, " ") }},
		{"scheduled instance", "instance_id", func(c *tasks.Client) error { _, err := c.ListScheduled(ctx, "", nil); return err }},
		{"scheduled limit", "limit", sched(&tasks.ListScheduledOptions{Limit: -5})},
		{"scheduled start", "start", sched(&tasks.ListScheduledOptions{Start: -1})},
		{"scheduled end before begin", "end_time", sched(&tasks.ListScheduledOptions{Begin: early, End: early.Add(-time.Minute)})},
		{"update nil", "request", update(nil)},
		{"update nothing", "request", update(&tasks.UpdateScheduledRequest{})},
		{"update far", "execute_at", update(&tasks.UpdateScheduledRequest{ExecuteAt: far})},
		{"update task", "task_id", func(c *tasks.Client) error {
			return c.UpdateScheduled(ctx, id, "", &tasks.UpdateScheduledRequest{Cancel: true})
		}},
		{"delete scheduled task", "task_id", func(c *tasks.Client) error { return c.DeleteScheduled(ctx, id, "") }},
		{"wait negative interval", "PollInterval", func(c *tasks.Client) error {
			_, err := c.WaitForTask(ctx, id, "t", &tasks.WaitOptions{PollInterval: -time.Second})
			return err
		}},
		{"wait instance", "instance_id", func(c *tasks.Client) error { _, err := c.WaitForTask(ctx, "", "t", nil); return err }},
		{"wait task", "task_id", func(c *tasks.Client) error { _, err := c.WaitForTask(ctx, id, "", nil); return err }},
		{"nil client", "client", func(*tasks.Client) error { _, err := tasks.New(nil).Get(ctx, id, "t"); return err }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			testutil.AssertValidation(t, tc.call(newClient(t)), tc.field)
		})
	}

	// Equal instants pass, whatever their zones.
	c := newClient(t, testutil.Call{Method: "GET", Path: tasksPath,
		Query: "begin_time=20260101000000&end_time=20260101000000", Response: `{}`})
	if _, err := c.List(ctx, id, &tasks.ListOptions{Begin: early, End: sameInstant}); err != nil {
		t.Fatal(err)
	}
}

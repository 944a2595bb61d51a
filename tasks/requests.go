package tasks

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"time"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/call"
	"github.com/dms-rocketmq/rocketmq-go/internal/check"
	"github.com/dms-rocketmq/rocketmq-go/internal/pager"
)

// Client follows an instance's background and scheduled tasks. It is safe
// for concurrent use.
type Client struct{ c *rocketmq.Client }

// New returns a tasks client that sends its requests through c.
func New(c *rocketmq.Client) *Client { return &Client{c: c} }

// MaxListLimit is the page size ListIter and ListScheduledIter use when
// Limit is 0. The definitions state no maximum page size, so List and
// ListScheduled do not refuse larger ones.
const MaxListLimit = 50

// TimeLayout is how query times are written (in UTC): YYYYMMDDHHmmss.
const TimeLayout = "20060102150405"

// ListOptions filters and pages List and ListIter. The zero value (or nil)
// lists every task with the server's page size.
type ListOptions struct {
	// Begin, when set, keeps the tasks from this time on (begin_time).
	Begin time.Time
	// End, when set, keeps the tasks up to this time (end_time); not
	// before Begin.
	End time.Time
	// Limit is the page size, ≥ 0 (0: the server's default).
	Limit int
	// Offset is where the page starts, ≥ 0.
	Offset int
}

// listQuery is the query of List.
type listQuery struct {
	Begin  stamp `url:"begin_time"`
	End    stamp `url:"end_time"`
	Limit  int   `url:"limit,omitempty"`
	Offset int   `url:"offset,omitempty"`
}

func (o *ListOptions) query() *listQuery {
	if o == nil {
		return nil
	}
	return &listQuery{Begin: stamp(o.Begin), End: stamp(o.End), Limit: o.Limit, Offset: o.Offset}
}

func (o *ListOptions) validate() error {
	if o == nil {
		return nil
	}
	return check.First(checkPeriod(o.Begin, o.End), check.Min("limit", int64(o.Limit), 0), check.Offset(o.Offset))
}

// ListScheduledOptions filters and pages ListScheduled and
// ListScheduledIter. The zero value (or nil) lists every scheduled task
// with the server's page size.
type ListScheduledOptions struct {
	// Begin, when set, keeps the tasks from this time on (begin_time).
	Begin time.Time
	// End, when set, keeps the tasks up to this time (end_time); not
	// before Begin.
	End time.Time
	// Limit is the page size, ≥ 0 (0: the server's default).
	Limit int
	// Start is the index of the first task, ≥ 0, like an offset (sent as
	// start).
	Start int
}

// scheduledQuery is the query of ListScheduled.
type scheduledQuery struct {
	Begin stamp `url:"begin_time"`
	End   stamp `url:"end_time"`
	Limit int   `url:"limit,omitempty"`
	Start int   `url:"start,omitempty"`
}

func (o *ListScheduledOptions) query() *scheduledQuery {
	if o == nil {
		return nil
	}
	return &scheduledQuery{Begin: stamp(o.Begin), End: stamp(o.End), Limit: o.Limit, Start: o.Start}
}

func (o *ListScheduledOptions) validate() error {
	if o == nil {
		return nil
	}
	return check.First(checkPeriod(o.Begin, o.End), check.Min("limit", int64(o.Limit), 0),
		check.Min("start", int64(o.Start), 0))
}

// UpdateScheduledRequest changes a scheduled task: its execution time, or
// cancels it (or both). At least one must be set.
type UpdateScheduledRequest struct {
	// ExecuteAt, when set, is the task's new execution time (sent as
	// execute_at, YYYYMMDDHHmmss in UTC).
	ExecuteAt time.Time
	// Cancel cancels the task (sent as status=CANCELLED).
	Cancel bool
}

// updateScheduledQuery is the query of UpdateScheduled.
type updateScheduledQuery struct {
	ExecuteAt stamp  `url:"execute_at"`
	Status    string `url:"status,omitempty"`
}

func (r *UpdateScheduledRequest) query() *updateScheduledQuery {
	if r == nil {
		return nil
	}
	q := &updateScheduledQuery{ExecuteAt: stamp(r.ExecuteAt)}
	if r.Cancel {
		q.Status = StatusCancelled
	}
	return q
}

func (r *UpdateScheduledRequest) validate() error {
	if r == nil {
		return check.NotNil("request", true)
	}
	if r.ExecuteAt.IsZero() && !r.Cancel {
		return check.Fail("request", "sets neither ExecuteAt (execute_at) nor Cancel (status=CANCELLED)")
	}
	return checkStamp("execute_at", r.ExecuteAt)
}

// stamp is a query time written YYYYMMDDHHmmss in UTC; the zero time is
// not sent.
type stamp time.Time

// EncodeValues implements query.Encoder (github.com/google/go-querystring).
func (s stamp) EncodeValues(key string, v *url.Values) error {
	if t := time.Time(s); !t.IsZero() {
		v.Set(key, t.UTC().Format(TimeLayout))
	}
	return nil
}

// checkStamp refuses a time YYYYMMDDHHmmss cannot write (a year outside
// 1–9999 in UTC); the zero time (not sent) passes.
func checkStamp(field string, t time.Time) error {
	if t.IsZero() {
		return nil
	}
	if y := t.UTC().Year(); y < 1 || y > 9999 {
		return check.Fail(field, "is in the year %d (UTC); YYYYMMDDHHmmss holds the years 1 to 9999", y)
	}
	return nil
}

// checkPeriod checks a begin/end filter: each writable, end not before
// begin when both are set.
func checkPeriod(begin, end time.Time) error {
	if err := check.First(checkStamp("begin_time", begin), checkStamp("end_time", end)); err != nil {
		return err
	}
	if !begin.IsZero() && !end.IsZero() && end.Before(begin) {
		return check.Fail("end_time", "is %s, before begin_time %s", end.UTC().Format(time.RFC3339), begin.UTC().Format(time.RFC3339))
	}
	return nil
}

// List returns one page of the instance's background tasks. Begin must
// not be after End; Limit and Offset must be ≥ 0.
// GET /v2/{project_id}/instances/{instance_id}/tasks (ListBackgroundTasks;
// not in the 2022 reference). IAM: dms:instance:get (inferred).
func (c *Client) List(ctx context.Context, instanceID string, opts *ListOptions, callOpts ...rocketmq.CallOption) (*ListResponse, error) {
	return call.Do[ListResponse](ctx, c.c, listSpec(instanceID, opts), callOpts)
}

func listSpec(instanceID string, opts *ListOptions) call.Spec {
	return call.Spec{
		Method: http.MethodGet, Path: tasksPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID},
		Query:  opts.query(),
		Check:  opts.validate(),
	}
}

// ListIter iterates over all the instance's background tasks, page by
// page, starting at opts.Offset with pages of opts.Limit (MaxListLimit
// when 0), keeping opts.Begin and opts.End on every page. It stops at the
// task count the server reports (never asking past it), after a short page
// when the answer has no usable count, and on an empty page. A nil opts
// means every task; opts is copied, never changed. An error is yielded
// once and ends the iteration.
// GET /v2/{project_id}/instances/{instance_id}/tasks (ListBackgroundTasks;
// not in the 2022 reference). IAM: dms:instance:get (inferred).
func (c *Client) ListIter(ctx context.Context, instanceID string, opts *ListOptions, callOpts ...rocketmq.CallOption) iter.Seq2[Task, error] {
	var base ListOptions
	if opts != nil {
		base = *opts
	}
	return pager.Iter(ctx, c.c, pager.At(base.Offset, base.Limit, MaxListLimit), listSpec(instanceID, opts).Check,
		func(offset, limit int) call.Spec {
			page := base
			page.Offset, page.Limit = offset, limit
			return listSpec(instanceID, &page)
		},
		func(r *ListResponse) ([]Task, int64) { return r.Tasks, r.TaskCount }, callOpts)
}

// Get returns one background task. The service answers a list: the task
// of that ID is taken from it (a single task without an ID is taken as
// it), and a list without it is a *NotFoundError. A missing instance is an
// *rocketmq.APIError for which rocketmq.IsNotFound is true.
// GET /v2/{project_id}/instances/{instance_id}/tasks/{task_id}
// (ShowBackgroundTask; not in the 2022 reference).
// IAM: dms:instance:get (inferred).
func (c *Client) Get(ctx context.Context, instanceID, taskID string, opts ...rocketmq.CallOption) (*Task, error) {
	out, err := call.Do[ListResponse](ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: taskPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID, "task_id": taskID},
	}, opts)
	if err != nil {
		return nil, err
	}
	return out.task(instanceID, taskID)
}

// task picks taskID out of the one-task list of Get.
func (r *ListResponse) task(instanceID, taskID string) (*Task, error) {
	for i := range r.Tasks {
		if r.Tasks[i].ID == taskID {
			return &r.Tasks[i], nil
		}
	}
	if len(r.Tasks) == 1 && r.Tasks[0].ID == "" {
		t := r.Tasks[0]
		t.ID = taskID
		return &t, nil
	}
	return nil, &NotFoundError{InstanceID: instanceID, TaskID: taskID}
}

// Progress returns the progress of a background task and its steps (the
// step status arrives as "statue"; see Step).
// GET /v2/{project_id}/instances/{instance_id}/tasks/{task_id}/progress
// (ShowBackgroundTaskProgress; not in the 2022 reference).
// IAM: dms:instance:get (inferred).
func (c *Client) Progress(ctx context.Context, instanceID, taskID string, opts ...rocketmq.CallOption) (*Progress, error) {
	return call.Do[Progress](ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: progressPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID, "task_id": taskID},
	}, opts)
}

// Delete deletes a background task's record.
// DELETE /v2/{project_id}/instances/{instance_id}/tasks/{task_id}
// (DeleteBackgroundTask; not in the 2022 reference).
// IAM: dms:instance:modify (inferred).
func (c *Client) Delete(ctx context.Context, instanceID, taskID string, opts ...rocketmq.CallOption) error {
	return call.Exec(ctx, c.c, call.Spec{
		Method: http.MethodDelete, Path: taskPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID, "task_id": taskID},
	}, opts)
}

// ListScheduled returns one page of the instance's scheduled tasks. Begin
// must not be after End; Limit and Start must be ≥ 0.
// GET /v2/{project_id}/instances/{instance_id}/scheduled-tasks
// (ListScheduledTasks; not in the 2022 reference).
// IAM: dms:instance:get (inferred).
func (c *Client) ListScheduled(ctx context.Context, instanceID string, opts *ListScheduledOptions, callOpts ...rocketmq.CallOption) (*ListScheduledResponse, error) {
	return call.Do[ListScheduledResponse](ctx, c.c, scheduledSpec(instanceID, opts), callOpts)
}

func scheduledSpec(instanceID string, opts *ListScheduledOptions) call.Spec {
	return call.Spec{
		Method: http.MethodGet, Path: scheduledPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID},
		Query:  opts.query(),
		Check:  opts.validate(),
	}
}

// ListScheduledIter iterates over all the instance's scheduled tasks, page
// by page, starting at opts.Start with pages of opts.Limit (MaxListLimit
// when 0), keeping opts.Begin and opts.End on every page. It stops at the
// job count the server reports (never asking past it), after a short page
// when the answer has no usable count, and on an empty page. A nil opts
// means every scheduled task; opts is copied, never changed. An error is
// yielded once and ends the iteration.
// GET /v2/{project_id}/instances/{instance_id}/scheduled-tasks
// (ListScheduledTasks; not in the 2022 reference).
// IAM: dms:instance:get (inferred).
func (c *Client) ListScheduledIter(ctx context.Context, instanceID string, opts *ListScheduledOptions, callOpts ...rocketmq.CallOption) iter.Seq2[ScheduledTask, error] {
	var base ListScheduledOptions
	if opts != nil {
		base = *opts
	}
	return pager.Iter(ctx, c.c, pager.At(base.Start, base.Limit, MaxListLimit), scheduledSpec(instanceID, opts).Check,
		func(offset, limit int) call.Spec {
			page := base
			page.Start, page.Limit = offset, limit
			return scheduledSpec(instanceID, &page)
		},
		func(r *ListScheduledResponse) ([]ScheduledTask, int64) { return r.Jobs, r.JobCount }, callOpts)
}

// UpdateScheduled moves a scheduled task to req.ExecuteAt and/or cancels
// it (req.Cancel); at least one must be set. Both go in the query; there
// is no body.
// PUT /v2/{project_id}/instances/{instance_id}/scheduled-tasks/{task_id}
// (UpdateScheduledTask; not in the 2022 reference).
// IAM: dms:instance:modify (inferred).
func (c *Client) UpdateScheduled(ctx context.Context, instanceID, taskID string, req *UpdateScheduledRequest, opts ...rocketmq.CallOption) error {
	return call.Exec(ctx, c.c, call.Spec{
		Method: http.MethodPut, Path: scheduledTaskPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID, "task_id": taskID},
		Query:  req.query(),
		Check:  req.validate(),
	}, opts)
}

// DeleteScheduled deletes a scheduled task's record.
// DELETE /v2/{project_id}/instances/{instance_id}/scheduled-tasks/{task_id}
// (DeleteScheduledTask; not in the 2022 reference).
// IAM: dms:instance:modify (inferred).
func (c *Client) DeleteScheduled(ctx context.Context, instanceID, taskID string, opts ...rocketmq.CallOption) error {
	return call.Exec(ctx, c.c, call.Spec{
		Method: http.MethodDelete, Path: scheduledTaskPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID, "task_id": taskID},
	}, opts)
}

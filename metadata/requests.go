package metadata

import (
	"bytes"
	"context"
	"encoding/json"
	"iter"
	"net/http"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/call"
	"github.com/dms-rocketmq/rocketmq-go/internal/check"
	"github.com/dms-rocketmq/rocketmq-go/internal/pager"
)

// Migration task types (table 5-122).
const (
	// TypeRocketMQ migrates a self-built RocketMQ.
	TypeRocketMQ = "rocketmq"
	// TypeRabbitToRocket migrates a self-built RabbitMQ.
	TypeRabbitToRocket = "rabbitToRocket"
)

// MaxListLimit is the largest page size of ListTasks (limit 1–50);
// ListTasksIter uses it when Limit is 0.
const MaxListLimit = 50

// Client is the metadata migration API client (reference section 5.6).
// Create it with New; it is safe for concurrent use. A Client made with
// New(nil) returns a *rocketmq.ValidationError.
type Client struct{ c *rocketmq.Client }

// New returns a metadata migration API client that sends its calls
// through c.
func New(c *rocketmq.Client) *Client { return &Client{c: c} }

// CreateTaskRequest describes a migration task (tables 5-122 and 5-123).
// Name, Type and Overwrite go in the query; Metadata is the body.
type CreateTaskRequest struct {
	// Name is the task name, with the rules of an instance name: 4–64
	// characters, a letter first, then letters, digits, '_' and '-'.
	Name string
	// Type is TypeRocketMQ or TypeRabbitToRocket.
	Type string
	// Overwrite modifies existing topics and groups of the same name; when
	// false an existing one is an error.
	Overwrite bool
	// Metadata is the metadata document (a JSON object, e.g. a RabbitMQ
	// definitions export, or a RocketMQ export with topicConfigTable and
	// subscriptionGroupTable), sent byte for byte; required.
	Metadata json.RawMessage
}

func (r *CreateTaskRequest) validate() error {
	if r == nil {
		return check.NotNil("request", true)
	}
	doc := bytes.TrimSpace(r.Metadata)
	var docErr error
	switch {
	case len(doc) == 0:
		docErr = check.Fail("metadata", "is required")
	case !json.Valid(doc):
		docErr = check.Fail("metadata", "is not valid JSON")
	case doc[0] != '{':
		docErr = check.Fail("metadata", "must be a JSON object")
	}
	return check.First(
		check.Pattern("name", r.Name, 4, 64, true, "_-"),
		check.OneOf("type", r.Type, TypeRocketMQ, TypeRabbitToRocket),
		docErr,
	)
}

// createQuery is the query of CreateTask: overwrite is always sent.
type createQuery struct {
	Name      string `url:"name"`
	Overwrite bool   `url:"overwrite"`
	Type      string `url:"type"`
}

// query returns the query of r (nil for a nil r, refused by validate).
func (r *CreateTaskRequest) query() *createQuery {
	if r == nil {
		return nil
	}
	return &createQuery{Name: r.Name, Overwrite: r.Overwrite, Type: r.Type}
}

// body returns the metadata document (nil for a nil r).
func (r *CreateTaskRequest) body() any {
	if r == nil {
		return nil
	}
	return r.Metadata
}

// CreateTask creates a metadata migration task and returns its id. The
// metadata document is the request body, sent byte for byte; overwrite,
// name and type go in the query (table 5-122; the reference's example
// shows no query). The service answers the id as plain text.
// POST /v2/{project_id}/instances/{instance_id}/metadata (reference 5.6.1).
// IAM: dms:instance:modify (inferred).
func (c *Client) CreateTask(ctx context.Context, instanceID string, req *CreateTaskRequest, opts ...rocketmq.CallOption) (*CreateTaskResponse, error) {
	return call.Do[CreateTaskResponse](ctx, c.c, call.Spec{
		Method: http.MethodPost, Path: metadataPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID},
		Query:  req.query(),
		Body:   req.body(),
		Check:  req.validate(),
	}, opts)
}

// ListTasksOptions filters and pages ListTasks (table 5-125). A nil
// *ListTasksOptions means the server's defaults.
type ListTasksOptions struct {
	// ID selects one task (GetTask is the simpler way).
	ID string `url:"id,omitempty"`
	// Type is the query type (table 5-125).
	Type string `url:"type,omitempty"`
	// Name narrows RabbitMQ listings: empty for vhosts, the vhost for its
	// exchanges, "vhost-exchange" for an exchange's queues (table 5-125).
	Name string `url:"name,omitempty"`
	// Limit is the page size, 1–50; 0 leaves it to the server
	// (ListTasksIter uses 50).
	Limit int `url:"limit,omitempty"`
	// Offset is a 1-based PAGE NUMBER (not an item offset); 0 leaves it to
	// the server (the first page).
	Offset int `url:"offset,omitempty"`
}

func (o *ListTasksOptions) validate() error {
	if o == nil {
		return nil
	}
	var offErr error
	if o.Offset < 0 {
		offErr = check.Fail("offset", "is %d; it is a 1-based page number: 1 or more (0 for the first page)", o.Offset)
	}
	return check.First(check.Limit(o.Limit, MaxListLimit), offErr)
}

func listSpec(instanceID string, opts *ListTasksOptions) call.Spec {
	return call.Spec{
		Method: http.MethodGet, Path: metadataPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID},
		Query:  opts,
		Check:  opts.validate(),
	}
}

// ListTasks returns one page of the instance's migration tasks.
// GET /v2/{project_id}/instances/{instance_id}/metadata (reference 5.6.2).
// IAM: dms:instance:get (inferred).
func (c *Client) ListTasks(ctx context.Context, instanceID string, opts *ListTasksOptions, callOpts ...rocketmq.CallOption) (*ListTasksResponse, error) {
	return call.Do[ListTasksResponse](ctx, c.c, listSpec(instanceID, opts), callOpts)
}

// ListTasksIter iterates over every migration task, page by page: pages of
// opts.Limit tasks (50 when 0), starting at page opts.Offset (page 1 when
// 0) and asking for the following page numbers. It stops at the response's
// total, after a short page when the response has no total, and on an
// empty page. opts is copied, never modified; an invalid opts yields one
// *rocketmq.ValidationError and nothing is sent.
// GET /v2/{project_id}/instances/{instance_id}/metadata (reference 5.6.2).
// IAM: dms:instance:get (inferred).
func (c *Client) ListTasksIter(ctx context.Context, instanceID string, opts *ListTasksOptions, callOpts ...rocketmq.CallOption) iter.Seq2[Task, error] {
	var o ListTasksOptions
	if opts != nil {
		o = *opts
	}
	w := pager.At(max(o.Offset, 1), o.Limit, MaxListLimit)
	w.ByPage = true
	return pager.Iter(ctx, c.c, w, o.validate(),
		func(page, limit int) call.Spec {
			p := o
			p.Offset, p.Limit = page, limit
			return listSpec(instanceID, &p)
		},
		func(r *ListTasksResponse) ([]Task, int64) { return r.Tasks, r.Total }, callOpts)
}

// idQuery is the query of GetTask (?id=).
type idQuery struct {
	ID string `url:"id"`
}

// GetTask returns one migration task. The reference documents no response
// example for this mode; the listing's shape ({"total", "task": [...]}), a
// bare array and a single task object are all accepted. When the answer
// does not hold the task (the service answers a listing, possibly empty,
// for an unknown id), the error is a *TaskNotFoundError, for which
// rocketmq.IsNotFound reports true; the service's own refusal (400,
// rocketmq.CodeMigrationTaskNotFound) stays an *rocketmq.APIError.
// GET /v2/{project_id}/instances/{instance_id}/metadata?id={task_id}
// (reference 5.6.2). IAM: dms:instance:get (inferred).
func (c *Client) GetTask(ctx context.Context, instanceID, taskID string, opts ...rocketmq.CallOption) (*Task, error) {
	var ans taskAnswer
	resp, err := call.Raw(ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: metadataPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID},
		Query:  idQuery{ID: taskID},
		Check:  check.ID("task_id", taskID),
	}, &ans, opts)
	if err != nil {
		return nil, err
	}
	if t := ans.find(taskID); t != nil {
		return t, nil
	}
	return nil, &TaskNotFoundError{InstanceID: instanceID, TaskID: taskID, RequestID: resp.RequestID}
}

// deleteTasksBody is the body of 5.6.3 (table 5-129).
type deleteTasksBody struct {
	TaskIDs []string `json:"taskIds"`
}

// DeleteTasks deletes migration tasks; taskIDs lists at least one id,
// none empty. The service answers 200 with or without a body; both
// succeed, as does 204. BatchDeleteTasks is the current definition's
// operation for the same.
// DELETE /v2/{project_id}/instances/{instance_id}/metadata with
// {"taskIds": [...]} (reference 5.6.3). IAM: dms:instance:modify
// (inferred).
func (c *Client) DeleteTasks(ctx context.Context, instanceID string, taskIDs []string, opts ...rocketmq.CallOption) error {
	return call.Exec(ctx, c.c, call.Spec{
		Method: http.MethodDelete, Path: metadataPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID},
		Body:   deleteTasksBody{TaskIDs: taskIDs},
		Check:  check.Each("taskIds", taskIDs, check.ID),
	}, opts)
}

// batchDeleteTasksBody is the body of BatchDeleteTasks.
type batchDeleteTasksBody struct {
	TaskIDs []string `json:"task_ids"`
}

// BatchDeleteTasks deletes migration tasks and returns the IDs of those
// deleted; taskIDs lists at least one id, none empty.
// POST /v2/{project_id}/instances/{instance_id}/metadata/batch-delete with
// {"task_ids": [...]} (current definition
// BatchDeleteRocketMqMigrationTask). IAM: dms:instance:modify (inferred).
func (c *Client) BatchDeleteTasks(ctx context.Context, instanceID string, taskIDs []string, opts ...rocketmq.CallOption) (*BatchDeleteTasksResponse, error) {
	return call.Do[BatchDeleteTasksResponse](ctx, c.c, call.Spec{
		Method: http.MethodPost, Path: batchDeletePath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID},
		Body:   batchDeleteTasksBody{TaskIDs: taskIDs},
		Check:  check.Each("task_ids", taskIDs, check.ID),
	}, opts)
}

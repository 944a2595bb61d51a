package metadata

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/check"
	"github.com/dms-rocketmq/rocketmq-go/internal/jsonx"
	"github.com/dms-rocketmq/rocketmq-go/internal/pager"
)

// Migration task types (table 5-122).
const (
	// TypeRocketMQ migrates a self-built RocketMQ.
	TypeRocketMQ = "rocketmq"
	// TypeRabbitToRocket migrates a self-built RabbitMQ.
	TypeRabbitToRocket = "rabbitToRocket"
)

// maxLimit is the largest page size of ListTasks.
const maxLimit = 50

// defaultPageSize is the page size of ListTasksIter when Limit is 0.
const defaultPageSize = 50

// Client is the metadata migration API client (reference section 5.6).
// Create it with New; it is safe for concurrent use. A nil or zero Client
// returns a *rocketmq.ValidationError.
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
		return check.Fail("request", "must not be nil")
	}
	if err := check.Pattern("name", r.Name, 4, 64, true, "_-"); err != nil {
		return err
	}
	if err := check.OneOf("type", r.Type, TypeRocketMQ, TypeRabbitToRocket); err != nil {
		return err
	}
	doc := bytes.TrimSpace(r.Metadata)
	switch {
	case len(doc) == 0:
		return check.Fail("metadata", "is required")
	case !json.Valid(doc):
		return check.Fail("metadata", "is not valid JSON")
	case doc[0] != '{':
		return check.Fail("metadata", "must be a JSON object")
	}
	return nil
}

// CreateTask creates a metadata migration task and returns its id. The
// metadata document is the request body, sent byte for byte; overwrite,
// name and type go in the query (table 5-122; the reference's example shows
// no query). The service answers the id as plain text.
// POST /v2/{project_id}/instances/{instance_id}/metadata (reference 5.6.1).
func (c *Client) CreateTask(ctx context.Context, instanceID string, req *CreateTaskRequest) (*CreateTaskResponse, error) {
	if err := check.First(check.ID("instance_id", instanceID), req.validate()); err != nil {
		return nil, err
	}
	var raw json.RawMessage
	_, err := c.do(ctx, &rocketmq.Request{
		Method:     http.MethodPost,
		Path:       metadataPath,
		PathParams: map[string]string{"instance_id": instanceID},
		Query: url.Values{
			"overwrite": {strconv.FormatBool(req.Overwrite)},
			"name":      {req.Name},
			"type":      {req.Type},
		},
		Body: req.Metadata,
	}, &raw)
	if err != nil {
		return nil, err
	}
	id, err := taskID(raw)
	if err != nil {
		return nil, fmt.Errorf("metadata: decoding the created task's id: %w", err)
	}
	return &CreateTaskResponse{ID: id}, nil
}

// taskID reads a task id from a plain-text body, a quoted string, or a JSON
// object {"id": …} (also "task_id" or "taskId").
func taskID(raw []byte) (string, error) {
	b := bytes.TrimSpace(raw)
	if len(b) == 0 || string(b) == "null" {
		return "", nil
	}
	switch b[0] {
	case '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return "", err
		}
		return strings.TrimSpace(s), nil
	case '{':
		var v struct {
			ID      string `json:"id"`
			TaskID  string `json:"task_id"`
			TaskID2 string `json:"taskId"`
		}
		if err := jsonx.Unmarshal(b, &v); err != nil {
			return "", err
		}
		for _, s := range []string{v.ID, v.TaskID, v.TaskID2} {
			if s != "" {
				return s, nil
			}
		}
		return "", nil
	}
	return string(b), nil
}

// ListTasksOptions filters and pages ListTasks (table 5-125). A nil
// *ListTasksOptions means the server's defaults.
type ListTasksOptions struct {
	// ID selects one task (GetTask is the simpler way).
	ID string
	// Type is the query type (table 5-125).
	Type string
	// Name narrows RabbitMQ listings: empty for vhosts, the vhost for its
	// exchanges, "vhost-exchange" for an exchange's queues (table 5-125).
	Name string
	// Limit is the page size, 1–50; 0 leaves it to the server
	// (ListTasksIter uses 50).
	Limit int
	// Offset is a 1-based PAGE NUMBER (not an item offset); 0 leaves it to
	// the server (the first page).
	Offset int
}

func (o *ListTasksOptions) validate() error {
	if o == nil {
		return nil
	}
	if err := check.Limit(o.Limit, maxLimit); err != nil {
		return err
	}
	if o.Offset < 0 {
		return check.Fail("offset", "is %d; it is a 1-based page number: 1 or more (0 for the first page)", o.Offset)
	}
	return nil
}

func (o *ListTasksOptions) values() url.Values {
	if o == nil {
		return nil
	}
	v := url.Values{}
	if o.ID != "" {
		v.Set("id", o.ID)
	}
	if o.Type != "" {
		v.Set("type", o.Type)
	}
	if o.Name != "" {
		v.Set("name", o.Name)
	}
	if o.Limit > 0 {
		v.Set("limit", strconv.Itoa(o.Limit))
	}
	if o.Offset > 0 {
		v.Set("offset", strconv.Itoa(o.Offset))
	}
	return v
}

// ListTasks returns one page of the instance's migration tasks.
// GET /v2/{project_id}/instances/{instance_id}/metadata (reference 5.6.2).
func (c *Client) ListTasks(ctx context.Context, instanceID string, opts *ListTasksOptions) (*ListTasksResponse, error) {
	if err := check.First(check.ID("instance_id", instanceID), opts.validate()); err != nil {
		return nil, err
	}
	var out ListTasksResponse
	_, err := c.do(ctx, &rocketmq.Request{
		Method:     http.MethodGet,
		Path:       metadataPath,
		PathParams: map[string]string{"instance_id": instanceID},
		Query:      opts.values(),
	}, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// ListTasksIter iterates over every migration task, page by page: pages of
// opts.Limit tasks (50 when 0), starting at page opts.Offset (page 1 when
// 0) and asking for the following page numbers. It stops at the response's
// total, after a short page when the response has no total, and on an
// empty page. opts is copied, never modified; an invalid opts yields one
// *rocketmq.ValidationError and nothing is sent.
// GET /v2/{project_id}/instances/{instance_id}/metadata (reference 5.6.2).
func (c *Client) ListTasksIter(ctx context.Context, instanceID string, opts *ListTasksOptions) iter.Seq2[Task, error] {
	if ctx == nil {
		ctx = context.Background()
	}
	var o ListTasksOptions
	if opts != nil {
		o = *opts
	}
	if o.Limit == 0 {
		o.Limit = defaultPageSize
	}
	if o.Offset == 0 {
		o.Offset = 1
	}
	if err := check.First(check.ID("instance_id", instanceID), o.validate()); err != nil {
		return func(yield func(Task, error) bool) { yield(Task{}, err) }
	}
	first := o.Offset
	return pager.Offsets(ctx, first, o.Limit, true, func(ctx context.Context, page, limit int) (pager.Page[Task], error) {
		p := o
		p.Offset, p.Limit = page, limit
		resp, err := c.ListTasks(ctx, instanceID, &p)
		if err != nil {
			return pager.Page[Task]{}, err
		}
		// The items before this page are (page-1)*limit: a total below
		// what was received is no total (stop on a short page then).
		return pager.Page[Task]{Items: resp.Tasks, Total: pager.Total(resp.Total, (page-1)*limit, len(resp.Tasks))}, nil
	})
}

// GetTask returns one migration task. The reference documents no response
// example for this mode; the listing's shape ({"total", "task": [...]}), a
// bare array and a single task object are all accepted. A response that does
// not contain the task is reported as an *rocketmq.APIError with StatusCode
// 404 and Code rocketmq.CodeMigrationTaskNotFound (rocketmq.IsNotFound
// reports true), like the service's own 400 answer with that code.
// GET /v2/{project_id}/instances/{instance_id}/metadata?id={task_id}
// (reference 5.6.2).
func (c *Client) GetTask(ctx context.Context, instanceID, taskID string) (*Task, error) {
	if err := check.First(check.ID("instance_id", instanceID), check.ID("task_id", taskID)); err != nil {
		return nil, err
	}
	var raw json.RawMessage
	resp, err := c.do(ctx, &rocketmq.Request{
		Method:     http.MethodGet,
		Path:       metadataPath,
		PathParams: map[string]string{"instance_id": instanceID},
		Query:      url.Values{"id": {taskID}},
	}, &raw)
	if err != nil {
		return nil, err
	}
	tasks, err := decodeTasks(raw)
	if err != nil {
		return nil, fmt.Errorf("metadata: decoding task %s: %w", taskID, err)
	}
	for i := range tasks {
		if tasks[i].ID == taskID {
			return &tasks[i], nil
		}
	}
	if len(tasks) == 1 && tasks[0].ID == "" {
		return &tasks[0], nil
	}
	return nil, &rocketmq.APIError{
		StatusCode: http.StatusNotFound,
		Code:       rocketmq.CodeMigrationTaskNotFound,
		Message:    fmt.Sprintf("the response does not contain migration task %q", taskID),
		RequestID:  resp.RequestID,
	}
}

// decodeTasks reads the tasks of a listing ({"task": [...]}), a bare array
// of tasks, or one task object.
func decodeTasks(raw []byte) ([]Task, error) {
	b := bytes.TrimSpace(raw)
	if len(b) == 0 || string(b) == "null" {
		return nil, nil
	}
	switch b[0] {
	case '{':
		var keys map[string]json.RawMessage
		if err := json.Unmarshal(b, &keys); err != nil {
			return nil, err
		}
		for k := range keys {
			if strings.EqualFold(k, "task") || strings.EqualFold(k, "total") {
				var list ListTasksResponse
				if err := jsonx.Unmarshal(b, &list); err != nil {
					return nil, err
				}
				return list.Tasks, nil
			}
		}
	case '[':
	default:
		return nil, fmt.Errorf("unexpected body %.64q", b)
	}
	var tasks []Task
	if err := jsonx.Unmarshal(b, &tasks); err != nil {
		return nil, err
	}
	return tasks, nil
}

// DeleteTasks deletes migration tasks; taskIDs lists at least one id,
// none empty. The service answers 200 with or without a body; both
// succeed, as does 204.
// DELETE /v2/{project_id}/instances/{instance_id}/metadata with
// {"taskIds": [...]} (reference 5.6.3).
func (c *Client) DeleteTasks(ctx context.Context, instanceID string, taskIDs []string) error {
	if err := check.ID("instance_id", instanceID); err != nil {
		return err
	}
	if len(taskIDs) == 0 {
		return check.Fail("taskIds", "must list at least one task id")
	}
	for i, id := range taskIDs {
		if strings.TrimSpace(id) == "" {
			return check.Fail(fmt.Sprintf("taskIds[%d]", i), "must not be empty")
		}
	}
	_, err := c.do(ctx, &rocketmq.Request{
		Method:     http.MethodDelete,
		Path:       metadataPath,
		PathParams: map[string]string{"instance_id": instanceID},
		Body:       deleteTasksBody{TaskIDs: taskIDs},
	}, nil)
	return err
}

// deleteTasksBody is the body of 5.6.3 (table 5-129).
type deleteTasksBody struct {
	TaskIDs []string `json:"taskIds"`
}

// do sends req through the SDK client; a nil or zero Client is refused.
func (c *Client) do(ctx context.Context, req *rocketmq.Request, out any) (*rocketmq.Response, error) {
	if c == nil || c.c == nil {
		return nil, check.Fail("client", "is nil; create it with New(*rocketmq.Client)")
	}
	return c.c.Do(ctx, req, out)
}

package metadata_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/metadata"
)

const (
	path   = "/v2/" + testutil.ProjectID + "/instances/" + testutil.InstanceID + "/metadata"
	taskID = "6cf4dcd3-8471-4139-8b5b-8a3a71f704c7"
)

func newClient(t *testing.T, calls ...testutil.Call) *metadata.Client {
	t.Helper()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, calls...)
	return metadata.New(c)
}

func TestCreateTaskReplaysExample(t *testing.T) {
	t.Parallel()
	doc := testutil.Fixture(t, "create_task.request.json")
	// QUIRKS rows 23, 24, 28: the body is the document itself, byte for
	// byte; the query carries name, overwrite and type; the answer is the
	// task id as plain text.
	c := newClient(t, testutil.Call{
		Method:   http.MethodPost,
		Path:     path,
		Query:    "name=task-932331847&overwrite=true&type=rabbitToRocket",
		RawBody:  doc,
		Response: testutil.Fixture(t, "create_task.response.txt"),
		Header:   http.Header{"Content-Type": {"text/plain"}},
	})
	req := &metadata.CreateTaskRequest{Name: "task-932331847", Type: metadata.TypeRabbitToRocket, Overwrite: true, Metadata: json.RawMessage(doc)}
	resp, err := c.CreateTask(context.Background(), testutil.InstanceID, req)
	require.NoError(t, err)
	assert.Equal(t, taskID, resp.ID)
	assert.Equal(t, doc, string(req.Metadata), "request unchanged")
}

func TestCreateTaskResponseForms(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct{ body, want string }{
		"json id":       {`{"id":"` + taskID + `"}`, taskID},
		"json task_id":  {`{"task_id":"` + taskID + `"}`, taskID},
		"json taskId":   {`{"taskId":"` + taskID + `"}`, taskID},
		"quoted string": {`"` + taskID + `"`, taskID},
		"text":          {"  " + taskID + "\r\n", taskID},
		"empty":         {"", ""},
		"empty object":  {"{}", ""},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := newClient(t, testutil.Call{
				Method: http.MethodPost, Path: path,
				Query:    "name=task_1-A&overwrite=false&type=rocketmq",
				RawBody:  ` {"topics":[]}`, // leading space kept: byte for byte
				Response: tc.body,
			})
			resp, err := c.CreateTask(context.Background(), testutil.InstanceID, &metadata.CreateTaskRequest{
				Name: "task_1-A", Type: metadata.TypeRocketMQ, Metadata: json.RawMessage(` {"topics":[]}`),
			})
			require.NoError(t, err)
			assert.Equal(t, tc.want, resp.ID)
		})
	}
}

func TestListTasksReplaysExample(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     path,
		Response: testutil.Fixture(t, "list_tasks.response.json"),
	})
	resp, err := c.ListTasks(context.Background(), testutil.InstanceID, nil)
	require.NoError(t, err)
	assert.Equal(t, &metadata.ListTasksResponse{
		Total: 1,
		Tasks: []metadata.Task{{
			ID:        taskID,
			Name:      "task-932331847",
			StartDate: "2023-03-13 19:43:32.12",
			Status:    "finished",
			Type:      "rabbitToRocket",
		}},
	}, resp)
}

func TestListTasksQuery(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodGet,
		Path:     path,
		Query:    "id=a%7Cb&limit=10&name=vhost1-exchange%251&offset=2&type=rocketmq",
		Response: `{"total":"12,","task":{"id":"a|b","name":"n"}}`,
	})
	resp, err := c.ListTasks(context.Background(), testutil.InstanceID, &metadata.ListTasksOptions{
		ID: "a|b", Type: "rocketmq", Name: "vhost1-exchange%1", Limit: 10, Offset: 2,
	})
	require.NoError(t, err)
	assert.Equal(t, int64(12), resp.Total)
	assert.Equal(t, []metadata.Task{{ID: "a|b", Name: "n"}}, resp.Tasks)
}

func TestGetTaskForms(t *testing.T) {
	t.Parallel()
	one := `{"id":"` + taskID + `","name":"task-932331847","start_date":"2023-03-13 19:43:32.12","status":"finished","type":"rabbitToRocket"}`
	other := `{"id":"other","name":"x"}`
	for name, body := range map[string]string{
		"listing":             `{"total":1,"task":[` + one + `]}`,
		"listing, two":        `{"total":2,"task":[` + other + `,` + one + `]}`,
		"listing, one object": `{"total":1,"task":` + one + `}`,
		"object":              one,
		"array":               `[` + other + `,` + one + `]`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := newClient(t, testutil.Call{Method: http.MethodGet, Path: path, Query: "id=" + taskID, Response: body})
			task, err := c.GetTask(context.Background(), testutil.InstanceID, taskID)
			require.NoError(t, err)
			assert.Equal(t, &metadata.Task{ID: taskID, Name: "task-932331847", StartDate: "2023-03-13 19:43:32.12", Status: "finished", Type: "rabbitToRocket"}, task)
		})
	}
}

func TestGetTaskNotInAnswerIsTaskNotFoundError(t *testing.T) {
	t.Parallel()
	for name, call := range map[string]testutil.Call{
		"empty listing": {Response: `{"total":0,"task":[]}`},
		"other task":    {Response: `{"total":1,"task":[{"id":"other"}]}`},
		"other object":  {Response: `{"id":"other","name":"x"}`},
		"empty body":    {},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			call.Method, call.Path, call.Query = http.MethodGet, path, "id=t%25%7C1"
			c := newClient(t, call)
			_, err := c.GetTask(context.Background(), testutil.InstanceID, "t%|1")
			var nf *metadata.TaskNotFoundError
			require.ErrorAs(t, err, &nf)
			assert.Equal(t, &metadata.TaskNotFoundError{InstanceID: testutil.InstanceID, TaskID: "t%|1", RequestID: "req-1"}, nf)
			assert.True(t, rocketmq.IsNotFound(err))
			assert.ErrorIs(t, err, rocketmq.ErrTaskNotFound)
			assert.NotErrorIs(t, err, rocketmq.ErrInstanceNotFound)
			// No answer said "not found": it is no *APIError.
			var apiErr *rocketmq.APIError
			assert.False(t, errors.As(err, &apiErr))
		})
	}
}

func TestGetTaskServiceRefusalStaysAPIError(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{Method: http.MethodGet, Path: path, Query: "id=t1", Status: http.StatusBadRequest,
		Response: `{"error_code":"DMS.00405011","error_msg":"The task does not exist."}`})
	_, err := c.GetTask(context.Background(), testutil.InstanceID, "t1")
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.Equal(t, rocketmq.CodeMigrationTaskNotFound, apiErr.Code)
	assert.True(t, rocketmq.IsNotFound(err))
	var nf *metadata.TaskNotFoundError
	assert.False(t, errors.As(err, &nf))
}

func TestGetTaskOddBody(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{Method: http.MethodGet, Path: path, Query: "id=x", Response: `oops`})
	_, err := c.GetTask(context.Background(), testutil.InstanceID, "x")
	require.Error(t, err)
	var apiErr *rocketmq.APIError
	assert.False(t, errors.As(err, &apiErr))
}

func TestDeleteTasksReplaysExample(t *testing.T) {
	t.Parallel()
	// QUIRKS row 25: the example has no body; table 5-129's is synthetic.
	doc := testutil.Fixture(t, "delete_tasks.request.json")
	c := newClient(t,
		testutil.Call{Method: http.MethodDelete, Path: path, Body: doc},
		testutil.Call{Method: http.MethodDelete, Path: path, Body: `{"taskIds":["a","b"]}`, Status: http.StatusNoContent},
		testutil.Call{Method: http.MethodDelete, Path: path, Body: `{"taskIds":["a"]}`, Response: `{"message":"ok"}`},
		testutil.Call{Method: http.MethodDelete, Path: path, Body: `{"taskIds":["a"]}`, Status: http.StatusBadRequest, Response: `{"error_code":"DMS.00405011","error_msg":"no such task"}`},
	)
	ctx := context.Background()
	require.NoError(t, c.DeleteTasks(ctx, testutil.InstanceID, []string{taskID}))
	require.NoError(t, c.DeleteTasks(ctx, testutil.InstanceID, []string{"a", "b"}))
	require.NoError(t, c.DeleteTasks(ctx, testutil.InstanceID, []string{"a"}))
	err := c.DeleteTasks(ctx, testutil.InstanceID, []string{"a"})
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.Equal(t, "req-4", apiErr.RequestID)
	assert.True(t, rocketmq.IsNotFound(err))
}

func TestValidation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	id := testutil.InstanceID
	valid := func() *metadata.CreateTaskRequest {
		return &metadata.CreateTaskRequest{Name: "task-1", Type: "rocketmq", Metadata: json.RawMessage(`{}`)}
	}
	create := func(f func(r *metadata.CreateTaskRequest)) func(c *metadata.Client) error {
		return func(c *metadata.Client) error {
			r := valid()
			f(r)
			_, err := c.CreateTask(ctx, id, r)
			return err
		}
	}
	cases := []struct {
		name  string
		field string
		call  func(c *metadata.Client) error
	}{
		{"create nil", "request", func(c *metadata.Client) error { _, err := c.CreateTask(ctx, id, nil); return err }},
		{"create no instance", "instance_id", func(c *metadata.Client) error { _, err := c.CreateTask(ctx, "", valid()); return err }},
		{"no name", "name", create(func(r *metadata.CreateTaskRequest) { r.Name = "" })},
		{"short name", "name", create(func(r *metadata.CreateTaskRequest) { r.Name = "abc" })},
		{"long name", "name", create(func(r *metadata.CreateTaskRequest) { r.Name = "a" + strings.Repeat("b", 64) })},
		{"name digit first", "name", create(func(r *metadata.CreateTaskRequest) { r.Name = "1task" })},
		{"name bad char", "name", create(func(r *metadata.CreateTaskRequest) { r.Name = "task.1" })},
		{"no type", "type", create(func(r *metadata.CreateTaskRequest) { r.Type = "" })},
		{"bad type", "type", create(func(r *metadata.CreateTaskRequest) { r.Type = "rabbitmq" })},
		{"no metadata", "metadata", create(func(r *metadata.CreateTaskRequest) { r.Metadata = nil })},
		{"blank metadata", "metadata", create(func(r *metadata.CreateTaskRequest) { r.Metadata = json.RawMessage(" \n") })},
		{"bad metadata", "metadata", create(func(r *metadata.CreateTaskRequest) { r.Metadata = json.RawMessage(`{"a":`) })},
		{"array metadata", "metadata", create(func(r *metadata.CreateTaskRequest) { r.Metadata = json.RawMessage(`[{}]`) })},
		{"string metadata", "metadata", create(func(r *metadata.CreateTaskRequest) { r.Metadata = json.RawMessage(`"{}"`) })},
		{"list no instance", "instance_id", func(c *metadata.Client) error { _, err := c.ListTasks(ctx, "", nil); return err }},
		{"list limit", "limit", func(c *metadata.Client) error {
			_, err := c.ListTasks(ctx, id, &metadata.ListTasksOptions{Limit: 51})
			return err
		}},
		{"list page", "offset", func(c *metadata.Client) error {
			_, err := c.ListTasks(ctx, id, &metadata.ListTasksOptions{Offset: -1})
			return err
		}},
		{"iter limit", "limit", func(c *metadata.Client) error {
			for _, err := range c.ListTasksIter(ctx, id, &metadata.ListTasksOptions{Limit: -5}) {
				return err
			}
			return nil
		}},
		{"iter page", "offset", func(c *metadata.Client) error {
			for _, err := range c.ListTasksIter(ctx, id, &metadata.ListTasksOptions{Offset: -1}) {
				return err
			}
			return nil
		}},
		{"get no instance", "instance_id", func(c *metadata.Client) error { _, err := c.GetTask(ctx, "", "t"); return err }},
		{"get no id", "task_id", func(c *metadata.Client) error { _, err := c.GetTask(ctx, id, " "); return err }},
		{"delete no instance", "instance_id", func(c *metadata.Client) error { return c.DeleteTasks(ctx, "", []string{"t"}) }},
		{"delete nil ids", "taskIds", func(c *metadata.Client) error { return c.DeleteTasks(ctx, id, nil) }},
		{"delete no ids", "taskIds", func(c *metadata.Client) error { return c.DeleteTasks(ctx, id, []string{}) }},
		{"delete empty id", "taskIds[1]", func(c *metadata.Client) error { return c.DeleteTasks(ctx, id, []string{"a", ""}) }},
		{"batch delete no instance", "instance_id", func(c *metadata.Client) error {
			_, err := c.BatchDeleteTasks(ctx, "", []string{"t"})
			return err
		}},
		{"batch delete nil ids", "task_ids", func(c *metadata.Client) error { _, err := c.BatchDeleteTasks(ctx, id, nil); return err }},
		{"batch delete blank id", "task_ids[0]", func(c *metadata.Client) error {
			_, err := c.BatchDeleteTasks(ctx, id, []string{" ", "a"})
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := newClient(t) // fails on any request
			err := tc.call(c)
			var ve *rocketmq.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Field)
		})
	}
}

func taskPage(total int, ids ...string) string {
	s := fmt.Sprintf(`{"total":%d,"task":[`, total)
	for i, id := range ids {
		if i > 0 {
			s += ","
		}
		s += `{"id":"` + id + `"}`
	}
	return s + "]}"
}

func ids(t *testing.T, seq func(func(metadata.Task, error) bool)) []string {
	t.Helper()
	var out []string
	for task, err := range seq {
		require.NoError(t, err)
		out = append(out, task.ID)
	}
	return out
}

func TestListTasksIter(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("nil options: page 1 of 50", func(t *testing.T) {
		t.Parallel()
		c := newClient(t, testutil.Call{Method: http.MethodGet, Path: path, Query: "limit=50&offset=1", Response: taskPage(2, "a", "b")})
		assert.Equal(t, []string{"a", "b"}, ids(t, c.ListTasksIter(ctx, testutil.InstanceID, nil)))
	})
	t.Run("pages 1, 2, 3 up to the total", func(t *testing.T) {
		t.Parallel()
		c := newClient(t,
			testutil.Call{Method: http.MethodGet, Path: path, Query: "limit=2&offset=1&type=rocketmq", Response: taskPage(6, "a", "b")},
			testutil.Call{Method: http.MethodGet, Path: path, Query: "limit=2&offset=2&type=rocketmq", Response: taskPage(6, "c", "d")},
			testutil.Call{Method: http.MethodGet, Path: path, Query: "limit=2&offset=3&type=rocketmq", Response: taskPage(6, "e", "f")},
		)
		opts := &metadata.ListTasksOptions{Type: "rocketmq", Limit: 2}
		assert.Equal(t, []string{"a", "b", "c", "d", "e", "f"}, ids(t, c.ListTasksIter(ctx, testutil.InstanceID, opts)))
		assert.Equal(t, &metadata.ListTasksOptions{Type: "rocketmq", Limit: 2}, opts, "caller's options unchanged")
	})
	t.Run("a total below what was received is ignored: a short page ends it", func(t *testing.T) {
		t.Parallel()
		c := newClient(t,
			testutil.Call{Method: http.MethodGet, Path: path, Query: "limit=2&offset=1", Response: taskPage(1, "a", "b")},
			testutil.Call{Method: http.MethodGet, Path: path, Query: "limit=2&offset=2", Response: taskPage(1, "c")},
		)
		assert.Equal(t, []string{"a", "b", "c"}, ids(t, c.ListTasksIter(ctx, testutil.InstanceID, &metadata.ListTasksOptions{Limit: 2})))
	})
	t.Run("starting at page 2 stops at the total", func(t *testing.T) {
		t.Parallel()
		c := newClient(t,
			testutil.Call{Method: http.MethodGet, Path: path, Query: "limit=2&offset=2", Response: taskPage(6, "c", "d")},
			testutil.Call{Method: http.MethodGet, Path: path, Query: "limit=2&offset=3", Response: taskPage(6, "e", "f")},
		)
		assert.Equal(t, []string{"c", "d", "e", "f"}, ids(t, c.ListTasksIter(ctx, testutil.InstanceID, &metadata.ListTasksOptions{Limit: 2, Offset: 2})))
	})
	t.Run("short page", func(t *testing.T) {
		t.Parallel()
		c := newClient(t,
			testutil.Call{Method: http.MethodGet, Path: path, Query: "limit=2&offset=1", Response: `{"task":[{"id":"a"},{"id":"b"}]}`},
			testutil.Call{Method: http.MethodGet, Path: path, Query: "limit=2&offset=2", Response: `{"task":[{"id":"c"}]}`},
		)
		assert.Equal(t, []string{"a", "b", "c"}, ids(t, c.ListTasksIter(ctx, testutil.InstanceID, &metadata.ListTasksOptions{Limit: 2})))
	})
	t.Run("break", func(t *testing.T) {
		t.Parallel()
		c := newClient(t, testutil.Call{Method: http.MethodGet, Path: path, Query: "limit=2&offset=1", Response: taskPage(9, "a", "b")})
		for range c.ListTasksIter(ctx, testutil.InstanceID, &metadata.ListTasksOptions{Limit: 2}) {
			break
		}
	})
	t.Run("error once", func(t *testing.T) {
		t.Parallel()
		c := newClient(t,
			testutil.Call{Method: http.MethodGet, Path: path, Query: "limit=2&offset=1", Response: taskPage(9, "a", "b")},
			testutil.Call{Method: http.MethodGet, Path: path, Query: "limit=2&offset=2", Status: http.StatusBadRequest, Response: `{"error_code":"DMS.40050010","error_msg":"Offset parameter is invalid"}`},
		)
		var got []string
		var errs []error
		for task, err := range c.ListTasksIter(ctx, testutil.InstanceID, &metadata.ListTasksOptions{Limit: 2}) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			got = append(got, task.ID)
		}
		assert.Equal(t, []string{"a", "b"}, got)
		require.Len(t, errs, 1)
		var apiErr *rocketmq.APIError
		require.ErrorAs(t, errs[0], &apiErr)
		assert.Equal(t, rocketmq.CodeOffsetInvalid, apiErr.Code)
	})
}

package metadata_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/metadata"
)

// TestOddBodiesOutcome: what each odd success body decodes to. CreateTask
// reads any text as the id (the service answers plain text); the lists
// read nothing readable as empty, and values of the wrong type as
// unreadable (empty) tasks; GetTask of an answer that does not list the
// task is a *metadata.TaskNotFoundError, of one task without an id that
// task; text that is not JSON is a decoding error of the JSON calls.
func TestOddBodiesOutcome(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	id := testutil.InstanceID
	const (
		notFound = iota
		emptyTask
	)
	for _, tc := range []struct {
		body     string
		createID string
		tasks    int
		total    int64
		get      int
		jsonErr  bool // ListTasks, GetTask and BatchDeleteTasks fail to decode
	}{
		{body: "", get: notFound},
		{body: "null", get: notFound},
		{body: "[]", createID: "[]", get: notFound},
		{body: "{}", get: notFound},
		{body: "[null]", createID: "[null]", tasks: 1, get: emptyTask},
		{body: `"x"`, createID: "x", get: notFound},
		{body: "123", createID: "123", get: notFound},
		{body: "plain", createID: "plain", jsonErr: true},
		{body: `{"task":null,"total":"x"}`, get: notFound},
		{body: `{"task":[null,1]}`, tasks: 2, get: notFound},
		{body: `{"id":{"a":1}}`, createID: `{"a":1}`, get: notFound},
		{body: `{"total":5}`, total: 5, get: notFound},
		{body: `[{"id":null}]`, createID: `[{"id":null}]`, tasks: 1, get: emptyTask},
	} {
		t.Run(tc.body, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t)
			mt.RegisterNoResponder(httpmock.NewStringResponder(200, tc.body))
			m := metadata.New(c)
			cr, err := m.CreateTask(ctx, id, &metadata.CreateTaskRequest{Name: "task", Type: "rocketmq", Metadata: json.RawMessage(`{}`)})
			require.NoError(t, err)
			assert.Equal(t, &metadata.CreateTaskResponse{ID: tc.createID}, cr)
			l, lErr := m.ListTasks(ctx, id, nil)
			g, gErr := m.GetTask(ctx, id, "x")
			b, bErr := m.BatchDeleteTasks(ctx, id, []string{"x"})
			if tc.jsonErr {
				for _, err := range []error{lErr, gErr, bErr} {
					require.Error(t, err)
					var apiErr *rocketmq.APIError
					assert.False(t, errors.As(err, &apiErr))
					assert.Contains(t, err.Error(), "decoding the response")
				}
				return
			}
			require.NoError(t, lErr)
			require.NoError(t, bErr)
			assert.Equal(t, tc.total, l.Total)
			require.Len(t, l.Tasks, tc.tasks)
			for _, task := range l.Tasks {
				assert.Equal(t, metadata.Task{}, task)
			}
			assert.Empty(t, b.SuccessTaskList)
			switch tc.get {
			case notFound:
				var nf *metadata.TaskNotFoundError
				require.ErrorAs(t, gErr, &nf)
				assert.True(t, rocketmq.IsNotFound(gErr))
			case emptyTask:
				require.NoError(t, gErr)
				assert.Equal(t, &metadata.Task{}, g)
			}
		})
	}
}

func TestNilClientIsValidationError(t *testing.T) {
	t.Parallel()
	err := metadata.New(nil).DeleteTasks(context.Background(), testutil.InstanceID, []string{"x"})
	var ve *rocketmq.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "client", ve.Field)
}

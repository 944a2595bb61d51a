package metadata_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/metadata"
)

func TestOddBodiesDoNotPanic(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	id := testutil.InstanceID
	for _, body := range []string{"", "null", "[]", "{}", "[null]", `"x"`, `"`, "123", "plain", `{"task":null,"total":"x"}`,
		`{"task":[null,1]}`, `{"id":{"a":1}}`, `{"total":5}`, `[{"id":null}]`} {
		c, mt := testutil.NewClient(t)
		mt.RegisterNoResponder(httpmock.NewStringResponder(200, body))
		m := metadata.New(c)
		_, _ = m.CreateTask(ctx, id, &metadata.CreateTaskRequest{Name: "task", Type: "rocketmq", Metadata: json.RawMessage(`{}`)})
		_, _ = m.ListTasks(ctx, id, nil)
		for range m.ListTasksIter(ctx, id, nil) {
		}
		_, _ = m.GetTask(ctx, id, "x")
		_ = m.DeleteTasks(ctx, id, []string{"x"})
	}
}

func TestNilClient(t *testing.T) {
	t.Parallel()
	for _, c := range []*metadata.Client{metadata.New(nil)} {
		err := c.DeleteTasks(context.Background(), testutil.InstanceID, []string{"x"})
		var ve *rocketmq.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, "client", ve.Field)
	}
}

package metadata_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/metadata"
)

func TestBatchDeleteTasksSendsTaskIDsAndDecodesSuccessList(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method:   http.MethodPost,
		Path:     path + "/batch-delete",
		Body:     `{"task_ids":["2c9c3a2b9a7e4f8b8f0d5a1e6b3c7d21","t%|2","gone"]}`,
		Response: testutil.Fixture(t, "batch_delete_tasks.response.json"),
	})
	var captured rocketmq.Response
	got, err := c.BatchDeleteTasks(context.Background(), testutil.InstanceID,
		[]string{"2c9c3a2b9a7e4f8b8f0d5a1e6b3c7d21", "t%|2", "gone"}, rocketmq.CaptureResponse(&captured))
	require.NoError(t, err)
	assert.Equal(t, &metadata.BatchDeleteTasksResponse{SuccessTaskList: []string{"2c9c3a2b9a7e4f8b8f0d5a1e6b3c7d21", "t%|2"}}, got)
	assert.Equal(t, http.StatusOK, captured.StatusCode)
}

func TestBatchDeleteTasksServiceError(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method: http.MethodPost, Path: path + "/batch-delete", Body: `{"task_ids":["a"]}`,
		Status: http.StatusBadRequest, Response: `{"error_code":"DMS.00405011","error_msg":"no such task"}`,
	})
	got, err := c.BatchDeleteTasks(context.Background(), testutil.InstanceID, []string{"a"})
	assert.Nil(t, got)
	assert.True(t, rocketmq.IsNotFound(err))
}

package tasks_test

import (
	"testing"

	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/tasks"
)

func newClient(t *testing.T, calls ...testutil.Call) *tasks.Client {
	t.Helper()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, calls...)
	return tasks.New(c)
}

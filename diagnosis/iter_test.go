package diagnosis_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dms-rocketmq/rocketmq-go/diagnosis"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

func collect(t *testing.T, seq func(func(diagnosis.ReportSummary, error) bool)) ([]string, error) {
	t.Helper()
	var ids []string
	for r, err := range seq {
		if err != nil {
			return ids, err
		}
		ids = append(ids, r.ReportID)
	}
	return ids, nil
}

func TestListIterFollowsTheTotal(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{
			Method: http.MethodGet, Path: reportsPath, Query: "limit=2&offset=1",
			Response: `{"diagnosis_report_list":[{"report_id":"r1"},{"report_id":"r2"}],"total_num":4}`,
		},
		testutil.Call{
			Method: http.MethodGet, Path: reportsPath, Query: "limit=2&offset=3",
			Response: `{"diagnosis_report_list":[{"report_id":"r3"}],"total_num":4}`,
		},
	)
	opts := &diagnosis.ListOptions{Limit: 2, Offset: 1}
	ids, err := collect(t, c.ListIter(context.Background(), testutil.InstanceID, opts))
	require.NoError(t, err)
	assert.Equal(t, []string{"r1", "r2", "r3"}, ids)
	assert.Equal(t, &diagnosis.ListOptions{Limit: 2, Offset: 1}, opts, "the caller's options are not changed")
}

func TestListIterUsesTheLargestPageByDefault(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method: http.MethodGet, Path: reportsPath, Query: "limit=50",
		Response: `{"diagnosis_report_list":[{"report_id":"r1"}],"total_num":1}`,
	})
	ids, err := collect(t, c.ListIter(context.Background(), testutil.InstanceID, nil))
	require.NoError(t, err)
	assert.Equal(t, []string{"r1"}, ids)
}

func TestListIterYieldsAnErrorOnce(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method: http.MethodGet, Path: reportsPath, Query: "limit=50", Status: http.StatusBadRequest,
		Response: `{"error_code":"DMS.00400062","error_msg":"Invalid request parameter."}`,
	})
	n := 0
	for _, err := range c.ListIter(context.Background(), testutil.InstanceID, nil) {
		n++
		require.Error(t, err)
	}
	assert.Equal(t, 1, n)
}

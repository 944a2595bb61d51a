package instances_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

// page answers a list call with instances named ids and a total.
func page(total string, ids ...string) string {
	items := make([]string, len(ids))
	for i, id := range ids {
		items[i] = fmt.Sprintf(`{"instance_id":%q,"name":"mq-%s","status":"RUNNING"}`, id, id)
	}
	if total == "" {
		return `{"instances":[` + strings.Join(items, ",") + `]}`
	}
	return `{"instances":[` + strings.Join(items, ",") + `],"instance_num":` + total + `}`
}

func listCall(query, response string) testutil.Call {
	return testutil.Call{Method: http.MethodGet, Path: rootPath, Query: query, Response: response}
}

func collect(t *testing.T, seq func(func(instances.Instance, error) bool)) ([]string, []error) {
	t.Helper()
	var ids []string
	var errs []error
	for inst, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, inst.InstanceID)
	}
	return ids, errs
}

func TestListIterNilOptions(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, listCall("engine=reliability&limit=50", page("2", "a", "b")))
	ids, errs := collect(t, instances.New(c).ListIter(ctx, nil))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"a", "b"}, ids)
}

// TestListIterPages: pages of the caller's Limit at growing offsets, the
// filters on every page, a short last page; the options are not modified.
func TestListIterPages(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt,
		listCall("engine=reliability&include_failure=true&limit=2&status=RUNNING", page("5", "a", "b")),
		listCall("engine=reliability&include_failure=true&limit=2&offset=2&status=RUNNING", page("5", "c", "d")),
		listCall("engine=reliability&include_failure=true&limit=2&offset=4&status=RUNNING", page(`"5"`, "e")),
	)
	opts := &instances.ListOptions{Status: "RUNNING", IncludeFailure: true, Limit: 2}
	before := *opts
	ids, errs := collect(t, instances.New(c).ListIter(ctx, opts))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"a", "b", "c", "d", "e"}, ids)
	assert.Equal(t, before, *opts)
}

// TestListIterStopsAtTotal: full pages up to instance_num, and no request
// past it (the service refuses an offset at the total).
func TestListIterStopsAtTotal(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt,
		listCall("engine=reliability&limit=2&offset=3", page("7", "d", "e")),
		listCall("engine=reliability&limit=2&offset=5", page("7", "f", "g")),
	)
	ids, errs := collect(t, instances.New(c).ListIter(ctx, &instances.ListOptions{Limit: 2, Offset: 3}))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"d", "e", "f", "g"}, ids)
}

// TestListIterNoTotal: an answer without instance_num goes on to a short
// (here empty) page.
func TestListIterNoTotal(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt,
		listCall("engine=reliability&limit=2", page("", "a", "b")),
		listCall("engine=reliability&limit=2&offset=2", page("", "c", "d")),
		listCall("engine=reliability&limit=2&offset=4", page("")),
	)
	ids, errs := collect(t, instances.New(c).ListIter(ctx, &instances.ListOptions{Limit: 2}))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"a", "b", "c", "d"}, ids)
}

func TestListIterBreak(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, listCall("engine=reliability&limit=2", page("10", "a", "b")))
	var ids []string
	for inst, err := range instances.New(c).ListIter(ctx, &instances.ListOptions{Limit: 2}) {
		require.NoError(t, err)
		ids = append(ids, inst.InstanceID)
		if len(ids) == 2 {
			break // at a page's end: no further request
		}
	}
	assert.Equal(t, []string{"a", "b"}, ids)
}

func TestListIterErrorOnce(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt,
		listCall("engine=reliability&limit=2", page("10", "a", "b")),
		testutil.Call{
			Method: http.MethodGet, Path: rootPath, Query: "engine=reliability&limit=2&offset=2",
			Status: http.StatusBadRequest, Response: `{"error_code":"DMS.40050010","error_msg":"Offset parameter is invalid"}`,
		},
	)
	ids, errs := collect(t, instances.New(c).ListIter(ctx, &instances.ListOptions{Limit: 2}))
	assert.Equal(t, []string{"a", "b"}, ids)
	require.Len(t, errs, 1)
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, errs[0], &apiErr)
	assert.Equal(t, "DMS.40050010", apiErr.Code)
}

// TestListIterCancel: a context cancelled between pages ends the iteration
// with the context's error, without another request.
func TestListIterCancel(t *testing.T) {
	t.Parallel()
	c, mt := testutil.NewClient(t)
	testutil.Expect(t, mt, listCall("engine=reliability&limit=2", page("10", "a", "b")))
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var ids []string
	var errs []error
	for inst, err := range instances.New(c).ListIter(cctx, &instances.ListOptions{Limit: 2}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, inst.InstanceID)
		cancel()
	}
	assert.Equal(t, []string{"a", "b"}, ids)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], context.Canceled)
}
